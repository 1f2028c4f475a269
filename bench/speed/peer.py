"""5. The peer: txtai indexing and searching the same chunk texts with the same model."""

from __future__ import annotations

import time

from bench import common as C
from bench.speed.parts import chunk_texts


def measure(config, questions: list[str]) -> dict:
    from index.documents import load_corpus
    from index.embedder import bundled_model_path

    try:
        from txtai import Embeddings
    except ImportError as e:
        return {"error": f"txtai not installed ({e}); pip install -e '.[bench]'"}
    docs = load_corpus(config.corpus_dir, config).documents
    texts = chunk_texts(docs, config)
    rss0 = C.rss_mb()
    t = C.Timer()
    emb = Embeddings(path=str(bundled_model_path()), content=True)
    load_s = t.lap()
    emb.index([(i, x, None) for i, x in enumerate(texts)])
    build_s = t.lap()
    for q in questions[:3]:
        emb.search(q, 10)
    lat = []
    for q in questions:
        t0 = time.perf_counter()
        emb.search(q, 10)
        lat.append((time.perf_counter() - t0) * 1000)
    return {
        "version": _version("txtai"),
        "chunks": len(texts),
        "model_load_s": round(load_s, 3),
        "build_s": round(build_s, 3),
        "chunks_per_s": round(len(texts) / build_s, 2) if build_s else 0.0,
        "search_p50_ms": round(C.percentile(lat, 50), 2),
        "search_p95_ms": round(C.percentile(lat, 95), 2),
        "questions": len(lat),
        "rss_before_mb": round(rss0, 1),
        "rss_after_mb": round(C.rss_mb(), 1),
        "peak_rss_mb": round(C.peak_rss_mb(), 1),
        "backend": type(getattr(emb, "ann", None)).__name__,
    }


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def task(config, spec: dict) -> dict:
    """txtai `Embeddings(content=True)` on the same chunk texts: build, search p50/p95, RSS."""
    return measure(config, spec["questions"])
