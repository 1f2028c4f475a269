"""The one place where a quote's text is cut from a document.

A quote is always the contiguous stored text `doc.text[start:end]`: nothing here rewrites a
character. A long span is narrowed to the clause window that holds most of the question's
terms; the "…" marks that show the cut live outside the verbatim text (`cut_before/after`).
"""

from __future__ import annotations

import re

from index.lexical import analyze
from index.types import Document, Quote

MAX_QUOTE_CHARS = 420
_CLAUSE = re.compile(r"[,;:—–]\s+")
_EDGE_OPEN = " \n\t\"“”'‘’"
_EDGE_CLOSE = " \n\t\"“”‘"


_DOUBLE = "\"“”«»"


def _unmatched(text: str, start: int, end: int) -> bool:
    """An odd count of double quote marks: one at the edge belongs to no pair in the span."""
    return sum(text.count(c, start, end) for c in _DOUBLE) % 2 == 1


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    # Whitespace always goes; quote marks when they wrap the whole span, or when they pair with
    # nothing inside it, so 'expose "them to real risks … violence.”' keeps both of its marks.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if (end - start >= 2 and text[start] in "\"“«" and text[end - 1] in "\"”»"
            and not any(c in _DOUBLE for c in text[start + 1 : end - 1])):
        start, end = start + 1, end - 1
    while start < end and text[start] in _EDGE_OPEN and (
            text[start] not in _DOUBLE or _unmatched(text, start, end)):
        start += 1
    while end > start and text[end - 1] in _EDGE_CLOSE and (
            text[end - 1] not in _DOUBLE or _unmatched(text, start, end)):
        end -= 1
    return start, end


def narrow(text: str, start: int, end: int, terms: set[str], limit: int = MAX_QUOTE_CHARS) -> tuple[int, int]:
    """A long span kept to the clause window holding most query terms; stays contiguous."""
    start, end = _strip_edges(text, start, end)
    if end - start <= limit:
        return start, end
    cuts = [start] + [m.end() for m in _CLAUSE.finditer(text, start, end)] + [end]
    best, best_score = (start, start + limit), -1.0
    for i, a in enumerate(cuts):
        for b in cuts[i + 1 :]:
            if b - a > limit:
                break
            score = len(terms & set(analyze(text[a:b]))) + (b - a) / 10_000
            if score > best_score:
                best, best_score = (a, b), score
    a, b = best
    if b - a > limit:  # one giant clause: cut at a word boundary
        b = text.rfind(" ", a, a + limit)
        b = b if b > a else a + limit
    while b > a and text[b - 1] in " ,;:—–":
        b -= 1
    return a, b


def cut_quote(
    doc: Document, start: int, end: int, *, terms: set[str] = frozenset(),
    speaker: str | None = None, kind: str = "excerpt", citation: int = 0,
    role: str | None = None, organisation: str | None = None, limit: int = MAX_QUOTE_CHARS,
) -> Quote | None:
    """`limit`: the longest quote kept whole (a checked quote is shown whole, up to its own
    length limit; an answer's quotes are narrowed to MAX_QUOTE_CHARS)."""
    full = _strip_edges(doc.text, start, end)
    a, b = narrow(doc.text, start, end, set(terms), limit)
    text = doc.text[a:b]
    if not text.strip():
        return None
    return Quote(
        text=text, doc_id=doc.doc_id, start=a, end=b, meta=doc.meta, speaker=speaker, citation=citation,
        page=doc.page_at(a), cut_before=a > full[0], cut_after=b < full[1], kind=kind,
        role=role, organisation=organisation,
    )
