"""Paragraphs and sentences of hard-wrapped and line-per-paragraph texts (index/attribution/segment).

All texts are invented for the tests.
"""

from __future__ import annotations

import pytest

from index.attribution import attribute, sentence_spans
from index.attribution.segment import paragraphs

# A speech hard-wrapped at ~50 characters, paragraphs marked by a leading space.
SPEECH = (
    "Let me begin by congratulating you, Sir, on \n"
    "your election as President of the Assembly at its \n"
    "eightieth session. I wish you every success in the \n"
    "work ahead of us all. \n"
    " We have sought peace through treaties and \n"
    "through trade, and through the patient work of the \n"
    "Secretary-\n"
    "General, Mr. Ortega, whose efforts we commend. \n"
    " Our country has always said that the sea is our \n"
    "common inheritance and that no nation may claim it.\n"
)
# A news article: one paragraph a line, a headline without a stop.
NEWS = (
    "Council approves new budget\n"
    "The city council approved the budget on Monday.\n"
    "“We listened to everyone,” the mayor said.\n"
    "Critics said the plan cut too deep.\n"
)


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_a_wrapped_speech_has_its_own_paragraphs() -> None:
    assert [p.split()[:3] for p in texts(SPEECH, paragraphs(SPEECH))] == [
        ["Let", "me", "begin"], ["We", "have", "sought"], ["Our", "country", "has"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Let me begin by congratulating you, Sir, on \nyour election as President of the Assembly "
        "at its \neightieth session.",
        "We have sought peace through treaties and \nthrough trade, and through the patient work "
        "of the \nSecretary-\nGeneral, Mr. Ortega, whose efforts we commend.",
    ],
    ids=["runs over two line ends", "a capital after a hyphenated line end"],
)
def test_a_wrapped_sentence_is_one_sentence(sentence: str) -> None:
    assert sentence in texts(SPEECH, sentence_spans(SPEECH))


@pytest.mark.parametrize(
    "text",
    [NEWS, "Budget passes\nThe council voted.\nIt was late.\n"],
    ids=["a paragraph a line", "a headline line"],
)
def test_a_line_per_paragraph_text_keeps_its_lines(text: str) -> None:
    assert texts(text, paragraphs(text)) == [line for line in text.split("\n") if line]


def test_a_line_continued_in_lower_case_runs_on() -> None:
    text = "The minister said the talks were a chance to\nend the dispute.\nThen she left."
    assert texts(text, paragraphs(text)) == [
        "The minister said the talks were a chance to\nend the dispute.", "Then she left."]


def test_a_blank_line_ends_a_wrapped_paragraph() -> None:
    text = SPEECH.replace(" \n Our country", " \n\nOur country")
    assert texts(text, paragraphs(text))[-1].startswith("Our country has always said")


def test_a_short_line_ending_a_sentence_ends_a_wrapped_paragraph() -> None:
    text = SPEECH.replace("all. \n We have", "all. \nWe have")  # "work ahead of us all." is short
    assert texts(text, paragraphs(text))[1].startswith("We have sought")


def test_a_wrapped_quotation_keeps_its_speaker() -> None:
    text = (
        "The foreign minister of Freedonia told the \n"
        "Assembly that her country had not been \n"
        "consulted. “We were never asked whether we \n"
        "agreed to any of this,” said Maria Lindqvist, \n"
        "who leads the delegation.\n"
        " She added that talks would go on in the \n"
        "months to come, and that her country would \n"
        "take part in them.\n"
    )
    quote = "We were never asked whether we \nagreed to any of this"
    found = {text[s.start : s.end].strip("“”,"): s.speaker for s in attribute(text)}
    assert found[quote] == "Maria Lindqvist"
