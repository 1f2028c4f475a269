"""A local Discord API double: v10 REST + gateway on 127.0.0.1, recording every request.

The real discord.py client talks to it once its REST base and gateway URL point here (see the
`double` fixture in `tests/bot/conftest.py`, or `bench/load.py`).
Tests inject gateway events (`send_interaction`, `send_message`) and assert on `calls`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from doubles.discord_api import payloads as p

log = logging.getLogger(__name__)
API = "/api/v10"


@dataclass
class Call:
    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any
    status: int = 200
    files: dict[str, bytes] = field(default_factory=dict)
    response: Any = None  # what the double answered (e.g. the message object with its id)
    at: float = field(default_factory=time.monotonic)  # when the request arrived


@dataclass
class SentInteraction:
    id: str
    token: str
    payload: dict


def _json(obj: Any, status: int = 200, headers: dict | None = None) -> web.Response:
    # Exactly "application/json": with a charset suffix discord.py treats the body as text.
    return web.Response(
        status=status, body=json.dumps(obj).encode(), headers={"Content-Type": "application/json", **(headers or {})}
    )


class DiscordDouble:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.unhandled: list[str] = []
        self.app_id = p.snowflake()
        self.guild_id = p.snowflake()
        self.channel_id = p.snowflake()
        self.other_channel_id = p.snowflake()
        self.mod_role_id = p.snowflake()
        self.bot_user = p.user(self.app_id, "Quotebot", bot=True)
        self.moderator = p.user(p.snowflake(), "mod")
        self.member = p.user(p.snowflake(), "alice")
        self.role_moderator = p.user(p.snowflake(), "rolemod")
        self.other_bot = p.user(p.snowflake(), "otherbot", bot=True)
        self.commands: dict[str, list[dict]] = {}
        self.attachments: dict[str, bytes] = {}
        self.identify: dict | None = None
        self.gateway_query: dict[str, str] = {}
        self.ready = asyncio.Event()
        self._rate_limits: list[tuple[str, re.Pattern, float, bool]] = []
        self._failures: list[list] = []  # [method, regex, status, body, remaining or None]
        self.heartbeat_interval_ms = 41250
        self.heartbeats: list[float] = []  # monotonic arrival time of every op 1
        self.resumes: list[dict] = []  # op 6 payloads
        self.identifies = 0
        self._ws: list[web.WebSocketResponse] = []
        self.threads: dict[str, dict] = {}  # threads the bot opened, by id
        # Gateway events a REST call causes (THREAD_CREATE), sent before its response.
        self.pending_events: list[tuple[str, dict]] = []
        self._seq = 0
        self._send_lock = asyncio.Lock()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # Lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/cdn/attachments/{id}/{name}", self._attachment)
        app.router.add_route("*", API + "/{tail:.*}", self._api)
        app.router.add_route("*", "/{tail:.*}", self._api)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        for ws in list(self._ws):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + API

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # Test helpers ------------------------------------------------------------------------

    def rate_limit_next(self, method: str, path_regex: str, retry_after: float = 0.2, *, global_: bool = False) -> None:
        """The next request matching `method` and `path_regex` (re.search) gets a 429."""
        self._rate_limits.append((method.upper(), re.compile(path_regex), retry_after, global_))

    def fail(self, method: str, path_regex: str, status: int, body: dict, times: int | None = None) -> None:
        """Requests matching `method` (a regex, e.g. "POST|PATCH") and `path_regex` get `status`
        with `body`: `times` of them, or all when None."""
        self._failures.append([re.compile(method), re.compile(path_regex), status, body, times])

    def expire_interaction(self, token: str) -> None:
        """Discord forgets an interaction token after 15 minutes: its webhook answers 404."""
        self.fail("POST|PATCH|GET", rf"^/webhooks/\d+/{re.escape(token)}", 404,
                  {"message": "Unknown Webhook", "code": 10015})

    def forbid_threads(self) -> None:
        """The bot lacks Create Public Threads: starting a thread on a message answers 403."""
        self.fail("POST", r"^/channels/\d+/messages/\d+/threads$", 403,
                  {"message": "Missing Permissions", "code": 50013})

    def forbid_channel(self, channel_id: str) -> None:
        """The bot lacks Send Messages in this channel."""
        self.fail("POST", rf"^/channels/{channel_id}/messages$", 403,
                  {"message": "Missing Permissions", "code": 50013})

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close every gateway connection with `code` (4000: unknown error, resumable)."""
        for ws in list(self._ws):
            await ws.close(code=code, message=b"double: dropped")

    def heartbeat_gaps(self) -> list[float]:
        return [b - a for a, b in zip(self.heartbeats, self.heartbeats[1:], strict=False)]

    def add_attachment(self, filename: str, data: bytes, content_type: str = "text/plain") -> dict:
        aid = p.snowflake()
        self.attachments[aid] = data
        url = f"{self.base_url}/cdn/attachments/{aid}/upload.bin"
        return {"id": aid, "filename": filename, "size": len(data), "url": url, "proxy_url": url,
                "content_type": content_type}

    async def dispatch(self, event: str, data: dict) -> None:
        async with self._send_lock:
            self._seq += 1
            for ws in list(self._ws):
                await ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    async def send_interaction(
        self,
        name: str,
        options: list[dict] | None = None,
        *,
        user: dict | None = None,
        member_roles: list[str] | None = None,
        permissions: int = p.MEMBER_PERMISSIONS,
        attachments: list[dict] | None = None,
        channel_id: str | None = None,
        dm: bool = False,
        guild_id: str | None = None,
        thread_parent: str | None = None,
        autocomplete: bool = False,
    ) -> SentInteraction:
        """A slash command (or, with `autocomplete`, the autocomplete request of the option
        marked `"focused": True`); `thread_parent`: sent in a thread under that channel."""
        await asyncio.wait_for(self.ready.wait(), 10)
        user = user or self.member
        data: dict[str, Any] = {"id": self._command_id(name), "name": name, "type": 1, "options": options or []}
        if attachments:
            data["resolved"] = {"attachments": {a["id"]: a for a in attachments}}
        payload = self._interaction(4 if autocomplete else 2, data, user, member_roles, permissions, channel_id)
        if thread_parent:
            payload["channel_id"] = payload["channel"]["id"] = channel_id or p.snowflake()
            payload["channel"] = p.thread_channel(payload["channel_id"], self.guild_id, thread_parent)
        if guild_id:  # a guild the bot never got a GUILD_CREATE for
            payload.update(guild_id=guild_id, authorizing_integration_owners={"0": guild_id})
            # A guild the client has no cache for: the channel must be complete enough to build.
            payload["channel"] = p.text_channel(payload["channel_id"], guild_id, "elsewhere", 0)
        if dm:  # a DM: no guild, a `user` instead of a `member`, a private channel
            for key in ("guild_id", "guild_locale", "member"):
                payload.pop(key)
            payload.update(user=user, context=1, authorizing_integration_owners={"1": user["id"]})
            payload["channel"] = {"id": payload["channel_id"], "type": 1, "recipients": [user]}
        await self.dispatch("INTERACTION_CREATE", payload)
        return SentInteraction(payload["id"], payload["token"], payload)

    async def send_context_menu(self, name: str, target: dict, *, user: dict | None = None,
                                permissions: int = p.MEMBER_PERMISSIONS) -> SentInteraction:
        """A message context menu command (right-click a message → Apps → `name`) on `target`,
        a message payload (e.g. what `send_message` returned)."""
        await asyncio.wait_for(self.ready.wait(), 10)
        data = {"id": self._command_id(name), "name": name, "type": 3, "target_id": target["id"],
                "resolved": {"messages": {target["id"]: target}}}
        payload = self._interaction(2, data, user or self.member, None, permissions, target["channel_id"])
        await self.dispatch("INTERACTION_CREATE", payload)
        return SentInteraction(payload["id"], payload["token"], payload)

    async def send_component(self, custom_id: str, message: dict, *, user: dict | None = None) -> SentInteraction:
        """A button press (a component interaction) on `message`, in the message's channel."""
        await asyncio.wait_for(self.ready.wait(), 10)
        data = {"custom_id": custom_id, "component_type": 2}
        channel = message.get("channel_id") if message.get("channel_id") in self._channel_ids() else None
        payload = self._interaction(3, data, user or self.member, None, p.MEMBER_PERMISSIONS, channel)
        payload["message"] = message
        await self.dispatch("INTERACTION_CREATE", payload)
        return SentInteraction(payload["id"], payload["token"], payload)

    async def send_message(
        self, content: str, *, author: dict | None = None, mentions: list[dict] | None = None,
        channel_id: str | None = None, reply_to: dict | None = None,
    ) -> dict:
        """A user's message; `reply_to` (a message object, e.g. a call's response) makes it a reply."""
        await asyncio.wait_for(self.ready.wait(), 10)
        author = author or self.member
        channel = channel_id or self.channel_id
        reference = None
        if reply_to is not None:
            reference = {"message_id": reply_to["id"], "channel_id": reply_to["channel_id"],
                         "guild_id": self.guild_id, "type": 0}
        msg = p.message(p.snowflake(), channel, self.guild_id, author, content,
                        mentions=mentions, reference=reference)
        if reply_to is not None:
            msg["referenced_message"] = reply_to
        msg["member"] = {k: v for k, v in p.member(author).items() if k != "user"}
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    def find(self, method: str, path_regex: str) -> list[Call]:
        rx = re.compile(path_regex)
        return [c for c in self.calls if c.method == method and rx.search(c.path)]

    async def wait_for(self, predicate, timeout: float = 10.0) -> Call:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for call in list(self.calls):
                if predicate(call):
                    return call
            await asyncio.sleep(0.02)
        raise AssertionError(f"no matching call within {timeout} s; calls: {[(c.method, c.path) for c in self.calls]}")

    def interaction_calls(self, interaction: SentInteraction) -> list[Call]:
        return [c for c in self.calls if interaction.token in c.path and c.status < 400]

    # Internals ---------------------------------------------------------------------------

    def _channel_ids(self) -> set[str]:
        return {self.channel_id, self.other_channel_id, *self.threads}

    def _command_id(self, name: str) -> str:
        for cmds in self.commands.values():
            for c in cmds:
                if c["name"] == name:
                    return c["id"]
        return p.snowflake()

    def _interaction(self, itype: int, data: dict, user: dict, roles, permissions: int, channel_id) -> dict:
        iid = p.snowflake()
        channel = channel_id or self.channel_id
        return {
            "id": iid,
            "application_id": self.app_id,
            "type": itype,
            "data": data,
            "token": f"tok{iid}",
            "version": 1,
            "guild_id": self.guild_id,
            "guild_locale": "en-US",
            "channel_id": channel,
            "channel": {"id": channel, "type": 0, "guild_id": self.guild_id, "name": "general"},
            "member": p.member(user, roles, permissions),
            "app_permissions": str(p.MEMBER_PERMISSIONS),
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": self.guild_id},
            "context": 0,
            "attachment_size_limit": 25 * 1024 * 1024,
        }

    def _guild_create(self) -> dict:
        roles = [p.role(self.guild_id, "@everyone", p.MEMBER_PERMISSIONS),
                 p.role(self.mod_role_id, "Moderators", p.MEMBER_PERMISSIONS, 1)]
        channels = [p.text_channel(self.channel_id, self.guild_id, "general", 0),
                    p.text_channel(self.other_channel_id, self.guild_id, "questions", 1)]
        members = [p.member(self.bot_user), p.member(self.moderator), p.member(self.member),
                   p.member(self.role_moderator, [self.mod_role_id]), p.member(self.other_bot)]
        return p.guild_create(self.guild_id, self.moderator["id"], roles, channels, members)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.gateway_query = dict(request.query)
        self._ws.append(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}, "s": None, "t": None})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                if frame["op"] == 2:
                    self.identify = frame["d"]
                    self.identifies += 1
                    await self._ready()
                elif frame["op"] == 6:
                    self.resumes.append(frame["d"])
                    await self.dispatch("RESUMED", {})
                elif frame["op"] == 1:
                    self.heartbeats.append(time.monotonic())
                    await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
        finally:
            self._ws.remove(ws)
        return ws

    async def _ready(self) -> None:
        me = {**self.bot_user, "verified": True, "mfa_enabled": False}
        await self.dispatch("READY", {
            "v": 10, "user": me, "guilds": [{"id": self.guild_id, "unavailable": True}],
            "session_id": "double-session", "resume_gateway_url": self.gateway_url, "shard": [0, 1],
            "application": {"id": self.app_id, "flags": 0}, "private_channels": [], "relationships": [],
        })
        await self.dispatch("GUILD_CREATE", self._guild_create())
        self.ready.set()

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self.attachments.get(request.match_info["id"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, headers={"Content-Type": "application/octet-stream"})

    async def _body(self, request: web.Request) -> tuple[Any, dict[str, bytes]]:
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/"):
            body, files = None, {}
            reader = await request.multipart()
            async for part in reader:
                raw = await part.read()
                if part.name == "payload_json":
                    body = json.loads(raw)
                else:
                    files[part.filename or part.name or "?"] = bytes(raw)
            return body, files
        raw = await request.read()
        return (json.loads(raw) if raw else None), {}

    async def _api(self, request: web.Request) -> web.StreamResponse:
        from doubles.discord_api.routes import (
            handle,  # routes need the double; kept in their own module
        )

        path = request.path.removeprefix(API)
        body, files = await self._body(request)
        call = Call(request.method, path, dict(request.query), body, 200, files)
        self.calls.append(call)
        for rule in self._failures:
            method_rx, rx, status, obj, remaining = rule
            if method_rx.fullmatch(request.method) and rx.search(path) and remaining != 0:
                if remaining is not None:
                    rule[4] = remaining - 1
                call.status, call.response = status, obj
                return _json(obj, status)
        for i, (method, rx, retry_after, global_) in enumerate(self._rate_limits):
            if method == request.method and rx.search(path):
                del self._rate_limits[i]
                call.status = 429
                headers = {"Retry-After": str(math.ceil(retry_after)), "Via": "1.1 google"}
                if global_:
                    headers["X-RateLimit-Global"] = "true"
                    headers["X-RateLimit-Scope"] = "global"
                else:
                    headers.update({
                        "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                        "X-RateLimit-Reset-After": str(retry_after), "X-RateLimit-Reset": str(time.time() + retry_after),
                        "X-RateLimit-Bucket": "double", "X-RateLimit-Scope": "user",
                    })
                return _json(
                    {"message": "You are being rate limited.", "retry_after": retry_after, "global": global_},
                    429, headers,
                )
        result = handle(self, call)
        if result is None:
            call.status = 404
            self.unhandled.append(f"{request.method} {path}")
            return _json({"message": "404: Not Found", "code": 0}, 404)
        status, obj = result
        call.status, call.response = status, obj
        while self.pending_events:
            await self.dispatch(*self.pending_events.pop(0))
        return web.Response(status=204) if status == 204 else _json(obj, status)
