"""Answer types: does a sentence hold the kind of thing the question asks for?

Two grades, two features of the composer (`index.scoring`):
- `answer_type`: the sentence holds a thing of the type at all — a date for "when", a number for
  "how many", a cause for "why", a person or role for "who". Most sentences of a news report
  hold a number or a date, so this alone separates little.
- `answer_focus`: it holds the very thing asked — a number counting what the question counts
  ("how many towns" → "in at least 13 towns", "how many pages" → "The 53-page document"), an
  age for "how old", a duration for "how long", an amount for "how much", the role the
  question names next to a name ("who is the spokesman …" → "spokesman Jeremy Laurence").
The focus is read from the question once (`question_focus`) and matched per sentence.
- `event`: it reports the event a wh-question asks about (`event_slots`: "when were they
  released" → "A magistrate released them on March 19").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.question import Intent
    from index.search import Slot

DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today|last (?:week|month|year)|(?:19|20)\d\d)\b"
)
_NUMBER_WORDS = (r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
                 r"thousands?|millions?|a dozen|two dozen|scores")
# NUMBER, CAUSE and the measures below are searched in the lower-cased text: Python's
# case-insensitive alternations cost ~2.5× as much, on every candidate of every question.
NUMBER = re.compile(rf"\b\d[\d,.]*\b|\b(?:{_NUMBER_WORDS})\b")
CAUSE = re.compile(r"\b(?:because|due to|as a result|owing to|in order to|so that|after|since|"
                   r"for (?:its|their|his|her)|over (?:its|their|his|her)|reason|amid|citing)\b")
ROLE_WORDS = (r"spokes(?:man|woman|person)|director|minister|chief|head|president|commissioner|"
              r"secretary|official|researcher|lawyer|leader|chair(?:man|woman)?|ambassador|envoy|"
              r"rapporteur|founder|member|politician|judge|prosecutor|inspector|pathologist|"
              r"assailant|suspect|governor|mayor|senator")
WHO = re.compile(rf"\b(?:{ROLE_WORDS})\b|\b[A-Z][a-z]+ [A-Z][a-z]+\b")

# "how old / long / much / often": what the number must measure ("much" in the text as written:
# 'N250' is an amount, 'in 2012' is not; the others in the lower-cased text).
_MEASURES = {
    "old": re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|,\s*\d{1,3}\s*,|\(\d{1,3}\)"),
    "long": re.compile(rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|one|a)[- ](?:years?|months?|weeks?|days?|"
                       r"hours?|minutes?|decades?)\b"),
    "much": re.compile(r"[$€£¥₦]\s?\d|\b(?-i:[A-Z]{1,3})\s?\d[\d,.]*\b|\b\d[\d,.]*\s?(?:million|billion|"
                       r"dollars?|euros?|pounds?|naira|percent|per cent|%)", re.IGNORECASE),
    "often": re.compile(rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|once|twice)\s+times?\b|\bevery\b|\bper\b|"
                        r"\ba (?:day|week|month|year)\b"),
}
_AS_WRITTEN = frozenset(("much",))
_HOW_MANY = re.compile(r"\bhow many\s+(?:more\s+|other\s+)?(?P<noun>[a-z][\w-]*)", re.IGNORECASE)
_HOW = re.compile(r"\bhow (?P<measure>old|long|much|often)\b", re.IGNORECASE)
_WHO_ROLE = re.compile(rf"^\s*who\s+(?:is|was|are|were)\s+(?:the|a|an)\s+(?:[\w.-]+\s+){{0,2}}?"
                       rf"(?P<role>{ROLE_WORDS})\b", re.IGNORECASE)
# Words a count of people is written with: "how many people were killed" → "72 Muslim men".
_PEOPLE = ("people", "persons", "men", "women", "children", "boys", "girls", "civilians",
           "individuals", "residents", "migrants", "refugees", "prisoners", "detainees")
# Nouns that ask for a count without naming what is counted in the answer ("how many times was
# he poisoned" → "two poisonings").
_BARE_COUNTS = frozenset(("times", "of", "in", "did", "were", "was", "are", "is", "have", "has"))


@dataclass(frozen=True, slots=True)
class Focus:
    """What the answer must hold: a count of `noun`, a `measure`, or a person in `role`."""

    noun: str | None = None
    measure: str | None = None
    role: str | None = None


def question_focus(question: str, kind: str) -> Focus | None:
    """The focus of a question of type `kind` (index.question.Intent.kind), if it names one."""
    if kind == "how_many":
        how = _HOW.search(question)
        if how:
            return Focus(measure=how.group("measure").lower())
        many = _HOW_MANY.search(question)
        if many and many.group("noun").lower() not in _BARE_COUNTS:
            return Focus(noun=many.group("noun").lower())
        return None
    if kind == "who":
        role = _WHO_ROLE.match(question)
        return Focus(role=role.group("role").lower()) if role else None
    return None


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _count_pattern(noun: str) -> re.Pattern[str]:
    stem = _stem(noun)
    nouns = "|".join(re.escape(n) for n in (_PEOPLE if noun in ("people", "persons") else ()))
    counted = rf"{re.escape(stem[:5])}\w*" + (f"|{nouns}" if nouns else "")
    number = rf"(?:\d[\d,.]*|{_NUMBER_WORDS})"
    # the number, then up to three words (adjectives, "of the"), then the counted noun;
    # "53-page" writes both as one word.
    return re.compile(rf"\b{number}(?:-|\s+(?:[\w’'-]+\s+){{0,3}})(?:{counted})\b")


def _role_pattern(role: str) -> re.Pattern[str]:
    synonyms = r"spokes(?:man|woman|person)" if role.startswith("spokes") else re.escape(role)
    name = r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)+"
    # 'spokesman Jeremy Laurence', 'High Commissioner for Human Rights Volker Türk',
    # 'Jeremy Laurence, a spokesman'
    of = r"(?:\s+(?:for|of|at)(?:\s+(?:the\s+)?[A-Z][\w’'.-]*){1,4})?"
    return re.compile(rf"\b(?i:{synonyms}){of},?\s+{name}|{name},\s+(?:\w+\s+){{0,3}}?(?i:{synonyms})\b")


_DIGITS = tuple("0123456789")


class FocusMatcher:
    """A question's focus compiled once, matched against each candidate sentence.

    The patterns backtrack at every position of a sentence (tens of µs each, a question scores
    hundreds of sentences), so a sentence is only searched when it holds one of the words the
    match needs — the counted noun's stem, the role, a digit — found by plain substring tests."""

    def __init__(self, focus: Focus | None):
        self.focus = focus
        self._pattern: re.Pattern[str] | None = None
        self._needles: tuple[str, ...] = ()
        self._lower = True  # search the lower-cased text
        if focus is None:
            return
        if focus.measure:
            self._pattern = _MEASURES[focus.measure]
            self._lower = focus.measure not in _AS_WRITTEN
            # every measure pattern holds a digit, or a number word for durations and counts
            self._needles = _DIGITS if focus.measure in ("old", "much") else ()
        elif focus.noun:
            self._pattern = _count_pattern(focus.noun)
            people = _PEOPLE if focus.noun in ("people", "persons") else ()
            self._needles = (_stem(focus.noun)[:5], *people)
        elif focus.role:
            self._pattern = _role_pattern(focus.role)
            self._lower = False  # a name is capitalised
            self._needles = ("spokes",) if focus.role.startswith("spokes") else (focus.role,)

    def __call__(self, text: str) -> float:
        if self._pattern is None:
            return 0.0
        low = text.lower()
        if self._needles and not any(n in low for n in self._needles):
            return 0.0
        return float(bool(self._pattern.search(low if self._lower else text)))


def answer_type(kind: str, text: str) -> float:
    if kind == "when":
        return float(bool(DATE.search(text)))
    if kind == "how_many":
        return float(bool(NUMBER.search(text.lower())))
    if kind == "why":
        return float(bool(CAUSE.search(text.lower())))
    if kind == "who":
        return float(bool(WHO.search(text)))
    return 0.0


# A past participle or gerund of the question ("when were they released", "how many were
# killed", "how many is Cambodia holding"): the event the answer must report. Not the words
# that only look like one.
_EVENT_WORD = re.compile(r"^[a-z]{2,}(?:ed|en|ing)$")
_NOT_EVENTS = frozenset(("when", "then", "even", "often", "open", "during", "including", "according", "regarding", "following", "concerning",
                         "seven", "eleven", "given", "women", "children", "citizen", "kitchen",
                         "garden", "golden", "sweden", "hidden", "united", "limited", "red", "bed",
                         "speed", "need", "indeed", "hundred", "thing", "king", "spring", "evening",
                         "morning", "building", "meeting", "ruling", "funding", "wedding"))


def event_slots(intent: Intent, topic: list[Slot]) -> list[Slot]:
    """The question's slots naming its event, for questions asking about one (when, why, how
    many, who, what): a unit that reports the event ("A magistrate released them on March 19")
    answers "when were they released"; one about the same people that does not, does not."""
    if intent.kind in ("said", "yes_no"):
        return []  # the target's words, or the subject's verb (the "subject" feature), decide
    return [sl for sl in topic if " " not in sl.label and _EVENT_WORD.match(sl.label.lower())
            and sl.label.lower() not in _NOT_EVENTS]
