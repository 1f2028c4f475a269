"""From chosen candidates to what an answer shows: each unit's shown span and kind, which
candidates are shown together, and their quotes grouped by document with citations.

The text itself is cut in one place, `index.quoting.cut_quote`; the speaker is the one the
build's attribution gave the statement (`Candidate.statement`); nothing here decides either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from index.answer_types import FocusMatcher
from index.config import UNIT_FEATURES
from index.question import Intent
from index.quoting import cut_quote
from index.scoring import Candidate
from index.search import Slot, term_set
from index.types import Document, Quote, Source

FOCUS = UNIT_FEATURES.index("answer_focus")
# Two shown texts this alike (Jaccard over their terms) are the same words twice.
SAME_WORDS = 0.6


def quote_kind(c: Candidate) -> str:
    if c.statement is None or not c.statement.speaker:
        return "excerpt"
    return c.statement.kind


def shown_span(c: Candidate) -> tuple[int, int]:
    """What an answer shows of a unit. A mixed statement ('said the office was “gravely
    concerned” about forced repatriations') is shown as the reported clause around its quoted
    words — the article's wording, with the article's own quote marks — since two quoted words
    alone say nothing; everything else as found."""
    st, u = c.statement, c.unit
    if st is not None and st.kind == "mixed":
        if st.cue_end is not None and st.cue_end <= u.start:
            return st.cue_end, st.sentence_end
        return st.sentence_start, st.sentence_end
    return u.start, u.end


def quote_of(docs: Sequence[Document], c: Candidate, terms: set[str], n: int,
             whole_sentence: bool = False) -> Quote | None:
    doc = docs[c.unit.doc_index]
    st = c.statement
    if whole_sentence:
        # "Who is the spokesman?": the answer is the sentence naming them, an excerpt of the
        # article (its own quote marks still show whose words are whose).
        return cut_quote(doc, c.unit.context_start, c.unit.context_end, terms=terms, citation=n)
    kind = quote_kind(c)
    start, end = shown_span(c)
    return cut_quote(
        doc, start, end, terms=terms, kind=kind, citation=n,
        speaker=st.speaker if st and kind != "excerpt" else None,
        role=st.role if st else None, organisation=st.organisation if st else None,
    )


def closest_quotes(docs: Sequence[Document], cands: list[Candidate]) -> list[Quote]:
    """The passages an abstention shows as closest (not an answer), uncited."""
    return [q for c in cands if (q := quote_of(docs, c, set(), 0))]


def _overlaps(a: Candidate, b: Candidate) -> bool:
    (a0, a1), (b0, b1) = shown_span(a), shown_span(b)
    return a.unit.doc_index == b.unit.doc_index and a0 < b1 and b0 < a1


def _similar(a: str, b: str) -> bool:
    wa, wb = term_set(a), term_set(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > SAME_WORDS


def select(docs: Sequence[Document], cands: list[Candidate], max_quotes: int, keep_within: float,
           by_order: bool = False) -> list[Candidate]:
    """The candidates an answer shows: the best, then those within `keep_within` of it, never
    overlapping nor the same speaker's same words twice."""
    chosen: list[Candidate] = []
    texts: list[tuple[str, str | None]] = []
    for c in cands:
        if len(chosen) >= max_quotes:
            break
        if chosen and not by_order and c.score < chosen[0].score - keep_within:
            break
        text = docs[c.unit.doc_index].text[slice(*shown_span(c))]
        speaker = c.statement.speaker if c.statement else None
        # The same words twice (a reprint, a paraphrase of one's own quote) are shown once;
        # a spokesman's words beside the report of what the office said are both shown.
        if any(_overlaps(c, o) for o in chosen) or any(
                _similar(text, t) and who == speaker for t, who in texts):
            continue
        chosen.append(c)
        texts.append((text, speaker))
    return chosen


def whole_sentence_rule(docs: Sequence[Document], intent: Intent) -> Callable[[Candidate], bool]:
    """Which answers are shown as their whole sentence: "Who is the spokesman?" is answered
    by the sentence naming them; and an answer whose sentence holds what was asked outside
    the quoted words ('The 53-page document says Mr Corbyn …' for "how many pages") shows
    the sentence, so the answer is in what the user reads."""
    if intent.kind == "who":
        return lambda c: True
    focus = FocusMatcher(intent.focus)

    def outside_quote(c: Candidate) -> bool:
        if not c.features[FOCUS] or c.statement is None:
            return False
        start, end = shown_span(c)
        return not focus(docs[c.unit.doc_index].text[start:end])
    return outside_quote


def cite(docs: Sequence[Document], chosen: list[Candidate], topic: list[Slot] | None,
         whole_sentence: Callable[[Candidate], bool], story_order: bool) -> tuple[list[Quote], list[Source]]:
    """Grouped by document (best document first) so citations read [1] [1] [2]."""
    doc_order: list[int] = list(dict.fromkeys(c.unit.doc_index for c in chosen))
    # In story order a speaker's own words (direct, mixed) come before the reporter's
    # paraphrase of them (reported).
    chosen = sorted(chosen, key=lambda c: (
        doc_order.index(c.unit.doc_index),
        (quote_kind(c) not in ("direct", "mixed"), c.unit.start) if story_order else -c.score,
    ))
    terms = set().union(*(sl.terms for sl in topic)) if topic else set()
    quotes = [q for c in chosen
              if (q := quote_of(docs, c, terms, doc_order.index(c.unit.doc_index) + 1, whole_sentence(c)))]
    sources = [Source(n, docs[di].doc_id, docs[di].meta) for n, di in enumerate(doc_order, 1)]
    return quotes, sources
