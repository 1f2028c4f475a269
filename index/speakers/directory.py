"""Who said what across the corpus: canonical speaker → statements, built once per loaded index.

Statements are attributed at build time (index.attribution) and stored with the index; this only
groups and looks them up. Two views of the same statements:
- an inverted index from the words of speakers and organisations, so a lookup (`statements_of`)
  touches only the statements that share a word with the target, then keeps those that
  `speaks_for` it;
- canonical speakers with their statement counts (`speakers`, for autocomplete): a surname alone
  joins the one full name the corpus gives it ("Laurence" → "Jeremy Laurence"); an organisation
  lists its spokespeople's statements under it (the glossary's entity, by its short name).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from index.attribution import Statement
from index.glossary import Glossary
from index.normalize import STOPWORDS, tokens
from index.speakers.lookup import Target, resolve_target, said_by, speaks_for
from index.speakers.names import is_org_name, name_key, person_words

log = logging.getLogger(__name__)

Key = tuple[int, int]  # (doc_index, statement_index)


@dataclass(frozen=True, slots=True)
class Speaker:
    """One canonical speaker of the corpus, as autocomplete offers it."""

    name: str  # the most frequent spelling ("Jeremy Laurence"); an entity's short name ("OHCHR")
    statements: int
    organisation: bool = False
    # name_key(name), computed once: autocomplete matches every keystroke against every speaker
    # on the event loop, so it must not normalise thousands of names each time.
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", name_key(self.name))


class SpeakerDirectory:
    def __init__(self, statements: list[list[Statement]], glossary: Glossary | None = None) -> None:
        self._statements = statements
        self._glossary = glossary or Glossary()
        self._by_word: dict[str, list[Key]] = defaultdict(list)
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self._rows: dict[str, set[Key]] = defaultdict(set)  # canonical key → statements
        keys: dict[str, str] = {}  # speaker as written → canonical key (a corpus has few speakers)
        for di, stmts in enumerate(statements):
            for si, st in enumerate(stmts):
                if not st.speaker:
                    continue
                for word in set(tokens(said_by(st))):
                    self._by_word[word].append((di, si))
                key = keys.get(st.speaker)
                if key is None:
                    key = keys[st.speaker] = _person_key(st.speaker) or name_key(st.speaker)
                if key:
                    spellings[key][st.speaker] += 1
                    self._rows[key].add((di, si))
        self._spelling = {k: c.most_common(1)[0][0] for k, c in spellings.items()}
        self._persons = {k for k in self._rows if _person_key(self._spelling[k])}
        self._by_surname: dict[str, list[str]] = defaultdict(list)
        self._by_given: dict[str, list[str]] = defaultdict(list)
        for key in self._rows:
            words = key.split()
            if len(words) >= 2 and _person_key(self._spelling[key]):
                self._by_surname[words[-1]].append(key)
                self._by_given[words[0]].append(key)
        self._merge_surnames()
        self._speakers = self._count()

    # --- building ----------------------------------------------------------------------------
    def _merge_surnames(self) -> None:
        """'Laurence' alone joins 'Jeremy Laurence' when the corpus quotes no other Laurence (nor
        anyone called Laurence first); 'Meenakshi' alone joins 'Meenakshi Ganguly' likewise."""
        for key in [k for k in self._rows if " " not in k]:
            full = {*self._by_surname.get(key, []), *self._by_given.get(key, [])}
            if len(full) == 1 and _person_key(self._spelling[key]):
                self._rows[full.pop()] |= self._rows.pop(key)

    def _count(self) -> list[Speaker]:
        counts: dict[str, Speaker] = {}
        named: set[str] = set()  # keys an entity lists under its own name
        for entity in self._glossary.entities:
            target = resolve_target(entity.names[0], self._glossary, self)
            n = len(self.statements_of(target))
            if n:
                counts[name_key(entity.names[0])] = Speaker(entity.names[0], n, organisation=True)
                named |= {name_key(x) for x in entity.names}
        for key, rows in self._rows.items():
            if key not in named and key not in counts:
                spelling = self._spelling[key]
                counts[key] = Speaker(spelling, len(rows), organisation=not _person_key(spelling))
        return sorted(counts.values(), key=lambda s: (-s.statements, s.name.casefold()))

    # --- lookup --------------------------------------------------------------------------------
    def full_names(self, surname: str) -> list[str]:
        """The full names the corpus quotes with this surname ('laurence' → ['Jeremy Laurence'])."""
        return [self._spelling[k] for k in self._by_surname.get(name_key(surname), [])]

    def quotes_person(self, name: str) -> bool:
        """Does the corpus quote a person by this name ('Biden': Joe Biden; 'Hamas': nobody)?"""
        words = person_words(name)
        if not words:
            return False
        key = " ".join(words)
        return key in self._persons or (len(words) == 1 and key in self._by_surname)

    def speakers(self) -> list[Speaker]:
        """Every canonical speaker, most statements first."""
        return list(self._speakers)

    def statement(self, key: Key) -> Statement:
        return self._statements[key[0]][key[1]]

    def statements_of(self, target: Target) -> list[Key]:
        """(doc_index, statement_index) of every statement the target made, in corpus order."""
        keys: set[Key] = set()
        for person in target.people:
            words = tokens(" ".join(person_words(person)) or person)
            for word in {words[0], words[-1]} if words else ():  # every spelling holds one of them
                keys.update(self._by_word.get(word, []))
        for name in (*target.organisations, target.label):
            words = [w for w in tokens(name) if w not in STOPWORDS] or tokens(name)
            if words:  # the rows holding the name's rarest word
                keys.update(min((self._by_word.get(w, []) for w in words), key=len))
        # `speaks_for` reads only a statement's speaker and organisation: ask it once per pair
        # (Human Rights Watch's 15,000 statements have a few dozen; asking each was most of a
        # first "what did HRW say" — 0.42 s on the mixed evaluation index).
        verdicts: dict[tuple[str, str | None], bool] = {}

        def made_by_target(key: Key) -> bool:
            st = self.statement(key)
            pair = (st.speaker, st.organisation)
            if pair not in verdicts:
                verdicts[pair] = speaks_for(st, target)
            return verdicts[pair]

        return sorted(k for k in keys if made_by_target(k))


def _person_key(speaker: str) -> str:
    """'Mr. Jeremy Laurence' → 'jeremy laurence'; '' for organisations and descriptions."""
    if not speaker[:1].isupper() or is_org_name(speaker):
        return ""
    return " ".join(person_words(speaker))
