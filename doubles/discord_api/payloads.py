"""Discord API v10 payloads (as documented) for the local double."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
_counter = itertools.count()

# Permission bits.
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | (1 << 31)  # + use application commands
MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD


def snowflake() -> str:
    """A snowflake for *now*: discord.py computes interaction expiry from it."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((ms << 22) | (next(_counter) & 0x3FFFFF))


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def user(uid: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": uid,
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
        "flags": 0,
        "public_flags": 0,
    }


def member(u: dict, roles: list[str] | None = None, permissions: int | None = None) -> dict[str, Any]:
    m: dict[str, Any] = {
        "user": u,
        "roles": list(roles or []),
        "joined_at": now_iso(),
        "nick": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
    }
    if permissions is not None:
        m["permissions"] = str(permissions)
    return m


def application(app_id: str, owner: dict) -> dict[str, Any]:
    return {
        "id": app_id,
        "name": "Quotebot",
        "icon": None,
        "description": "",
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "00" * 32,
        "flags": 0,
        "team": None,
        "rpc_origins": [],
    }


def role(rid: str, name: str, permissions: int, position: int = 0) -> dict[str, Any]:
    return {
        "id": rid,
        "name": name,
        "color": 0,
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def text_channel(cid: str, guild_id: str, name: str, position: int) -> dict[str, Any]:
    return {
        "id": cid,
        "type": 0,
        "guild_id": guild_id,
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "topic": None,
        "parent_id": None,
        "rate_limit_per_user": 0,
        "last_message_id": None,
    }


def thread_channel(tid: str, guild_id: str, parent_id: str, owner_id: str | None = None,
                   name: str = "follow-up") -> dict[str, Any]:
    """A public thread (type 11); a thread started on a message has that message's id. Also what
    an interaction in a thread carries as its `channel`."""
    return {
        "id": tid,
        "type": 11,
        "guild_id": guild_id,
        "parent_id": parent_id,
        "owner_id": owner_id or snowflake(),
        "name": name,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "flags": 0,
        "thread_metadata": {"archived": False, "auto_archive_duration": 1440,
                            "archive_timestamp": now_iso(), "locked": False},
    }


def guild_create(guild_id: str, owner_id: str, roles: list[dict], channels: list[dict], members: list[dict]) -> dict:
    return {
        "id": guild_id,
        "name": "Test guild",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": owner_id,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": roles,
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "joined_at": now_iso(),
        "large": False,
        "unavailable": False,
        # Must equal the members sent, or the client waits for chunks that never come.
        "member_count": len(members),
        "members": members,
        "channels": channels,
        "threads": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def message(
    mid: str,
    channel_id: str,
    guild_id: str | None,
    author: dict,
    content: str = "",
    *,
    embeds: list | None = None,
    mentions: list[dict] | None = None,
    flags: int = 0,
    reference: dict | None = None,
    webhook_id: str | None = None,
    components: list | None = None,
) -> dict[str, Any]:
    m: dict[str, Any] = {
        "id": mid,
        "channel_id": channel_id,
        "author": author,
        "content": content or "",
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": mentions or [],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds or [],
        "pinned": False,
        "type": 19 if reference else 0,
        "flags": flags,
        "components": components or [],
    }
    if guild_id:
        m["guild_id"] = guild_id
    if reference:
        m["message_reference"] = reference
    if webhook_id:
        m["webhook_id"] = webhook_id
    return m
