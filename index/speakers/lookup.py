"""What the user typed → a `Target`, and which statements count as that target's.

The rules, the same for `/ask "what did X say"` and `/said`:
- a person counts alone: "What did Volker Türk say?" is not answered by his office's spokesman;
  "Laurence" (as a text calls him) is "Jeremy Laurence", but a namesake ("Sarah Laurence") is not;
- an organisation counts with its names and the people who speak for it (the glossary's
  `people`, and any statement whose speaker's organisation is one of its names);
- a statement nobody is credited with counts for nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.attribution import Statement
from index.glossary import Entity, Glossary
from index.normalize import fold
from index.speakers.names import looks_like_person, name_key, person_words, same_person

if TYPE_CHECKING:
    from index.speakers.directory import SpeakerDirectory


@dataclass(frozen=True, slots=True)
class Target:
    """The speaker a question asks about, with every name that counts as them."""

    label: str  # as the user typed it
    names: frozenset[str]  # folded: the label, the entity's names and its people (question matching)
    entities: tuple[Entity, ...] = ()
    people: tuple[str, ...] = ()  # persons whose statements count ("Jeremy Laurence")
    organisations: frozenset[str] = field(default_factory=frozenset)  # folded names of an organisation
    person: bool = False  # the target is one person (who counts alone)


def _entities(label: str, glossary: Glossary) -> list[Entity]:
    found = glossary.entities_in(label)
    if not found and len(label) <= 6 and label.isalpha():
        found = glossary.entities_in(label.upper())  # "what did hrw say" → HRW
    return found


def resolve_target(label: str, glossary: Glossary, known: SpeakerDirectory | None = None) -> Target:
    """An organisation counts with its names and the people who speak for it; a person counts
    alone. `known` (the index's speakers) completes a surname alone to the one full name the
    corpus quotes with it ("Laurence" → "Jeremy Laurence")."""
    found = _entities(label, glossary)
    asked = fold(label)
    for e in found:
        person = next((p for p in e.people if same_person(p, label)), None)
        if person is not None:
            return _person(label, (person,))
    if found:
        names = {asked} | {fold(n) for e in found for n in (*e.names, *e.people)}
        people = tuple(dict.fromkeys(p for e in found for p in e.people))
        orgs = {asked} | {fold(n) for e in found for n in e.names}
        return Target(label, _long(names), tuple(found), people, _long(orgs), person=False)
    if looks_like_person(label) and (known is None or known.quotes_person(label)):
        words = person_words(label)
        aliases = known.full_names(words[0]) if known is not None and len(words) == 1 else []
        return _person(label, (label, *aliases[:1]) if len(aliases) == 1 else (label,))
    # An organisation the glossary does not know ("Hamas", "rights groups"): its name among the
    # words of who spoke ("Hamas authorities", "a Hamas official").
    return Target(label, _long({asked}), (), (), _long({asked}), person=False)


def _person(label: str, people: tuple[str, ...]) -> Target:
    return Target(label, _long({fold(label), *(fold(p) for p in people)}), (), people, frozenset(), person=True)


def _long(names: set[str]) -> frozenset[str]:
    return frozenset(n for n in names if len(n) > 1)


def said_by(statement: Statement) -> str:
    """Who made a statement, as words to match: its speaker and the organisation it speaks for
    (not the role: a "China director" at an NGO does not speak for China)."""
    parts = (statement.speaker, statement.organisation)
    return " | ".join(fold(p) for p in parts if p)


def word_in(name: str, hay: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", hay) is not None


def speaks_for(statement: Statement, target: Target) -> bool:
    """Did the target (or someone speaking for it) make this statement?"""
    if not statement.speaker:
        return False
    hay = said_by(statement)
    if any(len(n) > 2 and word_in(n, hay) for n in target.organisations):
        return True
    if statement.organisation and name_key(statement.organisation) == name_key(target.label):
        return True  # "Hamas official Basem Naim" for "what did Hamas say", glossary or not
    return any(same_person(statement.speaker, p) for p in target.people)
