"""Embedding backends, one per module, all behind `index.embedder.Embedder`.

`torch` runs the bundled model as shipped; `onnx` and `onnx-int8` run an ONNX export of it made
locally, once, into the data directory (`index.backends.export`). The backend is part of a
vector's identity (the vector cache and the index manifest record it): the same model through two
backends gives vectors that agree to ~0.99 cosine, not bit for bit.
"""

from __future__ import annotations

from pathlib import Path

from index.errors import QuotebotError

BACKENDS = ("torch", "onnx", "onnx-int8")


class BackendUnavailable(QuotebotError):
    """The backend's packages are not installed: a setting to fix, told in one line."""


def load_backend(backend: str, model: str, *, device: str = "cpu", export_dir: Path | None = None,
                 threads: int | None = None):
    """The embedder for `backend` (a `SentenceTransformerEmbedder` subclass)."""
    if backend == "torch":
        from index.backends.torch_backend import TorchEmbedder

        return TorchEmbedder(model, device=device)
    if backend in ("onnx", "onnx-int8"):
        if export_dir is None:
            raise ValueError("an ONNX backend needs a folder to keep its export in")
        if backend == "onnx":
            from index.backends.onnx_backend import OnnxEmbedder as cls
        else:
            from index.backends.onnx_int8 import OnnxInt8Embedder as cls
        return cls(model, export_dir=export_dir, threads=threads)
    raise ValueError(f"unknown embedding backend {backend!r}: use one of {', '.join(BACKENDS)}")
