"""Who speaks for whom: find the statements a question's target made, across the corpus.

Attribution (index.attribution) decides each statement's speaker once, at build time; this
module only *looks them up*: "OHCHR" → the glossary's names and people for the office
("U.N. human rights office", "Jeremy Laurence", …) → every statement whose speaker,
organisation or role names one of them. Built once per loaded index.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass

from index.attribution import Statement
from index.glossary import Entity, Glossary
from index.normalize import STOPWORDS, fold, tokens

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Target:
    """The speaker a question asks about, with every name that counts as them."""

    label: str  # as the user typed it
    names: frozenset[str]  # folded: the label, the entity's names and its people
    entities: tuple[Entity, ...]


def resolve_target(label: str, glossary: Glossary) -> Target:
    """An organisation counts with its names and the people who speak for it; a person counts
    alone ("What did Volker Türk say?" is not answered by his office's spokesman)."""
    found = glossary.entities_in(label)
    if not found and len(label) <= 6 and label.isalpha():
        found = glossary.entities_in(label.upper())  # "what did hrw say" → HRW
    asked = fold(label)
    names = {asked}
    for e in found:
        person = next((p for p in e.people if _same_person(fold(p), asked)), None)
        if person is not None:
            names.add(fold(person))
            return Target(label, frozenset(n for n in names if len(n) > 1), ())
        names.update(fold(n) for n in (*e.names, *e.people))
    return Target(label, frozenset(n for n in names if len(n) > 1), tuple(found))


def _same_person(person: str, asked: str) -> bool:
    """"volker turk" asked as "volker turk" or "turk"."""
    return asked == person or (len(asked) >= 4 and person.split()[-1] == asked)


def _said_by(statement: Statement) -> str:
    # Not the role: "China director" at an NGO does not speak for China.
    parts = (statement.speaker, statement.organisation)
    return " | ".join(fold(p) for p in parts if p)


def _word_in(name: str, hay: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", hay) is not None


def speaks_for(statement: Statement, target: Target) -> bool:
    """Did the target (or someone speaking for it) make this statement?"""
    if not statement.speaker:
        return False
    hay = _said_by(statement)
    if any(len(n) > 2 and _word_in(n, hay) for n in target.names):
        return True
    who = fold(statement.speaker)
    words = [w for w in tokens(who) if w not in STOPWORDS]
    # "Laurence" (as the text calls him) answers "what did Jeremy Laurence say", and
    # "Jeremy Laurence" answers "what did Laurence say": the surname of a person's name.
    if statement.speaker[:1].isupper() and words and len(words[-1]) >= 4:
        surname = words[-1]
        return any(_word_in(surname, n) and len(tokens(n)) <= 4 for n in target.names
                   if not _is_org_name(n))
    return False


def _is_org_name(folded: str) -> bool:
    return bool(re.search(r"\b(?:office|agency|council|committee|group|ministry|government|"
                          r"organi[sz]ation|watch|international|union|nations|court|fund)\b", folded))


class SpeakerDirectory:
    """Every attributed statement of an index, searchable by who made it: an inverted index
    from the words of speakers, organisations and roles to statements, so a lookup touches
    only the statements that share a word with the target."""

    def __init__(self, statements: list[list[Statement]]) -> None:
        self._statements = statements
        self._by_word: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for di, stmts in enumerate(statements):
            for si, st in enumerate(stmts):
                if st.speaker:
                    for word in set(tokens(_said_by(st))):
                        self._by_word[word].append((di, si))

    def statements_of(self, target: Target) -> list[tuple[int, int]]:
        """(doc_index, statement_index) of every statement the target made, in corpus order."""
        keys: set[tuple[int, int]] = set()
        for name in target.names:
            words = [w for w in tokens(name) if w not in STOPWORDS] or tokens(name)
            if not words:
                continue
            # Rows holding the name's rarest word; "Jeremy Laurence" also finds "Laurence".
            keys.update(min((self._by_word.get(w, []) for w in words), key=len))
            if not _is_org_name(name) and len(words[-1]) >= 4:
                keys.update(self._by_word.get(words[-1], []))
        return sorted(k for k in keys if speaks_for(self._statements[k[0]][k[1]], target))
