"""The bundled model through PyTorch, as shipped (the reference the other backends are measured
against)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from index.backends.base import SentenceTransformerEmbedder, quiet_offline
from index.config import DEFAULT_MODEL

log = logging.getLogger(__name__)


class TorchEmbedder(SentenceTransformerEmbedder):
    backend = "torch"

    def __init__(self, model: str = DEFAULT_MODEL, device: str = "cpu") -> None:
        self._device = device
        super().__init__(model)

    def _load(self, location: str):
        quiet_offline(location)
        from sentence_transformers import SentenceTransformer

        log.info("loading embedding model %s (torch, %s)", location, self._device)
        return SentenceTransformer(location, device=self._device)

    @contextlib.contextmanager
    def _single_thread(self) -> Iterator[None]:
        import torch

        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(threads)
