"""index.question: the one cleaning and length check, and reading a question's intent."""

from __future__ import annotations

import pytest

from index.errors import BadQuestion
from index.question import EMPTY_QUESTION, clean_question, read_question, too_long


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

@pytest.mark.parametrize(
    "question, kind, target, topic, subject",
    [
        ("What did OHCHR say?", "said", "OHCHR", None, None),
        ("what did the UN rights office say about Sri Lanka", "said", "UN rights office", "Sri Lanka", None),
        ("How did Mara Quint respond?", "said", "Mara Quint", None, None),
        ("according to the river agency, what happened?", "said", "river agency", None, None),
        ("what did the WHO say about Ebola?", "said", "WHO", "Ebola", None),
        ("Why are farmers angry?", "why", None, None, None),
        ("When did it open?", "when", None, None, None),
        ("How many boards are there?", "how_many", None, None, None),
        ("how long was he sentenced to", "how_many", None, None, None),
        ("Who is the spokesman for the river agency?", "who", None, None, None),
        ("Did China respond?", "yes_no", "China", None, "China"),
        ("Did North Korea ease border restrictions?", "yes_no", None, None, "North Korea"),
        ("Is Laurence a spokesman?", "yes_no", None, None, "Laurence"),
        # A possessive takes the noun it possesses.
        ("Did Kenya's government admit the killings?", "yes_no", None, None, "Kenya's government"),
        ("What risks do returnees face?", "other", None, None, None),
        ("what else did he say?", "other", None, None, None),
        # The topic of "say anything about …" follows the pronoun.
        ("did the river agency say anything about the dikes", "yes_no", "river agency", "the dikes", "river agency"),
    ],
)
def test_intent_is_read_from_the_question(question, kind, target, topic, subject):
    intent = read_question(question)
    assert (intent.kind, intent.target, intent.topic, intent.subject) == (kind, target, topic, subject)


@pytest.mark.parametrize(
    "question, predicate",
    [
        ("Did China respond?", "respond"),
        ("Did Russia deny poisoning Kara-Murza?", "deny poisoning Kara-Murza"),
        ("Has the UN Human Rights Office raised the issue publicly?", "raised the issue publicly"),
        ("Did the Eastland ministry respond?", "respond"),
        ("What did China say?", None),
    ],
)
def test_a_yes_no_question_keeps_what_it_asks_the_subject_did(question, predicate):
    assert read_question(question).predicate == predicate


@pytest.mark.parametrize(
    "question, asks_statement",
    [
        ("Did the river agency say anything about the dikes?", True),
        ("Has Mara Quint commented on the floods?", True),
        ("Did the WHO comment on Ebola?", True),
        ("Did Mara Quint speak about the harvest?", True),
        # Whether something happened, not whether someone spoke: a sentence settles it.
        ("Did China respond?", False),
        ("Did the Eastland ministry respond about the floods?", False),
        ("Did North Korea ease border restrictions?", False),
        ("What did OHCHR say?", False),
    ],
)
def test_a_yes_no_question_about_a_statement_is_recognised(question, asks_statement):
    intent = read_question(question)
    assert intent.asks_statement is asks_statement
    assert intent.about_statements is (asks_statement or intent.kind == "said")
