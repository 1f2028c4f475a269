"""The rows the question log writes, as typed records (no sqlite here)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

VOTES = ("up", "down", "wrong_speaker")


@dataclass(frozen=True, slots=True)
class LoggedQuote:
    doc_id: str
    start: int
    end: int
    speaker: str | None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One answered (or abstained) question. `answer_key` names the answer in its buttons'
    custom ids; the user id is hashed by the log, never stored as is."""

    answer_key: str
    asked_at: float  # unix time
    guild_id: int | None
    channel_id: int | None
    user_id: int
    question: str
    rewritten: str | None
    abstained: bool
    confidence: float
    latency_ms: float
    quotes: tuple[LoggedQuote, ...] = field(default_factory=tuple)
    message_id: int | None = None
