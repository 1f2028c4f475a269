"""More quotes: the next quotes the engine has for a question, past the ones already shown."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.service import AnswerService
from index.filters import Filters
from index.types import Answer

log = logging.getLogger(__name__)

NO_MORE = "No more quotes for that question."
FORGOTTEN = "I no longer have that question: ask it again with /ask."


@dataclass(frozen=True, slots=True)
class Shown:
    """What an answer showed: the question asked of the engine and its quotes' spans."""

    question: str
    spans: frozenset[tuple[str, int, int]]


def more_quotes(engine: AnswerService, shown: Shown, extra: int, filters: Filters | None = None) -> Answer | None:
    """Up to `extra` quotes not shown before, with their sources; None when there are none.
    `filters`: the channel's scope, so a #un button never brings hrw quotes."""
    wanted = len(shown.spans) + extra
    answer = engine.ask(shown.question, k=wanted, filters=filters)
    fresh = [q for q in answer.quotes if (q.doc_id, q.start, q.end) not in shown.spans][:extra]
    if answer.abstained or not fresh:
        return None
    cited = {q.citation for q in fresh}
    return Answer(question=answer.question, abstained=False, answer="", quotes=fresh,
                  sources=[s for s in answer.sources if s.n in cited], confidence=answer.confidence)
