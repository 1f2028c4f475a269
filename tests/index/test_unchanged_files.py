"""A reindex reads only the corpus files that changed (index/unchanged_files.py)."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from index import documents
from index.engine import Engine


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the files the loader reads, in order."""
    seen: list[str] = []
    for suffix, reader in list(documents.READERS.items()):

        def counted(path, reader=reader):
            seen.append(path.name)
            return reader(path)

        monkeypatch.setitem(documents.READERS, suffix, counted)
    return seen


def test_a_reindex_reads_no_unchanged_file(engine, reads) -> None:
    engine.reindex()
    assert reads == []


def test_a_changed_file_is_read_and_indexed(engine, corpus, reads) -> None:
    (corpus / "gamma.txt").write_text("Chess club closes\n\nThe chess club closed after one season.")
    summary = engine.reindex()
    assert reads == ["gamma.txt"]
    assert summary.changed == ["gamma"]
    assert "chess club closed" in engine.state.doc("gamma").text


def test_a_file_touched_to_the_same_text_is_read_again(engine, corpus, reads) -> None:
    path = corpus / "gamma.txt"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    summary = engine.reindex()
    assert reads == ["gamma.txt"]
    assert summary.unchanged == 3  # same text: nothing to embed


def test_a_full_reindex_reads_every_file(engine, reads) -> None:
    engine.reindex(full=True)
    assert sorted(reads) == ["alpha.txt", "beta.md", "gamma.txt"]


def test_new_cleaning_settings_read_every_file(config, fake_embedder, reads) -> None:
    Engine.open(config, embedder=fake_embedder)
    reads.clear()
    stricter = replace(config, boilerplate_patterns=(*config.boilerplate_patterns, r"(?i)^orchestra\b.*$"))
    Engine.open(stricter, embedder=fake_embedder).reindex()
    assert sorted(reads) == ["alpha.txt", "beta.md", "gamma.txt"]


def test_a_file_skipped_last_time_is_read_and_reported_again(engine, corpus, reads) -> None:
    (corpus / "empty.txt").write_text("   \n")
    engine.reindex()
    reads.clear()
    summary = engine.reindex()
    assert reads == ["empty.txt"]
    assert [s.path for s in summary.skipped] == ["empty.txt"]


def test_the_reading_version_follows_the_title_splitter(config, monkeypatch) -> None:
    from pathlib import Path

    from index.attribution import segment
    from index.unchanged_files import reading_version

    before = reading_version(config)
    source = Path(segment.__file__).read_bytes()
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes",
                        lambda self: source + b"\n# edited" if self == Path(segment.__file__) else real_read_bytes(self))
    assert reading_version(config) != before
