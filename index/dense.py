"""Dense (FAISS) search restricted to some chunks: id selection inside FAISS, or over-fetch.

Two ways to search only the chunks a filter lets through (`RetrievalConfig.filter_method`):
- "selector": FAISS skips the other ids itself (`SearchParameters(sel=IDSelectorBatch)`), so
  the k results are the k best allowed chunks in one call.
- "overfetch": search for more than k, drop what the filter refuses, and search again with a
  larger k until k are allowed or the whole index was searched.
`bench/filters.py` measures both (latency and recall against exact filtered search).
"""

from __future__ import annotations

import logging

import faiss
import numpy as np

log = logging.getLogger(__name__)

FILTER_METHODS = ("selector", "overfetch")
# Over-fetch grows k by this factor per round.
OVERFETCH_GROWTH = 4
# An approximate (HNSW) index loses most of its recall under a selective filter (its graph
# walk meets few allowed nodes: recall@50 0.14 at 0.1% allowed, bench/filters.py); a
# selection this small is searched exactly instead, from the vectors HNSW stores.
EXACT_BELOW = 4096


def _params(index: faiss.Index, ids: np.ndarray) -> faiss.SearchParameters:
    selector = faiss.IDSelectorBatch(ids)
    if isinstance(index, faiss.IndexHNSW):
        # efSearch must cover k; keep the index's own value (set at build time).
        params = faiss.SearchParametersHNSW(sel=selector, efSearch=index.hnsw.efSearch)
    else:
        params = faiss.SearchParameters(sel=selector)
    params._selector = selector  # keep the selector alive as long as the parameters
    return params


def search(
    index: faiss.Index, queries: np.ndarray, k: int, allowed: np.ndarray | None = None,
    ids: np.ndarray | None = None, method: str = "selector", threads: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """(scores, ids) like `index.search`; with `allowed` (a bool mask over rows, `ids` its
    flatnonzero) only allowed rows are returned, -1 padding where fewer than k exist.
    `threads` > 0 caps FAISS's OpenMP threads during this search (in the calling thread only,
    and restored after it: a build later in the same thread keeps every core)."""
    if threads <= 0:
        return _search(index, queries, k, allowed, ids, method)
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(threads)
    try:
        return _search(index, queries, k, allowed, ids, method)
    finally:
        faiss.omp_set_num_threads(before)


def _search(
    index: faiss.Index, queries: np.ndarray, k: int, allowed: np.ndarray | None,
    ids: np.ndarray | None, method: str,
) -> tuple[np.ndarray, np.ndarray]:
    if allowed is None:
        return index.search(queries, k)
    if ids is None:
        ids = np.flatnonzero(allowed).astype(np.int64)
    k = max(1, min(k, len(ids))) if len(ids) else 1
    if len(ids) == 0:
        n = queries.shape[0]
        return np.full((n, k), -np.inf, np.float32), np.full((n, k), -1, np.int64)
    if isinstance(index, faiss.IndexHNSW) and len(ids) <= EXACT_BELOW:
        return _exact(index, queries, k, ids)
    if method == "selector":
        return index.search(queries, k, params=_params(index, ids))
    if method == "overfetch":
        return _overfetch(index, queries, k, allowed)
    raise ValueError(f"unknown filter method {method!r}; use one of {FILTER_METHODS}")


def _exact(index: faiss.Index, queries: np.ndarray, k: int, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    vectors = index.reconstruct_batch(ids)
    scores = queries @ vectors.T
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(scores, top, axis=1).astype(np.float32), ids[top]


def _overfetch(index: faiss.Index, queries: np.ndarray, k: int, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n, total = queries.shape[0], index.ntotal
    # Start where, if the allowed rows were spread evenly, k of them would come back.
    share = max(allowed.mean(), 1e-9)
    fetch = min(total, max(k, int(np.ceil(k / share * 1.5))))
    while True:
        scores, rows = index.search(queries, fetch)
        out_s = np.full((n, k), -np.inf, np.float32)
        out_i = np.full((n, k), -1, np.int64)
        short = False
        for q in range(n):
            valid = rows[q] >= 0
            keep = valid.copy()
            keep[valid] = allowed[rows[q][valid]]
            got_i, got_s = rows[q][keep][:k], scores[q][keep][:k]
            out_i[q, : len(got_i)], out_s[q, : len(got_s)] = got_i, got_s
            short |= len(got_i) < k
        if not short or fetch >= total:
            return out_s, out_i
        fetch = min(total, fetch * OVERFETCH_GROWTH)
