"""index.verify_text: what counts as the same words, where pieces are, and offsets back."""

from __future__ import annotations

import pytest

from index.verify_text import (
    chain,
    core_span,
    normalise,
    normalise_with_map,
    occurrences,
    pieces,
    words,
)

STORED = "The office said: “We won’t stop,”  she said.\nIt was\tgravely concerned — ‘deeply’ so."


@pytest.mark.parametrize("text", [
    STORED, "", "   ", " “edge” ", "ẞtraße ﬁnal", "A\u200bB", "“”\"\"", "a \n\t b", "İstanbul", "x\u00a0y", "‘’`´",
])
def test_the_mapped_and_the_fast_normalisation_agree(text):
    folded, where = normalise_with_map(text)
    assert folded == normalise(text)
    assert len(where) == len(folded) and where == sorted(where)


@pytest.mark.parametrize("claim, expected", [
    ("We won't stop", ["we won't stop"]),  # straight apostrophe for a curly one
    ("“We won’t stop,”", ["we won't stop"]),  # quote marks and edge punctuation
    ('"we WON\'T   stop"', ["we won't stop"]),  # case and spaces
    ("we won't\nstop", ["we won't stop"]),  # a line break
    ("We won't … she said", ["we won't", "she said"]),  # a Unicode ellipsis
    ("We won't...she said", ["we won't", "she said"]),  # three dots
    ("We won't . . . she said", ["we won't", "she said"]),  # spaced dots
    ("…we won't stop...", ["we won't stop"]),  # leading and trailing ellipses
    ("We won't stop.", ["we won't stop"]),  # one full stop is not an ellipsis
])
def test_pieces(claim, expected):
    assert pieces(claim) == expected


@pytest.mark.parametrize("needle, found", [
    ("we won't stop", True),
    ("gravely concerned", True),
    ("she said. it was gravely", True),  # across a line break, punctuation inside must match
    ("she said it was gravely", False),  # a missing full stop is a different text
    ("we wont stop", False),  # an apostrophe left out is a different word
    ("gravely concern", False),  # half a word is no word
    ("ravely concerned", False),
    ("deeply' so", True),
])
def test_occurrences_need_word_boundaries(needle, found):
    assert bool(list(occurrences(normalise(STORED), needle))) == found


@pytest.mark.parametrize("claim, ok", [
    ("We won't … gravely concerned", True),
    ("We won’t stop … It was … deeply", True),
    ("gravely concerned … We won't stop", False),  # pieces out of order
    ("We won't stop … unicorns", False),  # one piece not there
])
def test_chain_places_pieces_in_order(claim, ok):
    assert (chain(normalise(STORED), pieces(claim), max_gap=200) is not None) == ok


def test_chain_refuses_pieces_too_far_apart():
    text = normalise("Alpha beta gamma. " + "filler words here. " * 20 + "Delta epsilon zeta.")
    assert chain(text, pieces("alpha beta … delta epsilon"), max_gap=1000) is not None
    assert chain(text, pieces("alpha beta … delta epsilon"), max_gap=100) is None


def test_a_normalised_match_maps_back_to_the_stored_words():
    folded, where = normalise_with_map(STORED)
    [span] = chain(folded, pieces("we WON'T stop"), max_gap=10)
    assert STORED[where[span.start] : where[span.end - 1] + 1] == "We won’t stop"


def test_words_have_keys_without_edge_punctuation_and_skip_lone_marks():
    ws = words("“Civilians,” he said — now.")
    assert [w.key for w in ws] == ["civilians", "he", "said", "now"]
    assert "“Civilians,” he said — now."[ws[0].start : ws[0].end] == "“Civilians,”"


def test_core_span_drops_edge_punctuation_and_quote_marks():
    text = "“We expect action,” she said."
    assert text[slice(*core_span(text, 0, 19))] == "We expect action"
