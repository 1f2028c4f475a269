"""Who said what across the corpus: canonical speaker -> statements, with aliases.

Built once at index time from every document's statements; looked up by a name as a user
types it: the canonical name ("Jeremy Laurence"), a surname ("Laurence"), an organisation
("U.N. human rights office", whose spokespeople count as the organisation) or an alias the
caller passes in (glossary entities: "OHCHR" = "U.N. human rights office", with its people).
It also knows who is merely mentioned, so an answer can say "the corpus mentions X but quotes
nothing X said". Serialisable with to_json/from_json to live beside the index.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from index.attribution.statement import Statement

log = logging.getLogger(__name__)

MAX_NAME_WORDS = 4
_CAP_RUN = re.compile(r"[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|of|for|the|de|al|bin|van|von))*")
_ARTICLE = re.compile(r"^(?:(?:the|a|an)\s+)?(?:(?:dozen|dozens of|several|some|many|two|three|four|"
                      r"five|six|seven|eight|nine|ten)\s+)?")
_TITLES = frozenset("mr mrs ms dr sen rep gov gen president secretary spokesman spokeswoman".split())


def name_key(name: str) -> str:
    """'The U.N. Human Rights Office' and 'UN human rights office' share one key."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"(?<=\w)\.(?=\w|\s|$)", "", s)  # U.N. -> UN, Mr. -> Mr
    s = re.sub(r"[’']s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = _ARTICLE.sub("", " ".join(s.split()))
    return s


def _surname(name: str) -> str | None:
    words = [w for w in name_key(name).split() if w not in _TITLES]
    return words[-1] if len(words) >= 2 else None


@dataclass(frozen=True, slots=True)
class Said:
    """One statement in one document."""

    doc_id: str
    statement: Statement


class SpeakerIndex:
    def __init__(self, groups: Iterable[tuple[Iterable[str], Iterable[str]]] = ()) -> None:
        self._docs: dict[str, list[Statement]] = {}
        self._mentions: dict[str, set[str]] = defaultdict(set)
        self._groups: list[tuple[list[str], list[str]]] = [(list(n), list(p)) for n, p in groups]
        self._by_speaker: dict[str, list[Said]] = defaultdict(list)
        self._by_org: dict[str, list[Said]] = defaultdict(list)
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        self._display: dict[str, str] = {}

    @classmethod
    def build(cls, documents: Iterable[tuple[str, str, list[Statement]]],
              groups: Iterable[tuple[Iterable[str], Iterable[str]]] = ()) -> SpeakerIndex:
        """`documents`: (doc_id, text, statements); `groups`: (names, people) of one entity
        each, e.g. `[(e.names, e.people) for e in glossary.entities]`."""
        index = cls(groups)
        for doc_id, text, statements in documents:
            index.add(doc_id, text, statements)
        return index

    def add(self, doc_id: str, text: str, statements: list[Statement]) -> None:
        self._docs[doc_id] = list(statements)
        for key in _names_in(text):
            self._mentions[key].add(doc_id)
        self._register(doc_id, self._docs[doc_id])

    def _register(self, doc_id: str, statements: list[Statement]) -> None:
        for st in statements:
            said = Said(doc_id, st)
            if st.speaker:
                key = name_key(st.speaker)
                self._by_speaker[key].append(said)
                self._display.setdefault(key, st.speaker)
                if (surname := _surname(st.speaker)) and st.kind != "publisher":
                    self._by_surname[surname].add(key)
            if st.organisation and name_key(st.organisation) != name_key(st.speaker or ""):
                self._by_org[name_key(st.organisation)].append(said)

    # -- lookup -------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Said]:
        """Statements attributed to `name` (or, for an organisation, to its spokespeople and
        the people its alias group lists), in corpus order."""
        seen: dict[tuple[str, int, int], Said] = {}
        for key in self._keys_for(name):
            for said in (*self._by_speaker.get(key, ()), *self._by_org.get(key, ())):
                seen.setdefault((said.doc_id, said.statement.start, said.statement.end), said)
            for speaker in self._by_surname.get(key, ()):
                for said in self._by_speaker[speaker]:
                    seen.setdefault((said.doc_id, said.statement.start, said.statement.end), said)
        return sorted(seen.values(), key=lambda s: (s.doc_id, s.statement.start))

    def _keys_for(self, name: str) -> set[str]:
        key = name_key(name)
        keys = {key} if key else set()
        for names, people in self._groups:
            group = {name_key(n) for n in names}
            if key in group or key in {name_key(p) for p in people}:
                keys |= group if key in group else set()
                keys |= {name_key(p) for p in people} if key in group else set()
        return keys

    def speakers(self) -> list[str]:
        """Canonical speakers and spokespeople's organisations, most statements first."""
        counts = {k: len(v) for k, v in self._by_speaker.items()}
        for k, v in self._by_org.items():
            counts[k] = counts.get(k, 0) + len(v)
            self._display.setdefault(k, v[0].statement.organisation or k)
        return [self._display[k] for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def complete(self, typed: str, limit: int = 25) -> list[str]:
        """Speakers whose name has a word starting with what the user typed."""
        want = name_key(typed)
        out = [s for s in self.speakers()
               if not want or name_key(s).startswith(want)
               or any(w.startswith(want) for w in name_key(s).split())]
        return out[:limit]

    def mentioned(self, name: str) -> list[str]:
        """Documents that name `name` (quoted or not): 'the corpus mentions X but quotes nothing'."""
        docs: set[str] = set()
        for key in self._keys_for(name):
            docs |= self._mentions.get(key, set())
        return sorted(docs)

    def statements(self, doc_id: str) -> list[Statement]:
        return list(self._docs.get(doc_id, ()))

    # -- storage ------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "docs": {d: [s.to_json() for s in sts] for d, sts in self._docs.items()},
            "mentions": {k: sorted(v) for k, v in self._mentions.items()},
            "groups": [[names, people] for names, people in self._groups],
        }

    @classmethod
    def from_json(cls, data: dict) -> SpeakerIndex:
        index = cls((names, people) for names, people in data.get("groups", ()))
        for doc_id, rows in data.get("docs", {}).items():
            index._docs[doc_id] = [Statement.from_json(r) for r in rows]
            index._register(doc_id, index._docs[doc_id])
        for key, docs in data.get("mentions", {}).items():
            index._mentions[key] = set(docs)
        return index


def _names_in(text: str) -> set[str]:
    """Keys of every run of up to four capitalised words ('Volker Türk', 'Türk', 'U.N.')."""
    out: set[str] = set()
    for m in _CAP_RUN.finditer(text):
        words = m.group().split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + MAX_NAME_WORDS) + 1):
                if words[i][0].isupper() and words[j - 1][0].isupper():
                    out.add(name_key(" ".join(words[i:j])))
    out.discard("")
    return out


def speaker_aliases(statements: Iterable[Statement]) -> dict[str, set[str]]:
    """Canonical speaker -> the other names one document gives it: surname, role, organisation."""
    out: dict[str, set[str]] = defaultdict(set)
    for st in statements:
        if not st.speaker:
            continue
        al = out[st.speaker]
        words = st.speaker.split()
        if len(words) >= 2 and words[0][:1].isupper() and st.speaker.lower().split()[0] not in (
                "the", "a", "an"):
            al.add(words[-1])
        al.update(x for x in (st.role, st.organisation) if x)
    return dict(out)
