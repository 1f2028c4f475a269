"""Coreference: pronouns, titles and surnames back to the canonical name in this document."""

from __future__ import annotations

import re
from bisect import bisect_right

from index.attribution.candidates import Who, is_org
from index.attribution.cues import VERB_SET
from index.attribution.lexicon import CAP_STOP, GROUP_NOUNS, NOT_FIRST, ORG, PERSON, ROLE, TITLE
from index.attribution.noun_phrase import BARE_HONORIFICS, HONORIFIC, PARTICLES, PARTY
from index.attribution.segment import SENT_BREAK

CAP_SEQ = re.compile(r"\b[A-Z][\w\-]*(?:[ \u00a0]+[A-Z][\w\-]*){1,2}\b")


CAP_WORD = re.compile(r"\b[A-Z][\w\-]*\b")


CAP_AFTER = re.compile(r"[ \u00a0]+[A-Z]")


# 'the 58-year-old journalist', 'the 24-year-old': a description by age.
AGE_DESCRIPTION = re.compile(r"^the\s+\d{1,3}-year-old\b", re.IGNORECASE)
POSSESSIVE = re.compile(r"\b([A-Z][\w\-]+)[’']s\b")


def person_surnames(text: str) -> frozenset[str]:
    """Surnames of people named in `text`: written once in full ('Narges Mohammadi') and
    elsewhere on their own ('Mohammadi said', 'Mohammadi’s lawyer')."""
    cands: set[str] = set()
    for m in CAP_SEQ.finditer(text):
        words = m.group().split()
        last = words[-1]
        if (words[0] in NOT_FIRST
                or any(w.lower() in ORG or w.lower() in ROLE for w in words)
                or last.isupper() or len(last) < 3 or last in CAP_STOP):
            continue
        cands.add(last)
    out = set()
    for m in CAP_WORD.finditer(text):
        name = m.group()
        if name not in cands or name in out or CAP_AFTER.match(text, m.end()):
            continue
        prev = text[max(0, m.start() - 40) : m.start()].split()
        p = prev[-1] if prev and m.start() and text[m.start() - 1].isspace() else ""
        if not p or not p[0].isupper() or p[-1] in ",.;:)”\"" or p in CAP_STOP:
            out.add(name)
    return frozenset(out)


def possessive_mentions(text: str, surnames: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, surname) of 'Mohammadi’s'-style mentions of known people, in order."""
    return [(m.start(), m.group(1)) for m in POSSESSIVE.finditer(text) if m.group(1) in surnames]


class Resolver:
    """Carries the last named person/organisation so 'he said' and 'the office' resolve."""

    def __init__(self, text: str = "") -> None:
        self.person: Who | None = None
        self.speaker: Who | None = None  # the last person named as a statement's speaker
        self.org: Who | None = None  # the last organisation: "it"
        self.group: Who | None = None  # the last plural speaker: "they"
        self.genders: dict[str, str] = {}  # person -> the pronoun the text used for them
        self.aliases: list[tuple[str, str]] = []
        self.text = text
        self._mentions: list[tuple[int, str]] | None = None
        self._surnames: frozenset[str] | None = None

    @property
    def surnames(self) -> frozenset[str]:
        """Surnames of the people the text names in full (computed once)."""
        if self._surnames is None:
            self._surnames = person_surnames(self.text)
        return self._surnames

    def _possessive_before(self, pos: int) -> Who | None:
        """A known person written as 'Mohammadi’s' after the last named speaker and before pos."""
        if self._mentions is None:
            self._mentions = possessive_mentions(self.text, self.surnames)
        k = bisect_right(self._mentions, (pos, "")) - 1
        if k < 0:
            return None
        at, name = self._mentions[k]
        last = self.person
        if SENT_BREAK.search(self.text, at, pos) or (
                last and "\n" not in self.text[last.start : pos]):
            return None  # only in the pronoun's sentence, and a paragraph with no named speaker
        return Who(speaker=name, start=at, end=at + len(name))

    def note_subject(self, who: Who | None) -> None:
        """A person named as a sentence's subject in narrative becomes what 'he'/'she' means."""
        if who and who.speaker and not is_org(who.speaker) and not plural(who.speaker):
            self.person = who

    def resolve(self, who: Who | None) -> Who | None:
        if who is None:
            return None
        if who.pron:
            ante = {"he": self.person, "she": self.person, "they": self.group}.get(who.pron, self.org)
            if who.pron in ("he", "she"):
                ante = self._possessive_before(who.start) or ante
            if who.pron in ("we", "i") or ante is None:
                return None
            if who.pron in ("he", "she") and ante.speaker:
                if self.genders.setdefault(ante.speaker, who.pron) != who.pron:
                    return None  # 'she' was Melanie: 'he' is someone else, unknown
            return Who(ante.speaker, ante.role, ante.affil, start=who.start, end=who.end, cue=who.cue)
        name = who.speaker or ""
        last = self.speaker
        if last and AGE_DESCRIPTION.match(name) and self.text.count("\n", last.end, who.start) <= 2:
            # 'Ressa said on Thursday it had not. “…,” the 58-year-old journalist said.': news
            # prose gives the age of the speaker it has just named (in this paragraph or the
            # one before), not of a newcomer.
            return Who(last.speaker, who.role or last.role, who.affil or last.affil,
                       start=who.start, end=who.end, cue=who.cue)
        who = with_conjuncts(self.text, who)
        name = who.speaker or ""
        words = name.split()
        if (self.org and len(words) == 2 and words[0].lower() == "the"
                and self.org.speaker.lower().endswith(" " + words[1].lower())):
            self.aliases.append((self.org.speaker, name))
            return Who(self.org.speaker, who.role, who.affil, start=who.start, end=who.end, cue=who.cue)
        if plural(name):
            self.group = who
        elif is_org(name):
            self.org = who
        elif all(w[0].isupper() for w in words) or any(
                w.lower() in ROLE or w.lower() in PERSON for w in words):
            self.person = who
            if words and all(w[0].isupper() for w in words):
                self.speaker = who
        return who


# Names joined to a speaker by 'and' ('Obama and Clinton said', 'Ruiz, Okafor and Lind told').
_NAME = r"[A-Z][\w.’'-]*(?:[ \u00a0]+[A-Z][\w.’'-]*){0,4}"
_CONJUNCTS = re.compile(rf"(?:{_NAME},[ \u00a0]+)*{_NAME}[ \u00a0]+and[ \u00a0]+(?:the[ \u00a0]+)?$")


def with_conjuncts(text: str, who: Who) -> Who:
    """A named speaker with the names coordinated before it: the words of 'Obama and Clinton'
    are not Clinton's alone (the speaker was the last name of the pair)."""
    if not text or who.pron or not (who.speaker or "").removeprefix("the ")[:1].isupper() or who.start < 5:
        return who
    m = _CONJUNCTS.search(text, max(0, who.start - 120), who.start)
    if m is None:
        return who
    start = m.start()
    while True:  # 'When Obama and …': the subordinator is no part of the name
        first = CAP_WORD.match(text, start)
        if first is None or first.group() not in CAP_STOP:
            break
        start = first.end() + 1
    if start >= m.end() - 5:
        return who
    joined = text[start : m.end()] + who.speaker
    role = None if who.role and who.role in joined else who.role  # 'Okafor and' was no role
    return Who(" ".join(joined.split()), role, who.affil, start=start, end=who.end, cue=who.cue)


def plural(name: str) -> bool:
    """'a dozen rights groups', 'Police in Kampala', 'officials': speakers 'they' refers to."""
    words = name.lower().split()
    head = next((w for w in reversed(words) if w not in ("in", "of", "at", "for")), "")
    if " in " in f" {name.lower()} " or " at " in f" {name.lower()} ":
        head = words[0] if words else ""
    return head in GROUP_NOUNS or (head.endswith("s") and not head.endswith(("ss", "’s", "'s"))
                                   and head in ORG | GROUP_NOUNS | {"groups", "organizations"})


def canonical_names(text: str, forms: set[str]) -> dict[str, str]:
    """Each speaker form -> the fullest form of that name in the document
    ("Laurence" -> "Jeremy Laurence"); organisations stay as written."""
    canon: dict[str, str] = {}
    for f in forms:
        if is_org(f) or any(w[:1].islower() and w not in PARTICLES for w in f.split()):
            canon[f] = f  # an organisation, a description ('A spokeswoman for Hillary Clinton'),
            continue  # names joined by 'and': as written
        words_ = f.split()
        while len(words_) > 2 and words_[0] not in BARE_HONORIFICS and (
                _not_a_given_name(words_[0]) or words_[0].lower() in ROLE):
            words_ = words_[1:]  # 'Rival Hillary Clinton', 'Former President Bill Clinton'
        # (not 'Mr. Trump' or 'President Obama': without a given name the title is what tells
        # this Trump from the others)
        base = f if len(words_) == len(f.split()) else " ".join(words_)
        last = words_[-1]
        # Other forms of the same name only: not 'A spokeswoman for Hillary Clinton', whose
        # words are the spokeswoman's, nor 'Senator Hillary Clinton' (a title, not a name).
        longer = [g for g in forms if not is_org(g) and g.split()[-1] == last and _a_name(g)]
        for m in re.finditer(r"\b((?:[A-Z][\w’'\-]*\s+){1,2})" + re.escape(last) + r"\b", text):
            # The given names are the words before the surname after the last one that is no
            # name: not 'Said Comey', not "'Thin-skinned' Trump", and 'Leader Mitch McConnell'
            # or 'Democrat Hillary Clinton' is Mitch McConnell, Hillary Clinton.
            starts = [w.start(1) for w in re.finditer(r"(\S+)\s+", m.group(1))]
            given = [m.start(1) + at for at in starts]
            words_ = m.group(1).split()
            cut = max((n + 1 for n, w in enumerate(words_) if _not_a_given_name(w)), default=0)
            if cut == 0 and len(words_) == 2 and re.search(r"\b(?:of|for|at)\s+$", text[max(0, m.start() - 5) : m.start()]):
                cut = 1  # 'Supervisor of Elections Susan Bucher', 'Chief of Staff Katie Walsh
            if cut < len(words_) and not _in_headline(text, m.start()):  # not 'Gold Star Mom Corners Obama'
                longer.append(text[given[cut] : m.end()])  # news names people in full first
                break
        if " " in base:
            # A name with a given name is only ever lengthened ('Jeremy Laurence' → 'Jeremy P.
            # Laurence' would be), never swapped for a namesake's: 'his son Shayan Sharmahd'
            # stays the son, not the 'Jamshid Sharmahd' the article opened with.
            longer = [g for g in longer if g == base or g.endswith(" " + base)]
        # The fullest form; between namesakes as full ('Ivanka Trump', 'Donald Trump') the one
        # the text names first — never the order of a set, which changes from run to run.
        canon[f] = max(longer, key=lambda g: (len(g), -_first_at(text, g)), default=base)
    return canon


def _first_at(text: str, name: str) -> int:
    at = text.find(name)
    return at if at >= 0 else len(text)


def _a_name(form: str) -> bool:
    words_ = form.split()
    return all(w[:1].isupper() or w in PARTICLES for w in words_) and not any(
        _not_a_given_name(w) or w.lower() in ROLE for w in words_[:-1])


# Capitalised words that open a sentence about someone and are no given name: 'Rival Hillary
# Clinton', 'Challenger Jane Doe'.
DESCRIPTORS = frozenset("rival challenger incumbent opponent frontrunner front-runner hopeful".split())


def _not_a_given_name(word: str) -> bool:
    return (word.lower() in DESCRIPTORS or word in CAP_STOP or word in TITLE or word in HONORIFIC or word.lower() in PARTY
            or word.lower() in VERB_SET or word.endswith(("'", "’", "’s", "'s")))  # 'Here’s


def _in_headline(text: str, at: int) -> bool:
    """Is text[at] on a title-case line ('Gold Star Mom Corners Obama On His Refusal …')?"""
    a = text.rfind("\n", 0, at) + 1
    b = text.find("\n", at)
    words_ = [w for w in text[a : b if b >= 0 else len(text)].split() if len(w) > 3]
    return len(words_) >= 4 and sum(w[:1].isupper() for w in words_) >= 0.7 * len(words_)
