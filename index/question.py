"""What makes a question acceptable: the one length check and its one message.

The engine calls `clean_question` on every question; the bot only mirrors the limit to Discord
(the option's `max_length`), so a client that skips Discord's check still gets this message.
"""

from __future__ import annotations

import logging
import unicodedata

from index.errors import BadQuestion

log = logging.getLogger(__name__)

EMPTY_QUESTION = "Please ask a question — the message was empty."


def too_long(length: int, limit: int) -> str:
    return f"Questions are limited to {limit:,} characters (this one has {length:,})."


def clean_question(question: str, max_chars: int) -> str:
    """`question` with format characters dropped and whitespace collapsed; BadQuestion if it is
    empty or longer than `max_chars`."""
    # Zero-width and bidi controls (format characters) carry no words.
    q = "".join(ch for ch in (question or "") if unicodedata.category(ch) != "Cf")
    q = " ".join(q.split())
    if not q:
        raise BadQuestion(EMPTY_QUESTION)
    if len(q) > max_chars:
        raise BadQuestion(too_long(len(q), max_chars))
    return q
