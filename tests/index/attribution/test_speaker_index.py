"""SpeakerIndex: who said what across documents, by any name a user types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.attribution import SpeakerIndex, attribute

ARTICLE = (Path(__file__).resolve().parents[3] / "corpus" / "000_9b4a88675f401c22.txt").read_text(
    encoding="utf-8")
SECOND = ("Jeremy Laurence spoke again on Monday. “We will keep asking,” Laurence said.\n\n"
          "“The shelters are full,” said Ana Costa, a nurse.")
GROUPS = [(["OHCHR", "U.N. human rights office", "Office of the High Commissioner"], ["Volker Türk"])]


@pytest.fixture(scope="module")
def index() -> SpeakerIndex:
    docs = [("ap", ARTICLE), ("second", SECOND)]
    return SpeakerIndex.build([(d, t, attribute(t)) for d, t in docs], groups=GROUPS)


def words(index: SpeakerIndex, name: str) -> list[str]:
    texts = {"ap": ARTICLE, "second": SECOND}
    return [texts[s.doc_id][s.statement.start : s.statement.end] for s in index.lookup(name)]


@pytest.mark.parametrize("name", ["Jeremy Laurence", "Laurence", "laurence", "JEREMY LAURENCE"])
def test_a_person_by_full_name_or_surname(index, name) -> None:
    found = words(index, name)
    assert "We will keep asking" in found and "gravely concerned" in found
    assert "The shelters are full" not in found


@pytest.mark.parametrize("name", ["OHCHR", "UN human rights office", "the U.N. human rights office"])
def test_an_organisation_includes_its_spokespeople(index, name) -> None:
    found = words(index, name)
    assert "gravely concerned" in found
    assert any(w.startswith("grave concern over") for w in found)


def test_an_organisation_never_gets_the_words_of_its_critics(index) -> None:
    assert "unacceptable silence" not in words(index, "OHCHR")
    assert "unacceptable silence" in words(index, "rights groups")


def test_mentioned_but_never_quoted(index) -> None:
    assert index.lookup("Volker Türk") == []
    assert index.mentioned("Volker Türk") == ["ap"]
    assert index.mentioned("Nobody Atall") == []


def test_speakers_for_autocomplete(index) -> None:
    assert index.speakers()[0] == "Jeremy Laurence"  # most statements first
    assert index.complete("lau") == ["Jeremy Laurence"]
    assert "Ana Costa" in index.complete("cos")


def test_json_round_trip_answers_the_same(index) -> None:
    again = SpeakerIndex.from_json(json.loads(json.dumps(index.to_json())))
    for name in ("OHCHR", "Laurence", "Ana Costa", "rights groups"):
        assert again.lookup(name) == index.lookup(name)
    assert again.mentioned("Volker Türk") == ["ap"]
    assert again.speakers() == index.speakers()
