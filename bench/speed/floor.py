"""1b. The physical floor: a bare SentenceTransformer.encode of the build's chunk texts, and
the engine's encode wrapper against it on the same sample."""

from __future__ import annotations

import time

import numpy as np

from bench import common as C
from bench.speed.parts import bare_encode_fn, chunk_texts, real_embedder, torch_threads


def measure(config, embedder) -> dict:
    from index.documents import load_corpus

    docs = load_corpus(config.corpus_dir, config).documents
    texts = chunk_texts(docs, config)
    encode = bare_encode_fn(embedder, config.batch_size)
    t0 = time.perf_counter()
    if texts:
        np.asarray(encode(texts), dtype=np.float32)
    seconds = time.perf_counter() - t0
    return {
        "wrapper_vs_bare": wrapper_vs_bare(embedder, config.batch_size, texts),
        "documents": len(docs),
        "chunks": len(texts),
        "chars": sum(len(x) for x in texts),
        "floor_encode_s": round(seconds, 3),
        "floor_chunks_per_s": round(len(texts) / seconds, 2) if seconds else 0.0,
        "peak_rss_mb": round(C.peak_rss_mb(), 1),
        "batch_size": config.batch_size,
        "torch_threads": torch_threads(),
    }


def build_ratio(build: dict, floor: dict) -> float | None:
    """Full build wall time over the bare encode of the same chunks (1.0 = the physical floor)."""
    seconds = floor.get("floor_encode_s") or 0
    return round(build["wall_s"] / seconds, 3) if seconds and "wall_s" in build else None


def embedding_ratio(build: dict, floor: dict) -> float | None:
    """The build's own chunk-embedding stage over the bare encode: the wrapper and cache cost."""
    seconds = floor.get("floor_encode_s") or 0
    embedding = build.get("stages_s", {}).get("embedding")
    return round(embedding / seconds, 3) if seconds and embedding else None


def wrapper_vs_bare(embedder, batch_size: int, texts: list[str], sample: int = 192) -> dict:
    """The engine's `encode` vs the bare encode on the same sample, interleaved A B B A so a
    changing machine load hits both equally: the wrapper's own overhead, free of drift."""
    if not texts:
        return {}
    step = max(1, len(texts) // sample)
    part = texts[::step][:sample]
    bare = bare_encode_fn(embedder, batch_size)
    engine_s, bare_s = 0.0, 0.0
    for which in ("engine", "bare", "bare", "engine"):
        t0 = time.perf_counter()
        if which == "engine":
            embedder.encode(part, batch_size=batch_size)
            engine_s += time.perf_counter() - t0
        else:
            bare(part)
            bare_s += time.perf_counter() - t0
    return {"texts": len(part), "engine_s": round(engine_s, 3), "bare_s": round(bare_s, 3),
            "ratio": round(engine_s / bare_s, 3) if bare_s else None}


def task(config, spec: dict) -> dict:
    """The bare encode of the same chunk texts the builder makes (the floor a build is held to)."""
    return measure(config, real_embedder(config))
