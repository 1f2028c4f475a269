"""A quotation introduced by the sentence's named subject with no cue verb the lexicon knows
(index/attribution/subject_intro.py). All sentences are invented for the tests."""

from __future__ import annotations

import pytest

from tests.index.attribution.quoted import speaker_of, speakers_of


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ("Maria Ortiz then interjected, calling the budget “a giveaway to the largest landlords.”",
     "a giveaway to the largest landlords.", "Maria Ortiz"),
    ("Governor Alan Pike, the state's longest-serving official, put it plainly: “We will not "
     "close the clinics.”", "We will not close the clinics.", "Alan Pike"),
    ("Okafor finally wrapped up — “We will be back next year, and we will win.”",
     "We will be back next year, and we will win.", "Okafor"),
    ("Pike recently promising to “cut every permit fee in half.”",
     "cut every permit fee in half.", "Pike"),
    ("On Monday, Okafor wrote on her blog: “The permits are a tax on the poor.”",
     "The permits are a tax on the poor.", "Okafor"),
    # after an opening phrase with commas of its own
    ("Speaking to a radio host on Monday in Lagos, which votes next week, Okafor described the "
     "plan as “a bright, modest start.”", "a bright, modest start.", "Okafor"),
    # a role, then the name, with no commas
    ("Former city planning director Ana Ruiz broke down the problem for the Ledger: “We built "
     "roads where nobody lives.”", "We built roads where nobody lives.", "Ana Ruiz"),
    ("Veteran pollster Ana Ruiz: “Turnout will decide this race, not the ads.”",
     "Turnout will decide this race, not the ads.", "Ana Ruiz"),
])
def test_the_named_subject_introduces_the_quotation(text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


@pytest.mark.parametrize(("text", "quoted", "not_by"), [
    # another subject's clause holds the quotation
    ("The council voted on Tuesday, with Mayor Lin Chen telling reporters that “the vote "
     "settles nothing at all.”", "the vote settles nothing at all.", "The council"),
    ("Ortiz proposed a morning vote - but the Pike campaign dismissed the idea as “a stunt to "
     "dodge the press.”", "a stunt to dodge the press.", "Ortiz"),
    ("Ortiz refers to the mayor as “Lin,” while Chen refers to her as “the councilwoman from "
     "the east side.”", "the councilwoman from the east side.", "Ortiz"),
    # passive: the words are the agent's
    ("Reyes was asked by the moderator, Dana Holt, “Will you raise taxes on the middle class?”",
     "Will you raise taxes on the middle class?", "Reyes"),
    ("In an interview published on Sunday, Reyes was asked, “Will you raise taxes this year?”",
     "Will you raise taxes this year?", "Reyes"),
    # not a named speaker
    ("The report described the conditions as “cruel, inhuman and degrading.”",
     "cruel, inhuman and degrading.", "The report"),
    # a bare quotation after a noun, with no introducer: a title or a scare quote
    ("Ortiz read a column titled “Why the Bridge Must Wait” before the vote.",
     "Why the Bridge Must Wait", "Ortiz"),
])
def test_no_subject_speaker_where_the_clause_is_not_the_subjects(
        text: str, quoted: str, not_by: str) -> None:
    assert speaker_of(text, quoted) != not_by


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    # a cue in the verb phrase introduces a bare quotation
    ("Okafor went further, saying the permits were “a tax on the poor and nothing else.”",
     "a tax on the poor and nothing else.", "Okafor"),
    # "that" just before the reported clause's own subject
    ("Pike complained to the crowd that the council “never reads the reports it orders.”",
     "never reads the reports it orders.", "Pike"),
])
def test_a_cue_or_that_in_the_verb_phrase_introduces_it(text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


def test_a_possessors_claim_is_not_the_subjects() -> None:
    text = "After the debate the Ledger checked Mayor Lin Chen’s claim that “crime fell by half.”"
    assert speaker_of(text, "crime fell by half.") != "the Ledger"


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    # a quotation closed as a sentence, then a name and a past tense the lexicon does not know
    ("“Go back to your seat,” Okafor barked at the reporter.", "Go back to your seat", "Okafor"),
    ("“They are all here for the free buses,” Pike shot back with a laugh.",
     "They are all here for the free buses", "Pike"),
    # names the vetting used to drop
    ("“The bridge will wait,” says Ana Ruiz of the nonpartisan Transit Ledger Institute.",
     "The bridge will wait", "Ana Ruiz"),
    ("According to the Daily Ledger, “the council met twice in secret last spring.”",
     "the council met twice in secret last spring.", "the Daily Ledger"),
    ("Former Lagos Gov. Sean O’Malley said on Friday: “The permits will go to the lowest bidder.”",
     "The permits will go to the lowest bidder.", "Sean O’Malley"),
])
def test_speakers_named_around_the_quotation(text: str, quoted: str, speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker


@pytest.mark.parametrize(("text", "quoted", "not_by"), [
    # the agent after the quotation said it
    ("While Republicans have often faced criticism for the inquiry — often labeled a “partisan "
     "witch hunt” by Democrats — the committee went on.", "partisan witch hunt", "Republicans"),
    # a title in a list, not a sentence of its own
    ("“Jaws” topped the list, ahead of two newer films.", "Jaws", "topped"),
    # an earlier quotation's first word is not a subject
    ("“Oh, let her decide,” said Mayor Lin Chen, urging those calling for a recount to “give "
     "her time.”", "give her time.", "Oh"),
])
def test_no_speaker_from_the_wrong_side(text: str, quoted: str, not_by: str) -> None:
    assert not_by not in speakers_of(text, quoted)


def test_the_attribution_closing_a_sentence_covers_its_earlier_quotations() -> None:
    text = ("Her backing will carry “a great deal of weight” and bring the candidates the "
            "“door-knocking muscle” they need, spokesman Neil Okafor said.")
    assert speaker_of(text, "a great deal of weight") == "Neil Okafor"


def test_a_person_described_by_role_introduces_the_quotation() -> None:
    text = ("The GOP presidential candidate sent an email to supporters on Tuesday inviting them "
            "to enter a raffle, to “win my signed campaign hat!”")
    assert speaker_of(text, "win my signed campaign hat!") == "The GOP presidential candidate"


@pytest.mark.parametrize(("text", "quoted"), [
    ("Lagos (AFP) – Governor Ana Ruiz has criticised the plan, saying that “loud promises” do "
     "more harm than good.", "loud promises"),
    ("The ministry less than two weeks ago said for the first time that “secret” files had "
     "left the building.", "secret"),
])
def test_cut_phrases_are_not_speakers(text: str, quoted: str) -> None:
    assert not {"Lagos", "two weeks ago"} & set(speakers_of(text, quoted))


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ("After the vote the mayor faced the press.\n\nOkafor continued:\n\n“We will be back next "
     "year, and we will win the seat.”", "We will be back next year, and we will win the seat.",
     "Okafor"),
    ("When the minister died, Governor Ana Ruiz released the following statement:\n\n“Our "
     "thoughts are with his family tonight.”", "Our thoughts are with his family tonight.",
     "Ana Ruiz"),
])
def test_a_paragraph_ending_in_a_colon_introduces_the_next(text: str, quoted: str,
                                                            speaker: str) -> None:
    assert speaker_of(text, quoted) == speaker
