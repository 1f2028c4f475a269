"""Shared fixtures: small fictional corpora and engines on the fake embedder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HRW_CSV = SHARED / "corpora" / "hrw_2024" / "hrw_articles.csv"

# Fictional test articles (made up for tests; no real outlet or statement).
ARTICLES = {
    "alpha.txt": (
        "River agency warns of floods in Eastland\n\n"
        "EASTPORT — The Eastland River Agency (ERA) said on Monday it was “deeply worried” about "
        "rising water levels along the northern valley.\n\n"
        "“We have raised these concerns with the ministry and we expect action,” spokeswoman "
        "Mara Quint told reporters. She said the agency would publish daily bulletins.\n\n"
        "Farmers in the valley said their fields were already under water.\n\n"
        "Source: example-news.test\n"
    ),
    "beta.md": (
        "---\ntitle: Orchestra tour cancelled\nurl: https://example.test/orchestra\n"
        "date: 2024-03-02\nsource: Example Arts\n---\n"
        "The Northern Symphony cancelled its spring tour after a dispute over fees.\n\n"
        "“It breaks my heart,” conductor Ilse Varga said. “We will be back next year.”\n"
    ),
    "gamma.txt": (
        "Chess club opens in old library\n\n"
        "A chess club opened in the old municipal library on Saturday, with forty boards and "
        "free lessons for children. Organiser Tomas Beck said the club would meet every weekend."
    ),
}


def write_corpus(root: Path, articles: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or ARTICLES).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


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
