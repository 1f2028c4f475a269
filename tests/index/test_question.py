"""index.question: the one cleaning and length check every question goes through."""

from __future__ import annotations

import pytest

from index.errors import BadQuestion
from index.question import EMPTY_QUESTION, clean_question, too_long


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  what did  OHCHR\n say? ", "what did OHCHR say?"),
        ("what\u200b did\u202e OHCHR say", "what did OHCHR say"),  # format characters carry no words
    ],
)
def test_question_is_cleaned(raw, clean):
    assert clean_question(raw, 500) == clean


@pytest.mark.parametrize("raw", ["", "   \n\t", "\u200b\u200d"])
def test_empty_question_is_refused(raw):
    with pytest.raises(BadQuestion, match=EMPTY_QUESTION):
        clean_question(raw, 500)


def test_limit_is_inclusive_and_measured_after_cleaning():
    assert clean_question("x" * 20, 20) == "x" * 20
    assert clean_question("x" * 20 + "   ", 20) == "x" * 20
    with pytest.raises(BadQuestion) as caught:
        clean_question("x" * 21, 20)
    assert str(caught.value) == too_long(21, 20) == "Questions are limited to 20 characters (this one has 21)."
