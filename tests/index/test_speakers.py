"""Looking up who made a statement: organisations with their people, persons alone."""

from __future__ import annotations

import pytest

from index.attribution import Statement
from index.glossary import Entity, Glossary
from index.speakers import SpeakerDirectory, resolve_target, speaks_for

GLOSSARY = Glossary([
    Entity(["ERA", "Eastland River Agency", "river agency"], ["Mara Quint", "Olek Brand"]),
])


def said(speaker, organisation=None, role=None) -> Statement:
    return Statement(start=0, end=5, sentence_start=0, sentence_end=10, speaker=speaker,
                     source_start=None, source_end=None, cue_start=None, cue_end=None,
                     kind="direct", role=role, organisation=organisation)


@pytest.mark.parametrize(
    "asked, statement, expected",
    [
        ("ERA", said("Mara Quint"), True),  # a spokesperson speaks for the organisation
        ("the river agency", said("Mara Quint"), True),
        ("ERA", said("a farmer"), False),
        ("ERA", said("Ana Lind", organisation="Eastland River Agency"), True),
        ("Mara Quint", said("Mara Quint"), True),
        ("Mara Quint", said("Quint"), True),  # the text's short form of the same person
        ("Quint", said("Mara Quint"), True),
        ("Mara Quint", said("Olek Brand"), False),  # a colleague is not her
        ("Mara Quint", said("Eastland River Agency"), False),  # nor is her office
        ("ERA", said(None), False),
    ],
)
def test_speaks_for(asked, statement, expected):
    assert speaks_for(statement, resolve_target(asked, GLOSSARY)) is expected


def test_directory_finds_the_statements_of_a_target_across_documents():
    statements = [[said("Mara Quint"), said("a farmer")], [said(None), said("Olek Brand")]]
    found = SpeakerDirectory(statements).statements_of(resolve_target("ERA", GLOSSARY))
    assert found == [(0, 0), (1, 1)]
