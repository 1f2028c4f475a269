"""Answer types and focus: what a question asks for, matched against invented sentences."""

from __future__ import annotations

import pytest

from index.answer_types import Focus, FocusMatcher, answer_type
from index.question import read_question

FOCUS = [
    # question, focus read from it, a sentence holding it, a sentence holding only a number/name
    ("In how many villages were wells poisoned?", Focus(noun="villages"),
     "Wells were poisoned in at least 14 villages since May.", "In 2021, wells were poisoned."),
    ("How many pages is the audit report?", Focus(noun="pages"),
     "The 40-page audit was published on Monday.", "The audit cites 12 officials."),
    ("How many people died in the flood?", Focus(noun="people"),
     "The flood killed at least 31 fishermen and three children.", "The flood of 2019 was worse."),
    ("How old is the editor?", Focus(measure="old"),
     "The 44-year-old editor was released.", "The editor was held for 44 days."),
    ("How long was the activist detained?", Focus(measure="long"),
     "She was held for nine months without charge.", "Nine activists were detained."),
    ("How much did the bridge cost?", Focus(measure="much"),
     "The bridge cost $12 million to build.", "The bridge opened in 2012."),
    ("Who is the spokesperson for the Lorvanian water board?", Focus(role="spokesperson"),
     "The board's spokeswoman Ada Brill said nothing.", "Ada Brill chairs the board."),
    ("Who is the High Commissioner for Refugees?", Focus(role="commissioner"),
     "High Commissioner for Refugees Tomas Velde visited.", "The commissioner visited the camp."),
]


@pytest.mark.parametrize(("question", "focus", "holds", "lacks"), FOCUS)
def test_the_focus_read_from_the_question(question: str, focus: Focus, holds: str, lacks: str) -> None:
    assert read_question(question).focus == focus


@pytest.mark.parametrize(("question", "focus", "holds", "lacks"), FOCUS)
def test_a_sentence_holding_the_focus_matches_and_one_with_only_its_type_does_not(
        question: str, focus: Focus, holds: str, lacks: str) -> None:
    match = FocusMatcher(read_question(question).focus)
    assert (match(holds), match(lacks)) == (1.0, 0.0)


@pytest.mark.parametrize("question", [
    "How many times was he arrested?",  # the answer need not say "times"
    "What did the minister say?",
    "When did the strike start?",
])
def test_questions_without_a_focus(question: str) -> None:
    intent = read_question(question)
    assert intent.focus is None
    assert FocusMatcher(intent.focus)("He was arrested 3 times in 2020.") == 0.0


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("when", "The court ruled on March 3.", 1.0),
    ("when", "The court ruled against him.", 0.0),
    ("how_many", "Two dozen activists were held.", 1.0),
    ("why", "The meeting was cancelled due to lack of funds.", 1.0),
    ("other", "The meeting was cancelled due to lack of funds.", 0.0),
])
def test_answer_type(kind: str, text: str, expected: float) -> None:
    assert answer_type(kind, text) == expected


@pytest.mark.parametrize(("question", "events"), [
    ("when were the tamil worshippers released", ["released"]),
    ("how many people were kiled in the attacks", ["kiled"]),  # its typo repair finds "killed"
    ("how many activists is Lorvan holding", ["holding"]),
    ("how many children died during the floods", ["died"]),  # "during" is no event
    ("what did Mara Quint say about the flooded fields", []),  # her words decide, not the event
    ("Did Lorvan respond?", []),  # the subject's verb decides
])
def test_the_event_a_question_asks_about(question, events):
    from index.answer_types import event_slots
    from index.search import Slot

    slots = [Slot(w, {w}, [], 1.0) for w in question.strip("?").split()]
    assert [sl.label for sl in event_slots(read_question(question), slots)] == events
