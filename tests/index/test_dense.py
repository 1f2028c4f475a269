"""Dense search restricted to a filter's rows: every method returns only allowed rows, the best ones."""

from __future__ import annotations

import numpy as np
import pytest

from index import dense
from index.builder import make_dense

N, DIM, K = 3000, 32, 10


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    v = np.random.default_rng(3).standard_normal((N, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def exact_top(vectors, query, allowed, k):
    ids = np.flatnonzero(allowed)
    order = np.argsort(-(vectors[ids] @ query))[:k]
    return ids[order].tolist()


@pytest.mark.parametrize("method", dense.FILTER_METHODS)
@pytest.mark.parametrize("share", [0.5, 0.05, 0.002])
def test_flat_index_gives_the_best_allowed_rows(vectors, method, share):
    index = make_dense(vectors, DIM, approximate_above=N)
    allowed = np.random.default_rng(int(share * 1000)).random(N) < share
    queries = vectors[:3] + 0.01
    _, rows = dense.search(index, queries, K, allowed=allowed, method=method)
    for q in range(3):
        got = [int(i) for i in rows[q] if i >= 0]
        assert got == exact_top(vectors, queries[q], allowed, K)


@pytest.mark.parametrize("method", dense.FILTER_METHODS)
def test_a_small_selection_of_an_hnsw_index_is_searched_exactly(vectors, method):
    index = make_dense(vectors, DIM, approximate_above=0)
    allowed = np.zeros(N, bool)
    allowed[::97] = True  # 31 rows, well under EXACT_BELOW
    _, rows = dense.search(index, vectors[:1], K, allowed=allowed, method=method)
    assert rows[0].tolist() == exact_top(vectors, vectors[0], allowed, K)


def test_an_empty_selection_returns_nothing(vectors):
    index = make_dense(vectors, DIM, approximate_above=N)
    scores, rows = dense.search(index, vectors[:2], K, allowed=np.zeros(N, bool))
    assert (rows == -1).all()


def test_fewer_allowed_rows_than_k_are_all_returned(vectors):
    index = make_dense(vectors, DIM, approximate_above=N)
    allowed = np.zeros(N, bool)
    allowed[[5, 50, 500]] = True
    _, rows = dense.search(index, vectors[:1], K, allowed=allowed, method="overfetch")
    assert sorted(int(i) for i in rows[0] if i >= 0) == [5, 50, 500]


def test_a_capped_search_restores_faiss_threads(vectors):
    import faiss

    index = make_dense(vectors, DIM, approximate_above=N)
    before = faiss.omp_get_max_threads()
    capped = dense.search(index, vectors[:3], K, threads=1)
    assert faiss.omp_get_max_threads() == before
    assert (capped[1] == index.search(vectors[:3], K)[1]).all()
