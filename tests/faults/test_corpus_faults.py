"""Hostile and broken corpus files: each is skipped with a reason, within bounded time and
memory, and the rest of the corpus is still indexed."""

from __future__ import annotations

import json
import os
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from index import readers
from index.config import ChunkingConfig, EngineConfig
from index.documents import load_corpus
from index.engine import Engine
from tests.conftest import write_corpus
from tests.fakes import FakeEmbedder

GOOD = "Good article\n\nThe river agency said the floods would reach the valley by Friday."


def load(root: Path, **overrides):
    return load_corpus(root, EngineConfig(corpus_dir=root, **overrides))


def load_measuring_peak(root: Path, **overrides):
    """Load the corpus and return (result, peak bytes allocated by Python meanwhile)."""
    tracemalloc.start()
    try:
        result = load(root, **overrides)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def reasons(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in result.skipped:
        out.setdefault(s.path, []).append(s.reason)
    return out


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def flate_pdf(content: bytes, pages: int = 1) -> bytes:
    """A hand-built PDF whose page content streams are `content`, Flate-compressed."""
    stream = zlib.compress(content, 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages))
        + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# --- files that vanish or change under the reader -------------------------------------------


def test_file_removed_between_listing_and_reading_is_skipped(root, monkeypatch):
    (root / "gone.txt").write_text("Soon gone\n\nThis file is deleted before it is read.")
    real = readers.READERS[".txt"]

    def delete_then_read(path):
        if path.name == "gone.txt":
            path.unlink()
        return real(path)

    monkeypatch.setitem(readers.READERS, ".txt", delete_then_read)
    result = load(root)
    assert [d.doc_id for d in result.documents] == ["good"]
    assert reasons(result) == {"gone.txt": ["disappeared while the corpus was being read"]}


def test_file_removed_after_stat_is_skipped(root, monkeypatch):
    """The window between the size check and the read, for a PDF (its reader wraps errors)."""
    (root / "gone.pdf").write_bytes(flate_pdf(b"BT /F1 12 Tf 72 720 Td (gone) Tj ET"))
    real = readers.READERS[".pdf"]

    def delete_then_read(path):
        path.unlink()
        return real(path)

    monkeypatch.setitem(readers.READERS, ".pdf", delete_then_read)
    result = load(root)
    assert [d.doc_id for d in result.documents] == ["good"]
    assert reasons(result)["gone.pdf"] == ["disappeared while the corpus was being read"]


def test_file_changed_once_while_read_is_read_again(root, monkeypatch):
    path = root / "moving.txt"
    path.write_text("Draft\n\nOld half of the text.")
    real = readers.READERS[".txt"]
    calls = []

    def read_then_change(p):
        out = real(p)
        if p == path and not calls:
            calls.append(p)
            p.write_text("Final\n\nThe final, complete text of the statement.")
        return out

    monkeypatch.setitem(readers.READERS, ".txt", read_then_change)
    result = load(root)
    doc = {d.doc_id: d for d in result.documents}["moving"]
    assert doc.text.endswith("The final, complete text of the statement.") and result.skipped == []


def test_file_that_keeps_changing_is_skipped(root, monkeypatch):
    path = root / "busy.txt"
    path.write_text("Busy\n\nv0")
    real = readers.READERS[".txt"]
    n = [0]

    def read_then_change(p):
        out = real(p)
        if p == path:
            n[0] += 1
            p.write_text(f"Busy\n\nversion {n[0]} " + "x" * n[0])
        return out

    monkeypatch.setitem(readers.READERS, ".txt", read_then_change)
    result = load(root)
    assert [d.doc_id for d in result.documents] == ["good"]
    assert reasons(result)["busy.txt"][0].startswith("kept changing while being read")


# --- size, bombs, encodings -------------------------------------------------------------------


def test_500_mb_sparse_file_is_skipped_without_being_read(root, monkeypatch):
    with open(root / "huge.txt", "wb") as f:
        f.truncate(500 * 2**20)
    real = readers.READERS[".txt"]
    monkeypatch.setitem(
        readers.READERS, ".txt",
        lambda p: pytest.fail("the huge file was read") if p.name == "huge.txt" else real(p),
    )
    result, peak = load_measuring_peak(root)
    assert reasons(result) == {"huge.txt": ["too large: 500.0 MB > 50.0 MB limit"]}
    assert [d.doc_id for d in result.documents] == ["good"]
    assert peak < 20 * 2**20  # nothing near the file's size was allocated


def test_pdf_with_thousands_of_pages_is_refused_before_extraction(root, monkeypatch):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(5000):
        writer.add_blank_page(72, 72)
    writer.write(root / "pages.pdf")
    monkeypatch.setattr("pypdf._page.PageObject.extract_text", lambda *a, **k: pytest.fail("extracted"))
    result = load(root)
    assert reasons(result) == {"pages.pdf": ["too many pages: 5,000 > 3,000 limit"]}
    assert [d.doc_id for d in result.documents] == ["good"]


def test_pdf_decompression_bomb_is_refused_in_bounded_memory(root):
    # 200 MB of content from a ~200 KB file: pypdf's own output cap stops it.
    (root / "bomb.pdf").write_bytes(flate_pdf(b"BT (x) Tj ET\n" + b" " * 200_000_000))
    assert (root / "bomb.pdf").stat().st_size < 300_000
    result, peak = load_measuring_peak(root)
    [reason] = reasons(result)["bomb.pdf"]
    assert reason.startswith("unreadable PDF: Limit reached while decompressing")
    assert [d.doc_id for d in result.documents] == ["good"]
    assert peak < 250 * 2**20


def test_pdf_too_slow_to_extract_is_stopped(root, monkeypatch):
    monkeypatch.setattr(readers, "PDF_SECONDS", 0.2)
    (root / "slow.pdf").write_bytes(flate_pdf(b"BT /F1 12 Tf 72 720 Td (slow) Tj ET\n" + b" " * 2_000_000, pages=30))
    t0 = time.monotonic()
    result = load(root)
    assert time.monotonic() - t0 < 15  # 30 pages would take far longer unguarded
    [reason] = reasons(result)["slow.pdf"]
    assert reason.startswith("too slow to read: over 0 s by page") and reason.endswith("of 30")


def test_pdf_with_too_much_text_is_refused(root, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PDF_CHARS", 1000)
    (root / "wordy.pdf").write_bytes(flate_pdf(b"BT /F1 12 Tf 72 720 Td (" + b"word " * 100 + b") Tj ET", pages=5))
    result = load(root)
    [reason] = reasons(result)["wordy.pdf"]
    assert reason.startswith("too much text: over 1,000 characters by page")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("random.txt", bytes(b for b in os.urandom(20000) if b), "binary file ("),  # no NUL at all
        ("archive.txt", zlib.compress(os.urandom(5000)), "binary file"),
        ("invalid-utf8.md", bytes(range(0x80, 0x100)) * 40 + bytes(range(1, 32)) * 40, "binary file ("),
        ("png.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "binary file"),
        ("stray-nul.txt", b"Title\n\nText with a stray \x00 byte in it.", "corrupted text: the file contains NUL bytes"),
    ],
)
def test_binary_or_garbage_text_is_skipped(root, name, data, reason):
    (root / name).write_bytes(data)
    result = load(root)
    assert [d.doc_id for d in result.documents] == ["good"]
    [got] = reasons(result)[name]
    assert got.startswith(reason), got


def test_legacy_encoded_text_is_still_read(root):
    (root / "legacy.txt").write_bytes("Café\n\n“Prices rose,” the café owner said.".encode("cp1252"))
    result = load(root)
    assert {d.doc_id: d.text for d in result.documents}["legacy"].endswith("“Prices rose,” the café owner said.")


def test_csv_with_a_nul_byte_loses_only_that_row(root):
    rows = "title,text\nOne,First row about the harbour.\nTwo,Broken \x00 row.\nThree,Third row about the bridge.\n"
    (root / "rows.csv").write_bytes(rows.encode())
    result = load(root)
    assert sorted(d.doc_id for d in result.documents) == ["good", "rows:1", "rows:3"]
    assert reasons(result) == {"rows.csv": ["row 2: corrupted text (NUL bytes)"]}


def test_jsonl_with_a_100_mb_line_is_read_in_bounded_memory(root):
    path = root / "feed.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "First record about the harbour opening."}) + "\n")
        f.write('{"text": "')
        block = "y" * 2**20
        for _ in range(100):
            f.write(block)
        f.write('"}\n')
        f.write(json.dumps({"text": "Third record about the new bridge."}) + "\n")
    result, peak = load_measuring_peak(root, max_file_bytes=200 * 2**20)
    assert sorted(d.doc_id for d in result.documents) == ["feed:1", "feed:3", "good"]
    assert reasons(result) == {"feed.jsonl": ["row 2: line longer than 16 MB"]}
    assert peak < 40 * 2**20  # the 100 MB line was never held whole


def test_jsonl_bad_rows_do_not_cost_the_file(root):
    lines = [b'{"text": "Good first row about ferries."}', b'{"text": "Broken \x00 row."}',
             b'{"text": "Caf\xe9 row in a legacy encoding."}', b"not json"]
    (root / "mixed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    result = load(root)
    docs = {d.doc_id: d.text for d in result.documents}
    assert sorted(docs) == ["good", "mixed:1", "mixed:3"]
    assert docs["mixed:3"] == "Café row in a legacy encoding."
    assert reasons(result)["mixed.jsonl"] == [
        "row 2: invalid JSON (Invalid control character at)", "row 4: invalid JSON (Expecting value)"]


def test_a_corpus_of_broken_files_still_builds_an_index(tmp_path):
    root = write_corpus(tmp_path / "corpus")
    (root / "random.txt").write_bytes(bytes(b for b in os.urandom(5000) if b))
    with open(root / "huge.txt", "wb") as f:
        f.truncate(500 * 2**20)
    (root / "bad.csv").write_bytes(b"title,text\nA,ok row about the harbour\nB,bad \x00\n")
    cfg = EngineConfig(corpus_dir=root, index_dir=tmp_path / "index", chunking=ChunkingConfig(max_chars=400, min_chars=80))
    engine = Engine.open(cfg, embedder=FakeEmbedder())
    summary = engine.reindex(full=True)
    skipped = {s.path for s in summary.skipped}
    assert {"random.txt", "huge.txt", "bad.csv"} <= skipped
    assert engine.stats()["documents"] == 4  # the three articles and the good CSV row
    assert engine.search("orchestra tour")
