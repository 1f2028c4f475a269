"""2. Incremental reindex: change one document, delete one, add one; what it embeds and costs."""

from __future__ import annotations

import time
from pathlib import Path

from bench import common as C
from bench.speed.parts import real_embedder


def measure(config, embedder, spare: list[str] | None = None, change_only: bool = False) -> dict:
    from index.engine import Engine

    engine = Engine.open(config, embedder, build_if_missing=False)
    before = engine.stats()
    changes = C.mutate_corpus(Path(config.corpus_dir), spare, change_only=change_only)
    t0 = time.perf_counter()
    summary = engine.reindex(started_by="bench incremental")
    wall = time.perf_counter() - t0
    state = engine.state
    after = engine.stats()
    expected = (0, 1, 0) if change_only else (1, 1, 1)
    consistent = (
        state.dense.ntotal == state.size == state.lexical.size
        and (len(summary.added), len(summary.changed), len(summary.removed)) == expected
        and not engine.is_stale()
    )
    return {
        "wall_s": round(wall, 3),
        "embedded_chunks": summary.embedded_chunks,
        "embedded_units": summary.embedded_units,
        "added": summary.added, "changed": summary.changed, "removed": summary.removed,
        "chunks_before": before["chunks"], "chunks_after": after["chunks"],
        "documents_before": before["documents"], "documents_after": after["documents"],
        "changes": changes,
        "consistent": bool(consistent),
    }


def task(config, spec: dict) -> dict:
    """On the corpus copy: one document edited, one deleted, one added, then `reindex()`
    (`"change_only": true` in the spec: one document edited and nothing else).

    The model is loaded before the clock starts, as in a serving bot's `/reindex`."""
    return measure(config, real_embedder(config), spec.get("spare"), bool(spec.get("change_only")))
