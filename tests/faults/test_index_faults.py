"""Index faults: a disk that fills up or turns read-only mid-reindex, a process killed at each
point of a reindex, index files damaged on disk. Nothing is lost: the old index keeps serving,
or the index is rebuilt from the corpus."""

from __future__ import annotations

import errno
import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import faiss
import pytest

from index import store
from index.engine import Engine
from index.errors import IndexCorrupt, QuotebotError
from index.lexical import LexicalIndex
from tests.conftest import REPO
from tests.fakes import FakeEmbedder

DELTA = "Bakery wins prize\n\nThe town bakery won a national bread prize on Sunday."


def generations(index_dir: Path) -> set[str]:
    return {p.name for p in index_dir.glob("gen-*")}


def assert_complete(engine: Engine, documents: int) -> None:
    """Counts agree across every part of the loaded index, and it answers."""
    state = engine._state
    assert engine.stats()["documents"] == documents == len(state.docs)
    assert state.size == state.dense.ntotal == state.lexical.size == engine.stats()["chunks"]
    assert engine.search("orchestra tour cancelled")[0].chunk.doc_id == "beta"


# --- disk full / read-only ----------------------------------------------------------------------


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _erofs(*args, **kwargs):
    raise OSError(errno.EROFS, "Read-only file system")


@pytest.mark.parametrize(
    ("where", "target", "name", "fault"),
    [
        ("creating the generation folder", store, "new_generation", _erofs),
        ("writing vectors", faiss, "write_index", _enospc),
        ("writing bm25", LexicalIndex, "save", _enospc),
        ("writing the manifest", store, "_write_json", _enospc),
        ("swapping the current link", store, "swap_in", _enospc),
        ("taking the build lock", os, "ftruncate", _erofs),
    ],
)
def test_full_or_read_only_disk_fails_cleanly_and_old_index_serves(
    engine, config, corpus, monkeypatch, caplog, where, target, name, fault
):
    (corpus / "delta.txt").write_text(DELTA)
    before_current = store.current_path(config.index_dir)
    before_gens = generations(config.index_dir)
    monkeypatch.setattr(target, name, fault)
    with pytest.raises(store.IndexWriteFailed) as info:
        engine.reindex(started_by="mod")
    monkeypatch.undo()
    assert isinstance(info.value, QuotebotError)
    message = str(info.value)
    assert message.startswith(f"The index folder {config.index_dir} is full or read-only (")
    assert "the previous index keeps serving" in message
    assert any(r.levelno == logging.ERROR and "reindex failed" in r.getMessage() for r in caplog.records)
    # Nothing half-written is left, the old generation is still current and answers.
    assert store.current_path(config.index_dir) == before_current
    assert generations(config.index_dir) == before_gens
    assert_complete(engine, 3)
    assert engine.reindex_status() is None
    assert engine.reindex(started_by="mod").added == ["delta"]  # and once there is room again


def test_unrelated_os_error_is_not_dressed_up_as_a_full_disk(engine, corpus, monkeypatch):
    (corpus / "delta.txt").write_text(DELTA)
    monkeypatch.setattr(faiss, "write_index", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    with pytest.raises(OSError) as info:
        engine.reindex()
    assert not isinstance(info.value, store.IndexWriteFailed)
    assert_complete(engine, 3)


def test_real_read_only_folder(engine, config, corpus):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod cannot make a folder read-only (covered by the EROFS cases)")
    (corpus / "delta.txt").write_text(DELTA)
    config.index_dir.chmod(0o555)
    try:
        with pytest.raises(store.IndexWriteFailed):
            engine.reindex()
    finally:
        config.index_dir.chmod(0o755)
    assert_complete(engine, 3)


# --- killed at each point of a reindex ------------------------------------------------------

KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from index import builder, store
    from index.config import ChunkingConfig, EngineConfig
    from index.engine import Engine
    from tests.fakes import FakeEmbedder

    stage = {stage!r}

    def pause(name):
        if name == stage:
            print(name, flush=True)
            time.sleep(60)

    def after(fn, name):
        def wrapped(*a, **k):
            out = fn(*a, **k)
            pause(name)
            return out
        return wrapped

    def before(fn, name):
        def wrapped(*a, **k):
            pause(name)
            return fn(*a, **k)
        return wrapped

    class Embedder(FakeEmbedder):
        def encode(self, texts, batch_size=64, progress=None):
            out = super().encode(texts[: len(texts) // 2], batch_size)  # half done
            pause("embedding")
            return super().encode(texts, batch_size)

    builder.load_corpus = after(builder.load_corpus, "loaded")
    store.faiss.write_index = after(store.faiss.write_index, "writing")
    store._write_json = after(store._write_json, "lexicon")  # its first call writes lexicon.json
    store.swap_in = before(store.swap_in, "before-swap")
    store.prune = before(store.prune, "after-swap")
    cfg = EngineConfig(corpus_dir=Path({corpus!r}), index_dir=Path({index!r}), chunking=ChunkingConfig(max_chars=400, min_chars=80))
    e = Engine(cfg, embedder=Embedder())
    e.load(build_if_missing=False)
    e.reindex(started_by="doomed")
    print("finished", flush=True)
    """
)


@pytest.mark.parametrize(
    ("stage", "documents"),
    [
        ("loaded", 3),  # corpus read, nothing embedded yet
        ("embedding", 3),  # half of the chunks embedded
        ("writing", 3),  # docs, chunks, lexicon, vectors written; bm25 and manifest not
        ("lexicon", 3),  # mid-write: docs, chunks, lexicon written; vectors, bm25, manifest not
        ("before-swap", 3),  # a complete new generation, not yet current
        ("after-swap", 4),  # `current` renamed to the new generation, old one not yet pruned
    ],
)
def test_killed_at_each_point_of_a_reindex(engine, config, corpus, stage, documents):
    (corpus / "delta.txt").write_text(DELTA)
    script = KILL_SCRIPT.format(repo=str(REPO), corpus=str(config.corpus_dir),
                                index=str(config.index_dir), stage=stage)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == stage
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    fresh = Engine.open(config, embedder=FakeEmbedder(), build_if_missing=False)
    assert_complete(fresh, documents)  # the old or the new index, whole — never a mix
    assert bool(fresh.search("bread prize bakery") and
                fresh.search("bread prize bakery")[0].chunk.doc_id == "delta") == (documents == 4)
    assert fresh.reindex_status() is None  # the dead process's lock is not held
    summary = fresh.reindex(started_by="next")
    assert summary.documents == 4
    # The dead build's leftovers are gone: every generation folder is complete.
    assert all((p / "manifest.json").exists() for p in config.index_dir.glob("gen-*"))
    assert not list(config.index_dir.glob(".current.*.tmp"))


# --- damaged files: bytes flipped, sizes unchanged -------------------------------------------


def _flip(path: Path, where: float = 0.5) -> None:
    data = bytearray(path.read_bytes())
    i = min(len(data) - 1, int(len(data) * where))
    data[i] ^= 0x01
    path.write_bytes(bytes(data))


def _victims() -> list[str]:
    # Every file a generation holds, bm25/ included (names as bm25s writes them).
    return ["docs.jsonl", "chunks.npy", "vectors.faiss", "lexicon.json", "manifest.json",
            "bm25/params.index.json", "bm25/vocab.index.json", "bm25/data.csc.index.npy",
            "bm25/indices.csc.index.npy", "bm25/indptr.csc.index.npy"]


@pytest.mark.parametrize("victim", _victims())
def test_flipped_byte_is_detected_at_load(engine, config, victim):
    gen = store.current_path(config.index_dir)
    path = gen / victim
    assert path.is_file(), sorted(p.relative_to(gen).as_posix() for p in gen.rglob("*"))
    size = path.stat().st_size
    _flip(path, 0.7)
    assert path.stat().st_size == size
    with pytest.raises(IndexCorrupt, match="checksum|unreadable|inconsistent"):
        store.load_generation(gen)


def test_flipped_letter_in_a_stored_quote_is_caught(engine, config):
    """The dangerous case: valid JSON, right size, one letter of an article changed."""
    gen = store.current_path(config.index_dir)
    docs = gen / "docs.jsonl"
    text = docs.read_text(encoding="utf-8")
    assert "deeply worried" in text
    docs.write_text(text.replace("deeply worried", "deeply wurried"), encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="fails its checksum"):
        store.load_generation(gen)


def test_damaged_index_is_logged_and_rebuilt_from_the_corpus(engine, config, caplog):
    gen = store.current_path(config.index_dir)
    _flip(gen / "vectors.faiss", 0.9)
    caplog.set_level(logging.ERROR)
    fresh = Engine.open(config, embedder=FakeEmbedder())
    [line] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert "fails its checksum (damaged on disk) — rebuilding from the corpus" in line
    assert store.current_path(config.index_dir) != gen
    assert_complete(fresh, 3)


def test_damaged_index_without_rebuild_is_a_clear_refusal(engine, config):
    _flip(store.current_path(config.index_dir) / "docs.jsonl")
    with pytest.raises(IndexCorrupt, match="damaged on disk"):
        Engine.open(config, embedder=FakeEmbedder(), build_if_missing=False)


def test_index_without_checksums_still_loads(engine, config):
    """Indexes written before checksums existed keep loading (sizes and counts still checked)."""
    gen = store.current_path(config.index_dir)
    manifest = json.loads((gen / "manifest.json").read_text())
    del manifest["sha256"], manifest["manifest_sha256"]
    (gen / "manifest.json").write_text(json.dumps(manifest))
    assert_complete(Engine.open(config, embedder=FakeEmbedder(), build_if_missing=False), 3)
