"""index.followup: follow-ups rewritten from the previous turn, one rule per row."""

from __future__ import annotations

import pytest

from index.followup import Turn, context_of, rewrite_followup, turn_of
from index.types import Answer, Quote

MUDGE = "What did Lewis Mudge say about the arrest of Edmond Beïna?"
WANG = "What did Maya Wang say about Hong Kong?"
GEORGIA = "What did Hugh Williamson say about Georgia's foreign influence bill?"
GAMBIA = "When did Gambia bring its genocide case against Myanmar?"
ARRESTS = "How many people were arrested over the Hong Kong protests?"


@pytest.mark.parametrize(
    ("previous", "answer_speaker", "followup", "expected"),
    [
        # a new topic for the same speaker
        ("What did OHCHR say?", None, "and about torture?", "What did OHCHR say about torture?"),
        ("What did OHCHR say?", None, "what about torture", "What did OHCHR say about torture?"),
        ("What did OHCHR say?", None, "About torture?", "What did OHCHR say about torture?"),
        ("What did OHCHR say?", None, "and on Uyghurs?", "What did OHCHR say about Uyghurs?"),
        (WANG, None, "and about Xinjiang?", "What did Maya Wang say about Xinjiang?"),
        ("what did david lammy say about unrwa", None, "how about Gaza?", "What did david lammy say about Gaza?"),
        # a new speaker for the same topic
        (WANG, None, "and Sophie Richardson?", "What did Sophie Richardson say about Hong Kong?"),
        ("What did Amr Magdi say?", None, "and Human Rights Watch?", "What did Human Rights Watch say?"),
        # what else
        (MUDGE, None, "what else did he say?", "What else did Lewis Mudge say about the arrest of Edmond Beïna?"),
        ("What did Amr Magdi say?", None, "what else?", "What else did Amr Magdi say?"),
        ("What did Amr Magdi say?", None, "anything else?", "What else did Amr Magdi say?"),
        ("What did Tetiana Burak say?", None, "what else did she say about Mariupol?",
         "What else did Tetiana Burak say about Mariupol?"),
        # who else
        (MUDGE, None, "who else commented?", "Who else commented on the arrest of Edmond Beïna?"),
        (GEORGIA, None, "who else criticised it?", "Who else criticised Georgia's foreign influence bill?"),
        (WANG, None, "who else spoke about that?", "Who else spoke about Hong Kong?"),
        # he / she / they → the previous speaker
        ("who is liz evenson", None, "what did she say?", "What did liz evenson say?"),
        ("What did Tetiana Burak say?", None, "what did she say about Mariupol?",
         "What did Tetiana Burak say about Mariupol?"),
        ("Did China respond?", None, "what did they say?", "What did China say?"),
        ("what did david lammy say about unrwa", None, "how much new money will he give?",
         "How much new money will david lammy give?"),
        ("Who is the spokesman for the U.N. human rights office?", "Jeremy Laurence", "what did he say?",
         "What did Jeremy Laurence say?"),
        ("Who is the spokesman for the U.N. human rights office?", None, "what did he say?",
         "What did the spokesman for the U.N. human rights office say?"),
        ("What did Michael Page say?", None, "what was his job?", "What was Michael Page's job?"),
        ("Which countries are leading the push for a free education treaty?", "Sierra Leone",
         "what did they say?", "What did Sierra Leone say?"),
        # it / that → the previous topic
        (MUDGE, None, "when was that?", "When was the arrest of Edmond Beïna?"),
        (GEORGIA, None, "has it passed?", "Has Georgia's foreign influence bill passed?"),
        (GEORGIA, None, "when will it get its final vote?",
         "When will Georgia's foreign influence bill get its final vote?"),
        (GAMBIA, None, "what did HRW say about it?",
         "What did HRW say about Gambia bring its genocide case against Myanmar?"),
        # "they" after a how-many question: what was counted
        ("How many Hindu worshippers were arrested at Veddukkunaari?", None, "when were they released?",
         "When were Hindu worshippers released?"),
        ("How many Hindu worshippers were arrested at Veddukkunaari?", "Human Rights Watch",
         "when were they released?", "When were Hindu worshippers released?"),
        # the topic of a question is its noun phrase, not the verb before it
        ("how many countries have ratified the convention on cluster munitions", None,
         "have russia and ukraine joined it?", "Have russia and ukraine joined the convention on cluster munitions?"),
        ("how many films are showing at the hrw film festival in london", None, "when is it?",
         "When is the hrw film festival in london?"),
        # "it" is the topic before "its" is
        ("how many civillians were killed in the ngarbu massacre", None,
         "did Cameroon's government admit its soldiers carried it out?",
         "Did Cameroon's government admit its soldiers carried the ngarbu massacre out?"),
        ("What did ISKP say about the January 6 bus attack?", None, "how many people did they kill at crocus city hall?",
         "How many people did ISKP kill at crocus city hall?"),
        # a bare wh-word keeps the previous question's rest
        (GAMBIA, None, "why?", "Why did Gambia bring its genocide case against Myanmar?"),
        (MUDGE, None, "and when?", "When was the arrest of Edmond Beïna?"),
        # narrowing the previous question
        (ARRESTS, None, "and in 2020?", "How many people were arrested over the Hong Kong protests in 2020?"),
        ("What did Michael Page say about executions in Iran?", None, "how many were there in 2023?",
         "How many executions in Iran were there in 2023?"),
    ],
)
def test_followup_is_rewritten(previous, answer_speaker, followup, expected):
    rewrite = rewrite_followup(followup, Turn(previous, answer_speaker))
    assert rewrite.question == expected
    assert rewrite.rewritten


@pytest.mark.parametrize(
    ("previous", "followup"),
    [
        # questions that stand on their own are asked as they are
        ("What did Amr Magdi say?", "what did Human Rights Watch say about Egypt?"),
        (WANG, "How many people marched against the extradition bill on June 9?"),
        ("What did OHCHR say?", "Who is the spokesman for the U.N. human rights office?"),
        # "that" as a conjunction or determiner is not the topic
        (GEORGIA, "did Williamson say that the bill was passed?"),
        # nothing to refer to: no speaker and no topic survive
        ("What did OHCHR say?", "thanks"),
        # a bare "why?" after a speaker question has nothing to borrow
        ("What did OHCHR say?", "why?"),
    ],
)
def test_standalone_question_is_kept(previous, followup):
    rewrite = rewrite_followup(followup, Turn(previous))
    assert rewrite == type(rewrite)(followup, False)


def test_no_previous_turn_keeps_the_question():
    assert rewrite_followup("and about torture?", None).rewritten is False


def test_context_prefers_the_question_target_over_the_answer_speaker():
    assert context_of(Turn(MUDGE, "Human Rights Watch")).speaker == "Lewis Mudge"


def test_context_of_a_topic_question_has_its_topic():
    assert context_of(Turn(GAMBIA)).topic == "Gambia bring its genocide case against Myanmar"


@pytest.mark.parametrize(
    ("kind", "speaker", "expected"),
    [("direct", "Lewis Mudge", "Lewis Mudge"), ("reported", "HRW", "HRW"), ("excerpt", None, None)],
)
def test_the_turn_of_an_answer_keeps_a_speaker_only_for_their_words(kind, speaker, expected):
    answer = Answer("q?", False, "", quotes=[Quote("words", "d", 0, 5, speaker=speaker, kind=kind)])
    assert turn_of(answer) == Turn("q?", expected)
