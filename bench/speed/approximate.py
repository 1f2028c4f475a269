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
