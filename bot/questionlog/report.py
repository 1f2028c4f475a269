"""`/report` and `quotebot report`: what was asked, answered, missed and voted down.

`build_report` reads the log into a typed `Report`; `report_lines` renders it as markdown lines
(Discord and the terminal both show them); `Report.to_json` is `quotebot report --json`.
"""

from __future__ import annotations

import logging
import sqlite3
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from bot.questionlog.store import DAY, QuestionLog

log = logging.getLogger(__name__)

TOP = 10


@dataclass(frozen=True, slots=True)
class Flagged:
    """An answer people voted down or said had the wrong speaker."""

    question: str
    votes: int
    link: str | None  # a jump link to the answer, when the log knows its message


@dataclass(frozen=True, slots=True)
class Report:
    days: float
    guild_id: int | None
    questions: int = 0
    answered: int = 0
    abstained: int = 0
    p50_latency_ms: float | None = None
    unanswered: list[tuple[str, int]] = field(default_factory=list)
    downvoted: list[Flagged] = field(default_factory=list)
    wrong_speaker: list[Flagged] = field(default_factory=list)
    upvotes: int = 0
    downvotes: int = 0

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.questions if self.questions else None

    @property
    def abstain_rate(self) -> float | None:
        return self.abstained / self.questions if self.questions else None

    def to_json(self) -> dict:
        out = asdict(self)
        out["unanswered"] = [{"question": q, "times": n} for q, n in self.unanswered]
        out.update(answer_rate=self.answer_rate, abstain_rate=self.abstain_rate)
        return out


def jump_link(guild_id: str | None, channel_id: str | None, message_id: str | None) -> str | None:
    if not channel_id or not message_id:
        return None
    return f"https://discord.com/channels/{guild_id or '@me'}/{channel_id}/{message_id}"


def _flagged(conn: sqlite3.Connection, where: str, args: list, vote: str) -> list[Flagged]:
    rows = conn.execute(
        f"SELECT COALESCE(q.rewritten, q.question), COUNT(*), q.guild_id, q.channel_id, q.message_id "
        f"FROM feedback f JOIN questions q ON q.id = f.question_id WHERE {where} AND f.vote = ? "
        f"GROUP BY q.id ORDER BY COUNT(*) DESC, q.asked_at DESC LIMIT {TOP}",
        [*args, vote],
    ).fetchall()
    return [Flagged(r[0], r[1], jump_link(r[2], r[3], r[4])) for r in rows]


def _query(conn: sqlite3.Connection, days: float, guild_id: int | None, now: float) -> Report:
    where, args = "q.asked_at >= ?", [now - days * DAY]
    if guild_id is not None:
        where += " AND q.guild_id = ?"
        args.append(str(guild_id))
    total, abstained = conn.execute(
        f"SELECT COUNT(*), COALESCE(SUM(q.abstained), 0) FROM questions q WHERE {where}", args
    ).fetchone()
    latencies = [r[0] for r in conn.execute(f"SELECT q.latency_ms FROM questions q WHERE {where}", args)]
    unanswered = conn.execute(
        f"SELECT COALESCE(q.rewritten, q.question) AS asked, COUNT(*) FROM questions q "
        f"WHERE {where} AND q.abstained = 1 GROUP BY lower(asked) ORDER BY COUNT(*) DESC, MAX(q.asked_at) DESC "
        f"LIMIT {TOP}", args,
    ).fetchall()
    votes = dict(conn.execute(
        f"SELECT f.vote, COUNT(*) FROM feedback f JOIN questions q ON q.id = f.question_id WHERE {where} "
        f"GROUP BY f.vote", args,
    ).fetchall())
    return Report(
        days=days, guild_id=guild_id, questions=total, answered=total - abstained, abstained=abstained,
        p50_latency_ms=round(statistics.median(latencies), 1) if latencies else None,
        unanswered=[(q, n) for q, n in unanswered],
        downvoted=_flagged(conn, where, args, "down"),
        wrong_speaker=_flagged(conn, where, args, "wrong_speaker"),
        upvotes=votes.get("up", 0), downvotes=votes.get("down", 0),
    )


def build_report(log_: QuestionLog, days: float, guild_id: int | None = None) -> Report | None:
    """The last `days` days of one guild (or all); None when the log cannot be read."""
    now = log_.clock()
    return log_.read("build a report", lambda conn: _query(conn, days, guild_id, now))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _flag_line(f: Flagged, escape: Callable[[str], str]) -> str:
    where = f" — {f.link}" if f.link else ""
    return f"- {escape(f.question)} ({f.votes}){where}"


def report_lines(report: Report, escape: Callable[[str], str] = str) -> list[str]:
    """Markdown lines; `escape` neutralises markdown in the users' questions (Discord passes one)."""
    days = f"{report.days:g} day" + ("" if report.days == 1 else "s")
    lines = [f"**Questions in the last {days}: {report.questions}**"]
    if not report.questions:
        return [*lines, "Nothing was asked in that time."]
    p50 = "–" if report.p50_latency_ms is None else f"{report.p50_latency_ms:,.0f} ms"
    lines.append(f"Answered {report.answered} ({_pct(report.answer_rate)}) · abstained {report.abstained} "
                 f"({_pct(report.abstain_rate)}) · p50 latency {p50} · 👍 {report.upvotes} · 👎 {report.downvotes}")
    sections = (
        ("Top unanswered questions (what the corpus lacks)", [f"- {escape(q)} (×{n})" for q, n in report.unanswered]),
        ("Downvoted answers", [_flag_line(f, escape) for f in report.downvoted]),
        ("Wrong speaker reports", [_flag_line(f, escape) for f in report.wrong_speaker]),
    )
    for title, items in sections:
        lines.append(f"**{title}**")
        lines.extend(items or ["- none"])
    return lines
