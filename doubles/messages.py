"""What the bot sent to the Discord double: which calls carry a message, and its body."""

from __future__ import annotations

import json

from doubles.discord_api import Call


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
