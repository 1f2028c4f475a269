"""Is a claimed quote in the corpus word for word? verbatim / not verbatim / not found.

1. **Verbatim**: the claim's pieces (split at "…" / "...") are looked up in every document's
   normalised text (`index.verify_text`: quote marks, apostrophes, whitespace and case do not
   count), in order and close together, and mapped back to offsets in the stored text.
2. **Not verbatim**: otherwise the hybrid search (`index.search.Searcher`) finds the passages
   most like the claim, and a word alignment (`index.verify_align`) picks the closest real
   wording in them and the words that differ — when it is similar enough
   (`VerifyConfig.close_enough`).
3. **Not found**: nothing is that close.

Speakers come from the statements attributed at build time (`IndexState.statements`): the
smallest statement whose words contain the span gives it its speaker; a span no statement
covers is the article's own text. Nothing here decides who said what. Quotes are cut by
`index.quoting.cut_quote`, the one place that does.
"""

from __future__ import annotations

import logging
import threading
import time

from index.attribution import Statement
from index.config import EngineConfig, VerifyConfig
from index.errors import BadQuestion, QuotebotError
from index.quoting import MAX_QUOTE_CHARS, cut_quote
from index.search import Searcher
from index.store import IndexState
from index.types import Document, Quote, Source, Verification
from index.verify_align import align, word_diff
from index.verify_text import (
    Word,
    chains,
    clean_claim,
    core_span,
    normalise,
    normalise_with_map,
    pieces,
    without_ellipses,
    words,
)

log = logging.getLogger(__name__)

EMPTY_CLAIM = "Paste the quote to check — the text was empty."
# Documents matched verbatim before the best place is picked (duplicates under several URLs).
MAX_VERBATIM_DOCS = 20


def too_long(length: int, limit: int) -> str:
    return f"Quotes to check are limited to {limit:,} characters (this one has {length:,})."


def too_short(limit: int) -> str:
    return f"Give at least {limit} words to check: fewer occur word for word almost anywhere."


def check_claim(claim: str, config: VerifyConfig) -> str:
    """The claim cleaned (NFC, no invisible characters); BadQuestion when it is empty, too long
    or too short to check."""
    text = clean_claim(claim)
    if not text:
        raise BadQuestion(EMPTY_CLAIM)
    if len(text) > config.max_claim_chars:
        raise BadQuestion(too_long(len(text), config.max_claim_chars))
    if len(words(without_ellipses(text))) < config.min_claim_words:
        raise BadQuestion(too_short(config.min_claim_words))
    return text


def statement_span(st: Statement) -> tuple[int, int]:
    """The text a statement gives its speaker, as answers show it (`index.answer_quotes.shown_span`):
    a mixed statement's reported clause around its quoted words, any other statement's words."""
    if st.kind == "mixed":
        if st.cue_end is not None and st.cue_end <= st.start:
            return st.cue_end, st.sentence_end
        return st.sentence_start, st.sentence_end
    return st.start, st.end


def covering(statements: list[Statement], start: int, end: int) -> Statement | None:
    """The smallest stored statement whose span contains `[start, end)`, if any."""
    spans = [(s, *statement_span(s)) for s in statements if s.end > s.start]
    inside = [(s, a, b) for s, a, b in spans if a <= start and end <= b]
    return min(inside, key=lambda x: x[2] - x[1], default=(None,))[0]


def attributed_quote(doc: Document, statements: list[Statement], start: int, end: int) -> Quote | None:
    """`doc.text[start:end]` as a Quote whose speaker is the covering statement's (build time)."""
    st = covering(statements, start, end)
    kind = st.kind if st is not None and st.speaker else "excerpt"
    return cut_quote(
        doc, start, end, kind=kind, citation=1, limit=max(MAX_QUOTE_CHARS, end - start),
        speaker=st.speaker if kind != "excerpt" else None,
        role=st.role if st is not None else None, organisation=st.organisation if st is not None else None,
    )


class Verifier:
    """Checks claims against one loaded index; built with it, swapped with it."""

    def __init__(self, state: IndexState, searcher: Searcher, config: EngineConfig) -> None:
        self.state = state
        self.searcher = searcher
        self.config = config.verify
        self._normalised: list[str] | None = None
        self._lock = threading.Lock()

    def normalised(self) -> list[str]:
        """Every document's normalised text, made on the first check (0.6 s for the 4 MB eval
        corpus on a busy 2-core machine), not at start: most starts never check a quote."""
        with self._lock:
            if self._normalised is None:
                self._normalised = [normalise(d.text) for d in self.state.docs]
            return self._normalised

    def verify(self, claim: str) -> Verification:
        t0 = time.perf_counter()
        text = check_claim(claim, self.config)
        if not self.state.docs:
            raise QuotebotError("The corpus is empty: there is nothing to check the quote against.")
        timings: dict[str, float] = {}
        found = self._verbatim(pieces(text))
        timings["exact"] = (time.perf_counter() - t0) * 1000
        if found is not None:
            result = found
            result.claim = text
        else:
            result = self._closest(text, timings)
        result.timings_ms = {**timings, "total": (time.perf_counter() - t0) * 1000}
        return result

    # --- verbatim --------------------------------------------------------------------------
    def _verbatim(self, parts: list[str]) -> Verification | None:
        if not parts:
            return None
        anchor = max(parts, key=len)
        best: tuple[tuple[int, int], Verification] | None = None
        matched_docs = 0
        for di, folded in enumerate(self.normalised()):
            if anchor not in folded:
                continue
            placements = list(chains(folded, parts, self.config.max_gap_chars))
            if not placements:
                continue
            doc = self.state.docs[di]
            folded_again, where = normalise_with_map(doc.text)
            if folded_again != folded:  # the two normalisations must agree; never guess offsets
                log.error("normalised text of %s differs between its two forms; skipped", doc.doc_id)
                continue
            for placed in placements:
                quotes = [attributed_quote(doc, self.state.statements[di], where[p.start], where[p.end - 1] + 1)
                          for p in placed]
                if any(q is None for q in quotes):
                    continue
                # The same words twice (a report's summary repeats a witness's words, a release
                # is reposted): the place whose stored statement gives them as someone's own
                # words, else any speaker, else the first.
                rank = (sum(q.kind == "direct" for q in quotes), sum(q.speaker is not None for q in quotes))
                if best is None or rank > best[0]:
                    best = (rank, Verification("", "verbatim", quote=quotes, similarity=1.0,
                                               sources=[Source(1, doc.doc_id, doc.meta)]))
            matched_docs += 1
            if matched_docs >= MAX_VERBATIM_DOCS:
                break
        return best[1] if best else None

    # --- closest wording -------------------------------------------------------------------
    def _window(self, doc: Document, start: int, end: int) -> list[Word]:
        margin = self.config.window_margin_chars
        a, b = max(0, start - margin), min(len(doc.text), end + margin)
        # Whole words only: a word cut in half at the window's edge is no word of the text.
        if a > 0 and not doc.text[a - 1].isspace():
            a = next((i for i in range(a, b) if doc.text[i].isspace()), b)
        if b < len(doc.text) and not doc.text[b].isspace():
            b = next((i for i in range(b, a, -1) if doc.text[i - 1].isspace()), a)
        return words(doc.text, a, b)

    def _closest(self, text: str, timings: dict[str, float]) -> Verification:
        t = time.perf_counter()
        plain = without_ellipses(text)
        claim_words = words(plain)
        retrieval = self.searcher.search(plain, k=self.config.candidate_passages)
        timings["search"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        best = None
        for hit in retrieval.hits:
            doc = self.state.doc(hit.chunk.doc_id)
            passage = self._window(doc, hit.chunk.start, hit.chunk.end)
            found = align(claim_words, passage)
            if found is not None and (best is None or found.similarity > best[0].similarity):
                best = (found, doc, passage)
        timings["align"] = (time.perf_counter() - t) * 1000
        if best is None or best[0].similarity < self.config.close_enough:
            return Verification(text, "not found", similarity=best[0].similarity if best else 0.0)
        found, doc, passage = best
        span = passage[found.first : found.last]
        di = self.state.doc_index[doc.doc_id]
        start, end = core_span(doc.text, span[0].start, span[-1].end)
        quote = attributed_quote(doc, self.state.statements[di], start, end)
        if quote is None:
            return Verification(text, "not found", similarity=found.similarity)
        return Verification(
            text, "not verbatim", closest=quote, diff=word_diff(plain, claim_words, doc.text, span),
            similarity=found.similarity, sources=[Source(1, doc.doc_id, doc.meta)],
        )
