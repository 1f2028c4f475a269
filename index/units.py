"""Answer units: the sentences and statements an answer can quote, found and embedded at build time.

A unit is either a statement (attributed words, from `index.attribution`) or a plain sentence
that no statement covers (the article's own narrative). Each unit has a *quote* span (what is
shown) and a *context* span (the sentence(s) around it, which is what gets embedded and scored:
"gravely concerned" alone says little, its sentence says what about). Units are computed once
per document when the index is built, and their vectors are stored beside the chunks', so a
question scores thousands of sentences with one matrix product and no extra model call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from index.attribution import Statement, sentence_spans
from index.types import Document

log = logging.getLogger(__name__)

# Columns of the stored unit table (int64 rows).
DOC, START, END, CTX_START, CTX_END, STATEMENT = range(6)
COLUMNS = 6
# What is embedded per unit: a sentence, capped so a run-on paragraph stays cheap to embed.
MAX_CONTEXT_CHARS = 600
# When a sentence's statements leave this many of its words in one stretch, that stretch is a
# unit of its own: 'Asked whether the award had improved the situation — currently ranked 138th
# in press freedom — Ressa said' holds the reporter's ranking, her words ('it had not') do not.
NARRATIVE_REMAINDER_WORDS = 8


@dataclass(frozen=True, slots=True)
class Unit:
    doc_index: int
    start: int
    end: int
    context_start: int
    context_end: int
    statement: int  # index into the document's statements; -1 for a plain sentence


def document_units(doc_index: int, doc: Document, statements: list[Statement]) -> list[Unit]:
    """Statements first, then every sentence no statement's words cover, and the reporter's own
    part of a sentence its statements leave (`NARRATIVE_REMAINDER_WORDS`), in reading order."""
    units = [
        Unit(doc_index, s.start, s.end, s.sentence_start, s.sentence_end, i)
        for i, s in enumerate(statements)
        if s.end > s.start
    ]
    covered = sorted((u.start, u.end) for u in units)
    title = doc.title.strip()
    for a, b in sentence_spans(doc.text):
        if title and doc.text[a:b].strip() == title:
            continue  # the headline is the outlet's summary, never an answer on its own
        inside = sorted((max(a, cs), min(b, ce)) for cs, ce in covered if cs < b and a < ce)
        if not inside:
            units.append(Unit(doc_index, a, b, a, b, -1))
            continue
        rest = _longest_remainder(doc.text, a, b, inside)
        if rest is not None and not _paraphrases(doc.text, rest, statements):
            units.append(Unit(doc_index, *rest, *rest, -1))
    units.sort(key=lambda u: (u.context_start, u.start))
    return units


def _longest_remainder(text: str, a: int, b: int, inside: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The longest stretch of the sentence text[a:b] outside its statements' words (`inside`,
    sorted), when it has `NARRATIVE_REMAINDER_WORDS` words: the reporter's own part of it."""
    pieces, at = [], a
    for x, y in inside:
        pieces.append((at, x))
        at = max(at, y)
    pieces.append((at, b))
    best = max(pieces, key=lambda p: len(text[p[0] : p[1]].split()))
    start, end = best
    while start < end and (text[start].isspace() or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
        end -= 1
    return (start, end) if len(text[start:end].split()) >= NARRATIVE_REMAINDER_WORDS else None


def _paraphrases(text: str, rest: tuple[int, int], statements: list[Statement]) -> bool:
    """Is the remainder the speaker's own paraphrase, leading into their quoted words ('They
    warned that repatriations could increase … which can enable “…”')? Then it is theirs, not
    the reporter's: a statement's cue inside it followed by more than a time ('Ressa said on
    Thursday')."""
    start, end = rest
    return any(st.cue_start is not None and st.cue_end is not None and start <= st.cue_start < end
               and len(text[st.cue_end : end].split()) > _WORDS_AFTER_CUE for st in statements)


# What may follow the cue in a reporter's remainder: 'said on Thursday', 'told reporters'.
_WORDS_AFTER_CUE = 3
# Marks at a remainder's edges, left over from the quotation it borders.
_EDGE = "\"“”‘’«»,;:—–-"


def context_text(doc: Document, unit: Unit) -> str:
    return doc.text[unit.context_start : unit.context_end][:MAX_CONTEXT_CHARS]


def to_rows(units: list[Unit]) -> np.ndarray:
    return np.asarray(
        [(u.doc_index, u.start, u.end, u.context_start, u.context_end, u.statement) for u in units],
        dtype=np.int64,
    ).reshape(-1, COLUMNS)


def from_row(row: np.ndarray) -> Unit:
    return Unit(*(int(x) for x in row[:COLUMNS]))


def doc_ranges(rows: np.ndarray) -> dict[int, tuple[int, int]]:
    """doc_index → [first, last+1) unit rows; a document's units are contiguous."""
    out: dict[int, tuple[int, int]] = {}
    if rows.shape[0] == 0:
        return out
    col = rows[:, DOC]
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
    ends = np.r_[starts[1:], len(col)]
    for s, e in zip(starts, ends, strict=True):
        out[int(col[s])] = (int(s), int(e))
    return out
