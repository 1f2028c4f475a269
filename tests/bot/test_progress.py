"""bot.progress: engine-thread progress becomes throttled edits on the event loop."""

from __future__ import annotations

import asyncio
import threading

from bot.progress import ProgressReporter


async def test_progress_from_a_thread_is_throttled_and_ends_with_the_summary():
    edits: list[tuple[str, bool]] = []
    loop_thread = threading.current_thread()

    async def edit(text: str) -> None:
        edits.append((text, threading.current_thread() is loop_thread))

    reporter = ProgressReporter(edit, asyncio.get_running_loop(), interval=60.0)

    def work() -> None:
        for done in range(0, 3401, 100):
            reporter.from_thread("embedding", done, 3400)

    await asyncio.to_thread(work)
    await reporter.finish("done")
    # One throttled edit (showing the latest figures when it ran), then the final text; all on the loop.
    assert len(edits) == 2 and all(on_loop for _, on_loop in edits)
    assert edits[0][0].startswith("Reindex: embedding ") and edits[0][0].endswith(" / 3,400 chunks")
    assert edits[1][0] == "done"


async def test_a_failing_edit_does_not_fail_the_reindex():
    async def edit(text: str) -> None:
        raise RuntimeError("discord down")

    reporter = ProgressReporter(edit, asyncio.get_running_loop(), interval=0)
    await asyncio.to_thread(reporter.from_thread, "loading", 1, 2)
    await reporter.finish("done")
    assert reporter.edits == []
