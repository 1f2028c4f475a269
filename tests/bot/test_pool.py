"""bot.pool: bounded, off-loop execution; a clear Busy when full."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.pool import Busy, WorkerPool


async def test_runs_off_the_event_loop_thread():
    pool = WorkerPool(1, 1)
    name = await pool.run(lambda: threading.current_thread().name)
    assert name != threading.current_thread().name
    pool.shutdown()


async def test_full_pool_says_busy_and_recovers():
    pool = WorkerPool(1, 1)
    gate = threading.Event()
    running = [asyncio.create_task(pool.run(gate.wait, 5)) for _ in range(2)]
    await asyncio.sleep(0.05)
    with pytest.raises(Busy, match="busy"):
        await pool.run(lambda: 1)
    gate.set()
    await asyncio.gather(*running)
    assert await pool.run(lambda: 2) == 2
    pool.shutdown()
