"""Documents and questions each load their own backend, and only when first used."""

from __future__ import annotations

import pytest

import index.embedder
from index.embedder import LazyEmbedder
from tests.fakes import FakeEmbedder


@pytest.fixture
def loads(monkeypatch):
    made: list[tuple[str, int | None]] = []

    def fake(backend, model, *, device="cpu", export_dir=None, threads=None):
        made.append((backend, threads))
        e = FakeEmbedder(name=model)
        e.backend = backend
        return e

    monkeypatch.setattr(index.embedder, "load_backend", fake)
    return made


def test_a_question_loads_only_the_query_backend(loads):
    lazy = LazyEmbedder("m", backend="torch", query_backend="onnx-int8")
    lazy.encode_query("who said it?")
    assert loads == [("onnx-int8", 1)]


def test_documents_and_questions_use_their_own_backends(loads):
    lazy = LazyEmbedder("m", backend="torch", query_backend="onnx-int8")
    lazy.encode(["a chunk"])
    lazy.encode_queries(["a question"])
    assert loads == [("torch", None), ("onnx-int8", 1)] and lazy.backend == "torch"


def test_torch_for_both_shares_one_model(loads):
    lazy = LazyEmbedder("m", backend="torch")
    lazy.encode(["a chunk"])
    lazy.encode_query("a question")
    assert loads == [("torch", None)] and lazy.query_backend == "torch"


def test_an_onnx_query_side_gets_its_own_one_thread_session(loads):
    lazy = LazyEmbedder("m", backend="onnx")
    lazy.encode(["a chunk"])
    lazy.encode_query("a question")
    assert loads == [("onnx", None), ("onnx", 1)]


def test_an_unknown_backend_is_refused():
    from index.backends import load_backend

    with pytest.raises(ValueError, match="unknown embedding backend"):
        load_backend("tensorflow", "m")
