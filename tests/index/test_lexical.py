"""index.lexical: how BM25 reads a text (the same for documents and questions)."""

from __future__ import annotations

import pytest

from index.lexical import LexicalIndex, analyze


@pytest.mark.parametrize("asked, written", [
    ("spokesperson", "spokesman"),
    ("spokesperson", "spokeswoman"),
    ("spokespeople", "spokesmen"),
    ("chairperson", "chairwoman"),
])
def test_a_role_noun_finds_its_gendered_forms(asked: str, written: str) -> None:
    index = LexicalIndex.build([f"The {written} declined to comment.", "The river rose overnight."])
    scores = index.scores(analyze(asked))
    assert scores[0] > 0 and scores[1] == 0


def test_other_words_are_stemmed_as_before() -> None:
    assert analyze("The offices criticised the spokesman's remarks") == ["offic", "criticis", "spokesperson", "remark"]
