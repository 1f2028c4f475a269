"""A bounded worker pool for CPU-bound engine calls, so the event loop (and heartbeat) never stalls."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TypeVar

from index.errors import QuotebotError

log = logging.getLogger(__name__)
T = TypeVar("T")


class Busy(QuotebotError):
    def __init__(self) -> None:
        super().__init__("I'm busy answering other questions — try again in a moment.")


class WorkerPool:
    """At most `workers` calls run at once and at most `queue` more wait; beyond that, `Busy`."""

    def __init__(self, workers: int, queue: int, executor: Executor | None = None) -> None:
        self.workers = workers
        self.queue = queue
        self._own = executor is None
        self.executor = executor or ThreadPoolExecutor(workers, thread_name_prefix="quotebot-answer")
        self.in_flight = 0

    async def run(self, fn: Callable[..., T], /, *args, **kwargs) -> T:
        if self.in_flight >= self.workers + self.queue:
            log.warning("worker pool full (%d in flight)", self.in_flight)
            raise Busy()
        self.in_flight += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))
        finally:
            self.in_flight -= 1

    def shutdown(self) -> None:
        if self._own:
            self.executor.shutdown(wait=False, cancel_futures=True)
