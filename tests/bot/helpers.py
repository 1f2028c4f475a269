"""Small helpers for end-to-end bot tests."""

from __future__ import annotations

import asyncio
import sqlite3

from doubles.discord_api import Call, DiscordDouble, SentInteraction
from doubles.messages import is_message_payload, message_body, text_of  # noqa: F401 (re-exported for tests)

STRING, BOOLEAN, ATTACHMENT = 3, 5, 11


def opt(name: str, value, type_: int = STRING) -> dict:
    return {"name": name, "type": type_, "value": value}


async def followup(double: DiscordDouble, it: SentInteraction, timeout: float = 5) -> Call:
    return await double.wait_for(
        lambda c: c.method == "POST" and c.path.startswith("/webhooks/") and it.token in c.path
        and c.status == 200, timeout,
    )


async def refusal(double: DiscordDouble, it: SentInteraction, timeout: float = 5) -> dict:
    """The ephemeral message an interaction was answered with (callback type 4 or a followup)."""
    call = await double.wait_for(
        lambda c: it.token in c.path and c.status == 200 and is_message_payload(c), timeout
    )
    return message_body(call)


async def logged(path, n: int = 1) -> None:
    """Wait until the log holds `n` questions (it is written just after the answer is sent)."""
    for _ in range(250):
        if path.exists():
            with sqlite3.connect(path) as conn:
                try:
                    if conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0] >= n:
                        return
                except sqlite3.OperationalError:  # created, not yet migrated
                    pass
        await asyncio.sleep(0.02)
    raise AssertionError("the question was never logged")
