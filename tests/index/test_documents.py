"""Corpus ingestion: formats, cleaning, ids, duplicates and broken files."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from index import readers
from index.cleaning import normalise_date, normalise_url
from index.config import EngineConfig
from index.documents import (
    SUPPORTED_SUFFIXES,
    CorpusLoad,
    fingerprint_files,
    iter_corpus_files,
    load_corpus,
)
from index.types import Document

HRW = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "hrw_2024"

BODY = (
    "The minister said the inquiry would report by June.\n\nCritics called the timetable too slow."
)


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load(root: Path, **overrides) -> CorpusLoad:
    return load_corpus(root, EngineConfig(corpus_dir=root, **overrides))


def only_doc(result: CorpusLoad) -> Document:
    assert len(result.documents) == 1, (result.documents, result.skipped)
    return result.documents[0]


def reasons(result: CorpusLoad) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in result.skipped:
        out.setdefault(s.path, []).append(s.reason)
    return out


def make_pdf(pages: list[str]) -> bytes:
    """A minimal valid PDF, one line of Helvetica text per page, built by hand."""
    n = len(pages)
    page_ids = [4 + 2 * i for i in range(n)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % p for p in page_ids)
        + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = b"BT /F1 12 Tf 72 720 Td (" + escaped.encode("latin-1") + b") Tj ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_ids[i] + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- formats -------------------------------------------------------------------------------


def test_txt_is_loaded_verbatim_with_path(tmp_path):
    write(tmp_path, "note.txt", "Inquiry timetable\n\n" + BODY + "\n")
    doc = only_doc(load(tmp_path))
    assert doc.text == "Inquiry timetable\n\n" + BODY
    assert (doc.doc_id, doc.path, doc.title) == ("note", "note.txt", "Inquiry timetable")


def test_markdown_front_matter_becomes_metadata(tmp_path):
    write(
        tmp_path,
        "a.md",
        (
            '---\ntitle: "Inquiry delayed"\nurl: https://www.example.org/news/1\n'
            "date: 2024-03-05T10:00:00Z\nsource: Example Wire\n---\n" + BODY
        ),
    )
    doc = only_doc(load(tmp_path))
    assert (doc.title, doc.url, doc.date, doc.source) == (
        "Inquiry delayed",
        "https://www.example.org/news/1",
        "2024-03-05",
        "Example Wire",
    )
    assert doc.text == BODY


def test_text_starting_with_a_rule_is_not_front_matter(tmp_path):
    write(tmp_path, "a.md", "---\nThis is prose, not metadata.\n---\n" + BODY)
    assert only_doc(load(tmp_path)).text.startswith("---\nThis is prose")


HTML = """<html><head><title>{title}</title>{og}<script>var tracking = 1;</script>
<style>p {{ color: red }}</style></head>
<body><nav><p>Home | World</p></nav><header><p>Site banner</p></header>
<article><h1>Inquiry delayed</h1><p>The minister <b>said</b> the inquiry
would report by June.</p><script>alert('x')</script><p>Critics called it slow.</p>
<aside><p>Related stories</p></aside></article>
<footer><p>Copyright footer</p></footer></body></html>"""


@pytest.mark.parametrize(
    ("title", "og", "expected"),
    [
        ("Inquiry delayed | Example", "", "Inquiry delayed | Example"),
        ("", '<meta property="og:title" content="OG headline">', "OG headline"),
    ],
)
def test_html_title(tmp_path, title, og, expected):
    write(tmp_path, "page.html", HTML.format(title=title, og=og))
    assert only_doc(load(tmp_path)).title == expected


def test_html_main_text_drops_scripts_and_furniture(tmp_path):
    write(tmp_path, "page.htm", HTML.format(title="T", og=""))
    doc = only_doc(load(tmp_path))
    assert doc.text == (
        "Inquiry delayed\n\nThe minister said the inquiry would report by June.\n\n"
        "Critics called it slow."
    )


def test_html_without_article_uses_body(tmp_path):
    write(tmp_path, "page.html", "<html><body><p>First para.</p><p>Second para.</p></body></html>")
    assert only_doc(load(tmp_path)).text == "First para.\n\nSecond para."


def test_pdf_pages_are_spans_of_the_text(tmp_path):
    pages = [
        "Page one says the budget grew.",
        "Page two (annex) lists the costs.",
        "Page three concludes.",
    ]
    write(tmp_path, "report.pdf", make_pdf(pages))
    doc = only_doc(load(tmp_path))
    assert [p[2] for p in doc.pages] == [1, 2, 3]
    for (start, end, number), expected in zip(doc.pages, pages, strict=True):
        assert expected in doc.text[start:end]
        assert doc.page_at(start) == number
    assert doc.text == "\n\n".join(doc.text[s:e] for s, e, _ in doc.pages)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_bulk_export_one_document_per_row(tmp_path, fmt):
    rows = [
        {
            "TEXT": "First article body.",
            "Title": "First",
            "URL": "https://www.hrw.org/a",
            "Published_Date": "20240118T014500Z",
        },
        {
            "TEXT": "Second article body.",
            "Title": "Second",
            "URL": "",
            "Published_Date": "2024-02-01",
            "Source": "Wire",
        },
    ]
    if fmt == "csv":
        header = list(rows[0])
        lines = [",".join(header + ["Source"])]
        lines += [",".join([r[h] for h in header] + [r.get("Source", "")]) for r in rows]
        write(tmp_path, "export.csv", "\n".join(lines) + "\n")
    else:
        write(tmp_path, "export.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    result = load(tmp_path)
    by_id = {d.doc_id: d for d in result.documents}
    assert set(by_id) == {"https://www.hrw.org/a", "export:2"}
    first, second = by_id["https://www.hrw.org/a"], by_id["export:2"]
    assert (first.text, first.title, first.date, first.source) == (
        "First article body.",
        "First",
        "2024-01-18",
        "hrw.org",
    )
    assert (second.title, second.date, second.source) == ("Second", "2024-02-01", "Wire")


def test_csv_with_huge_field(tmp_path):
    big = "word " * 60_000  # well over csv's default 128 KB field limit
    write(tmp_path, "big.csv", f'text,title\n"{big}",Big\n')
    assert only_doc(load(tmp_path)).title == "Big"


def test_csv_row_without_text_is_skipped_alone(tmp_path):
    write(tmp_path, "export.csv", "text,title\nBody one.,One\n ,Blank\nBody three.,Three\n")
    result = load(tmp_path)
    assert [d.title for d in result.documents] == ["One", "Three"]
    assert reasons(result) == {"export.csv": ["row 2: empty text"]}


def test_csv_without_text_column_is_skipped(tmp_path):
    write(tmp_path, "export.csv", "title,url\nOne,https://a.org\n")
    assert reasons(load(tmp_path)) == {"export.csv": ["CSV has no 'text' column"]}


def test_malformed_jsonl_line_skips_only_that_row(tmp_path):
    write(
        tmp_path,
        "feed.jsonl",
        '{"text": "Good one."}\n{"text": "broken\n["a list"]\n{"text": "Good two."}\n',
    )
    result = load(tmp_path)
    assert sorted(d.text for d in result.documents) == ["Good one.", "Good two."]
    assert [r.split(":")[0] for r in reasons(result)["feed.jsonl"]] == ["row 2", "row 3"]


# --- cleaning ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Sourse: abcnews.go.com",
        "Source: abcnews.go.com",
        "SOURCE:  https://www.abcnews.go.com/x",
    ],
)
def test_trailing_attribution_sets_source_and_leaves_text(tmp_path, line):
    write(tmp_path, "a.txt", BODY + "\n\n" + line + "\n\n")
    doc = only_doc(load(tmp_path))
    assert doc.source == "abcnews.go.com"
    assert doc.text == BODY
    assert ":" not in doc.text.splitlines()[-1]


def test_several_trailing_attribution_lines_all_removed(tmp_path):
    write(tmp_path, "a.txt", BODY + "\nSource: abcnews.go.com\nVia: reuters.com\n")
    doc = only_doc(load(tmp_path))
    assert (doc.text, doc.source) == (BODY, "abcnews.go.com")


def test_attribution_line_inside_text_is_kept(tmp_path):
    text = "Intro.\nSource: a leaked memo\nThe memo said more."
    write(tmp_path, "a.txt", text)
    doc = only_doc(load(tmp_path))
    assert doc.text == text and doc.source == ""


def test_explicit_source_beats_attribution(tmp_path):
    write(tmp_path, "a.md", "---\nsource: AP\n---\n" + BODY + "\nSource: abcnews.go.com\n")
    doc = only_doc(load(tmp_path))
    assert (doc.source, doc.text) == ("AP", BODY)


@pytest.mark.parametrize(
    "text",
    [
        "Click to expand Image Police detain a journalist. © 2023 IGOR KOVALENKO/EPA\n\n" + BODY,
        "The minister said the inquiry would report by June. Click to expand Image A man. © 2023 X"
        "\n\nCritics called the timetable too slow.",
        "The minister said the inquiry would report by June.\n\nClick to expand Image Map. © HRW\n\n"
        "Critics called the timetable too slow.",
    ],
)
def test_photo_caption_removed_article_kept(tmp_path, text):
    write(tmp_path, "a.txt", text)
    assert only_doc(load(tmp_path)).text == BODY


def test_custom_boilerplate_pattern(tmp_path):
    write(tmp_path, "a.txt", "Read more at example.org\n" + BODY)
    doc = only_doc(load(tmp_path, boilerplate_patterns=(r"(?i)^read more at\b.*$",)))
    assert doc.text == BODY


def test_text_normalisation_keeps_characters(tmp_path):
    decomposed = unicodedata.normalize("NFD", "café")
    raw = f"“Quoted” words — {decomposed}   \r\nline two\t\r\n\r\n\r\n\r\n\r\nline three\r\n"
    write(tmp_path, "a.txt", raw.encode("utf-8"))
    assert only_doc(load(tmp_path)).text == "“Quoted” words — café\nline two\n\nline three"


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("Inquiry timetable slips again", "Inquiry timetable slips again"),
        ("# Markdown headline", "Markdown headline"),
        (
            "On my way to the\nAssembly Hall, I was informed of an attack. It was bad.",
            "On my way to the Assembly Hall, I was informed of an attack.",
        ),
        (
            "The minister said the inquiry would report by June.",
            "The minister said the inquiry would report by June.",
        ),
        (
            "The minister, speaking to reporters outside parliament on Tuesday afternoon, said the "
            "inquiry would report by June. More followed.",
            "The minister, speaking to reporters outside parliament on Tuesday afternoon, said the…",
        ),
    ],
)
def test_derived_title(tmp_path, first, expected):
    write(tmp_path, "a.txt", first + "\n\n" + BODY)
    title = only_doc(load(tmp_path)).title
    assert title == expected
    assert len(title) <= 120


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("20240118T014500Z", "2024-01-18"),
        ("2024-03-05T10:00:00+02:00", "2024-03-05"),
        ("2024-03-05", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("spring 2024", "spring 2024"),
        ("", ""),
    ],
)
def test_date_normalisation(raw, expected):
    assert normalise_date(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://WWW.Example.org/news/1/", "https://www.example.org/news/1"),
        ("https://example.org/a?utm_source=x&id=3#top", "https://example.org/a?id=3"),
        ("HTTPS://example.org/a", "https://example.org/a"),
    ],
)
def test_url_normalisation(a, b):
    assert normalise_url(a) == normalise_url(b)


# --- ids, duplicates, walking --------------------------------------------------------------


def test_same_stem_in_two_folders_uses_relative_paths(tmp_path):
    write(tmp_path, "2023/report.txt", "Old report text.")
    write(tmp_path, "2024/report.txt", "New report text.")
    write(tmp_path, "other.txt", "Other text.")
    ids = [d.doc_id for d in load(tmp_path).documents]
    assert ids == ["2023/report", "2024/report", "other"]


def test_ids_are_stable_across_loads(tmp_path):
    write(tmp_path, "b.txt", "Bee text.")
    write(tmp_path, "rows.csv", "text\nRow one.\nRow two.\n")
    first = [d.doc_id for d in load(tmp_path).documents]
    write(tmp_path, "a.txt", "A new file arrives.")
    second = [d.doc_id for d in load(tmp_path).documents]
    assert first == ["b", "rows:1", "rows:2"]
    assert set(first) <= set(second)


def test_duplicate_by_url_first_in_sorted_order_wins(tmp_path):
    write(tmp_path, "a.md", "---\nurl: https://www.example.org/news/1/\n---\nFirst text.")
    write(tmp_path, "b.md", "---\nurl: https://WWW.example.org/news/1?utm_source=x#c\n---\nOther.")
    result = load(tmp_path)
    assert [d.doc_id for d in result.documents] == ["a"]
    assert [(s.path, s.reason) for s in result.duplicates] == [
        ("b.md", "duplicate of a (same url)")
    ]


def test_duplicate_by_text_across_rows_and_files(tmp_path):
    write(tmp_path, "a.txt", "Same   article\nTEXT here.")
    write(tmp_path, "b.csv", 'text,url\n"same article text HERE.",https://x.org/1\nOther.,\n')
    result = load(tmp_path)
    assert sorted(d.doc_id for d in result.documents) == ["a", "b:2"]
    assert [(s.path, s.reason) for s in result.duplicates] == [
        ("b.csv:1", "duplicate of a (same text)")
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.pdf", b"%PDF-1.4 this is not really a pdf", "unreadable PDF"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t\n", "empty"),
        ("furniture.txt", b"Advertisement\nClick to expand Image A photo. \xc2\xa9 AP\n", "empty"),
        ("huge.txt", b"x" * 5000, "too large: 5000 bytes > 4000 bytes limit"),
        ("empty.jsonl", b"\n\n", "empty"),
    ],
)
def test_broken_file_is_skipped_and_load_continues(tmp_path, name, content, reason):
    write(tmp_path, name, content)
    write(tmp_path, "good.txt", BODY)
    result = load(tmp_path, max_file_bytes=4000)
    assert [d.doc_id for d in result.documents] == ["good"]
    [got] = reasons(result)[name]
    assert got.startswith(reason)


def test_too_large_file_is_not_read(tmp_path, monkeypatch):
    write(tmp_path, "huge.txt", "x" * 5000)
    monkeypatch.setitem(readers.READERS, ".txt", lambda path: pytest.fail("file was read"))
    assert reasons(load(tmp_path, max_file_bytes=4000))["huge.txt"][0].startswith("too large")


def test_crashing_reader_costs_only_its_file(tmp_path, monkeypatch):
    def boom(path):
        raise RuntimeError("parser bug")

    monkeypatch.setitem(readers.READERS, ".html", boom)
    write(tmp_path, "a.html", "<p>x</p>")
    write(tmp_path, "good.txt", BODY)
    result = load(tmp_path)
    assert [d.doc_id for d in result.documents] == ["good"]
    assert reasons(result) == {"a.html": ["unreadable: RuntimeError: parser bug"]}


def test_invalid_utf8_falls_back_to_cp1252(tmp_path):
    write(tmp_path, "legacy.txt", "“Smart quotes” and café".encode("cp1252"))
    result = load(tmp_path)
    assert only_doc(result).text == "“Smart quotes” and café"
    assert result.skipped == []


def test_utf8_bom_is_not_part_of_text(tmp_path):
    write(tmp_path, "bom.txt", "\ufeffHello world.".encode())
    assert only_doc(load(tmp_path)).text == "Hello world."


def test_unsupported_files_are_reported(tmp_path):
    write(tmp_path, "data.json", "{}")
    write(tmp_path, "good.txt", BODY)
    assert reasons(load(tmp_path)) == {"data.json": ["unsupported file type .json"]}


def test_walk_skips_hidden_readmes_and_glossary_and_recurses(tmp_path):
    for rel in [
        "a.txt",
        "sub/deeper/b.md",
        "sub/c.HTML",
        "x.pdf",
        "rows.csv",
        "feed.jsonl",
        ".hidden.txt",
        ".git/config.txt",
        "sub/.cache/d.txt",
        "README.md",
        "sub/readme.txt",
        "SOURCE_README.md",
        "PROVENANCE.txt",
        "glossary.toml",
        "notes.docx",
    ]:
        write(tmp_path, rel, "x")
    rels = [p.relative_to(tmp_path).as_posix() for p in iter_corpus_files(tmp_path)]
    assert rels == ["a.txt", "feed.jsonl", "rows.csv", "sub/c.HTML", "sub/deeper/b.md", "x.pdf"]


def test_glossary_with_supported_suffix_is_not_a_document(tmp_path):
    write(tmp_path, "terms.txt", "OHCHR = UN human rights office")
    write(tmp_path, "a.txt", BODY)
    result = load_corpus(tmp_path, EngineConfig(corpus_dir=tmp_path, glossary_file="terms.txt"))
    assert [d.doc_id for d in result.documents] == ["a"]


def test_load_recurses_into_subfolders(tmp_path):
    write(tmp_path, "2024/01/a.txt", "Alpha text.")
    write(tmp_path, "2024/02/b.txt", "Beta text.")
    result = load(tmp_path)
    assert [(d.doc_id, d.path) for d in result.documents] == [
        ("a", "2024/01/a.txt"),
        ("b", "2024/02/b.txt"),
    ]


def test_fingerprint_changes_when_a_file_changes(tmp_path):
    path = write(tmp_path, "sub/a.txt", "one")
    write(tmp_path, ".hidden.txt", "ignored")
    before = fingerprint_files(tmp_path)
    assert list(before) == ["sub/a.txt"]
    path.write_text("one two", encoding="utf-8")
    assert fingerprint_files(tmp_path)["sub/a.txt"] != before["sub/a.txt"]


def test_missing_corpus_folder_gives_empty_load(tmp_path):
    result = load(tmp_path / "nope")
    assert (result.documents, result.skipped, result.duplicates) == ([], [], [])


def test_supported_suffixes_all_have_readers():
    assert set(SUPPORTED_SUFFIXES) == set(readers.READERS)


# --- real data -----------------------------------------------------------------------------


@pytest.mark.slow
def test_hrw_corpus_loads_clean():
    if not (HRW / "hrw_articles.csv").is_file():
        pytest.skip(f"shared HRW corpus not found at {HRW}")
    result = load_corpus(HRW, EngineConfig(corpus_dir=HRW))
    docs = result.documents
    assert result.skipped == []
    assert 370 <= len(docs) <= 387
    assert 14 <= len(result.duplicates) <= 25
    assert not [d.doc_id for d in docs if d.text.startswith("Click to expand")]
    assert not [d.doc_id for d in docs if "Click to expand Image" in d.text]
    assert all(d.title and d.url and d.date.startswith("2024-") for d in docs)
    assert len({d.doc_id for d in docs}) == len(docs)


# --- symlinks: only inside the corpus folder -----------------------------------------------------
@pytest.mark.parametrize(
    ("make_link", "reason"),
    [
        (lambda root, out: (root / "out.txt").symlink_to(out / "secret.txt"),
         "symlink to a file outside the corpus folder: not followed"),
        (lambda root, out: (root / "outdir").symlink_to(out, target_is_directory=True),
         "symlink to a folder outside the corpus folder: not followed"),
        (lambda root, out: (root / "loop.txt").symlink_to("loop.txt"), "symlink loop: not followed"),
        (lambda root, out: (root / "dangling.txt").symlink_to(root / "gone.txt"),
         "broken symlink: its target does not exist"),
    ],
)
def test_symlinks_leading_out_or_nowhere_are_skipped_with_a_reason(tmp_path, make_link, reason):
    root, out = tmp_path / "corpus", tmp_path / "outside"
    write(root, "a.txt", BODY)
    write(out, "secret.txt", "Private memo\n\nThe treasurer said nothing about the bonus.")
    make_link(root, out)
    result = load(root)
    assert [d.path for d in result.documents] == ["a.txt"]
    assert list(reasons(result).values()) == [[reason]]
    assert list(fingerprint_files(root)) == ["a.txt"]


def test_a_symlink_to_a_file_inside_the_corpus_is_read(tmp_path):
    root = tmp_path / "corpus"
    write(root, "sub/a.txt", BODY)
    (root / "alias.txt").symlink_to(root / "sub" / "a.txt")
    result = load(root)
    assert result.skipped == [] and len(result.documents) == 1 and len(result.duplicates) == 1


def test_a_corpus_root_that_is_itself_a_symlink_is_read(tmp_path):
    write(tmp_path / "real", "a.txt", BODY)
    (tmp_path / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    assert only_doc(load(tmp_path / "linked")).path == "a.txt"


# --- one document's size --------------------------------------------------------------------------
def test_a_document_over_the_character_limit_is_skipped(tmp_path):
    write(tmp_path, "long.txt", "word " * 2_000)
    write(tmp_path, "short.txt", BODY)
    result = load(tmp_path, max_document_chars=5_000)
    assert [d.path for d in result.documents] == ["short.txt"]
    assert reasons(result) == {"long.txt": ["too long: 9,999 characters > 5,000 limit for one document"]}


@pytest.mark.parametrize("value", ["42", "4.5", "true", "null"])
def test_jsonl_text_that_is_not_a_string_is_a_row_problem(tmp_path, value):
    write(tmp_path, "rows.jsonl", f'{{"text": {value}}}\n{{"text": "{BODY[:40]}"}}\n')
    result = load(tmp_path)
    assert len(result.documents) == 1
    expected = "row 1: empty text" if value == "null" else f"row 1: text is not a string ({type(json.loads(value)).__name__})"
    assert reasons(result) == {"rows.jsonl": [expected]}
