"""What the bot understood, shown above a rewritten follow-up's answer: `→ What did OHCHR say about torture?`."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.render import Message
from bot.text import CONTENT_MAX, escaped_within

log = logging.getLogger(__name__)

UNDERSTOOD_MAX = 600


def understood_line(question: str) -> str:
    return f"→ {escaped_within(question, UNDERSTOOD_MAX)}"


def with_understood(messages: list[Message], question: str) -> list[Message]:
    if not messages:
        return messages
    first = messages[0]
    line = understood_line(question)
    content = f"{line}\n{first.content}" if first.content else line
    if len(content) > CONTENT_MAX:  # the answer's own content comes first: keep it whole
        return [Message(content=line), *messages]
    return [replace(first, content=content), *messages[1:]]
