"""index.unit_similarity: the same similarities whichever way the product is taken."""

from __future__ import annotations

import numpy as np
import pytest

from index.unit_similarity import UnitSimilarity


@pytest.fixture
def vectors():
    rng = np.random.default_rng(7)
    v = rng.normal(size=(64, 16)).astype(np.float32)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float16)


@pytest.mark.parametrize("rows", [[3], [0, 5, 9, 63], list(range(40))])  # few rows, and most of the table
@pytest.mark.parametrize("budget_mb", [0, 1])
def test_similarities_equal_the_float32_product_of_the_stored_rows(vectors, rows, budget_mb):
    query = vectors[1].astype(np.float32)
    expected = vectors[rows].astype(np.float32) @ query
    got = UnitSimilarity(vectors, budget_mb).of(rows, query)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("budget_mb, converted", [(0, False), (1, True)])
def test_the_float32_table_is_kept_only_within_the_budget(vectors, budget_mb, converted):
    assert UnitSimilarity(vectors, budget_mb).converted is converted
