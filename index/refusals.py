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
    """Does one of X's statements speak of the topic? Its own words or its document's title must
    hold Y's terms ("It breaks my heart" in "Orchestra tour cancelled" is about the tour), or its
    vector be close to Y's alone. Not the question's vector: it holds X's name, which the
    context of every statement of X's shares; nor the passage around it, which often mentions
    what the statement is not about (a spokesman's words on repatriations beside a line on the
    Asian Games)."""
    weights = ctx.config.answer.weights
    # Y's most specific word (highest IDF) must be among them: HRW's words on other killings are
    # not on "the Kamloops gang killing", as in `Composer._mark_settling`.
    rarest = [max(slots, key=lambda sl: sl.weight)]

    def holds(text: str, share: float) -> bool:
        return share >= weights.about_min_coverage and coverage(rarest, text) > 0

    state = ctx.state
    if any(holds(state.docs[c.unit.doc_index].text[c.unit.context_start : c.unit.context_end], c.features[COVERAGE])
           for c in own):
        return True
    titles = {state.docs[c.unit.doc_index].meta.title or "" for c in own}
    if any(holds(title, coverage(slots, title)) for title in titles):
        return True
    if ctx.embed_queries is None:
        return False
    topic_vector = np.asarray(ctx.embed_queries([topic]), dtype=np.float32)[0]
    return bool(ctx.similarity.of([c.row for c in own], topic_vector).max() >= weights.about_min_topic_dense)


def names_target(c: Candidate, state: IndexState, target: Target) -> bool:
    text = fold(state.docs[c.unit.doc_index].text[c.unit.context_start : c.unit.context_end])
    return any(len(n) > 2 and n in text for n in target.names)
