"""Cutting a quote from a document: verbatim, edges trimmed, quote marks kept in pairs."""

from __future__ import annotations

import pytest

from index.quoting import cut_quote
from index.types import Document


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We will be back,”", "We will be back,"),  # the statement's own marks go
        ('such returns expose "them to real risks.”', 'such returns expose "them to real risks.”'),
        ("the office was “gravely concerned” about it.", "the office was “gravely concerned” about it."),
        ("  padded words  ", "padded words"),
    ],
)
def test_edges(text, expected):
    doc = Document(doc_id="d", text=text)
    q = cut_quote(doc, 0, len(text))
    assert q.text == expected == doc.text[q.start : q.end]


def test_long_span_is_narrowed_to_the_clause_with_the_terms_and_marked_cut():
    text = "First clause about weather, " * 10 + "the clause about torture and detention, " + "more filler, " * 20
    doc = Document(doc_id="d", text=text)
    q = cut_quote(doc, 0, len(text), terms={"tortur"})
    assert "torture" in q.text and len(q.text) <= 420 and (q.cut_before or q.cut_after)
    assert doc.text[q.start : q.end] == q.text
