"""Paragraph-aware chunks whose spans point into the stored document text."""

from __future__ import annotations

import logging
import re

from index.attribution import sentence_spans
from index.types import Chunk, Document

log = logging.getLogger(__name__)

_PARA = re.compile(r"\n\s*\n")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_long(text: str, start: int, end: int, max_chars: int, sentence_ends: list[int]) -> list[tuple[int, int]]:
    """Split one long paragraph at sentence boundaries; hard-split only a monster sentence."""
    bounds = [e for e in sentence_ends if start < e < end] + [end]
    pieces: list[tuple[int, int]] = []
    cur = last = start
    for b in bounds:
        if b - cur > max_chars and last > cur:
            pieces.append((cur, last))
            cur = last
        while b - cur > max_chars:
            cut = text.rfind(" ", cur, cur + max_chars)
            cut = cut if cut > cur + max_chars // 2 else cur + max_chars
            pieces.append((cur, cut))
            cur = cut
        last = b
    if cur < end:
        pieces.append((cur, end))
    return [_strip(text, s, e) for s, e in pieces if text[s:e].strip()]


def chunk_spans(text: str, max_chars: int = 900, min_chars: int = 200) -> list[tuple[int, int]]:
    units: list[tuple[int, int]] = []
    sentence_ends: list[int] | None = None
    for s, e in _paragraph_spans(text):
        if e - s <= max_chars:
            units.append((s, e))
            continue
        # The engine's one sentence splitter (index/attribution), run on the whole text as
        # attribution runs it (whether lines are hard-wrapped is the document's question), so a
        # chunk never cuts a sentence that attribution reads whole.
        if sentence_ends is None:
            sentence_ends = [b for _, b in sentence_spans(text)]
        units.extend(_split_long(text, s, e, max_chars, sentence_ends))
    # Merge small neighbours so a one-line paragraph ("He said.") does not become its own chunk.
    merged: list[tuple[int, int]] = []
    for s, e in units:
        if merged:
            ps, pe = merged[-1]
            if (pe - ps < min_chars or e - s < min_chars) and e - ps <= max_chars:
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    return merged


def chunk_document(doc: Document, max_chars: int = 900, min_chars: int = 200) -> list[Chunk]:
    return [
        Chunk(doc_id=doc.doc_id, ordinal=i, start=s, end=e, text=doc.text[s:e])
        for i, (s, e) in enumerate(chunk_spans(doc.text, max_chars, min_chars))
    ]
