"""index.verify_align: the closest wording inside a passage and the word diff."""

from __future__ import annotations

import pytest

from index.verify_align import align, word_diff
from index.verify_text import words

PASSAGE = ("Officials met on Monday. We have raised these concerns with the ministry and we expect "
           "action, she said. The river rose again overnight.")


def closest(claim: str) -> str:
    found = align(words(claim), words(PASSAGE))
    span = words(PASSAGE)[found.first : found.last]
    return PASSAGE[span[0].start : span[-1].end]


@pytest.mark.parametrize("claim, wording", [
    ("We have raised these concerns with the government and we expect action",
     "We have raised these concerns with the ministry and we expect action,"),
    ("They have raised these concerns with the ministry", "We have raised these concerns with the ministry"),
    ("raised these concerns with the ministry and expect action",
     "raised these concerns with the ministry and we expect action,"),
])
def test_the_closest_wording_is_the_source_span(claim, wording):
    assert closest(claim) == wording


def test_a_far_common_word_does_not_stretch_the_span():
    assert closest("the river rose again") == "The river rose again"


def test_unrelated_words_are_not_similar():
    found = align(words("Quantum zebras dance on the moon tonight"), words(PASSAGE))
    assert found is None or found.similarity < 0.3


def test_the_diff_names_each_changed_word_with_verbatim_corpus_text():
    claim = "We have raised the concerns with the government and expect action"
    cw, pw = words(claim), words(PASSAGE)
    found = align(cw, pw)
    edits = [e for e in word_diff(claim, cw, PASSAGE, pw[found.first : found.last]) if e.op != "same"]
    assert [(e.op, e.claimed, e.corpus) for e in edits] == [
        ("changed", "the", "these"), ("changed", "government", "ministry"), ("missing", "", "we"),
    ]
    assert all(e.corpus in PASSAGE for e in edits)
