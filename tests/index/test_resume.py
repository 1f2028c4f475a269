"""A killed build resumes from the vector cache: only what is missing is embedded, and the
result equals a clean build."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from index.config import ChunkingConfig, EmbeddingConfig
from index.engine import Engine
from index.vector_cache import VectorCache
from tests.fakes import FakeEmbedder


class DiesAfter(FakeEmbedder):
    """Embeds `batches` batches, then fails the way a killed or crashed build does."""

    def __init__(self, batches: int) -> None:
        super().__init__()
        self.left = batches

    def encode(self, texts, batch_size=64, progress=None):
        if self.left == 0:
            raise KeyboardInterrupt("killed mid-build")
        self.left -= 1
        return super().encode(texts, batch_size, progress)


TOWNS = ["Northbury", "Eastwick", "Southmere", "Westford", "Lowdale", "Highcombe"]


@pytest.fixture
def more_docs(corpus):
    # Fictional notices, long enough for a few chunks each: the build spans many cache batches.
    for town in TOWNS:
        paras = [f"The {town} council met on day {d} to discuss the {town} bridge, the market "
                 f"square and the library roof, which has leaked since the storm of year {d + 1990}."
                 for d in range(1, 5)]
        (corpus / f"{town.lower()}.txt").write_text(f"{town} council notes\n\n" + "\n\n".join(paras))
    return corpus


@pytest.fixture
def small_batches(config, more_docs):
    return replace(config, embedding=EmbeddingConfig(cache_batch=2))


def _kill_build(config, batches: int) -> None:
    with pytest.raises(KeyboardInterrupt):
        Engine.open(config, embedder=DiesAfter(batches))


def _vectors(engine: Engine) -> tuple[np.ndarray, np.ndarray]:
    state = engine.state
    return state.dense.reconstruct_n(0, state.size), state.unit_vectors


def test_a_killed_build_embeds_only_the_rest(small_batches):
    _kill_build(small_batches, batches=2)
    fake = FakeEmbedder()
    engine = Engine.open(small_batches, embedder=fake)
    chunks = engine.stats()["chunks"]
    assert chunks > 4  # the corpus is bigger than the two batches the killed build finished
    assert engine.state.manifest["summary"]["embedded_chunks"] == chunks - 4


def test_a_resumed_build_equals_a_clean_build(small_batches, tmp_path):
    _kill_build(small_batches, batches=3)
    resumed = Engine.open(small_batches, embedder=FakeEmbedder())
    clean_config = replace(small_batches, index_dir=tmp_path / "clean",
                           embedding=EmbeddingConfig(vector_cache=False))
    clean = Engine.open(clean_config, embedder=FakeEmbedder())
    (rv, ru), (cv, cu) = _vectors(resumed), _vectors(clean)
    assert np.array_equal(rv, cv) and np.array_equal(ru, cu)
    assert np.array_equal(resumed.state.chunk_rows, clean.state.chunk_rows)


def test_the_resume_is_announced_with_how_much_was_kept(small_batches):
    _kill_build(small_batches, batches=2)
    seen = []
    Engine.open(small_batches, embedder=FakeEmbedder(), progress=lambda *a: seen.append(a))
    resuming = [a for a in seen if a[0] == "resuming chunks"]
    assert resuming and resuming[0][1] == 4 and resuming[0][2] > 4


def test_a_build_killed_while_embedding_sentences_keeps_every_chunk(small_batches):
    probe = Engine.open(replace(small_batches, index_dir=small_batches.index_dir.parent / "probe"),
                        embedder=FakeEmbedder())
    chunk_batches = -(-probe.stats()["chunks"] // 2)
    _kill_build(small_batches, batches=chunk_batches + 1)
    engine = Engine.open(small_batches, embedder=FakeEmbedder())
    summary = engine.state.manifest["summary"]
    assert summary["embedded_chunks"] == 0 and 0 < summary["embedded_units"] < probe.state.unit_rows.shape[0]


def test_new_chunk_settings_re_embed_only_the_chunk_texts_that_changed(more_docs, config, fake_embedder):
    engine = Engine.open(config, embedder=fake_embedder)
    old_texts = {engine.state.chunk(i).text for i in range(engine.state.size)}
    before = len(fake_embedder.embedded)
    wider = replace(config, chunking=ChunkingConfig(max_chars=1000, min_chars=400))
    summary = Engine(wider, embedder=fake_embedder).reindex()
    embedded_now = fake_embedder.embedded[before:before + summary.embedded_chunks]
    kept = summary.chunks - summary.embedded_chunks
    assert summary.embedded_chunks > 0 and kept > 0 and not set(embedded_now) & old_texts


def test_a_damaged_cache_segment_is_embedded_again(small_batches):
    _kill_build(small_batches, batches=2)
    cache = VectorCache(small_batches.cache_dir, "fake-hash-64", "torch", 64, "chunks")
    segment = sorted(cache.folder.glob("*.vecs.npy"))[0]
    data = bytearray(segment.read_bytes())
    data[-1] ^= 0xFF
    segment.write_bytes(bytes(data))
    engine = Engine.open(small_batches, embedder=FakeEmbedder())
    assert engine.state.manifest["summary"]["embedded_chunks"] == engine.stats()["chunks"] - 2
