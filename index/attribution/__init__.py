"""Who said it: quotations and reported speech in a document, with their speakers.

One entry point, `attribute(text)`; every offset it returns indexes `text` verbatim.
Modules, in the order a sentence meets them: `segment` (sentences, quotation marks, tokens),
`cues` (speech verbs), `candidates` (speaker phrases), `clauses` (attribution clauses),
`coref` (pronouns, titles, surnames), `resolver` (the decision), `speaker_index` (lookup).
"""

from __future__ import annotations

from index.attribution.resolver import analyse
from index.attribution.segment import sentence_spans
from index.attribution.statement import Statement

__all__ = ["Statement", "attribute", "sentence_spans"]


def attribute(text: str, *, publisher: str | None = None) -> list[Statement]:
    """Statements in `text`, in order of appearance."""
    return analyse(text)
