"""Filtered dense search: FAISS id selection vs over-fetch, by filter selectivity.

    python bench/filters.py [--chunks 50000] [--dim 384] [--queries 100] [--k 50] [--hnsw]

Random unit vectors stand in for chunk embeddings (the cost of filtering does not depend on
what the vectors mean); the filter keeps a share of whole "documents" (runs of 8 chunks, as a
collection keeps whole documents). For each share it prints the p50 / p95 of one
`index.dense.search` call per method and its recall@k against exact search over the allowed
rows only. Nothing is written.
"""

from __future__ import annotations

import argparse
import logging
import time

import faiss
import numpy as np
from rich.console import Console
from rich.table import Table

from index import dense
from index.builder import make_dense

log = logging.getLogger(__name__)

SHARES = (0.5, 0.1, 0.01, 0.001)
CHUNKS_PER_DOC = 8


def unit_vectors(n: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def allowed_mask(n: int, share: float, rng: np.random.Generator) -> np.ndarray:
    docs = int(np.ceil(n / CHUNKS_PER_DOC))
    keep_docs = rng.random(docs) < share
    if not keep_docs.any():
        keep_docs[rng.integers(docs)] = True
    return np.repeat(keep_docs, CHUNKS_PER_DOC)[:n]


def exact(vectors: np.ndarray, queries: np.ndarray, ids: np.ndarray, k: int) -> list[set[int]]:
    scores = queries @ vectors[ids].T
    top = np.argsort(-scores, axis=1)[:, :k]
    return [set(ids[row].tolist()) for row in top]


def measure(index, queries, k, allowed, ids, method, truth) -> tuple[float, float, float]:
    times, recalls = [], []
    for q in range(queries.shape[0]):
        t = time.perf_counter()
        _, rows = dense.search(index, queries[q : q + 1], k, allowed=None if ids is None else allowed,
                               ids=ids, method=method)
        times.append((time.perf_counter() - t) * 1000)
        got = {int(i) for i in rows[0] if i >= 0}
        assert all(allowed[i] for i in got), "a filtered search returned a row outside the filter"
        recalls.append(len(got & truth[q]) / max(1, len(truth[q])))
    return float(np.percentile(times, 50)), float(np.percentile(times, 95)), float(np.mean(recalls))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, default=50_000)
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--k", type=int, default=50, help="candidates per query (RetrievalConfig.candidates)")
    ap.add_argument("--hnsw", action="store_true", help="also the approximate index used above 200,000 chunks")
    args = ap.parse_args()
    faiss.omp_set_num_threads(1)  # one query at a time, as the bot's worker threads run them
    rng = np.random.default_rng(7)
    vectors = unit_vectors(args.chunks, args.dim, rng)
    queries = unit_vectors(args.queries, args.dim, rng)
    kinds = [("flat", make_dense(vectors, args.dim, approximate_above=args.chunks))]
    if args.hnsw:
        t = time.perf_counter()
        kinds.append(("hnsw", make_dense(vectors, args.dim, approximate_above=0)))
        log.info("HNSW built in %.1f s", time.perf_counter() - t)
    table = Table(title=f"Filtered dense search: {args.chunks:,} chunks, dim {args.dim}, k={args.k}, "
                        f"{args.queries} queries, 1 thread")
    for col in ("index", "allowed", "method", "p50 ms", "p95 ms", f"recall@{args.k}"):
        table.add_column(col, justify="right")
    for name, index in kinds:
        for q in range(3):  # warm-up
            index.search(queries[q : q + 1], args.k)
        base = measure(index, queries, args.k, np.ones(args.chunks, bool), None, "selector",
                       exact(vectors, queries, np.arange(args.chunks), args.k))
        table.add_row(name, "100% (no filter)", "-", f"{base[0]:.2f}", f"{base[1]:.2f}", f"{base[2]:.3f}")
        for share in SHARES:
            allowed = allowed_mask(args.chunks, share, rng)
            ids = np.flatnonzero(allowed).astype(np.int64)
            truth = exact(vectors, queries, ids, args.k)
            for method in dense.FILTER_METHODS:
                p50, p95, recall = measure(index, queries, args.k, allowed, ids, method, truth)
                table.add_row(name, f"{allowed.mean():.1%}", method, f"{p50:.2f}", f"{p95:.2f}", f"{recall:.3f}")
    Console().print(table)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
