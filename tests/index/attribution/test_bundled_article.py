"""The shipped AP article: who said each of its quotations (exact spans)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.attribution import attribute, sentence_spans

ARTICLE = Path(__file__).resolve().parents[3] / "corpus" / "000_9b4a88675f401c22.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
STATEMENTS = attribute(TEXT)
BY_WORDS = {TEXT[s.start : s.end]: s for s in STATEMENTS}
OFFICE, GROUPS, LAURENCE = "The U.N. human rights office", "a dozen rights groups", "Jeremy Laurence"

EXPECTED = [
    # words, speaker, the mention used, kind
    ("grave concern over the forced repatriation of North Koreans from China and elsewhere",
     OFFICE, OFFICE, "reported"),
    ("unacceptable silence", "rights groups", "rights groups", "mixed"),
    ("not too late", GROUPS, GROUPS, "mixed"),
    ("to publicly urge China to end the enforced disappearance and forcible repatriation of "
     "North Korean escapees", GROUPS, GROUPS, "mixed"),
    ("the resumption of the forcible repatriation of reportedly as many as 2,000 North Koreans "
     "detained as ‘illegal migrants’ in China", GROUPS, "They", "mixed"),
    ("gravely concerned", LAURENCE, LAURENCE, "mixed"),
    ("them to real risks of serious human rights violations, such as arbitrary detention, "
     "torture and gender-based violence, including sexual violence.", LAURENCE, "He", "mixed"),
    ("raised these concerns publicly", LAURENCE, "Laurence", "mixed"),
    ("directly with the member states concerned", LAURENCE, "Laurence", "mixed"),
    ("The issue remains a priority for the U.N. human rights office", LAURENCE, "he", "direct"),
]


def test_every_statement_is_one_expected() -> None:
    assert sorted(BY_WORDS) == sorted(w for w, *_ in EXPECTED)


@pytest.mark.parametrize(("words", "speaker", "mention", "kind"), EXPECTED)
def test_speaker_mention_and_kind(words: str, speaker: str, mention: str, kind: str) -> None:
    s = BY_WORDS[words]
    assert (s.speaker, TEXT[s.source_start : s.source_end], s.kind) == (speaker, mention, kind)


@pytest.mark.parametrize("words", [w for w, speaker, *_ in EXPECTED if speaker == LAURENCE])
def test_the_spokesman_speaks_for_the_office(words: str) -> None:
    s = BY_WORDS[words]
    assert (s.role, s.organisation) == ("spokesman", "the U.N. human rights office")


@pytest.mark.parametrize("words", [w for w, speaker, *_ in EXPECTED if speaker != LAURENCE])
def test_the_rights_groups_words_are_not_the_offices(words: str) -> None:
    assert BY_WORDS[words].organisation is None


def test_the_straight_opening_mark_pairs_with_the_curly_closing_one() -> None:
    s = BY_WORDS[EXPECTED[6][0]]
    assert TEXT[s.start - 1] == '"' and TEXT[s.end] == "”"


def test_the_unanswered_request_is_a_sentence_but_no_statement() -> None:
    sentence = ("The Chinese diplomatic mission in Geneva did not immediately respond to an emailed "
                "request for comment from The Associated Press.")
    at = TEXT.index(sentence)
    assert (at, at + len(sentence)) in sentence_spans(TEXT)
    assert not any(s.start < at + len(sentence) and at < s.end for s in STATEMENTS)


def test_the_outlet_line_is_nobodys_words() -> None:
    assert not any("Sourse" in TEXT[s.sentence_start : s.sentence_end] for s in STATEMENTS)
