"""Incremental builds, atomic swaps and the build lock, on the fake embedder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace

import numpy as np
import pytest

from index import store
from index.engine import Engine
from index.errors import ReindexRunning
from tests.fakes import FakeEmbedder


def texts_for(engine: Engine, doc_id: str) -> int:
    return sum(1 for d in engine.documents() if d.doc_id == doc_id)


def test_first_build_embeds_every_chunk_and_answer_unit(engine, fake_embedder):
    from index import units as unit_table

    assert engine.stats()["documents"] == 3
    state = engine._state
    # A unit's vector is its context's: a sentence that is a unit twice (a statement, and the
    # reporter's sentence around it) is embedded once.
    contexts = {unit_table.context_text(state.docs[u.doc_index], u)
                for u in map(unit_table.from_row, state.unit_rows)}
    assert contexts
    assert fake_embedder.texts_embedded == engine.stats()["chunks"] + len(contexts)


def test_reindex_without_changes_embeds_nothing(engine, fake_embedder):
    before = fake_embedder.texts_embedded
    summary = engine.reindex()
    assert fake_embedder.texts_embedded == before
    assert summary.unchanged == 3 and not summary.added and not summary.changed


def test_added_document_is_the_only_one_embedded(engine, fake_embedder, corpus):
    (corpus / "delta.txt").write_text("Bakery wins prize\n\nThe town bakery won a national bread prize.")
    fake_embedder.embedded.clear()
    summary = engine.reindex()
    assert summary.added == ["delta"]
    assert all("bakery" in t.lower() or "bread" in t.lower() for t in fake_embedder.embedded)
    assert any(h.chunk.doc_id == "delta" for h in engine.search("bread prize bakery"))


def test_changed_document_is_re_embedded_alone(engine, fake_embedder, corpus):
    (corpus / "gamma.txt").write_text("Chess club closes\n\nThe chess club closed after one season.")
    fake_embedder.embedded.clear()
    summary = engine.reindex()
    assert summary.changed == ["gamma"]
    assert fake_embedder.embedded and all("chess" in t.lower() for t in fake_embedder.embedded)


def test_deleted_document_disappears_from_answers(engine, corpus):
    (corpus / "beta.md").unlink()
    summary = engine.reindex()
    assert summary.removed == ["beta"]
    assert all(h.chunk.doc_id != "beta" for h in engine.search("orchestra tour cancelled", k=10))


def test_unchanged_vectors_are_reused_exactly(engine, corpus):
    old = engine._state
    alpha_lo, alpha_hi = old.doc_chunk_range()["alpha"]
    (corpus / "delta.txt").write_text("Bakery wins prize\n\nThe town bakery won a national prize.")
    engine.reindex()
    new = engine._state
    lo, hi = new.doc_chunk_range()["alpha"]
    assert (new.dense.reconstruct_n(lo, hi - lo) == old.dense.reconstruct_n(alpha_lo, alpha_hi - alpha_lo)).all()


def test_full_reindex_takes_every_vector_from_the_cache(engine, fake_embedder):
    # Intended change (issue 16): vectors are cached by text, so a full rebuild re-derives
    # everything but embeds nothing it has embedded before.
    before = fake_embedder.texts_embedded
    summary = engine.reindex(full=True)
    assert fake_embedder.texts_embedded == before and summary.embedded_chunks == 0


def test_full_reindex_without_the_cache_embeds_everything_again(config, fake_embedder):
    from index.config import EmbeddingConfig

    engine = Engine.open(replace(config, embedding=EmbeddingConfig(vector_cache=False)), embedder=fake_embedder)
    before = fake_embedder.texts_embedded
    engine.reindex(full=True)
    assert fake_embedder.texts_embedded == 2 * before


class FailingEmbedder(FakeEmbedder):
    def encode(self, texts, batch_size=64, progress=None):
        raise RuntimeError("disk on fire")


def test_failed_build_leaves_the_old_index_serving(engine, config, corpus):
    (corpus / "delta.txt").write_text("Bakery wins prize\n\nThe town bakery won a prize.")
    engine._embedder = FailingEmbedder()
    before = store.current_path(config.index_dir)
    with pytest.raises(RuntimeError):
        engine.reindex()
    assert store.current_path(config.index_dir) == before
    assert engine.search("orchestra tour")
    assert not [p for p in config.index_dir.glob("gen-*") if not (p / "manifest.json").exists()]


class SlowEmbedder(FakeEmbedder):
    def __init__(self, gate: threading.Event):
        super().__init__()
        self.gate = gate

    def encode(self, texts, batch_size=64, progress=None):
        self.gate.wait(10)
        return super().encode(texts, batch_size, progress)


def test_second_concurrent_reindex_is_refused(engine, corpus):
    gate = threading.Event()
    engine._embedder = SlowEmbedder(gate)
    (corpus / "delta.txt").write_text("New text\n\nSomething new happened today in the town.")
    t = threading.Thread(target=engine.reindex, kwargs={"started_by": "mod-a"})
    t.start()
    try:
        for _ in range(100):
            if engine.reindex_status():
                break
            time.sleep(0.02)
        with pytest.raises(ReindexRunning, match="already running.*mod-a"):
            engine.reindex(started_by="mod-b")
        assert engine.search("orchestra")  # old index keeps answering meanwhile
    finally:
        gate.set()
        t.join()


def test_lock_from_another_process_is_respected(engine, config):
    other = Engine(config, embedder=FakeEmbedder())
    other.load()
    gate = threading.Event()
    engine._embedder = SlowEmbedder(gate)
    (config.corpus_dir / "delta.txt").write_text("Fresh\n\nA fresh article about a new bridge.")
    t = threading.Thread(target=engine.reindex, kwargs={"started_by": "mod-a"})
    t.start()
    try:
        time.sleep(0.2)
        with pytest.raises(ReindexRunning):
            other.reindex(started_by="mod-b")
    finally:
        gate.set()
        t.join()


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {repo!r})
    from index.config import ChunkingConfig, EngineConfig
    from index.engine import Engine
    from tests.fakes import FakeEmbedder
    from pathlib import Path

    class Hang(FakeEmbedder):
        def encode(self, texts, batch_size=64, progress=None):
            print("embedding", flush=True)
            time.sleep(60)

    cfg = EngineConfig(corpus_dir=Path({corpus!r}), index_dir=Path({index!r}), chunking=ChunkingConfig(max_chars=400, min_chars=80))
    e = Engine(cfg, embedder=Hang())
    e.load(build_if_missing=False)
    e.reindex(started_by="doomed")
    """
)


def test_build_killed_half_way_leaves_old_index_and_no_stale_lock(engine, config, corpus):
    from tests.conftest import REPO

    (corpus / "delta.txt").write_text("Killed\n\nThis document arrives during a doomed build.")
    script = KILL_SCRIPT.format(repo=str(REPO), corpus=str(config.corpus_dir), index=str(config.index_dir))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "embedding"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    fresh = Engine.open(config, embedder=FakeEmbedder())
    assert fresh.stats()["documents"] == 3  # the old index, complete
    assert fresh.reindex_status() is None  # the dead process's lock is not held
    summary = fresh.reindex(started_by="next")
    assert summary.added == ["delta"]


def test_new_attribution_rules_redo_statements_but_reuse_sentence_vectors(engine, fake_embedder, monkeypatch):
    from index import builder

    assert not engine.is_stale()
    monkeypatch.setattr(builder, "rules_version", lambda: "other-rules")
    assert engine.is_stale()
    before = fake_embedder.texts_embedded
    summary = engine.reindex()
    assert engine.state.manifest["attribution_version"] == "other-rules"
    assert summary.embedded_units == 0 and fake_embedder.texts_embedded == before


def test_new_chunk_boundaries_on_unchanged_text_re_embed_only_the_moved_chunks(engine, fake_embedder, monkeypatch):
    from index import doc_cache

    old = engine.state
    real = doc_cache.chunk_spans

    def shifted(text, max_chars, min_chars):  # a chunker change: the last chunk of each doc moves
        spans = real(text, max_chars, min_chars)
        return [*spans[:-1], (spans[-1][0] + 1, spans[-1][1])] if len(spans) > 1 else spans

    # Chunks are derived per document (index/doc_cache.py) under a digest of the chunker's
    # source: a real chunker change gets a new digest, so the simulated one does too.
    monkeypatch.setattr(doc_cache, "chunk_spans", shifted)
    monkeypatch.setattr(doc_cache, "code_version", lambda params: "shifted-chunker")
    fake_embedder.embedded.clear()
    engine.reindex()
    new = engine.state
    moved = sum(1 for d in new.docs if len(real(d.text, 400, 80)) > 1)
    assert len([t for t in fake_embedder.embedded]) >= moved
    for i in range(new.size):
        chunk = new.chunk(i)
        expected = fake_embedder.encode([chunk.text])[0]
        assert np.allclose(new.dense.reconstruct(i), expected, atol=1e-6)
    assert new.size == old.size


# --- a corpus that disappears or shrinks ----------------------------------------------------------
@pytest.mark.parametrize(
    ("remove", "share", "refused"),
    [
        (3, 0.5, True),  # nothing left
        (2, 0.5, True),  # 67% gone
        (1, 0.5, False),  # 33% gone
        (1, 0.2, True),  # 33% gone, stricter setting
        (3, 1.0, True),  # an empty corpus is refused whatever the share
    ],
)
def test_a_shrinking_corpus_is_refused_and_the_old_index_serves(engine, corpus, remove, share, refused):
    from index.errors import CorpusShrank

    engine.config = replace(engine.config, max_corpus_shrink=share)
    for p in sorted(corpus.iterdir())[:remove]:
        p.unlink()
    if refused:
        with pytest.raises(CorpusShrank):
            engine.reindex()
        assert engine.stats()["documents"] == 3
    else:
        assert engine.reindex().documents == 3 - remove


def test_allow_shrink_accepts_an_empty_corpus(engine, corpus):
    for p in corpus.iterdir():
        p.unlink()
    assert engine.reindex(allow_shrink=True).documents == 0


def test_a_missing_corpus_folder_is_refused_even_when_forced(engine, config, tmp_path):
    from index.errors import BadLocation

    engine.config = replace(config, corpus_dir=tmp_path / "unmounted")
    with pytest.raises(BadLocation, match="does not exist"):
        engine.reindex(allow_shrink=True)
    assert engine.stats()["documents"] == 3


# --- commands that embed nothing load no model ----------------------------------------------------
@pytest.fixture
def lazy_engine(config):
    """An index written under the default model's name, reopened with the real (lazy) model."""
    from index.config import DEFAULT_MODEL

    Engine.open(config, embedder=FakeEmbedder(name=DEFAULT_MODEL))
    return Engine.open(config)


def test_loading_an_index_and_stats_load_no_model(lazy_engine):
    assert lazy_engine.stats()["documents"] == 3
    assert lazy_engine.embedder.loaded is False


def test_an_unchanged_reindex_loads_no_model(lazy_engine):
    summary = lazy_engine.reindex()
    assert summary.embedded_chunks == 0 and lazy_engine.embedder.loaded is False
    assert lazy_engine.stats()["dimension"] == 64


def test_the_manifest_records_the_documents_backend(config):
    fake = FakeEmbedder()
    fake.backend = "onnx-int8"
    engine = Engine.open(config, embedder=fake)
    assert engine.state.manifest["embed_backend"] == "onnx-int8"


def test_a_new_documents_backend_re_embeds_every_chunk(engine, config):
    other = FakeEmbedder()
    other.backend = "onnx"
    again = Engine.open(config, embedder=other)
    summary = again.reindex()
    assert summary.embedded_chunks == again.stats()["chunks"] and again.state.manifest["embed_backend"] == "onnx"


def test_a_changed_documents_backend_makes_the_index_stale(engine, config):
    other = FakeEmbedder()
    other.backend = "onnx-int8"
    assert not engine.is_stale() and Engine.open(config, embedder=other).is_stale()
