"""Shared fixtures: small fictional corpora and engines on the fake embedder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from doubles.articles import ARTICLES, write_corpus  # noqa: F401 (tests import them from here)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HRW_CSV = SHARED / "corpora" / "hrw_2024" / "hrw_articles.csv"

@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def config(tmp_path: Path, corpus: Path):
    from index.config import ChunkingConfig, EngineConfig

    return EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index", chunking=ChunkingConfig(max_chars=400, min_chars=80))


@pytest.fixture
def fake_embedder():
    from tests.fakes import FakeEmbedder

    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_embedder(tmp_path_factory):
    """The real bundled model with the engine's default backends, shared by every test that asks
    it something: the ONNX export of its question backend is made once per session, not once per
    index folder."""
    from index.config import DEFAULTS
    from index.embedder import LazyEmbedder

    return LazyEmbedder(DEFAULTS.model, DEFAULTS.device, backend=DEFAULTS.embedding.backend,
                        query_backend=DEFAULTS.query_backend, cache_dir=tmp_path_factory.mktemp("model"))


@pytest.fixture
def engine(config, fake_embedder):
    from index.engine import Engine

    return Engine.open(config, embedder=fake_embedder)
