"""When X's own words decide: "What did X say (about Y)?" and "Did X comment on Y?".

The answer is X's statements (attribution decided them at build time), so the corpus may answer
"no" before any confidence figure is asked: X is never quoted ("The corpus mentions X but quotes
nothing from them"), or none of X's statements is about Y ("No statement from X on Y in the
corpus"). Another party's words are never offered as X's; they may be shown as the closest
passages, which the answer labels as not an answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from index.config import UNIT_FEATURES
from index.filters import Scope
from index.normalize import fold
from index.question import Intent
from index.render import NOT_FOUND
from index.scoring import Candidate
from index.search import Slot, coverage
from index.speakers import Target
from index.speakers.directory import Key
from index.speakers.listing import mentioned, no_statements
from index.store import IndexState

if TYPE_CHECKING:
    from index.answer import AnswerContext

COVERAGE = UNIT_FEATURES.index("coverage")


def statement_refusal(ctx: AnswerContext, intent: Intent, target: Target, cands: list[Candidate],
                      topic: list[Slot], scope: Scope | None) -> tuple[str, list[Candidate]] | None:
    """(message, candidates to show as the closest passages) when X's statements say no; None
    when some of them answer."""
    own = [c for c in cands if c.speaks]
    name = named(intent, target)
    if not own:
        if scope is not None:  # the corpus-wide vocabulary says nothing about the filter's part
            return f"No statement from {name} {scope.filters.describe()}.", cands[:2]
        if mentioned(target, ctx.state):
            about = [c for c in cands if names_target(c, ctx.state, target)][:2]
            return no_statements(name, None, mentioned=True), about or cands[:2]
        return NOT_FOUND, cands[:2]
    if intent.topic and topic and not on_topic(ctx, own, intent.topic, topic):
        return no_statement_on(intent, target, scope), [c for c in cands if not c.speaks][:2]
    return None


def named(intent: Intent, target: Target) -> str:
    """The target as the question named it: 'the U.N. human rights office', 'Mara Quint'."""
    return f"{intent.target_article}{target.label}"


def no_statement_on(intent: Intent, target: Target, scope: Scope | None) -> str:
    """'No statement from X on Y in the corpus' — the `/said` listing's words — or in the filter's part."""
    if scope is None:
        return no_statements(named(intent, target), intent.topic, mentioned=True)
    return f"No statement from {named(intent, target)} on {intent.topic} {scope.filters.describe()}."


def on_topic(ctx: AnswerContext, own: list[Candidate], topic: str, slots: list[Slot]) -> bool:
    """Does one of X's statements (answer candidates) speak of the topic? (`TopicGate`)"""
    gate = TopicGate(ctx, topic, slots)
    state = ctx.state
    if any(gate.in_words(state.docs[c.unit.doc_index].text[c.unit.context_start : c.unit.context_end],
                         c.features[COVERAGE]) for c in own):
        return True
    if any(gate.in_words(title) for title in {state.docs[c.unit.doc_index].meta.title or "" for c in own}):
        return True
    return bool(gate.close([c.row for c in own]).any())


def statements_on(ctx: AnswerContext, topic: str, slots: list[Slot], keys: list[Key]) -> set[Key]:
    """Which of these statements (speaker-directory keys) speak of the topic: the `/said
    speaker about:` listing asks the same `TopicGate` as "What did X say about Y?"."""
    gate = TopicGate(ctx, topic, slots)
    state, directory = ctx.state, ctx.speakers
    kept, unsure = set(), []
    for key in keys:
        st, doc = directory.statement(key), state.docs[key[0]]
        if gate.in_words(doc.text[st.sentence_start : st.sentence_end]) or gate.in_words(doc.meta.title or ""):
            kept.add(key)
        elif key in ctx.statement_rows:
            unsure.append(key)
    if unsure:
        close = gate.close([ctx.statement_rows[key] for key in unsure])
        kept.update(key for key, near in zip(unsure, close.tolist(), strict=True) if near)
    return kept


class TopicGate:
    """Is a statement about Y? Its own words or its document's title must hold a share of Y's
    terms, Y's most specific (highest-IDF) word among them ("It breaks my heart" in "Orchestra
    tour cancelled" is about the tour; HRW's words on other killings are not on "the Kamloops
    gang killing", as in `Composer._mark_settling`), or its vector be close to Y's alone. Not
    the question's vector: it holds X's name, which the context of every statement of X's
    shares; nor the passage around it, which often mentions what the statement is not about (a
    spokesman's words on repatriations beside a line on the Asian Games)."""

    def __init__(self, ctx: AnswerContext, topic: str, slots: list[Slot]) -> None:
        self.ctx, self.topic, self.slots = ctx, topic, slots
        self.rarest = [max(slots, key=lambda sl: sl.weight)] if slots else []
        self.weights = ctx.config.answer.weights

    def in_words(self, text: str, share: float | None = None) -> bool:
        if not self.rarest:
            return False
        share = coverage(self.slots, text) if share is None else share
        return share >= self.weights.about_min_coverage and coverage(self.rarest, text) > 0

    def close(self, rows: list[int]) -> np.ndarray:
        """Per unit row: is its vector close enough to Y's alone (one question-side encode)?"""
        if self.ctx.embed_queries is None or not rows:
            return np.zeros(len(rows), dtype=bool)
        topic_vector = np.asarray(self.ctx.embed_queries([self.topic]), dtype=np.float32)[0]
        return self.ctx.similarity.of(rows, topic_vector) >= self.weights.about_min_topic_dense


def names_target(c: Candidate, state: IndexState, target: Target) -> bool:
    text = fold(state.docs[c.unit.doc_index].text[c.unit.context_start : c.unit.context_end])
    return any(len(n) > 2 and n in text for n in target.names)
