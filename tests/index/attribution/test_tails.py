"""What follows a closing quote: an inverted attribution with a role before the name or a
participle after a description, and a new clause that is not an attribution at all
(index/attribution/clauses.py, phrases.py). All sentences are invented for the tests."""

from __future__ import annotations

import pytest

from index.attribution import attribute
from tests.index.attribution.quoted import speaker_of


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    # a role with its own 'of' runs into the name
    ("“Welcome to the valley,” said master of ceremonies Lena Farouk, a retired teacher.",
     "Welcome to the valley", "Lena Farouk"),
    ("“The numbers are final,” said director of communications Ana Ruiz.",
     "The numbers are final", "Ana Ruiz"),
    # 'of' + a capitalised organisation stays the organisation
    ("“The river is dying,” said a spokesman for the Green Valley Trust.",
     "The river is dying", "a spokesman"),
])
def test_inverted_source_after_the_quote(text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


def test_a_participle_after_a_description_is_a_modifier_not_the_speaker() -> None:
    text = "“We will spend millions,” said one donor involved in the planning."
    st = next(s for s in attribute(text) if text[s.start : s.end] == "We will spend millions")
    assert st.speaker is not None
    assert text[st.source_start : st.source_end].endswith("donor")


@pytest.mark.parametrize("joiner", ["but", "and", "while"])
def test_a_clause_after_the_quote_does_not_take_it_from_the_head(joiner: str) -> None:
    text = (f"Defense Minister Ola Berg said the plan remained “one of patience and strength”, "
            f"{joiner} he also warned the neighbours against any provocation.")
    assert speaker_of(text, "one of patience and strength") == "Ola Berg"


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ("“We will not stop until every child is fed.” — Ana Ruiz\n“Next.” ― Li Wen.",
     "We will not stop until every child is fed.", "Ana Ruiz"),
    ("“We will not stop until every child is fed.” — Ana Ruiz\n“The wells are dry.”―\u00a0Li Wen.",
     "The wells are dry.", "Li Wen"),
    # a closing mark typed as the opener at the start of a line
    ("Readers wrote in.\n”Fear. I am afraid for my children.” ― Ana Ruiz",
     "Fear. I am afraid for my children.", "Ana Ruiz"),
])
def test_a_dash_and_a_name_closing_the_line_attribute_the_quotation(
        text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


def test_a_reporter_byline_after_an_attributed_sentence_is_not_the_speaker() -> None:
    text = ("Ortiz said Monday that she will “try to form a stable government” and insisted that "
            "her party was “still the first force.”--Paul Lenz.")
    assert speaker_of(text, "still the first force.") == "Ortiz"


def test_a_dash_inside_the_line_is_not_a_byline() -> None:
    text = "“We will not stop” — Ana Ruiz told the crowd before the vote on Tuesday."
    assert speaker_of(text, "We will not stop") == "Ana Ruiz"


def test_the_delegate_title_is_not_part_of_the_name() -> None:
    text = "“This is a waste of time,” said Del. Stacey Moor of the Virgin Islands."
    assert speaker_of(text, "This is a waste of time") == "Stacey Moor"


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ("The fact that the race “is a dead heat right now,” as Okafor said on the radio on Monday, "
     "raises the stakes.", "is a dead heat right now", "Okafor"),
    ("“This is the first budget since the 1980s,” West said.",
     "This is the first budget since the 1980s", "West"),
    ("The crowd cheers, and then Okafor continues: “We will win this valley back.”",
     "We will win this valley back.", "Okafor"),
    ("In other words, explained radio host Ana Ruiz: “What does that have to do with rent?”",
     "What does that have to do with rent?", "Ana Ruiz"),
])
def test_attribution_around_the_quote(text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


def test_an_inverted_attribution_before_the_quote_is_direct_speech() -> None:
    text = "In other words, explained radio host Ana Ruiz: “What does that have to do with rent?”"
    assert [s.kind for s in attribute(text)] == ["direct"]


def test_said_of_someone_does_not_make_them_the_speaker() -> None:
    text = ("Recalling that moment, Dan Axel, who ran two campaigns, said of Okafor: “The question "
            "is, will she do the same?”")
    assert speaker_of(text, "The question is, will she do the same?") == "Dan Axel"


def test_called_with_a_long_object_keeps_the_named_subject() -> None:
    text = ("With 50 days to go, Ana Ruiz, a senior adviser to the campaign, called the mayor's "
            "remarks on Saturday at the rally “a true wake-up call” to his voters.")
    assert speaker_of(text, "a true wake-up call") == "Ana Ruiz"


def test_a_thing_called_is_not_said_by_anyone() -> None:
    text = "The town has a festival called “the long night of the bells” every winter."
    assert all(s.speaker is None for s in attribute(text))


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    # a pronoun after the quotation is the named subject introducing it, not the last name seen
    ("Dan Axel tweeted about it. Okafor fired back: “As a guardian of the legacy,” he wrote, "
     "“we know you are rooting for her.”", "As a guardian of the legacy", "Okafor"),
    ("Lawmakers asked questions. Asked about the memo, Ana Ruiz said “I know nothing about the "
     "memo,” she said.", "I know nothing about the memo", "Ana Ruiz"),
    ("Carl Beran spoke first. Wilcox said he was “a big advocate” of the rules, which he argued "
     "help students.", "a big advocate", "Wilcox"),
    # an opening subordinate clause's cue does not reach the main clause's quotation
    ("Dan Axel spoke. When Axel suggested that the city would sue, Okafor fired back: “If they sue "
     "us, they will lose.”", "If they sue us, they will lose.", "Okafor"),
    ("As Okafor said in her speech, “the valley will not be sold.”",
     "the valley will not be sold.", "Okafor"),
])
def test_the_speaker_introducing_the_quotation(text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


def test_as_someone_put_it_is_their_direct_speech() -> None:
    text = "But at the time, as prosecutor Marc Trevin put it, “there was not much to complain about.”"
    st = next(s for s in attribute(text) if s.speaker)
    assert (st.speaker, st.kind) == ("Marc Trevin", "direct")


def test_a_staffer_in_the_room_is_a_speaker_description() -> None:
    text = "“Will he be the next attorney general?” a staffer in the room wondered."
    assert speaker_of(text, "Will he be the next attorney general?") == "a staffer"


def test_scolded_him_colon_is_the_scolders_direct_speech() -> None:
    text = ("Dan Axel spoke first. Sen. Ana Ruiz (D-Mo.) scolded him: “The evidence is against "
            "you,” she said.")
    st = next(s for s in attribute(text) if text[s.start : s.end] == "The evidence is against you")
    assert (st.speaker, st.kind) == ("Ana Ruiz", "direct")


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ("After Ana Ruiz said that some students might do better at “smaller schools,” Okafor said: "
     "“I do not like what she said.”", "smaller schools", "Ana Ruiz"),
    ("Sims says he was “kind of riding the fence” until Okafor said she was backing the mayor.",
     "kind of riding the fence", "Sims"),
])
def test_a_quotation_inside_an_opening_clause_is_that_clauses_speakers(
        text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


def test_an_inverted_tail_after_an_opening_clause_and_a_dash_keeps_its_speaker() -> None:
    text = ("If the city is indeed behind it — as many believe, but the council denies — “why "
            "would you not ask?” asked Dunn, a partner at a firm.")
    assert speaker_of(text, "why would you not ask?") == "Dunn"


def test_a_comma_closing_an_earlier_quotation_still_ends_its_clause() -> None:
    text = "Kerpen needled the radio “reporter,” saying, “A reporter who posts on request!”"
    assert speaker_of(text, "A reporter who posts on request!") == "Kerpen"


def test_the_outlet_spoken_to_is_not_the_speaker() -> None:
    text = "Another source speaking to Fox News said, “The agents are looking at the contracts.”"
    assert speaker_of(text, "The agents are looking at the contracts.") != "Fox News"


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ("“Would the fee be negotiable?” Hannity pressed. “Maybe for some?”",
     "Would the fee be negotiable?", "Hannity"),
    ("“Is the mayor profiling?” reacted Okafor.", "Is the mayor profiling?", "Okafor"),
    ("Ana Ruiz, 17, echoed:\n\n“He speaks his mind.”", "He speaks his mind.", "Ana Ruiz"),
    ("Quotable.\n\n“The whole idea needs to stop.”\n\n-Michelle Marks, Philadelphia.\n\nMore news.",
     "The whole idea needs to stop.", "Michelle Marks"),
    ("“Wealth is going to the top 1 percent.”\n\n- Ana Ruiz.", "Wealth is going to the top 1 percent.",
     "Ana Ruiz"),
])
def test_more_attribution_shapes(text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


def test_a_signature_paragraph_does_not_sign_an_attributed_quotation() -> None:
    text = "“The wells are dry,” Okafor said.\n\n- Ana Ruiz, Lagos."
    assert speaker_of(text, "The wells are dry") == "Okafor"


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ("“The impact remains unclear,” the IMF report stated.", "The impact remains unclear", "IMF"),
    ("“We will not pay,” a White House statement said.", "We will not pay", "White House"),
])
def test_an_organisations_document_speaks_for_the_organisation(
        text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


def test_a_newspaper_named_post_is_not_cut_to_its_city() -> None:
    text = "“It received $26 million,” the Washington Post reported."
    assert speaker_of(text, "It received $26 million") != "Washington"


def test_is_quoted_as_saying_names_the_subject() -> None:
    text = "“Our method works where others fail,” Okafor is quoted as saying."
    assert speaker_of(text, "Our method works where others fail") == "Okafor"


def test_a_present_tense_verb_after_the_quote_and_a_participle_after_before() -> None:
    text = ("“Keep your hands in sight,” Ana Ruiz sings to the crowd before asking them, “Where "
            "do we go from here?”")
    assert [s.speaker for s in attribute(text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_plural_noun_after_a_name_is_not_a_verb() -> None:
    text = "“Build the wall,” Trump supporters chanted."
    assert speaker_of(text, "Build the wall") != "Trump"


def test_a_title_case_headline_never_becomes_a_speakers_full_name() -> None:
    text = ("Gold Star Mom Corners Okafor On His Refusal To Use The Word.\n\n"
            "President Dan Okafor said the issue was “manufactured.”")
    assert speaker_of(text, "manufactured.") == "Dan Okafor"


def test_an_interrogative_is_never_part_of_a_speaker() -> None:
    text = ("What Mr. Okafor has seen instead are the charts. “The planet is warming,” Mr. Okafor "
            "said.")
    assert not any((s.speaker or "").startswith("What") for s in attribute(text))


def test_she_after_an_opening_phrase_is_the_sentences_subject() -> None:
    text = ("President Dan Okafor said the issue was “manufactured.”\n\nDuring a town hall, Tina "
            "Houle had a question for the president.\n\n“My son gave his life,” she said.")
    assert speaker_of(text, "My son gave his life") == "Tina Houle"


def test_a_quotation_nested_in_double_marks_belongs_to_the_outer_one() -> None:
    text = ("“Fear. I am afraid.” ― Ana Ruiz\n“I would rather live in what he calls “hell” than "
            "in a world where he is president.” ― Li Wen")
    assert [(s.speaker, text[s.start : s.end][:9]) for s in attribute(text)] == [
        ("Ana Ruiz", "Fear. I a"), ("Li Wen", "I would r")]


def test_a_second_opener_with_no_closers_left_still_drops_the_unclosed_first() -> None:
    text = "He said “the plan is dead. Then she said “it was never alive,” Okafor said."
    assert [text[s.start : s.end] for s in attribute(text)] == ["it was never alive"]
