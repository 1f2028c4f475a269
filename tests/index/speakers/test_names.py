"""Name keys: spellings of one speaker share a key; a namesake is not the same person."""

from __future__ import annotations

import pytest

from index.speakers.names import is_org_name, looks_like_person, name_key, same_person, surname


@pytest.mark.parametrize(
    "a, b",
    [
        ("The U.N. Human Rights Office", "UN human rights office"),
        ("Volker Türk", "volker turk"),
        ("Türk's", "Turk"),
        ("  Jeremy   Laurence ", "jeremy laurence"),
    ],
)
def test_spellings_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "name, expected",
    [("Jeremy Laurence", "laurence"), ("Mr. Jeremy Laurence", "laurence"), ("President Joe Biden", "biden"),
     ("Laurence", None), ("the U.N. human rights office", None), ("a farmer", None)],
)
def test_surname(name, expected):
    assert surname(name) == expected


@pytest.mark.parametrize(
    "name, organisation",
    [("Human Rights Watch", True), ("the U.N. human rights office", True), ("rights groups", True),
     ("Amnesty International", True), ("Jeremy Laurence", False), ("Türk", False)],
)
def test_organisation_names(name, organisation):
    assert is_org_name(name) is organisation
    assert looks_like_person(name) is not organisation


@pytest.mark.parametrize(
    "speaker, person, expected",
    [
        ("Jeremy Laurence", "Jeremy Laurence", True),
        ("Laurence", "Jeremy Laurence", True),  # the text's short form
        ("Jeremy Laurence", "laurence", True),  # the user's short form
        ("President Joe Biden", "Joe Biden", True),
        ("J. Laurence", "Jeremy Laurence", True),  # an initial agrees with the given name
        ("Rep. Jim Jordan (R-Ohio)", "Jim Jordan", True),
        ("UN High Commissioner for Human Rights Volker Türk", "Volker Türk", True),
        ("Sarah Laurence", "Jeremy Laurence", False),  # a namesake
        ("Ahmet Türk", "Volker Türk", False),
        ("Jeremy Laurence", "Ravina Shamdasani", False),
        ("the U.N. human rights office", "Jeremy Laurence", False),
        ("a farmer", "Farmer", True),  # the same words are the same name
        ("farmers", "Tom Farmer", False),  # an uncapitalised word is nobody's surname
        ("Li", "Wei Li", False),  # too short a surname to stand alone
        ("Meenakshi", "Meenakshi Ganguly", True),  # the text names her by her given name
        ("Hassan Nasrallah", "Hassan", False),  # a user's one word is a surname
        ("Tirana Hassan", "Hassan", True),
    ],
)
def test_same_person(speaker, person, expected):
    assert same_person(speaker, person) is expected
