"""Assertions every payload the bot sent must pass: Discord's limits, no pings, no secrets."""

from __future__ import annotations

import json
import re

from doubles.discord_api import Call, DiscordDouble
from tests.bot.helpers import is_message_payload, message_body, text_of

RAW_MENTION = re.compile(r"<@[!&]?\d+>|@everyone|@here")


def check_payload(call: Call) -> None:
    body = message_body(call)
    assert body.get("allowed_mentions", {}).get("parse") == [], (call.path, body.get("allowed_mentions"))
    content = body.get("content") or ""
    embeds = body.get("embeds") or []
    assert len(content) <= 2000 and len(embeds) <= 10
    total = 0
    for e in embeds:
        assert len(e.get("title", "")) <= 256 and len(e.get("description", "")) <= 4096
        fields = e.get("fields", [])
        assert len(fields) <= 25
        assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in fields)
        total += len(e.get("title", "")) + len(e.get("description", "")) + len(e.get("footer", {}).get("text", ""))
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= 6000
    assert not RAW_MENTION.search(text_of(call)), text_of(call)


def check_all(double: DiscordDouble, secret: str) -> list[Call]:
    payloads = [c for c in double.calls if is_message_payload(c)]
    for call in payloads:
        check_payload(call)
    for call in double.calls:
        assert secret not in json.dumps(call.json) + json.dumps(call.response) + call.path
    return payloads
