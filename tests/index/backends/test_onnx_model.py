"""The real bundled model through ONNX Runtime: exported locally, close to torch's vectors."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
pytestmark = pytest.mark.slow

TEXTS = [
    "The river agency said it was deeply worried about rising water levels.",
    "A chess club opened in the old municipal library on Saturday.",
    "What did the conductor say about the cancelled tour?",
]


@pytest.fixture(scope="module")
def torch_vectors():
    from index.backends import load_backend

    return load_backend("torch", "").encode(TEXTS)


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_onnx_vectors_point_where_torch_vectors_do(backend, torch_vectors, tmp_path_factory):
    from index.backends import load_backend

    emb = load_backend(backend, "", export_dir=tmp_path_factory.mktemp("cache"), threads=1)
    vecs = emb.encode_queries(TEXTS)
    cosine = (vecs * torch_vectors).sum(axis=1)
    assert emb.dim == torch_vectors.shape[1] and cosine.min() > 0.97
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1, atol=1e-3)
