"""Question ↔ answer-unit dense similarity: one matrix-vector product over vectors embedded at
build time.

The index stores unit vectors as float16 (half the disk and memory). numpy has no fast float16
product, so every question converted its candidates' rows to float32 first — for "What did Human
Rights Watch say about …?" that is the 15,000 rows of its statements, most of a warm ask's tail
(bench/run.py). Below a memory budget the table is converted once, when the index is loaded.
"""

from __future__ import annotations

import numpy as np

# Past this share of the table, one product over every unit is cheaper than gathering the rows.
WHOLE_TABLE_SHARE = 8


class UnitSimilarity:
    def __init__(self, vectors: np.ndarray, budget_mb: int) -> None:
        self._stored = vectors
        fits = vectors.size * 4 <= budget_mb * 2**20
        self._float32 = vectors.astype(np.float32) if fits and vectors.size else None

    @property
    def converted(self) -> bool:
        """Whether the float32 table is kept (within the budget)."""
        return self._float32 is not None

    def of(self, rows: np.ndarray | list[int], query_vector: np.ndarray) -> np.ndarray:
        """float32 cosine similarities (vectors are normalised) of `rows` to the question."""
        query = query_vector.astype(np.float32, copy=False)
        table = self._float32
        if table is None:
            return self._stored[rows].astype(np.float32) @ query
        if len(rows) * WHOLE_TABLE_SHARE > len(table):
            return (table @ query)[rows]
        return table[rows] @ query
