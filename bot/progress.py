"""Reindex progress reported from the engine's thread as throttled edits of one Discord message."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable

from bot.render import progress_line

log = logging.getLogger(__name__)


class ProgressReporter:
    """`from_thread` is handed to `Engine.reindex`; edits reach Discord at most every `interval` s."""

    def __init__(
        self,
        edit: Callable[[str], Awaitable[object]],
        loop: asyncio.AbstractEventLoop,
        *,
        interval: float = 2.0,
        prefix: str = "",
    ) -> None:
        self._edit = edit
        self._loop = loop
        self.interval = interval
        self.prefix = prefix
        self._lock = threading.Lock()
        self._latest: str | None = None
        self._last_sent = float("-inf")
        self._task: asyncio.Task | None = None
        self.edits: list[str] = []

    def from_thread(self, stage: str, done: int, total: int) -> None:
        """Called by the engine in its worker thread: never touches Discord from here."""
        with self._lock:
            self._latest = progress_line(stage, done, total)
            now = time.monotonic()
            if now - self._last_sent < self.interval:
                return
            self._last_sent = now
        self._loop.call_soon_threadsafe(self._kick)

    def _kick(self) -> None:
        if self._task is None or self._task.done():
            self._task = self._loop.create_task(self._flush())

    async def _flush(self) -> None:
        with self._lock:
            text, self._latest = self._latest, None
        if text:
            await self._send(self.prefix + text)

    async def _send(self, text: str) -> None:
        try:
            await self._edit(text)
            self.edits.append(text)
        except Exception as exc:  # a failed progress edit must never fail the reindex
            log.warning("progress edit failed: %s", exc)

    async def finish(self, text: str) -> None:
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
        await self._send(text)
