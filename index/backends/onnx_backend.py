"""The model through ONNX Runtime (fp32), from a local export in the data directory."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from index.backends import BackendUnavailable
from index.backends.base import SentenceTransformerEmbedder, quiet_offline
from index.backends.export import FP32, Variant, ensure_export
from index.config import DEFAULT_MODEL

log = logging.getLogger(__name__)

INSTALL_HINT = "install the onnx extra: pip install 'quotebot[onnx]'"


def _require_onnxruntime():
    try:
        import onnxruntime
        import optimum.onnxruntime  # noqa: F401  (sentence-transformers' ONNX backend needs it)
    except ImportError as e:
        raise BackendUnavailable(f"EMBED_BACKEND=onnx needs onnxruntime and optimum ({INSTALL_HINT})") from e
    return onnxruntime


def export_fp32(location: str, folder: Path) -> None:
    quiet_offline(location)
    from sentence_transformers import SentenceTransformer

    SentenceTransformer(location, device="cpu", backend="onnx").save(str(folder))


class OnnxEmbedder(SentenceTransformerEmbedder):
    backend = "onnx"
    variant: Variant = FP32

    def __init__(self, model: str = DEFAULT_MODEL, *, export_dir: Path, threads: int | None = None) -> None:
        self._export_dir = Path(export_dir)
        # None: ONNX Runtime's default (one thread per core). A query-side instance uses 1.
        self._threads = threads
        super().__init__(model)

    def _make(self, location: str, folder: Path) -> None:
        export_fp32(location, folder)

    def _load(self, location: str):
        ort = _require_onnxruntime()
        quiet_offline(location)
        folder, file_name = ensure_export(location, self._export_dir, self.variant, self._make)
        from sentence_transformers import SentenceTransformer

        options = ort.SessionOptions()
        if self._threads:
            options.intra_op_num_threads = self._threads
            options.inter_op_num_threads = 1
        log.info("loading embedding model %s (%s, %s)", folder, self.backend, file_name)
        return SentenceTransformer(
            str(folder), device="cpu", backend="onnx", local_files_only=True,
            model_kwargs={"file_name": file_name, "session_options": options,
                          "provider": "CPUExecutionProvider"},
        )

    @contextlib.contextmanager
    def _single_thread(self) -> Iterator[None]:
        # ONNX Runtime fixes its threads per session: the query-side instance is made with
        # threads=1 instead (index.embedder.make_embedder).
        yield
