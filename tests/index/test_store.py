"""Save/load round trip, manifest checks and damaged index files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index import store
from index.engine import Engine
from index.errors import IndexCorrupt, IndexMismatch
from tests.fakes import FakeEmbedder


def test_round_trip_gives_the_same_answers(engine, config):
    again = Engine.open(config, embedder=FakeEmbedder(), build_if_missing=False)
    q = "what did the river agency say about floods?"
    assert [h.chunk.chunk_id for h in again.search(q)] == [h.chunk.chunk_id for h in engine.search(q)]
    assert again.stats()["chunks"] == engine.stats()["chunks"]


def test_loading_does_not_embed_documents(engine, config):
    fake = FakeEmbedder()
    Engine.open(config, embedder=fake, build_if_missing=False)
    assert fake.texts_embedded == 0


def test_manifest_records_what_it_should(engine, config):
    m = json.loads((store.current_path(config.index_dir) / "manifest.json").read_text())
    for key in ("model", "dimension", "index_type", "documents", "chunks", "doc_hashes", "versions", "built_at"):
        assert key in m
    assert m["model"] == "fake-hash-64" and m["dimension"] == 64 and m["index_type"] == "flat"
    assert set(m["doc_hashes"]) == {"alpha", "beta", "gamma"}


@pytest.mark.parametrize("embedder", [FakeEmbedder(name="other-model"), FakeEmbedder(dim=32, name="fake-hash-64")])
def test_index_from_another_model_or_dimension_is_refused(engine, config, embedder):
    with pytest.raises(IndexMismatch, match="Reindex"):
        e = Engine(config, embedder=embedder)
        e.load(build_if_missing=False)
        store.check_compatible(e._state.manifest, embedder.name, embedder.dim)


@pytest.mark.parametrize("victim", ["docs.jsonl", "chunks.npy", "vectors.faiss", "manifest.json"])
def test_truncated_file_is_detected(engine, config, victim):
    path = store.current_path(config.index_dir) / victim
    path.write_bytes(path.read_bytes()[: max(1, path.stat().st_size // 2)])
    with pytest.raises(IndexCorrupt):
        store.load_generation(store.current_path(config.index_dir))


def test_damaged_index_is_rebuilt_from_the_corpus(engine, config):
    path = store.current_path(config.index_dir) / "vectors.faiss"
    path.write_bytes(b"garbage")
    fresh = Engine.open(config, embedder=FakeEmbedder())
    assert fresh.stats()["documents"] == 3
    assert fresh.search("orchestra")


def test_old_generations_are_pruned(engine, config):
    for _ in range(3):
        engine.reindex(full=True)
    assert len(list(config.index_dir.glob("gen-*"))) <= 2


def test_prune_with_a_relative_index_dir_keeps_the_previous_generation(tmp_path, monkeypatch, corpus):
    from index.config import EngineConfig

    monkeypatch.chdir(tmp_path)
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=Path(".index")), embedder=FakeEmbedder())
    first = store.current_path(Path(".index"))
    engine.reindex(full=True)
    kept = {p.resolve() for p in Path(".index").glob("gen-*")}
    assert first in kept and len(kept) == 2
