"""SpeakerDirectory: canonical speakers with their statements, built from stored statements."""

from __future__ import annotations

from index.speakers import SpeakerDirectory, resolve_target
from tests.index.speakers.statements import GLOSSARY, said

STATEMENTS = [
    [said("Mara Quint"), said("a farmer"), said("Quint")],
    [said(None), said("Olek Brand"), said("Tom Quint")],
    [said("Ilse Varga"), said("Varga"), said("Varga")],
    [said("Meenakshi Ganguly"), said("Meenakshi")],
]


def directory() -> SpeakerDirectory:
    return SpeakerDirectory(STATEMENTS, GLOSSARY)


def test_finds_the_statements_of_an_organisation_across_documents():
    found = directory().statements_of(resolve_target("ERA", GLOSSARY))
    assert found == [(0, 0), (0, 2), (1, 1)]  # Quint, "Quint" and Brand; not Tom Quint


def test_a_person_alone_without_her_namesake():
    assert directory().statements_of(resolve_target("Mara Quint", GLOSSARY)) == [(0, 0), (0, 2)]


def test_a_surname_joins_the_one_full_name_the_corpus_quotes():
    counts = {s.name: s.statements for s in directory().speakers()}
    assert counts["Ilse Varga"] == 3 and "Varga" not in counts


def test_a_given_name_joins_the_one_full_name_the_corpus_quotes_with_it():
    counts = {s.name: s.statements for s in directory().speakers()}
    assert counts["Meenakshi Ganguly"] == 2 and "Meenakshi" not in counts


def test_a_person_is_found_by_the_given_name_the_text_uses():
    assert directory().statements_of(resolve_target("Meenakshi Ganguly", GLOSSARY)) == [(3, 0), (3, 1)]


def test_a_surname_two_people_share_stays_apart():
    counts = {s.name: s.statements for s in directory().speakers()}
    assert "Quint" in counts and counts["Mara Quint"] == 1 and counts["Tom Quint"] == 1


def test_an_organisation_is_listed_by_its_short_name_with_its_people():
    speakers = directory().speakers()
    assert speakers[0].name == "ERA" and speakers[0].statements == 3 and speakers[0].organisation
    assert not next(s for s in speakers if s.name == "Ilse Varga").organisation


def test_most_statements_first():
    counts = [s.statements for s in directory().speakers()]
    assert counts == sorted(counts, reverse=True)


def test_full_names_of_a_surname():
    assert directory().full_names("varga") == ["Ilse Varga"]
    assert sorted(directory().full_names("Quint")) == ["Mara Quint", "Tom Quint"]


def test_unattributed_statements_are_nobody_s():
    assert SpeakerDirectory([[said(None)]]).speakers() == []


def test_who_made_a_statement_is_asked_once_per_speaker_and_organisation(monkeypatch):
    """Varga's two statements share a speaker: one verdict serves both (a press office's
    thousands of statements are a few dozen speakers)."""
    from index.speakers import directory as module

    asked = []
    real = module.speaks_for
    monkeypatch.setattr(module, "speaks_for", lambda st, target: asked.append(st.speaker) or real(st, target))
    found = directory().statements_of(resolve_target("Ilse Varga", GLOSSARY))
    assert found == [(2, 0), (2, 1), (2, 2)]
    assert asked.count("Varga") == 1 and len(asked) == len(set(asked))
