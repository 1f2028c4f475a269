"""The task registry: each measurement by name, run in its own worker process by `run_task`."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from bench.speed import build, cold, floor, incremental, latency, peer, sweep
from bench.speed.parts import make_config

Task = Callable[[object, dict], dict]

TASKS: dict[str, Task] = {
    "build": build.task,
    "floor": floor.task,
    "sweep": sweep.task,
    "incremental": incremental.task,
    "latency": latency.task,
    "cold": cold.task,
    "txtai": peer.task,
}


def describe() -> dict[str, str]:
    """Task name → the first line of what it measures (for --list)."""
    return {name: (fn.__doc__ or "").strip().splitlines()[0] for name, fn in TASKS.items()}


def run_task(name: str, spec: dict) -> dict:
    """One measurement in this process; `spec` holds the corpus/index folders and its options."""
    if name not in TASKS:
        raise SystemExit(f"unknown task {name!r}; known: {', '.join(TASKS)}")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    config = make_config(spec["corpus_dir"], spec["index_dir"], spec.get("batch_size"), spec.get("query_backend"))
    t0 = time.perf_counter()
    out = TASKS[name](config, spec)
    out["task_s"] = round(time.perf_counter() - t0, 3)
    return out
