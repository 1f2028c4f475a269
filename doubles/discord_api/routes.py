"""REST endpoints of the Discord double: each returns (status, json) or None when unhandled."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from doubles.discord_api import payloads as p

if TYPE_CHECKING:
    from doubles.discord_api.server import Call, DiscordDouble

Result = tuple[int, Any] | None


def _commands(d: DiscordDouble, call: Call, scope: str, guild_id: str | None) -> Result:
    if call.method == "GET":
        return 200, d.commands.get(scope, [])
    if call.method != "PUT":
        return None
    stored = []
    for cmd in call.json or []:
        # Discord answers context menus (type 2, 3) with an empty description.
        c = {"type": 1, "description": "", "options": [], "default_member_permissions": None, "nsfw": False, **cmd,
             "id": p.snowflake(), "application_id": d.app_id, "version": p.snowflake()}
        if guild_id:
            c["guild_id"] = guild_id
        stored.append(c)
    d.commands[scope] = stored
    return 200, stored


def _message_from(d: DiscordDouble, body: dict | None, channel_id: str, **extra) -> dict:
    body = body or {}
    return p.message(
        p.snowflake(), channel_id, d.guild_id, d.bot_user, body.get("content") or "",
        embeds=body.get("embeds"), flags=int(body.get("flags") or 0),
        components=body.get("components"), **extra,
    )


def _callback(d: DiscordDouble, call: Call, iid: str) -> Result:
    body = call.json or {}
    ctype = body.get("type")
    data = body.get("data") or {}
    flags = int(data.get("flags") or 0)
    interaction = {
        "id": iid, "type": 2, "activity_instance_id": None,
        "response_message_id": None, "response_message_loading": ctype == 5,
        "response_message_ephemeral": bool(flags & 64),
    }
    out: dict[str, Any] = {"interaction": interaction}
    if ctype in (4, 7):
        msg = _message_from(d, data, d.channel_id)
        interaction["response_message_id"] = msg["id"]
        out["resource"] = {"type": ctype, "message": msg}
    return 200, out


def _thread(d: DiscordDouble, call: Call, channel_id: str, message_id: str) -> Result:
    """Start a thread on a message: the thread channel, and its THREAD_CREATE on the gateway."""
    body = call.json or {}
    thread = p.thread_channel(message_id, d.guild_id, channel_id, d.bot_user["id"], body.get("name") or "")
    d.threads[thread["id"]] = thread
    d.pending_events.append(("THREAD_CREATE", {**thread, "newly_created": True}))
    return 201, thread


def handle(d: DiscordDouble, call: Call) -> Result:
    path, method = call.path, call.method
    if method == "GET" and path == "/users/@me":
        return 200, d.bot_user
    if method == "GET" and path == "/oauth2/applications/@me":
        return 200, p.application(d.app_id, d.moderator)
    if m := re.fullmatch(r"/applications/(\d+)/commands", path):
        return _commands(d, call, "global", None)
    if m := re.fullmatch(r"/applications/(\d+)/guilds/(\d+)/commands", path):
        return _commands(d, call, m.group(2), m.group(2))
    if method == "POST" and (m := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)):
        return _callback(d, call, m.group(1))
    if m := re.fullmatch(r"/webhooks/(\d+)/([^/]+)(/messages/(@original|\d+))?", path):
        if method == "DELETE":
            return 204, None
        webhook = {"webhook_id": m.group(1)}
        if method in ("POST", "PATCH", "GET"):
            return 200, _message_from(d, call.json, d.channel_id, **webhook)
        return None
    if method == "POST" and path == "/users/@me/channels":  # open a DM
        recipient = (call.json or {}).get("recipient_id")
        users = [u for u in (d.member, d.moderator, d.role_moderator) if u["id"] == str(recipient)]
        return 200, {"id": p.snowflake(), "type": 1, "last_message_id": None, "recipients": users}
    if method == "POST" and (m := re.fullmatch(r"/channels/(\d+)/typing", path)):
        return 204, None
    if method == "POST" and (m := re.fullmatch(r"/channels/(\d+)/messages/(\d+)/threads", path)):
        return _thread(d, call, m.group(1), m.group(2))
    if method == "POST" and (m := re.fullmatch(r"/channels/(\d+)/messages", path)):
        ref = (call.json or {}).get("message_reference")
        return 200, _message_from(d, call.json, m.group(1), reference=ref)
    return None
