"""One short invented article per attribution pattern, with the exact spans expected.

Each row: the text, the words said (the content span), and then the speaker, the mention the
text uses for them (source span), the cue, the kind, the role and the organisation.
"""

from __future__ import annotations

import pytest

from index.attribution import Statement, attribute

PATTERNS = {
    "parenthesised source with appositive": (
        "“The pipeline will not be built,” Rep. Dana Whitfield (D-Ore.), a member of the energy "
        "panel, said Tuesday.",
        "The pipeline will not be built", "Dana Whitfield", "Dana Whitfield", "said", "direct",
        "Rep.", "the energy panel"),
    "long role before the name": (
        "“We have nothing to announce today,” White House press secretary Lena Moss told "
        "reporters.",
        "We have nothing to announce today", "Lena Moss", "Lena Moss", "told", "direct",
        "White House press secretary", None),
    "surname of the organisation's man": (
        "Daniel Okafor runs the Green Valley Trust. “The river is dying,” said Mr. Okafor of the "
        "Green Valley Trust.",
        "The river is dying", "Daniel Okafor", "Okafor", "said", "direct", None,
        "the Green Valley Trust"),
    "organisation as speaker": (
        "The Security Council said in a statement that the ceasefire “must hold without "
        "conditions.”",
        "must hold without conditions.", "The Security Council", "The Security Council", "said",
        "mixed", None, None),
    "description as speaker": (
        "Harold Voss toured the site on Monday. “We built this city,” the New York businessman "
        "said.",
        "We built this city", "the New York businessman", "the New York businessman", "said",
        "direct", None, None),
    "pronoun after a narrative subject": (
        "Ines Alvarez chairs the panel. “We will publish the report,” she said.",
        "We will publish the report", "Ines Alvarez", "she", "said", "direct", None, None),
    "a statement is its issuer's": (
        "The ministry issued a statement Friday saying the talks had been “productive and "
        "frank.”",
        "productive and frank.", "The ministry", "The ministry", "saying", "mixed", None, None),
    "a tweet is its author's": (
        "Senator Paul Ruiz’s tweet said the vote was “a betrayal of every farmer in this state.”",
        "a betrayal of every farmer in this state.", "Paul Ruiz", "Paul Ruiz", "said", "mixed",
        "Senator", None),
    "a quotation closed by a comma before 'said …:'": (
        "“We will not give up the land,” Mara Quint said before adding: “Not one field.”",
        "We will not give up the land", "Mara Quint", "Mara Quint", "said", "direct", None, None),
    "according to": (
        "The dam was opened at dawn, according to the regional water authority.",
        "The dam was opened at dawn", "the regional water authority",
        "the regional water authority", "according to", "reported", None, None),
    "according to an organisation with a preposition and acronym, then an appositive": (
        "According to Farmers for Fair Water in Lorvania (FFWL), a nongovernmental group that "
        "monitors irrigation, at least 312 wells ran dry in 2023.",
        "at least 312 wells ran dry in 2023", "Farmers for Fair Water in Lorvania",
        "Farmers for Fair Water in Lorvania (FFWL)", "According to", "reported", None, None),
    "according to a described organisation, after the content": (
        "At least 88 fishermen have been detained by the coast guard, according to monitoring "
        "group the Harbour Rights Collective (HRC).",
        "At least 88 fishermen have been detained by the coast guard",
        "the Harbour Rights Collective", "monitoring group the Harbour Rights Collective (HRC)",
        "according to", "reported", "monitoring group", None),
    "a described official closing the sentence": (
        "The council is weighing fines for nine firms it says dumped waste in the river, a senior "
        "Lorvanian environment official told reporters.",
        "The council is weighing fines for nine firms it says dumped waste in the river",
        "a senior Lorvanian environment official", "a senior Lorvanian environment official",
        "told", "reported", None, None),
    "an estimate with a clause": (
        "The Red Harbour Trust estimates that 4,000 families lost their boats in the storm.",
        "4,000 families lost their boats in the storm", "The Red Harbour Trust",
        "The Red Harbour Trust", "estimates", "reported", None, None),
    "a possessor's relative, named, reporting": (
        "Okafor's daughter Nneka Okafor alleged that her father had been taken by soldiers.",
        "her father had been taken by soldiers", "Nneka Okafor", "Nneka Okafor", "alleged",
        "reported", "daughter", "Okafor"),
    "'in a tweet' between the speaker and the verb": (
        "Earlier, Brandt's son Felix Brandt in a tweet alleged that his father was held by "
        "\"security agencies\".",
        "security agencies", "Felix Brandt", "Felix Brandt", "alleged", "mixed", "son", "Brandt"),
    "a comparison's words": (
        "Another critic, Mira Holt, likened the new toll to “a tax on breathing.”",
        "a tax on breathing.", "Mira Holt", "Mira Holt", "likened", "mixed", None, None),
    "a chant": (
        "Dock workers chanted “No wage, no ship!”",
        "No wage, no ship!", "Dock workers", "Dock workers", "chanted", "direct", None, None),
    "a description, then the name between commas": (
        "A spokesman, Piet Arendse, said the port was “fully prepared.”",
        "fully prepared.", "Piet Arendse", "Piet Arendse", "said", "mixed", "spokesman", None),
    "names coordinated by 'and'": (
        "“The dam is unsafe,” Ruiz, Okafor and Lind told reporters.",
        "The dam is unsafe", "Ruiz, Okafor and Lind", "Ruiz, Okafor and Lind", "told", "direct",
        None, None),
    "a relative clause between a named subject and its verb": (
        "The Lorvania Water Board, which audited the dam, said the spillway was cracked.",
        "the spillway was cracked", "The Lorvania Water Board", "The Lorvania Water Board", "said",
        "reported", None, None),
    "a person's relative clause before 'said that'": (
        "Maria Lopez, who observed the vote, said that the count lacked transparency.",
        "the count lacked transparency", "Maria Lopez", "Maria Lopez", "said", "reported", None, None),
    "organisations coordinated with 'and the'": (
        "The Tamsin Election Mission and the Carter Center said the process lacked integrity.",
        "the process lacked integrity", "The Tamsin Election Mission and the Carter Center",
        "The Tamsin Election Mission and the Carter Center", "said", "reported", None, None),
    "a second clause with its own reporting subject": (
        "The lawyers went to the station, but police claimed that the women were not there.",
        "the women were not there", "police", "police", "claimed", "reported", None, None),
    "footnote calls after a sentence's stop": (
        "The ministry has not released the figures.[1] The Lorvania Water Board said the spillway "
        "was cracked.[2]",
        "the spillway was cracked", "The Lorvania Water Board", "The Lorvania Water Board", "said",
        "reported", None, None),
    "'say' before a number": (
        "Local monitors say 40 people were arrested in Tamsin over the weekend.",
        "40 people were arrested in Tamsin over the weekend", "Local monitors", "Local monitors",
        "say", "reported", None, None),
}


@pytest.mark.parametrize("text", [
    # a relative clause: the figure is the article's, the estimate only part of the question
    "Vesna asked whether the plan, which the Budget Office estimates would cost $9 billion, would "
    "pass.",
    "An estimated 10,000 people fled the valley.",
    # 'a total of …': the content itself, not a description of the source
    "According to the ministry, a total of 746 people were detained, the most in a decade.",
])
def test_what_is_not_an_estimate_or_an_appositive(text: str) -> None:
    found = {text[s.start : s.end]: s for s in attribute(text)}
    assert all(s.cue_start is None or text[s.cue_start : s.cue_end] != "estimates" for s in found.values())
    assert "the most in a decade" not in found


def statement_of(text: str, words: str) -> Statement:
    found = {text[s.start : s.end]: s for s in attribute(text)}
    assert words in found, sorted(found)
    return found[words]


def span(text: str, start: int | None, end: int | None) -> str | None:
    return None if start is None else text[start:end]


@pytest.mark.parametrize("name", PATTERNS)
def test_pattern(name: str) -> None:
    text, words, speaker, source, cue, kind, role, organisation = PATTERNS[name]
    s = statement_of(text, words)
    assert (s.speaker, span(text, s.source_start, s.source_end), span(text, s.cue_start, s.cue_end),
            s.kind, s.role, s.organisation) == (speaker, source, cue, kind, role, organisation)


OTHER_PERSON = ("“Voss has no plan,” Mayor Carla Ortiz said, calling her rival’s housing proposal "
                "“a fantasy dressed up as policy.”")


@pytest.mark.parametrize("words", ["Voss has no plan", "a fantasy dressed up as policy."])
def test_the_other_person_in_the_sentence_is_not_the_speaker(words: str) -> None:
    assert statement_of(OTHER_PERSON, words).speaker == "Carla Ortiz"


MULTI = ("“The first thing we did was count the boats,” said Mara Lind, a fisheries inspector. "
         "“Then we counted the nets.\n\n"
         "“By noon we knew the catch had halved.”\n\n"
         "The harbour master said nothing.")


@pytest.mark.parametrize("words", ["Then we counted the nets.", "By noon we knew the catch had halved."])
def test_a_quotation_running_into_the_next_paragraph_keeps_its_speaker(words: str) -> None:
    s = statement_of(MULTI, words)
    assert (s.speaker, s.source_start, s.role) == ("Mara Lind", None, "fisheries inspector")


def test_a_closed_quotation_is_not_carried_into_the_next_paragraph() -> None:
    # a new paragraph opening with a quotation may be anyone's: uncertain, so no speaker
    text = "“We are leaving,” Mara Lind said.\n\n“Nobody will stop us now.”"
    assert statement_of(text, "Nobody will stop us now.").speaker is None


@pytest.mark.parametrize(
    "text",
    [
        "“Nobody warned us,” he said.",  # no antecedent at all
        "The embassy and the ministry met. “We disagree,” it said.",  # two candidates
    ],
)
def test_an_unresolvable_pronoun_gives_no_speaker(text: str) -> None:
    assert all(s.speaker is None for s in attribute(text) if s.kind != "reported")


def test_a_sentence_without_words_of_anyone_is_no_statement() -> None:
    assert attribute("The embassy did not immediately respond to a request for comment.") == []


PUBLISHER_TEXT = ("Authorities should free the 14 activists at once. The courts have ignored "
                  "every appeal, the group’s lawyer said.")


def test_publisher_voice_covers_only_unattributed_narrative() -> None:
    stmts = attribute(PUBLISHER_TEXT, publisher="Freedom Watch")
    own = [s for s in stmts if s.kind == "publisher"]
    assert [PUBLISHER_TEXT[s.start : s.end] for s in own] == [
        "Authorities should free the 14 activists at once."]
    assert all(s.speaker == "Freedom Watch" for s in own)
    assert any(s.speaker == "the group’s lawyer" for s in stmts if s.kind != "publisher")


def test_without_a_publisher_narrative_is_never_a_statement() -> None:
    assert all(s.kind != "publisher" for s in attribute(PUBLISHER_TEXT))


def test_statement_round_trips_through_json() -> None:
    s = statement_of(OTHER_PERSON, "Voss has no plan")
    assert Statement.from_json(s.to_json()) == s


def test_a_quotation_not_closed_by_a_comma_is_not_the_colon_clause_speakers() -> None:
    """'The sign read “No entry” and Quint said: “…”': only the second quotation is Quint's."""
    text = "The sign read “No entry” and Mara Quint said: “We will build the road.”"
    found = {text[s.start : s.end]: s.speaker for s in attribute(text)}
    assert found.get("No entry") is None
    assert found["We will build the road."] == "Mara Quint"


def test_a_relatives_words_are_never_the_possessors() -> None:
    text = ("Earlier, Brandt's son Felix Brandt in a tweet alleged that his father was held by "
            "\"security agencies\".\n\n\"They want to silence all of us!\" he wrote.")
    assert {s.speaker for s in attribute(text)} == {"Felix Brandt"}


def test_a_relative_with_the_same_surname_keeps_his_own_name() -> None:
    text = ("Bartolomej Novak, a retired engineer from the city, was detained in July.\n\n"
            "“Nobody tells us where he is,” his son Karel Novak told reporters.\n\n"
            "“Novak was tortured,” said Bartolomej Novak’s lawyer, Ana Brod.")
    assert statement_of(text, "Nobody tells us where he is").speaker == "Karel Novak"


@pytest.mark.parametrize(("text", "speaker"), [
    ("“Nobody tells us where he is,” his son Karel Vesely told reporters.", "Karel Vesely"),
    ("“The wells are dry,” said Ana Kelly.", "Ana Kelly"),
    ("Mira Holt openly said the toll was “a tax on breathing.”", "Mira Holt"),
])
def test_a_surname_ending_in_ly_is_no_adverb(text: str, speaker: str) -> None:
    assert [s.speaker for s in attribute(text)] == [speaker]


def test_a_quotation_after_reported_speech_in_the_same_paragraph_goes_on_with_its_speaker() -> None:
    text = ("Ana Mak misses the old cafes. The food in Lorvan just doesn’t match up, she says. "
            "“The food here is so much more expensive.”\n\n"
            "Ana Mak said the rents had doubled.\n\n“Nobody can afford them.”")
    assert statement_of(text, "The food here is so much more expensive.").speaker == "Ana Mak"
    assert statement_of(text, "Nobody can afford them.").speaker is None  # a new paragraph: anyone's


def test_a_pronoun_contraction_is_the_pronoun() -> None:
    text = ("Sophie Lam left the city in 2019. “It got me really scared,” Sophie Lam said.\n\n"
            "She’s tweeted about the “mass exodus” from the city.")
    assert {s.speaker for s in attribute(text)} == {"Sophie Lam"}


def test_a_group_opening_a_sentence_is_no_one_a_pronoun_can_mean() -> None:
    text = ("Some Lorvan families are resigned to separation.\n\n"
            "“I never planned to stay when I came here,” she says.")
    assert [s.speaker for s in attribute(text)] == [None]


def test_a_surname_alone_opening_a_sentence_is_whom_the_next_pronoun_means() -> None:
    text = ("Ana Mak moved to Lorvan in 2020. Daniel Chau stayed behind.\n\n"
            "Mak misses the old cafes. The food in Lorvan just doesn’t match up, she says.")
    assert statement_of(text, "The food in Lorvan just doesn’t match up").speaker == "Ana Mak"


def test_a_description_by_age_is_the_person_just_named() -> None:
    text = ("Asked whether the prize had helped, Ana Ruiz said on Thursday it had not.\n\n"
            "“It is like a sword over your head,” the 58-year-old journalist said.")
    assert statement_of(text, "It is like a sword over your head").speaker == "Ana Ruiz"


@pytest.mark.parametrize("text", [
    "Asked whether the prize had helped, Ana Ruiz said on Thursday it had not.",
    "Asked whether the prize had helped Lorvan — ranked 138th for press freedom — Ana Ruiz said it had not.",
])
def test_the_question_before_asked_whether_is_not_the_answer(text: str) -> None:
    assert statement_of(text, "it had not").speaker == "Ana Ruiz"
    assert all(not text[s.start : s.end].startswith("Asked") for s in attribute(text))


def test_a_description_by_age_needs_a_named_speaker_before_it() -> None:
    text = ("Nobel Prize winners Ana Ruiz and Dmitri Volkov met in Oslo.\n\n"
            "“It is like a sword over your head,” the 58-year-old journalist said.")
    assert statement_of(text, "It is like a sword over your head").speaker == "the 58-year-old journalist"


def test_a_counted_noun_is_no_cue() -> None:
    text = ("The first four states that vote hold only 4% of the seats, while the rest “better "
            "reflect the country,” Ana Ruiz wrote.")
    assert [s.speaker for s in attribute(text)] == ["Ana Ruiz"]


@pytest.mark.parametrize(("text", "speaker"), [
    ("When Ana Ruiz later referred to the flood in Lorvan and said she would “protect our "
     "towns,” the crowd applauded loudly.", "Ana Ruiz"),
    ("Lorvan Party candidate Tomas Reyes toured the dam and said it was “a disgrace.”", "Tomas Reyes"),
])
def test_a_cue_joined_by_and_is_the_clauses_subjects(text: str, speaker: str) -> None:
    words = text[text.index("“") + 1 : text.index("”")].rstrip(",")
    assert statement_of(text, words).speaker == speaker


def test_a_scare_quoted_word_before_a_surname_is_no_given_name() -> None:
    text = ("'Heartless' Reyes faces critics.\n\nTomas Reyes spoke on Monday. “We will appeal,” "
            "Reyes said.")
    assert statement_of(text, "We will appeal").speaker == "Tomas Reyes"


@pytest.mark.parametrize(("text", "words", "speaker", "role"), [
    ("Senate Majority Leader Ana Ruiz, R-Ky., delivered a blunt message to the mayor: “It is "
     "time to stop attacking people.”", "It is time to stop attacking people.", "Ana Ruiz",
     "Senate Majority Leader"),
    ("Former Lorvan Gov. Ana Ruiz, for her part, is labeling the plan “a blatant abuse of "
     "power.”", "a blatant abuse of power.", "Ana Ruiz", "Former Lorvan Gov."),
])
def test_a_tag_or_aside_after_the_name_leaves_the_subject_its_quotation(text, words, speaker, role):
    s = statement_of(text, words)
    assert (s.speaker, s.role) == (speaker, role)


@pytest.mark.parametrize("title", ["Senate Majority Leader", "Democrat"])
def test_a_title_or_party_before_the_full_name_is_no_given_name(title: str) -> None:
    text = f"{title} Ana Ruiz spoke first.\n\n“We will win,” Ruiz said."
    assert statement_of(text, "We will win").speaker == "Ana Ruiz"


def test_a_role_and_name_before_the_tails_verb_are_read_past_what_is_not_a_name() -> None:
    text = ("“They have to decide whether to feed themselves,” Fight for $15 organizing director "
            "Ana Ruiz told a radio station in Lorvan.")
    s = statement_of(text, "They have to decide whether to feed themselves")
    assert (s.speaker, s.role) == ("Ana Ruiz", "organizing director")


@pytest.mark.parametrize(("text", "words", "speaker"), [
    ("Ana Ruiz fired back in March, attacking Reyes for “the greed and the showing off” of his "
     "campaign.", "the greed and the showing off", "Ana Ruiz"),
    # the opening clause's subject ("the court") is not the one the participle hangs on
    ("After the court failed to reach a decision, Ana Ruiz said the deadlock had helped, before "
     "claiming that open borders are “tearing families apart.”", "tearing families apart.", "Ana Ruiz"),
    ("Weighing in on the dispute, Lorvan Gov. Ana Ruiz agreed, praising the mayor as “one of the "
     "most gifted leaders we have.”", "one of the most gifted leaders we have.", "Ana Ruiz"),
])
def test_a_participle_takes_the_main_clauses_subject(text, words, speaker):
    assert statement_of(text, words).speaker == speaker


@pytest.mark.parametrize("share", ["The vast majority of Lorvans", "72 percent of voters", "Half of Lorvan farmers"])
def test_a_surveys_share_of_respondents_is_no_speaker(share: str) -> None:
    text = f"{share} say they would pay more for bread labeled “Made in Lorvan,” a new poll found."
    assert all(s.speaker != share for s in attribute(text))


def test_a_shows_title_is_no_ones_words() -> None:
    text = ("“The dam will hold,” Ana Ruiz said Thursday on Lorvan TV’s “Good Morning Lorvan.” "
            "“I mean, there is no danger at all.”")
    assert all("Good Morning" not in text[s.start : s.end] for s in attribute(text))
    assert statement_of(text, "I mean, there is no danger at all.").speaker == "Ana Ruiz"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Rival Ana Ruiz mocked the plan. “It will fail,” Ruiz said.", "Ana Ruiz"),
    ("Rival Ana Ruiz had mocked the plan, saying anyone who backs it “is not having a good day.”",
     "Ana Ruiz"),
    ("Palm Valley Supervisor of Elections Ana Ruiz spoke. “We need more polling places,” Ruiz said.",
     "Ana Ruiz"),
])
def test_the_canonical_name_is_the_persons_name_alone(text: str, speaker: str) -> None:
    words = text[text.index("“") + 1 : text.index("”")].rstrip(",")
    assert statement_of(text, words).speaker == speaker


NAMESAKES = ("“The company pays for leave,” Ivanka Lo said.\n\n“It does not,” Donald Lo said.\n\n"
             "“Parental leave is enormously important,” Lo told a radio station.")


@pytest.mark.parametrize("seed", ["1", "2", "3", "4", "5", "6"])
def test_between_namesakes_a_bare_surname_is_named_the_same_in_every_run(seed: str) -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = ("from index.attribution import attribute; import sys; t = sys.stdin.read(); "
            "print([s.speaker for s in attribute(t)][-1])")
    repo = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], input=NAMESAKES, capture_output=True, text=True,
                         env={"PYTHONHASHSEED": seed, "PATH": ""}, cwd=repo, check=True)
    assert out.stdout.strip() == "Ivanka Lo"  # the first named in full, whatever the set order


def test_a_plural_noun_that_is_also_a_cue_is_no_cue() -> None:
    text = ("For the mayor, the show proved to be a safe space, a haven shielded from any tough "
            "questions or follow-ups.")
    assert attribute(text) == []


# One behaviour each (the id says which): the words, and who said them.
SPEAKERS = {
    "a role between modifiers and the name gives the name to a following pronoun": (
        "Former Lorvan party strategist Tomas Reyes has been critical of the plan.\n\n"
        "“It is too forced,” he said on Tuesday.",
        "It is too forced", "Tomas Reyes"),
    "a quotation said of someones comment is the reporting speakers": (
        "Mayor Carla Ortiz said on Thursday that the comment by Dr. Tomas Reyes “was "
        "inappropriate and unkind.”",
        "was inappropriate and unkind.", "Carla Ortiz"),
    "words someone will say are the reporting speakers": (
        "Mayor Carla Ortiz said she expected that Lorvans will say “no” to the tax.",
        "no", "Carla Ortiz"),
    "a tail with words of its own leaves the quotation to the introducing clause": (
        "Mayor Carla Ortiz claimed on Tuesday that “the bridge was never at risk,” one of "
        "the city engineers said the two reports were quite different.",
        "the bridge was never at risk", "Carla Ortiz"),
    "a cue joined by but is the clauses subjects": (
        "Ana Ruiz, who was speaking to the mayors, did not mention Reyes by name, but told "
        "city leaders that the country should be governed by those “who put the people first.”",
        "who put the people first.", "Ana Ruiz"),
    "heres a name introduces their words": (
        "Here’s Ana Ruiz in December 1992: “Our new direction must rest on the new realities.”",
        "Our new direction must rest on the new realities.", "Ana Ruiz"),
    "a quotation running on to a comma before its attribution is the speakers": (
        "“If there had not been that intervention” by the allies, Ana Ruiz said at a town hall "
        "on Monday, “we would be looking at something much worse.”",
        "If there had not been that intervention", "Ana Ruiz"),
    "figures according to someones calculations are theirs": (
        "A “living wage” for a single adult in Lorvan is about $12 an hour, according to "
        "calculations by Amy Glasmeier of the Lorvan Institute of Technology.",
        "living wage", "Amy Glasmeier"),
}


@pytest.mark.parametrize("name", SPEAKERS)
def test_the_speaker_of(name: str) -> None:
    text, words, speaker = SPEAKERS[name]
    assert statement_of(text, words).speaker == speaker


@pytest.mark.parametrize("text, opening", [
    ("In that regard, Freedonia strongly urges the Assembly to recognize those contributions.",
     "In that regard"),
    ("As the smallest member of the family, Freedonia continues to hold dear the values of the "
     "Charter.", "As the smallest member of the family"),
    ("Finally, Mr. President, Freedonia reiterates its commitment to multilateralism.",
     "Finally, Mr. President"),
    ("During a campaign stop in Onawa, the candidate repeated his promise to repeal the law.",
     "During a campaign stop in Onawa"),
], ids=["prepositional phrase", "as-phrase", "adverb and vocative", "during-phrase"])
def test_a_sentences_opening_phrase_is_no_ones_words(text: str, opening: str) -> None:
    assert all(text[s.start : s.end] != opening for s in attribute(text))


def test_words_before_a_tail_that_open_with_a_preposition_are_still_the_speakers() -> None:
    text = "In my view, the deal is dead, a senior official said."
    assert statement_of(text, "In my view, the deal is dead").speaker == "a senior official"
