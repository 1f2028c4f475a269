"""THREAD_ANSWERS: a thread on the answer, or — without the permission — a plain reply and one
warning per channel (not one per question: the log must stay readable)."""

from __future__ import annotations

import logging

import discord

from bot.text import shorten

log = logging.getLogger(__name__)

THREAD_NAME_MAX = 100


class ThreadOpener:
    def __init__(self) -> None:
        self._warned: set[int] = set()

    async def open(self, channel: object, message: discord.Message, name: str) -> discord.Thread | None:
        """A thread on `message` in `channel` (a text channel; anything else has no threads)."""
        if not isinstance(channel, discord.TextChannel):
            return None
        try:
            return await channel.create_thread(name=shorten(" ".join(name.split()) or "Question", THREAD_NAME_MAX),
                                               message=discord.Object(id=message.id))
        except discord.HTTPException as exc:
            channel_id = channel.id
            if channel_id not in self._warned:
                self._warned.add(channel_id)
                log.warning("THREAD_ANSWERS: cannot open a thread in channel %s (%s %s: %s); answering "
                            "with plain replies there. Give the bot Create Public Threads to fix it.",
                            channel_id, exc.status, exc.code, exc.text)
            return None
