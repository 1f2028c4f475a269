"""The model through ONNX Runtime with int8 weights (dynamic quantization, no calibration set),
quantized locally from the fp32 export."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from index.backends.base import quiet_offline
from index.backends.export import INT8, INT8_CONFIG, Variant
from index.backends.onnx_backend import OnnxEmbedder, export_fp32

log = logging.getLogger(__name__)


def export_int8(location: str, folder: Path) -> None:
    quiet_offline(location)
    from sentence_transformers import SentenceTransformer, export_dynamic_quantized_onnx_model

    export_fp32(location, folder)
    fp32 = SentenceTransformer(str(folder), device="cpu", backend="onnx", local_files_only=True)
    export_dynamic_quantized_onnx_model(fp32, INT8_CONFIG, str(folder))
    # The fp32 graph was only the quantizer's input: the folder keeps the int8 one.
    (folder / "onnx" / "model.onnx").unlink(missing_ok=True)
    shutil.rmtree(folder / "onnx" / "model.onnx_data", ignore_errors=True)


class OnnxInt8Embedder(OnnxEmbedder):
    backend = "onnx-int8"
    variant: Variant = INT8

    def _make(self, location: str, folder: Path) -> None:
        export_int8(location, folder)
