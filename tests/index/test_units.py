"""index.units: which sentences and statements an answer can quote."""

from __future__ import annotations

import pytest

from index.attribution import attribute
from index.types import Document
from index.units import document_units


def quoted(text: str) -> list[tuple[str, bool]]:
    """(quote text, is a statement) of every unit of `text`."""
    doc = Document("d", text)
    return [(text[u.start : u.end], u.statement >= 0) for u in document_units(0, doc, attribute(text))]


@pytest.mark.parametrize("text, sentence_too", [
    # The reporter's own words around hers hold what her three words do not: a unit too.
    ("Asked whether the prize had helped Lorvan, currently ranked 138th for press freedom by the "
     "monitors, Ana Ruiz said it had not.", True),
    # Nothing but the attribution is left: the statement alone.
    ("Ana Ruiz said the dam would hold this winter.", False),
])
def test_the_reporters_part_of_a_sentence_is_a_unit_beside_its_statement(text: str, sentence_too: bool) -> None:
    units = quoted(text)
    assert [words for words, statement in units if statement] == [
        "it had not" if sentence_too else "the dam would hold this winter"]
    narrative = [words for words, statement in units if not statement]
    assert narrative == (["Asked whether the prize had helped Lorvan, currently ranked 138th for press freedom by "
                          "the monitors, Ana Ruiz said"] if sentence_too else [])


def test_a_speakers_paraphrase_leading_into_their_quote_is_not_the_reporters() -> None:
    text = ("Two rights groups said the office had failed. They warned that returns of escapees could "
            "increase if Lorvan eases border restrictions after a prolonged shutdown which can enable "
            "“the massive forced returns of escapees.”")
    assert quoted(text) == [("the office had failed", True), ("the massive forced returns of escapees.", True)]
