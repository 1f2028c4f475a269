"""Per-document derived data (spans, BM25 tokens, lexicon inputs) cached by text: a reindex
re-derives only changed documents, and the index it builds is the one a fresh build makes."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from index import doc_cache
from index.builder import build_lexicon, lexicon_of
from index.config import ChunkingConfig, EmbeddingConfig
from index.doc_cache import Derived, DerivedCache
from index.engine import Engine
from tests.fakes import FakeEmbedder

TEXT = ("The Eastland River Agency (ERA) said water was rising.\n\n"
        "“We expect action,” spokeswoman Mara Quint said. The ERA will publish bulletins.")


@pytest.fixture
def derivations(monkeypatch):
    texts: list[str] = []
    real = Derived.of.__func__

    def counting(cls, text, params):
        texts.append(text)
        return real(cls, text, params)

    monkeypatch.setattr(doc_cache.Derived, "of", classmethod(counting))
    return texts


def test_a_cached_derivation_equals_a_fresh_one(tmp_path):
    params = ChunkingConfig(max_chars=60, min_chars=10)
    cache = DerivedCache(tmp_path, params)
    first, second = cache.get(TEXT), cache.get(TEXT)
    assert second == first == Derived.of(TEXT, params) and (cache.hits, cache.misses) == (1, 1)


def test_a_damaged_cache_file_is_derived_again(tmp_path):
    params = ChunkingConfig()
    DerivedCache(tmp_path, params).get(TEXT)
    for f in (tmp_path / "derived").rglob("*.json"):
        f.write_text('{"spans": [[0')
    again = DerivedCache(tmp_path, params)
    assert again.get(TEXT) == Derived.of(TEXT, params) and again.misses == 1


def test_other_chunk_settings_are_another_cache_version(tmp_path):
    assert DerivedCache(tmp_path, ChunkingConfig(900, 200)).folder != DerivedCache(tmp_path, ChunkingConfig(400, 80)).folder


def test_lexicon_from_derived_data_equals_the_whole_corpus_one(engine):
    docs = engine.state.docs
    derived = [Derived.of(d.text, engine.config.chunking) for d in docs]
    assert lexicon_of(derived) == build_lexicon(docs)


def test_a_one_document_reindex_derives_only_that_document(engine, corpus, derivations):
    (corpus / "gamma.txt").write_text((corpus / "gamma.txt").read_text() + "\n\nThe club meets on Sundays too.")
    engine.reindex()
    assert len(derivations) == 1 and "Sundays" in derivations[0]


def test_an_index_built_from_cached_derivations_equals_a_fresh_build(engine, config, corpus, tmp_path):
    (corpus / "gamma.txt").write_text((corpus / "gamma.txt").read_text() + "\n\nThe club meets on Sundays too.")
    engine.reindex()
    fresh = Engine.open(replace(config, index_dir=tmp_path / "fresh", embedding=EmbeddingConfig(vector_cache=False)),
                        embedder=FakeEmbedder())
    a, b = engine.state, fresh.state
    assert np.array_equal(a.chunk_rows, b.chunk_rows) and a.lexicon == b.lexicon
    terms = ["club", "sunday", "agenc", "orchestra"]
    assert np.allclose(a.lexical.scores(terms), b.lexical.scores(terms))
