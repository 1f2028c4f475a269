"""The closest real wording of a claim inside a passage, and which words differ.

Word-level alignment with the standard library's `difflib.SequenceMatcher`: the words that match
in order say where in the passage the claim comes from; the span is then widened by the claim's
unmatched words at either end (a changed first word is still part of the wording it replaces),
and the final comparison of the claim with that span gives the similarity and the word diff.
Every corpus word in the result is a slice of the stored document text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from difflib import SequenceMatcher

from index.types import WordEdit
from index.verify_text import Word

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Alignment:
    """The best span of a passage for a claim: word positions [first, last) in `passage`."""

    first: int
    last: int
    similarity: float  # SequenceMatcher ratio of the claim's words and the span's words


def _ratio(matched: int, claim_len: int, span_len: int) -> float:
    return 2.0 * matched / (claim_len + span_len) if claim_len + span_len else 0.0


def align(claim: list[Word], passage: list[Word]) -> Alignment | None:
    """The span of `passage` that reads most like `claim`, or None when no word matches."""
    if not claim or not passage:
        return None
    a = [w.key for w in claim]
    b = [w.key for w in passage]
    blocks = [m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    if not blocks:
        return None
    best: tuple[float, int, int] | None = None
    # Runs of consecutive matching blocks: a common word matched far away must not stretch the
    # span over a whole passage, so every run p..q is tried and the densest one wins.
    for p in range(len(blocks)):
        matched = 0
        for q in range(p, len(blocks)):
            matched += blocks[q].size
            first, last = blocks[p].b, blocks[q].b + blocks[q].size
            # The claim's unmatched words at the edges stand for passage words there.
            first -= min(blocks[p].a, first)
            last += min(len(a) - (blocks[q].a + blocks[q].size), len(b) - last)
            score = _ratio(matched, len(a), last - first)
            if best is None or score > best[0]:
                best = (score, first, last)
    _, first, last = best
    exact = SequenceMatcher(None, a, b[first:last], autojunk=False).ratio()
    return Alignment(first, last, exact)


_OPS = {"equal": "same", "replace": "changed", "delete": "added", "insert": "missing"}


def word_diff(claim_text: str, claim: list[Word], doc_text: str, span: list[Word]) -> list[WordEdit]:
    def cut(text: str, ws: list[Word], i: int, j: int) -> str:
        return text[ws[i].start : ws[j - 1].end] if j > i else ""

    matcher = SequenceMatcher(None, [w.key for w in claim], [w.key for w in span], autojunk=False)
    return [
        WordEdit(_OPS[tag], cut(claim_text, claim, i1, i2), cut(doc_text, span, j1, j2))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
