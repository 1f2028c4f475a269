"""Helpers for question log tests: a log in tmp_path with a controllable clock."""

from __future__ import annotations

import pytest

from bot.questionlog import AnswerRecord, LoggedQuote, QuestionLog
from bot.questionlog.store import LogConfig


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def record(key: str, question: str = "What did OHCHR say?", *, at: float = 1_700_000_000.0, user: int = 42,
           abstained: bool = False, guild: int | None = 1, latency: float = 100.0, **extra) -> AnswerRecord:
    quotes = () if abstained else (LoggedQuote("doc", 0, 10, "OHCHR"),)
    return AnswerRecord(answer_key=key, asked_at=at, guild_id=guild, channel_id=2, user_id=user, question=question,
                        rewritten=extra.pop("rewritten", None), abstained=abstained, confidence=0.5,
                        latency_ms=latency, quotes=quotes, message_id=extra.pop("message_id", 3))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def qlog(tmp_path, clock) -> QuestionLog:
    log = QuestionLog(tmp_path / "data" / "questions.sqlite3", LogConfig(retention_days=30), clock=clock)
    yield log
    log.close()
