"""1. A full build: wall time, rates, memory and size, and the builder's own stage timings."""

from __future__ import annotations

import time

from bench import common as C
from bench.speed.parts import StageClock, real_embedder, torch_threads
from index.build_stages import EMBEDDING_STAGES


def measure(config, embedder) -> dict:
    from index.engine import Engine
    from index.store import current_path

    rss_before = C.rss_mb()
    engine = Engine(config, embedder)
    clock = StageClock()
    t0 = time.perf_counter()
    summary = engine.reindex(full=True, progress=clock, started_by="bench")
    end = time.perf_counter()
    clock.note_memory()  # what the last stage left
    wall = end - t0
    stages = clock.seconds(end)
    non_embed = sum(v for k, v in stages.items() if k not in EMBEDDING_STAGES)
    path = current_path(config.index_dir)
    return {
        "wall_s": round(wall, 3),
        "summary_seconds": summary.seconds,
        "documents": summary.documents,
        "chunks": summary.chunks,
        "embedded_chunks": summary.embedded_chunks,
        "embedded_units": summary.embedded_units,
        "docs_per_s": round(summary.documents / wall, 2) if wall else 0.0,
        "chunks_per_s": round(summary.chunks / wall, 2) if wall else 0.0,
        "stages_s": stages,
        "non_embed_s": round(non_embed, 3),
        "index_bytes": C.dir_size(path) if path else 0,
        "index_type": engine.stats().get("index_type"),
        "query_backend": engine.stats().get("query_backend"),
        "rss_before_mb": round(rss_before, 1),
        "peak_rss_mb": round(C.peak_rss_mb(), 1),
        "stage_rss_mb": clock.rss_mb,
        "batch_size": config.batch_size,
        "torch_threads": torch_threads(),
    }


def task(config, spec: dict) -> dict:
    """A full build into a fresh index folder, timed stage by stage through the progress hook.

    `"embedder": "hash"` builds with bench/incremental.py's hashing embedder: the same index
    shape with no model, so the memory figures are the build's own data structures."""
    if spec.get("embedder") == "hash":
        from bench.incremental import HashEmbedder

        return measure(config, HashEmbedder())
    return measure(config, real_embedder(config))
