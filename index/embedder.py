"""Sentence embeddings: the bundled all-MiniLM-L6-v2 by default, offline, normalised float32.

The model runs through one of the backends in `index.backends` (torch, onnx, onnx-int8), chosen
separately for documents and for questions: both give vectors of the same model and dimension,
so an index built with torch vectors answers questions embedded with int8 weights.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from index.backends import load_backend
from index.backends.base import SentenceTransformerEmbedder as BackendEmbedder
from index.backends.base import bundled_model_path, resolve_model
from index.backends.torch_backend import TorchEmbedder
from index.config import DEFAULT_MODEL

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# The name bench scripts and earlier code construct: the torch backend, as it always was.
SentenceTransformerEmbedder = TorchEmbedder

__all__ = [
    "BackendEmbedder", "Embedder", "LazyEmbedder", "SentenceTransformerEmbedder", "TorchEmbedder",
    "backend_of", "bundled_model_path", "resolve_model",
]


class Embedder(Protocol):
    name: str
    dim: int

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress: Progress | None = None
    ) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def backend_of(embedder: object) -> str:
    """The documents' backend of an embedder (one without the attribute is a torch-like one)."""
    return str(getattr(embedder, "backend", "torch"))


class LazyEmbedder:
    """The models, each loaded on first use: commands that embed nothing (stats, an unchanged
    reindex, the lexical half of a question) never pay the seconds it takes to load one, and a
    bot that only answers questions loads only the query-side backend."""

    def __init__(self, model: str = DEFAULT_MODEL, device: str = "cpu",
                 on_load: Callable[[BackendEmbedder], None] | None = None, *,
                 backend: str = "torch", query_backend: str | None = None,
                 cache_dir: Path | None = None) -> None:
        self.name = model or DEFAULT_MODEL
        self.backend = backend
        self.query_backend = query_backend or backend
        self._model_name, self._device, self._cache_dir = model, device, cache_dir
        self._documents: BackendEmbedder | None = None
        self._queries: BackendEmbedder | None = None
        self._lock = threading.Lock()
        self.on_load = on_load

    @property
    def loaded(self) -> bool:
        return self._documents is not None or self._queries is not None

    def _load(self, backend: str, *, threads: int | None) -> BackendEmbedder:
        real = load_backend(backend, self._model_name, device=self._device,
                            export_dir=self._cache_dir, threads=threads)
        if self.on_load is not None:
            self.on_load(real)
        return real

    def model(self) -> BackendEmbedder:
        """The documents' model."""
        with self._lock:
            if self._documents is None:
                if self._queries is not None and self._shares_instance():
                    self._documents = self._queries
                else:
                    self._documents = self._load(self.backend, threads=None)
        return self._documents

    def query_model(self) -> BackendEmbedder:
        with self._lock:
            if self._queries is None:
                if self._documents is not None and self._shares_instance():
                    self._queries = self._documents
                else:
                    # ONNX Runtime fixes a session's threads when it is made: questions get their
                    # own one-thread session (torch switches threads per call instead).
                    self._queries = self._load(self.query_backend, threads=1)
        return self._queries

    def _shares_instance(self) -> bool:
        return self.backend == self.query_backend == "torch"

    @property
    def dim(self) -> int:
        loaded = self._documents or self._queries
        return loaded.dim if loaded is not None else self.model().dim

    def encode(self, texts: Sequence[str], batch_size: int = 64, progress: Progress | None = None) -> np.ndarray:
        return self.model().encode(texts, batch_size=batch_size, progress=progress)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.query_model().encode_queries(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return self.query_model().encode_query(text)
