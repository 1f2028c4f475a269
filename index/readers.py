"""One reader per file format: bytes on disk → raw (uncleaned) text and metadata.

Readers raise ReadError with a reason fit for a moderator; problems with single rows of a bulk
export are returned alongside the rows that did parse, so one bad row never costs the file.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.cleaning import parse_front_matter

log = logging.getLogger(__name__)

# Bulk exports (HRW's CSV, scraped JSONL) keep whole articles in one field.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

BINARY_SNIFF_BYTES = 8192
# Text has the odd stray control character; a binary file renamed .txt has many.
MAX_CONTROL_SHARE = 0.05
# Bounds that keep one hostile file from costing unbounded time or memory.
MAX_PDF_PAGES = 3000
MAX_PDF_CHARS = 20_000_000
PDF_SECONDS = 120.0
MAX_RECORD_BYTES = 16 * 2**20  # one JSONL line
META_KEYS = ("title", "url", "date", "source")
# Column aliases seen in real exports; the first present wins.
COLUMN_ALIASES = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "date": ("date", "published_date", "publish_date", "published"),
    "source": ("source", "outlet", "publisher"),
}


class ReadError(Exception):
    """A whole file could not be used; the message is the reason shown in `skipped`."""


@dataclass(slots=True)
class RawDoc:
    text: str
    title: str = ""
    url: str = ""
    date: str = ""
    source: str = ""
    # PDFs: one raw text per page (page numbers start at 1); `text` is unused then.
    page_texts: list[str] | None = None
    # Bulk exports: 1-based data row (CSV, header excluded) or line number (JSONL).
    row: int | None = None


@dataclass(slots=True)
class ReadResult:
    docs: list[RawDoc] = field(default_factory=list)
    row_problems: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """UTF-8 first (BOM tolerated); legacy Windows/Latin-1 only when UTF-8 is impossible."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _not_binary(data.decode("utf-16"))
    if _binary_nuls(data[:BINARY_SNIFF_BYTES]):
        raise ReadError("binary file")
    try:
        return _not_binary(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        log.info("decoded as %s (not valid UTF-8)", encoding)
        return _not_binary(text)
    raise ReadError("cannot decode text")  # unreachable: latin-1 decodes any byte string


def _binary_nuls(head: bytes) -> bool:
    # Binary formats are full of NUL bytes; a text file with one stray NUL is damaged text,
    # reported as such (per row in CSV/JSONL) rather than as "binary".
    return head.count(0) > max(2, len(head) // 100)


_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _not_binary(text: str) -> str:
    """`text`, unless its start is mostly control characters (a binary file without NUL bytes)."""
    head = text[:BINARY_SNIFF_BYTES]
    # Category Cc is exactly U+0000–001F and U+007F–009F: one regex pass instead of a Python
    # call per character (that loop was 15 ms a file, a third of loading an unchanged corpus).
    controls = len(_CONTROL_CHARS.findall(head))
    if head and controls / len(head) > MAX_CONTROL_SHARE:
        raise ReadError(f"binary file ({controls / len(head):.0%} control characters)")
    return text


def _no_nul(text: str, what: str = "file") -> str:
    # A NUL past the sniffed start means a damaged file; indexing it would quote garbage.
    if "\x00" in text:
        raise ReadError(f"corrupted text: the {what} contains NUL bytes")
    return text


def read_plain(path: Path) -> ReadResult:
    meta, body = parse_front_matter(_no_nul(decode(path.read_bytes())).replace("\r\n", "\n"))
    doc = RawDoc(text=body, **_pick_meta(meta))
    return ReadResult([doc])


def read_html(path: Path) -> ReadResult:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_no_nul(decode(path.read_bytes())))
    doc = RawDoc(
        text="",
        title=_node_text(tree, "title") or _meta(tree, "og:title"),
        url=_meta(tree, "og:url") or _attr(tree, 'link[rel="canonical"]', "href"),
        date=_meta(tree, "article:published_time") or _meta(tree, "date"),
        source=_meta(tree, "og:site_name"),
    )
    # Figure captions are page furniture like HRW's "Click to expand Image …" lines.
    furniture = "script, style, noscript, template, nav, header, footer, aside, figcaption"
    for node in tree.css(furniture):
        node.decompose()
    # HTML whitespace (source newlines included) is insignificant; only <br> breaks a line.
    for br in tree.css("br"):
        br.replace_with(_BR)
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    doc.text = _html_paragraphs(root) if root is not None else ""
    return ReadResult([doc])


_BR = "\ue000"  # private-use marker: cannot occur in real text
_BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, th, dt, dd"


def _html_paragraphs(root: Any) -> str:
    paragraphs = []
    for node in root.css(_BLOCKS):
        # Innermost blocks only, so <li><p>…</p></li> is not emitted twice. (lexbor's css()
        # matches the node itself too.)
        if any(inner.mem_id != node.mem_id for inner in node.css(_BLOCKS)):
            continue
        lines = (" ".join(line.split()) for line in node.text(deep=True).split(_BR))
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    if not paragraphs:
        # Pages without block markup: fall back to the visible text, line by line.
        raw = root.text(separator="\n").replace(_BR, "\n")
        lines = (" ".join(line.split()) for line in raw.split("\n"))
        return "\n".join(line for line in lines if line)
    return "\n\n".join(paragraphs)


def _meta(tree: Any, name: str) -> str:
    for attr in ("property", "name"):
        value = _attr(tree, f'meta[{attr}="{name}"]', "content")
        if value:
            return value
    return ""


def _attr(tree: Any, selector: str, attr: str) -> str:
    node = tree.css_first(selector)
    return ((node.attributes.get(attr) if node is not None else None) or "").strip()


def _node_text(tree: Any, selector: str) -> str:
    node = tree.css_first(selector)
    return " ".join(node.text().split()) if node is not None else ""


def read_pdf(path: Path) -> ReadResult:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF")
        pages = _pdf_pages(reader)
        info = reader.metadata
    except (ReadError, FileNotFoundError):
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise ReadError(f"unreadable PDF: {exc}") from exc
    title = str(info.title or "").strip() if info is not None else ""
    return ReadResult([RawDoc(text="", title=title, page_texts=pages)])


def _pdf_pages(reader: Any) -> list[str]:
    """Page texts, refusing PDF bombs: too many pages, too much text, or too slow to extract."""
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise ReadError(f"too many pages: {count:,} > {MAX_PDF_PAGES:,} limit")
    deadline = time.monotonic() + PDF_SECONDS
    pages, chars = [], 0
    for n, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        chars += len(text)
        if chars > MAX_PDF_CHARS:
            raise ReadError(f"too much text: over {MAX_PDF_CHARS:,} characters by page {n} of {count}")
        if time.monotonic() > deadline:
            raise ReadError(f"too slow to read: over {PDF_SECONDS:.0f} s by page {n} of {count}")
        pages.append(text)
    return pages


def read_csv(path: Path) -> ReadResult:
    text = decode(path.read_bytes())
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = _columns(reader.fieldnames or [])
        if "text" not in columns:
            raise ReadError("CSV has no 'text' column")
        result = ReadResult()
        for number, row in enumerate(reader, start=1):
            _add_row(result, number, {k: row.get(v) for k, v in columns.items()})
    except csv.Error as exc:
        raise ReadError(f"unparseable CSV: {exc}") from exc
    return result


def read_jsonl(path: Path) -> ReadResult:
    """Line by line with a bounded line length: one giant record costs its row, not the memory."""
    with open(path, "rb") as fh:
        head = fh.read(BINARY_SNIFF_BYTES)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 has no byte-wise lines
            return _jsonl_rows(enumerate(decode(head + fh.read()).splitlines(), start=1))
        _sniff(head)
        fh.seek(0)
        return _jsonl_rows(_bounded_lines(fh))


def _sniff(head: bytes) -> None:
    if _binary_nuls(head):
        raise ReadError("binary file")
    _not_binary(head.decode("utf-8", errors="ignore"))


def _bounded_lines(fh: Any):
    number = 0
    while True:
        line = fh.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (more := fh.readline(2**20)) and not more.endswith(b"\n"):
                pass
            yield number, ReadError(f"row {number}: line longer than {MAX_RECORD_BYTES // 2**20} MB")
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield number, decode(line)
        except ReadError as exc:
            yield number, ReadError(f"row {number}: {exc}")


def _jsonl_rows(lines) -> ReadResult:
    result = ReadResult()
    for number, line in lines:
        if isinstance(line, ReadError):
            result.row_problems.append(str(line))
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            result.row_problems.append(f"row {number}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            result.row_problems.append(f"row {number}: not a JSON object")
            continue
        columns = _columns(list(obj))
        _add_row(result, number, {k: obj.get(v) for k, v in columns.items()})
    return result


def _columns(names: list[str]) -> dict[str, str]:
    """Canonical field → the file's own column name, matched case-insensitively."""
    by_lower = {}
    for name in names:
        if isinstance(name, str):
            by_lower.setdefault(name.strip().lower(), name)
    found = {}
    for canonical, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in by_lower:
                found[canonical] = by_lower[alias]
                break
    return found


def _add_row(result: ReadResult, number: int, fields: dict[str, Any]) -> None:
    text = fields.get("text")
    # {"text": 42} is a broken export, not a document whose text is "42".
    if text is not None and not isinstance(text, str):
        result.row_problems.append(f"row {number}: text is not a string ({type(text).__name__})")
        return
    text = text or ""
    if "\x00" in text:
        result.row_problems.append(f"row {number}: corrupted text (NUL bytes)")
        return
    if not text.strip():
        result.row_problems.append(f"row {number}: empty text")
        return
    meta = {k: ("" if fields.get(k) is None else str(fields[k])) for k in META_KEYS}
    result.docs.append(RawDoc(text=text, row=number, **_pick_meta(meta)))


def _pick_meta(meta: dict[str, str]) -> dict[str, str]:
    picked = {k: meta.get(k, "").strip() for k in META_KEYS}
    if not picked["date"]:
        picked["date"] = meta.get("published_date", "").strip()
    return picked


READERS = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".csv": read_csv,
    ".jsonl": read_jsonl,
}
