"""Who said it: quotations and reported speech in a document, with their speakers.

One entry point, `attribute(text)`; every offset it returns indexes `text` verbatim.
Modules, in the order a sentence meets them: `segment` (sentences, quotation marks, tokens),
`cues` (speech verbs), `candidates` and `phrases` (speaker phrases), `noun_phrase`
(who a phrase names), `clauses` (attribution clauses before a quotation
and in reported speech), `tails` (after a closing quote), `subject_intro` (a subject with no cue),
`coref` (pronouns, titles, surnames), `resolver` (the decision), `carry` (building statements,
a speaker carried between quotations). Looking speakers up across the corpus is
`index.speakers`.
"""

from __future__ import annotations

from index.attribution.resolver import analyse, publisher_voice
from index.attribution.segment import sentence_spans
from index.attribution.statement import Statement

__all__ = ["Statement", "attribute", "sentence_spans"]


def attribute(text: str, *, publisher: str | None = None) -> list[Statement]:
    """Statements in `text`, in order of appearance.

    `publisher`: the organisation that published the document when it speaks in its own voice
    (an NGO's release): its narrative sentences not attributed to anyone else become
    statements of kind "publisher". Without it, narrative is never a statement.
    """
    statements = analyse(text)
    if publisher:
        statements = publisher_voice(text, statements, publisher)
    return statements
