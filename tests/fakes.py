"""Deterministic stand-ins for fast tests."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder:
    """Hashed bag of words: similar texts get similar vectors, no model needed. Counts calls."""

    def __init__(self, dim: int = 64, name: str = "fake-hash-64") -> None:
        self.dim = dim
        self.name = name
        self.calls = 0
        self.texts_embedded = 0
        self.embedded: list[str] = []
        self._lock = threading.Lock()

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for w in _WORD.findall(text.lower()):
            h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        if n == 0:
            v[0] = 1.0
            n = 1.0
        return v / n

    def encode(self, texts: Sequence[str], batch_size: int = 64, progress=None) -> np.ndarray:
        with self._lock:
            self.calls += 1
            self.texts_embedded += len(texts)
            self.embedded.extend(texts)
        out = np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
        if progress:
            progress(len(texts), len(texts))
        return out.astype(np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self._vec(text)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self._vec(t) for t in texts]).astype(np.float32)
