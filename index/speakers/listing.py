"""What `/said` and `quotebot said` list: a speaker's statements across the corpus.

Newest first by document date (undated documents last, then in corpus order); with `about`,
only the statements about it (the engine's gate, `index.refusals.statements_on`, the one "What
did X say about Y?" answers by), those naming most of its words first. Each
is cut from its document by `index.quoting.cut_quote` (verbatim, `doc.text[start:end]`) and
carries its speaker; the same words reprinted by several documents are listed once (the newest).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from index.attribution import Statement
from index.lexical import analyze
from index.normalize import fold
from index.quoting import cut_quote
from index.speakers.directory import SpeakerDirectory
from index.speakers.lookup import Target
from index.store import IndexState
from index.types import Quote, Said, Source

Key = tuple[int, int]
OnTopic = Callable[[list[Key]], set[Key]]


def shown_span(st: Statement) -> tuple[int, int]:
    """What a listing shows of a statement: a mixed one as the reported clause around its quoted
    words (two quoted words alone say nothing), as answers show it; the others as found."""
    if st.kind == "mixed":
        if st.cue_end is not None and st.cue_end <= st.start:
            return st.cue_end, st.sentence_end
        return st.sentence_start, st.sentence_end
    return st.start, st.end


def mentioned(target: Target, state: IndexState) -> bool:
    """Does any document name the target? (BM25's vocabulary holds every indexed word.)"""
    for name in target.names:
        terms = analyze(name)
        if terms and len(state.lexical.known(terms)) == len(terms):
            return True
    return False


def _relevance(state: IndexState, key: Key, st: Statement, about: set[str]) -> int:
    if not about:
        return 0
    return len(about & set(analyze(state.docs[key[0]].text[st.sentence_start : st.sentence_end])))


def ordered(state: IndexState, directory: SpeakerDirectory, keys: list[Key], about: str | None,
            on_topic: OnTopic | None = None) -> list[Key]:
    """The statements to list, in listing order, overlaps and reprints dropped."""
    terms = set(analyze(about)) if about else set()
    chosen = on_topic(keys) if about and on_topic else None
    scored = []
    for key in keys:
        st = directory.statement(key)
        hits = _relevance(state, key, st, terms)
        if (chosen is not None and key not in chosen) or (chosen is None and terms and not hits):
            continue
        scored.append((key, hits))
    # Stable sorts, last key first: corpus order, then newest first (ISO dates sort as text, an
    # undated "" after every date), then the statements naming most of `about`'s words.
    scored.sort(key=lambda kh: kh[0])
    scored.sort(key=lambda kh: state.docs[kh[0][0]].date, reverse=True)
    scored.sort(key=lambda kh: -kh[1])
    kept: list[Key] = []
    spans: dict[int, list[tuple[int, int]]] = {}
    seen_texts: set[str] = set()
    for key, _ in scored:
        a, b = shown_span(directory.statement(key))
        text = fold(state.docs[key[0]].text[a:b])
        if text in seen_texts or any(a < y and x < b for x, y in spans.get(key[0], [])):
            continue
        seen_texts.add(text)
        spans.setdefault(key[0], []).append((a, b))
        kept.append(key)
    return kept


def quotes_of(state: IndexState, directory: SpeakerDirectory, keys: list[Key],
              about: str | None) -> tuple[list[Quote], list[Source]]:
    """Verbatim quotes with their speakers; sources numbered in order of first appearance."""
    terms = set(analyze(about)) if about else set()
    quotes: list[Quote] = []
    sources: dict[int, Source] = {}
    for key in keys:
        st, doc = directory.statement(key), state.docs[key[0]]
        source = sources.setdefault(key[0], Source(len(sources) + 1, doc.doc_id, doc.meta))
        q = cut_quote(doc, *shown_span(st), terms=terms, kind=st.kind, citation=source.n,
                      speaker=st.speaker, role=st.role, organisation=st.organisation)
        if q is not None:
            quotes.append(q)
    return quotes, list(sources.values())


def said(state: IndexState, directory: SpeakerDirectory, target: Target, about: str | None = None,
         limit: int | None = None, on_topic: OnTopic | None = None) -> Said:
    """Everything `target` said (or, with `about`, said on that), newest first; `limit` keeps
    the first ones (`total` counts them all). `on_topic` picks the statements about `about`
    (the engine passes the gate "What did X say about Y?" answers by); without it, a
    statement whose sentence has one of `about`'s words."""
    keys = ordered(state, directory, directory.statements_of(target), about, on_topic)
    quotes, sources = quotes_of(state, directory, keys[:limit] if limit else keys, about)
    result = Said(target.label, about or None, quotes, sources, total=len(keys))
    if not quotes:
        result.mentioned = mentioned(target, state)
        result.message = no_statements(target.label, about, result.mentioned)
    return result


def no_statements(speaker: str, about: str | None, mentioned: bool) -> str:
    if about:
        return f"No statement from {speaker} on {about} in the corpus."
    if mentioned:
        return f"The corpus mentions {speaker} but quotes nothing from them."
    return f"No statements from {speaker} in the corpus."


def pages(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


def page(items: list, number: int, per_page: int) -> list:
    """One page (0-based, clamped) of a listing."""
    number = min(max(number, 0), pages(len(items), per_page) - 1)
    return items[number * per_page : (number + 1) * per_page]
