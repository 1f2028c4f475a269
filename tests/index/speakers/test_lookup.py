"""Looking up who made a statement: organisations with their people, persons alone, no namesakes."""

from __future__ import annotations

import pytest

from index.speakers import SpeakerDirectory, resolve_target, speaks_for
from tests.index.speakers.statements import GLOSSARY, said


@pytest.mark.parametrize(
    "asked, statement, expected",
    [
        ("ERA", said("Mara Quint"), True),  # a spokesperson speaks for the organisation
        ("the river agency", said("Mara Quint"), True),
        ("era", said("Mara Quint"), True),  # "what did era say" → ERA
        ("ERA", said("a farmer"), False),
        ("ERA", said("Ana Lind", organisation="Eastland River Agency"), True),
        ("ERA", said("Quint"), True),  # the text's short form of its spokeswoman
        ("ERA", said("Tom Quint"), False),  # her namesake does not speak for it
        ("Mara Quint", said("Mara Quint"), True),
        ("Mara Quint", said("Quint"), True),  # the text's short form of the same person
        ("Quint", said("Mara Quint"), True),
        ("Mara Quint", said("Tom Quint"), False),  # a namesake is not her
        ("Mara Quint", said("Olek Brand"), False),  # a colleague is not her
        ("Mara Quint", said("Eastland River Agency"), False),  # nor is her office
        ("Mara Quint", said("Ana Lind", organisation="Eastland River Agency"), False),
        ("Ilse Varga", said("Ilse Varga", role="conductor"), True),  # not in the glossary
        ("Ilse Varga", said("Anna Varga"), False),
        ("the Northern Symphony", said("the Northern Symphony"), True),
        ("Hamas", said("Basem Naim", organisation="Hamas"), True),  # its official, glossary or not
        ("ERA", said(None), False),
        ("Mara Quint", said(None), False),
    ],
)
def test_speaks_for(asked, statement, expected):
    assert speaks_for(statement, resolve_target(asked, GLOSSARY)) is expected


@pytest.mark.parametrize(
    "asked, person, people",
    [
        ("Mara Quint", True, ("Mara Quint",)),
        ("Quint", True, ("Mara Quint",)),  # the glossary's full name
        ("ERA", False, ("Mara Quint", "Olek Brand")),
        ("Ilse Varga", True, ("Ilse Varga",)),
        ("rights groups", False, ()),
    ],
)
def test_a_target_is_a_person_or_an_organisation_with_its_people(asked, person, people):
    target = resolve_target(asked, GLOSSARY)
    assert (target.person, target.people, target.label) == (person, people, asked)


def test_a_surname_alone_is_completed_from_the_corpus_speakers():
    known = SpeakerDirectory([[said("Ilse Varga"), said("Varga")]])
    assert resolve_target("Varga", GLOSSARY, known).people == ("Varga", "Ilse Varga")


def test_a_surname_two_people_share_stays_as_typed():
    known = SpeakerDirectory([[said("Ilse Varga")], [said("Anna Varga")]])
    assert resolve_target("Varga", GLOSSARY, known).people == ("Varga",)


@pytest.mark.parametrize(
    "asked, statement, expected",
    [
        ("Hamas", said("Hamas authorities"), True),  # nobody in the corpus is called Hamas
        ("Varga", said("the Varga administration"), False),  # the corpus quotes Ilse Varga: a person
        ("Varga", said("Ilse Varga"), True),
    ],
)
def test_a_name_the_corpus_quotes_no_person_by_is_an_organisation(asked, statement, expected):
    known = SpeakerDirectory([[said("Ilse Varga"), said("Hamas authorities"), said("the Varga administration")]])
    assert speaks_for(statement, resolve_target(asked, GLOSSARY, known)) is expected
