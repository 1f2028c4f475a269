"""bot.uploads: file-name sanitising, size checks, containment, atomic write."""

from __future__ import annotations

import pytest

from bot.uploads import UploadRefused, check_size, sanitise_name, target_path, write_atomic


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/x.md", "x.md"),
        ("/abs/path.txt", "path.txt"),
        ("C:\\Users\\me\\doc.PDF", "doc.pdf"),
        ("a\x00b.txt", "ab.txt"),
        ("tab\tand\nnewline.csv", "tabandnewline.csv"),
        (".hidden.md", "hidden.md"),
        ('we<ird>:na"me|?.html', "we_ird__na_me__.html"),
        ("x" * 300 + ".jsonl", "x" * 114 + ".jsonl"),
    ],
)
def test_sanitise_accepts(raw, expected):
    assert sanitise_name(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["../../etc/passwd", "evil.exe", "CON.txt", "nul", "com1.md", "LPT9.tar.txt", "", "...", "/", ".txt", "a.txt.exe"],
)
def test_sanitise_refuses(raw):
    with pytest.raises(UploadRefused):
        sanitise_name(raw)


def test_size_limits():
    check_size(10, 10)
    with pytest.raises(UploadRefused):
        check_size(11, 10)
    with pytest.raises(UploadRefused):
        check_size(0, 10)


def test_target_inside_corpus_and_no_silent_overwrite(tmp_path):
    (tmp_path / "a.txt").write_text("old")
    assert target_path(tmp_path, "b.txt", False) == (tmp_path / "b.txt").resolve()
    with pytest.raises(UploadRefused):
        target_path(tmp_path, "a.txt", False)
    assert target_path(tmp_path, "a.txt", True).name == "a.txt"
    with pytest.raises(UploadRefused):
        target_path(tmp_path, "../b.txt", True)


def test_target_through_symlink_escape_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "link.txt").symlink_to(tmp_path / "outside.txt")
    with pytest.raises(UploadRefused):
        target_path(corpus, "link.txt", True)


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
