"""6. HNSW vs exact search on the same vectors: Recall@10 and single-query p50 by efSearch."""

from __future__ import annotations

import time

from bench import common as C

EF_SEARCH = (16, 32, 64, 128, 256)


def measure(state, embedder, questions: list[str]) -> dict:
    """`state`: a loaded index (its dense vectors are the ones compared)."""
    import faiss
    import numpy as np

    from index import builder

    n, dim = state.size, embedder.dim
    vectors = state.dense.reconstruct_n(0, n)
    uniq = list(dict.fromkeys(questions))
    queries = np.asarray(embedder.encode(uniq), dtype=np.float32)
    k = min(10, n)
    exact = faiss.IndexFlatIP(dim)
    exact.add(vectors)
    _, truth = exact.search(queries, k)
    t0 = time.perf_counter()
    approx = builder.make_dense(vectors, dim, approximate_above=0)
    build_s = time.perf_counter() - t0

    def single_p50(index) -> float:
        lat = []
        for i in range(len(queries)):
            t = time.perf_counter()
            index.search(queries[i : i + 1], k)
            lat.append((time.perf_counter() - t) * 1000)
        return round(C.percentile(lat, 50), 4)

    rows = []
    for ef in EF_SEARCH:
        approx.hnsw.efSearch = ef
        _, got = approx.search(queries, k)
        recall = np.mean([len(set(a) & set(b)) / k for a, b in zip(got, truth, strict=True)])
        rows.append({"ef_search": ef, "recall_at_10": round(float(recall), 4), "p50_ms": single_p50(approx)})
    return {"vectors": n, "queries": len(uniq), "build_s": round(build_s, 3),
            "exact_p50_ms": single_p50(exact), "by_ef": rows}


def answer_key(answer) -> tuple:
    """What a user sees of an answer: abstained or not, and which spans it quotes, in order."""
    return (answer.abstained, tuple((q.doc_id, q.start, q.end) for q in answer.quotes))


def answers(engine, questions: list[str], ef_search: int) -> dict:
    """The same questions answered over exact search and over HNSW (at `ef_search`) built from
    the same vectors: how many answers change, and ask/search p50 with each.

    The HNSW index replaces the loaded state's dense index in place (the searcher reads it per
    question), so everything else — BM25, fusion, the composer — is the same objects."""
    from index import builder

    state = engine.state
    exact = state.dense

    def run() -> tuple[list[tuple], list[float], list[float]]:
        keys, ask, search = [], [], []
        for q in questions:
            t = time.perf_counter()
            keys.append(answer_key(engine.ask(q)))
            ask.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            engine.retrieve(q, k=10)
            search.append((time.perf_counter() - t) * 1000)
        return keys, ask, search

    exact_keys, exact_ask, exact_search = run()
    approx = builder.make_dense(exact.reconstruct_n(0, state.size), exact.d, approximate_above=0)
    approx.hnsw.efSearch = ef_search
    state.dense = approx
    try:
        hnsw_keys, hnsw_ask, hnsw_search = run()
    finally:
        state.dense = exact
    pairs = list(zip(exact_keys, hnsw_keys, strict=True))
    return {
        "ef_search": ef_search,
        "questions": len(questions),
        "same_answer": sum(a == b for a, b in pairs),
        "same_first_quote": sum(a[1][:1] == b[1][:1] and a[0] == b[0] for a, b in pairs),
        "abstention_changed": sum(a[0] != b[0] for a, b in pairs),
        "exact": {"ask_p50_ms": round(C.percentile(exact_ask, 50), 2),
                  "ask_p95_ms": round(C.percentile(exact_ask, 95), 2),
                  "search_p50_ms": round(C.percentile(exact_search, 50), 2)},
        "hnsw": {"ask_p50_ms": round(C.percentile(hnsw_ask, 50), 2),
                 "ask_p95_ms": round(C.percentile(hnsw_ask, 95), 2),
                 "search_p50_ms": round(C.percentile(hnsw_search, 50), 2)},
    }
