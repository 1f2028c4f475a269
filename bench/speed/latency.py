"""3. Warm ask latency in-process, after start-up and after the typo index is ready."""

from __future__ import annotations

import time

from bench import common as C
from bench.speed import approximate
from bench.speed.parts import serving_embedder

STAGES = ("expand", "embed", "dense", "bm25", "fusion", "compose", "total")
WARM_UP = ("What did the minister say?", "climate", "Who was detained?")


def measure(config, embedder, label: str, n_questions: int, hnsw: bool = False,
            answers_ef: int | None = None) -> dict:
    from index.engine import Engine

    t0 = time.perf_counter()
    engine = Engine.open(config, embedder, build_if_missing=False)
    open_s = time.perf_counter() - t0
    engine.wait_ready()
    ready_s = time.perf_counter() - t0
    questions = C.make_questions(engine.state.docs, label, n_questions)
    for q in WARM_UP:
        engine.ask(q)  # first-call allocations, not part of the figures
    totals, stages, abstained = [], {s: [] for s in STAGES}, 0
    for q in questions:
        t = time.perf_counter()
        ans = engine.ask(q)
        totals.append((time.perf_counter() - t) * 1000)
        abstained += bool(ans.abstained)
        for s in STAGES:
            stages[s].append(float(ans.timings_ms.get(s, 0.0)))
    search = []
    for q in questions:
        t = time.perf_counter()
        engine.retrieve(q, k=10)
        search.append((time.perf_counter() - t) * 1000)
    out = {
        "questions": len(questions),
        "unique_questions": len(set(questions)),
        "chunks": engine.state.size,
        "index_type": engine.stats().get("index_type"),
        "query_backend": engine.stats().get("query_backend"),
        "open_s": round(open_s, 3),
        "typo_ready_s": round(ready_s, 3),
        "p50_ms": round(C.percentile(totals, 50), 2),
        "p95_ms": round(C.percentile(totals, 95), 2),
        "mean_ms": round(sum(totals) / len(totals), 2),
        "max_ms": round(max(totals), 2),
        "stage_p50_ms": {s: round(C.percentile(v, 50), 2) for s, v in stages.items()},
        "stage_p95_ms": {s: round(C.percentile(v, 95), 2) for s, v in stages.items()},
        "search_p50_ms": round(C.percentile(search, 50), 2),
        "abstained": abstained,
        "rss_mb": round(C.rss_mb(), 1),
    }
    out["p95_over_p50"] = round(out["p95_ms"] / out["p50_ms"], 2) if out["p50_ms"] else 0.0
    out["query_embed"] = query_embed_threads(embedder, questions)
    if hnsw:
        out["hnsw"] = approximate.measure(engine.state, embedder, questions)
    if answers_ef:
        out["hnsw_answers"] = approximate.answers(engine, questions, answers_ef)
    return out


def query_embed_threads(embedder, questions: list[str], n: int = 40) -> dict:
    """Single-query embedding with torch's default threads vs one thread, interleaved."""
    try:
        import torch
    except ImportError:
        return {}
    default = torch.get_num_threads()
    lat: dict[int, list[float]] = {default: [], 1: []}
    try:
        for q in list(dict.fromkeys(questions))[:n]:
            for th in (default, 1):
                torch.set_num_threads(th)
                t0 = time.perf_counter()
                embedder.encode_query(q)
                lat[th].append((time.perf_counter() - t0) * 1000)
    finally:
        torch.set_num_threads(default)
    return {f"threads_{th}_p50_ms": round(C.percentile(v, 50), 2) for th, v in lat.items()}


def task(config, spec: dict) -> dict:
    """≥ 200 questions through `engine.ask` (and `retrieve` alone); HNSW beside it if asked
    (`"hnsw": true` for recall by efSearch, `"answers_ef": 256` for the answers it changes)."""
    return measure(config, serving_embedder(config), spec["label"], spec["questions"],
                   spec.get("hnsw", False), spec.get("answers_ef"))
