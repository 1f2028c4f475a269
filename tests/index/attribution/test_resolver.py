"""Quotations and their speakers (index/attribution). All paragraphs are invented for the tests."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from index.attribution import Statement, attribute, sentence_spans

QUOTE_CHARS = "\"'“”‘’«»"

AP = (
    "GENEVA (AP) — The U.N. human rights office said Tuesday it was “deeply troubled” by the "
    "ruling. “We are gravely concerned about these reports,” spokesman Jeremy Laurence told "
    "reporters. He said the office had “raised these concerns publicly and privately.”\n\n"
    "Laurence, a spokesman for the U.N. human rights office, added that dialogue “remains a "
    "priority.”"
)
HRW = (
    "(Bangkok) – Authorities in Freedonia should release 14 detained activists, Human Rights "
    "Watch said today.\n\n"
    "“Jailing people for peaceful protest sends a chilling message to every critic of the "
    "government,” said Elaine Pearson, Asia director at Human Rights Watch. “Freedonia’s "
    "partners should say so publicly.\n\n"
    "“The detainees should be freed without conditions.”\n\n"
    "According to family members, the men have not seen a lawyer since January."
)
STRAIGHT = 'Mayor Ana Costa said: "The bridge will reopen in May." Critics were not convinced.'
OTHERS = [
    "The ministry said it would “review the decision in due course” but gave no date. "
    "Dr. Amal Nasser said the clinic in St. Mary’s district was closed on Jan. 4.",
    "“We saw the soldiers take him away.” Ahmed al-Hassan said.\n\nLater the army said it had "
    "no record of the arrest.",
    "Türk’s office said it’s concerned about the detentions. The lawyers’ association said "
    "“this is not the end",
    "“Nobody came,” one resident said. “Nobody asked us anything.” She said the water was "
    "“undrinkable for weeks.”",
]


def by_quote(text: str) -> dict[str, Statement]:
    return {text[s.start : s.end]: s for s in attribute(text)}


def speaker_of(text: str, words: str) -> str | None:
    found = by_quote(text)
    assert words in found, sorted(found)
    return found[words].speaker


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('"We will appeal," Costa said.', "We will appeal"),
        ("“We will appeal,” Costa said.", "We will appeal"),
        ("«We will appeal,» Costa said.", "We will appeal"),
        ("Costa said ‘we will appeal’ after the hearing.", "we will appeal"),
    ],
)
def test_quote_marks_delimit_the_quoted_words(text: str, words: str) -> None:
    assert speaker_of(text, words) == "Costa"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (HRW, "Jailing people for peaceful protest sends a chilling message to every critic of "
         "the government", "Elaine Pearson"),
        ("“It is a dark day,” said Maria de la Cruz, director of the group Karapatan.",
         "It is a dark day", "Maria de la Cruz"),
        ("“Why now?” asked Senator Ruth Ochieng.", "Why now?", "Ruth Ochieng"),
    ],
)
def test_inverted_said_speaker(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (STRAIGHT, "The bridge will reopen in May.", "Ana Costa"),
        ("Ahmed al-Hassan told reporters: “We were not warned.”", "We were not warned.",
         "Ahmed al-Hassan"),
        ("HALYNA KOVAL: “The shelling did not stop.”", "The shelling did not stop.",
         "HALYNA KOVAL"),
    ],
)
def test_speaker_before_colon(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (AP, "raised these concerns publicly and privately.", "Jeremy Laurence"),
        (OTHERS[3], "undrinkable for weeks.", "one resident"),
        ("“We are concerned,” Laurence said. “We wrote twice.” Rivera said the letters "
         "arrived. “None was answered,” he said.", "None was answered", "Rivera"),
    ],
)
def test_pronoun_resolves_to_last_named_speaker(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


ROLE_NAME = ("The police chief commissioner, Dara-Ul-Haq, said, “I promise you all, we will find "
             "the culprits” while announcing the governor’s resignation.")
ENVOY = ("On March 3, 2024, the UN Special Envoy for Refugees, Ana Verhoeven, acknowledged that in "
         "Freedonia “many abusive camps remain in operation,” and reported that her office "
         "continues to press the authorities.")
POSSESSIVE = ("The poet Leila Farahani was sentenced again on Monday.\n\nIn May 2023, Farahani’s two "
              "sons read out her prize acceptance speech, in which she noted: “I write to you from "
              "a cold cell. Our people will outlast the censors.”")
ELLIPSIS = ("“The kitchen …, where they kept a piano and a table, was gone. The roof fell onto the "
            "room where Olha and Petro slept,” said Marchenko. “Their bodies were found last … in "
            "the cellar. They died in their sleep.”")
PARTIAL = ("On May 2, the Refugee Council said families “are forced to eat leaves to survive,” "
           "noting that “all children in the camp are facing starvation.”")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (ROLE_NAME, "I promise you all, we will find the culprits", "Dara-Ul-Haq"),
        (ENVOY, "many abusive camps remain in operation", "Ana Verhoeven"),
        (POSSESSIVE, "I write to you from a cold cell. Our people will outlast the censors.",
         "Leila Farahani"),
        (ELLIPSIS, "The kitchen …, where they kept a piano and a table, was gone. The roof fell "
         "onto the room where Olha and Petro slept", "Marchenko"),
        (ELLIPSIS, "Their bodies were found last … in the cellar. They died in their sleep.",
         "Marchenko"),
        ("Jonas K., a 16-year-old boy from Ruritania, said, “I slept under the station stairs.”",
         "I slept under the station stairs.", "Jonas K."),
        ("One detainee who was held for two months described the cell, saying, “We were chained "
         "the entire time.”", "We were chained the entire time.", "One detainee"),
        ("“I am losing time,” Syed A., a 17-year-old boy, said.", "I am losing time", "Syed A."),
        ("“We just want a phone call,” a relative of one detainee said.",
         "We just want a phone call", "a relative"),
        ("“I sleep with a knife under my pillow,” a woman living in the camp told reporters.",
         "I sleep with a knife under my pillow", "a woman"),
        (PARTIAL, "all children in the camp are facing starvation.", "the Refugee Council"),
        ("Minister Rolf Anders claimed that the country will “defend the right” of producers to "
         "“continue drilling because the world needs it.”",
         "continue drilling because the world needs it.", "Rolf Anders"),
        ("The director-general of the agency, Mira Solberg, described the strike as “an "
         "escalation of violence against the heritage of the region.”",
         "an escalation of violence against the heritage of the region.", "Mira Solberg"),
    ],
)
def test_news_attribution_patterns(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    ("text", "words", "role"),
    [
        (ROLE_NAME, "I promise you all, we will find the culprits", "police chief commissioner"),
        (ENVOY, "many abusive camps remain in operation", "UN Special Envoy for Refugees"),
    ],
)
def test_role_before_the_name(text: str, words: str, role: str) -> None:
    assert by_quote(text)[words].role == role


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The goals expressed in the declaration include “strengthening the protection of "
         "civilians in armed conflict.”", "strengthening the protection of civilians in armed "
         "conflict."),
        ("Dozens were arrested, most of them accused of “treason and sabotage against the "
         "state.”", "treason and sabotage against the state."),
        # a country's possessive is not a person the pronoun could refer to
        ("Freedonia’s courts are slow. In June, Freedonia’s parliament met and she said, “We "
         "will not wait any longer.”", "We will not wait any longer."),
    ],
)
def test_non_speakers_are_not_attributed(text: str, words: str) -> None:
    assert speaker_of(text, words) is None


def test_pronoun_without_antecedent_has_no_speaker() -> None:
    assert speaker_of("“We are concerned,” he said.", "We are concerned") is None


@pytest.mark.parametrize(
    "words",
    [
        "Freedonia’s partners should say so publicly.",
        "The detainees should be freed without conditions.",
    ],
)
def test_continuing_quote_paragraphs_keep_the_speaker(words: str) -> None:
    assert speaker_of(HRW, words) == "Elaine Pearson"


def test_following_bare_attribution_sentence_names_the_speaker() -> None:
    found = by_quote(OTHERS[1])
    s = found["We saw the soldiers take him away."]
    assert s.speaker == "Ahmed al-Hassan"
    assert OTHERS[1][s.sentence_start : s.sentence_end].endswith("al-Hassan said.")


def test_unattributed_quote_continues_the_previous_speaker_in_its_paragraph() -> None:
    assert speaker_of(OTHERS[3], "Nobody asked us anything.") == "one resident"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (HRW, "the men have not seen a lawyer since January", "family members"),
        ("At least 40 people were detained, according to local media.",
         "At least 40 people were detained", "local media"),
    ],
)
def test_according_to(text: str, words: str, speaker: str) -> None:
    s = by_quote(text)[words]
    assert (s.speaker, s.kind) == (speaker, "reported")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (HRW, "Authorities in Freedonia should release 14 detained activists",
         "Human Rights Watch"),
        (OTHERS[1], "it had no record of the arrest", "the army"),
        (OTHERS[0], "the clinic in St. Mary’s district was closed on Jan. 4", "Dr. Amal Nasser"),
        ("Police in Kampala said that the roads would stay closed.",
         "the roads would stay closed", "Police in Kampala"),
    ],
)
def test_reported_speech(text: str, words: str, speaker: str) -> None:
    s = by_quote(text)[words]
    assert (s.speaker, s.kind) == (speaker, "reported")


@pytest.mark.parametrize(
    ("text", "words", "role", "affiliation"),
    [
        # a spokesperson with no stated employer speaks for the organisation the text names
        (AP, "We are gravely concerned about these reports", "spokesman",
         "the U.N. human rights office"),
        (AP, "remains a priority.", "spokesman", "the U.N. human rights office"),
        (HRW, "Jailing people for peaceful protest sends a chilling message to every critic of "
         "the government", "Asia director", "Human Rights Watch"),
        ("“We will keep counting,” Prime Minister Tshering Dorji said.", "We will keep counting",
         "Prime Minister", None),
    ],
)
def test_role_and_affiliation(text: str, words: str, role: str, affiliation: str | None) -> None:
    s = by_quote(text)[words]
    assert (s.role, s.organisation) == (role, affiliation)


def test_role_word_is_stripped_from_the_speaker() -> None:
    assert speaker_of(AP, "We are gravely concerned about these reports") == "Jeremy Laurence"


def test_organisation_speaker_as_written() -> None:
    assert speaker_of(AP, "deeply troubled") == "The U.N. human rights office"


def test_apostrophes_do_not_open_quotes() -> None:
    found = by_quote(OTHERS[2])
    assert list(found)[0] == "it’s concerned about the detentions"
    assert found["it’s concerned about the detentions"].speaker == "Türk’s office"


def test_unbalanced_quote_is_capped_at_its_paragraph() -> None:
    text = "“This is not over, the lawyer said.\n\n" + "The court adjourned. " * 200
    stmts = attribute(text)
    assert all(s.end <= text.index("\n") for s in stmts if s.kind == "direct")


def test_stray_mid_sentence_quote_is_not_quoted() -> None:
    assert all(s.kind != "direct" for s in attribute(OTHERS[2]))


def test_scare_quoted_term_is_not_a_statement() -> None:
    text = "The slogan “Games Wide Open” appeared on every poster."
    assert attribute(text) == []


@pytest.mark.parametrize("text", [AP, HRW, STRAIGHT, *OTHERS, '"', "“", "”x“", "", "\n\n“"])
def test_spans_are_verbatim_and_inside_bounds(text: str) -> None:
    for s in attribute(text):
        assert 0 <= s.start < s.end <= len(text)
        assert s.sentence_start <= s.start and s.end <= s.sentence_end <= len(text)
        words = text[s.start : s.end]
        assert words[0] not in QUOTE_CHARS and words[-1] not in QUOTE_CHARS
        assert words == words.strip()
        assert s.kind in ("direct", "reported", "mixed")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The U.N. office said so. The U.S. agreed.", 2),
        ("Mr. Lee and Dr. Kim met on Jan. 5 in St. Louis. They left.", 2),
        ("Gen. J. R. Smith spoke. Then he left.", 2),
        ("He left the U.N. He never returned.", 2),
        ("“Stop.” He left! Did she? Yes.", 4),
        ("One line\nNo period here", 2),
        ("First paragraph.\n\nSecond paragraph.", 2),
        ("Required by law.[1] The board said so.[2][3] It left.", 3),  # footnote calls
    ],
)
def test_sentence_spans_count(text: str, count: int) -> None:
    assert len(sentence_spans(text)) == count


def test_sentence_spans_keep_the_closing_quote() -> None:
    text = "He said it “remains a priority.” Then he left."
    assert [text[a:b] for a, b in sentence_spans(text)][0].endswith("priority.”")


def test_statement_sentence_span_includes_attribution() -> None:
    s = by_quote(AP)["We are gravely concerned about these reports"]
    assert AP[s.sentence_start : s.sentence_end] == (
        "“We are gravely concerned about these reports,” spokesman Jeremy Laurence told reporters."
    )


def test_surname_only_speaker_is_named_in_full() -> None:
    text = "Jeremy Laurence arrived late. “We are ready,” Laurence said."
    assert speaker_of(text, "We are ready") == "Jeremy Laurence"


def test_the_office_is_the_last_organisation_named() -> None:
    text = ("The U.N. human rights office said it was alarmed. The office said the arrests "
            "were arbitrary.")
    assert speaker_of(text, "the arrests were arbitrary") == "The U.N. human rights office"


HRW_CSV = Path(__file__).resolve().parents[4] / "shared/corpora/hrw_2024/hrw_articles.csv"


@pytest.mark.slow
@pytest.mark.skipif(not HRW_CSV.exists(), reason=f"shared corpus not found at {HRW_CSV}")
def test_real_hrw_articles() -> None:
    csv.field_size_limit(sys.maxsize)
    with HRW_CSV.open(newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    assert texts
    with_speaker = 0
    for text in texts:
        stmts = attribute(text)
        for s in stmts:
            assert 0 <= s.sentence_start <= s.start < s.end <= s.sentence_end <= len(text)
            words = text[s.start : s.end]
            assert words[0] not in QUOTE_CHARS and words[-1] not in QUOTE_CHARS
        with_speaker += any(s.speaker for s in stmts)
    assert with_speaker / len(texts) >= 0.6
