"""bot.questionlog.report: counts, rates, p50, unanswered, downvotes and wrong-speaker reports."""

from __future__ import annotations

from bot.questionlog.report import build_report, jump_link, report_lines
from bot.questionlog.store import DAY
from tests.bot.questionlog.conftest import record


def _session(qlog, clock):
    qlog.record(record("a", "What did OHCHR say?", latency=100, message_id=11))
    qlog.record(record("b", "zebra lasagna", abstained=True, latency=300))
    qlog.record(record("c", "Zebra lasagna", abstained=True, latency=200))
    qlog.record(record("d", "who is fano", abstained=True, latency=400))
    qlog.record(record("e", "and about torture?", rewritten="What did OHCHR say about torture?", message_id=12))
    qlog.record(record("old", "ancient", at=clock.now - 8 * DAY))
    qlog.record(record("elsewhere", "other guild", guild=99))
    qlog.vote("a", 1, "down")
    qlog.vote("a", 2, "down")
    qlog.vote("e", 1, "wrong_speaker")
    qlog.vote("e", 2, "up")


def test_report_counts_one_guild_in_the_window(qlog, clock):
    _session(qlog, clock)
    report = build_report(qlog, days=7, guild_id=1)
    assert (report.questions, report.answered, report.abstained) == (5, 2, 3)
    assert report.abstain_rate == 3 / 5
    assert report.p50_latency_ms == 200.0  # of 100, 300, 200, 400, 100
    assert (report.upvotes, report.downvotes) == (1, 2)


def test_unanswered_questions_are_grouped_case_insensitively(qlog, clock):
    _session(qlog, clock)
    report = build_report(qlog, days=7, guild_id=1)
    assert report.unanswered[0][1] == 2 and report.unanswered[0][0].lower() == "zebra lasagna"
    assert report.unanswered[1] == ("who is fano", 1)


def test_flagged_answers_carry_jump_links_and_the_rewritten_question(qlog, clock):
    _session(qlog, clock)
    report = build_report(qlog, days=7, guild_id=1)
    assert [(f.question, f.votes, f.link) for f in report.downvoted] == [
        ("What did OHCHR say?", 2, "https://discord.com/channels/1/2/11")]
    assert [f.question for f in report.wrong_speaker] == ["What did OHCHR say about torture?"]


def test_all_guilds_when_none_is_given(qlog, clock):
    _session(qlog, clock)
    assert build_report(qlog, days=7).questions == 6
    assert build_report(qlog, days=30).questions == 7


def test_report_lines_name_every_section_and_escape_questions(qlog, clock):
    qlog.record(record("x", "why *bold*?", abstained=True))
    lines = report_lines(build_report(qlog, days=7), escape=lambda t: t.replace("*", "\\*"))
    text = "\n".join(lines)
    assert "Top unanswered questions" in text and "why \\*bold\\*? (×1)" in text
    assert "Downvoted answers" in text and "Wrong speaker reports" in text


def test_an_empty_window_says_so(qlog):
    assert report_lines(build_report(qlog, days=1))[-1] == "Nothing was asked in that time."


def test_a_dm_link_uses_me():
    assert jump_link(None, "5", "6") == "https://discord.com/channels/@me/5/6"
