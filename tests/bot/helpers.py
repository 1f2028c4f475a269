"""Small helpers for end-to-end bot tests."""

from __future__ import annotations

import asyncio
import json
import sqlite3

from tests.double import Call, DiscordDouble, SentInteraction

STRING, BOOLEAN, ATTACHMENT = 3, 5, 11


def opt(name: str, value, type_: int = STRING) -> dict:
    return {"name": name, "type": type_, "value": value}


def text_of(call: Call) -> str:
    """Everything a message payload would display: content and embeds."""
    body = call.json or {}
    body = body.get("data", body) if "type" in body and "data" in body else body
    return json.dumps({"content": body.get("content"), "embeds": body.get("embeds")}, ensure_ascii=False)


def is_message_payload(call: Call) -> bool:
    if call.status >= 400 or call.json is None:
        return False
    if call.path.endswith("/callback"):
        return call.json.get("type") in (4, 7)
    return call.method in ("POST", "PATCH") and ("/webhooks/" in call.path or call.path.endswith("/messages"))


def message_body(call: Call) -> dict:
    return call.json["data"] if call.path.endswith("/callback") else call.json


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
