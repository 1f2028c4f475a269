"""The subject of a reporting verb in a sentence of reported speech ('X alleged that …').

Between the subject and the verb news prose puts where the words appeared ('in a tweet'), and
before the name a possessor and a role ('Waris's daughter Laila Raza'); after a sentence's
content, a description of the source (', a senior US official told Reuters.').
"""

from __future__ import annotations

from index.attribution.candidates import Who, subject_before
from index.attribution.lexicon import DETS, PERSON, ROLE, ROLE_MOD
from index.attribution.phrases import source_before
from index.attribution.segment import Tok

# Where a reporting verb's words appeared: 'X in a tweet alleged …'.
CHANNELS = frozenset("tweet statement post letter interview video speech message".split())


def before_channel(toks: list[Tok], k: int) -> int:
    """Where the subject of the verb toks[k] ends: before 'in a tweet' if that comes between."""
    if k >= 3 and toks[k - 1].low in CHANNELS and toks[k - 2].low in DETS and toks[k - 3].low in ("in", "on"):
        return k - 3
    return k


# What opens a relative clause between a subject and its verb: 'X, who observed the vote, said'.
RELATIVES = frozenset(("who", "which", "whose"))


def _named(speaker: str) -> bool:
    """A name ('Maria Lopez', 'the Carter Center'), not a description ('the man')."""
    return speaker.removeprefix("the ").removeprefix("The ")[:1].isupper()


def relative_clause_before(toks: list[Tok], k: int) -> int | None:
    """The comma opening ', who observed the elections,' when that clause ends right before the
    verb toks[k] (its closing comma at k - 1); None else."""
    if k < 4 or toks[k - 1].t != ",":
        return None
    for c in range(k - 2, max(k - 18, 0), -1):
        if toks[c].t == ",":
            return c if toks[c + 1].low in RELATIVES else None
    return None


def reporting_subject(text: str, toks: list[Tok], k: int) -> tuple[Who | None, int]:
    """The subject of the reporting verb toks[k] and the index of its first token. 'in a
    tweet' and ', which observed the elections,' between them are skipped, and a possessive
    role names the person, not the possessor: 'Waris's daughter Laila Raza alleged' is Laila
    Raza's (daughter of Waris)."""
    v = before_channel(toks, k)
    relative = relative_clause_before(toks, v)
    if relative is not None:
        who = subject_before(text, toks, relative)
        if who is None or not _named(who.speaker or ""):
            return None, 0  # 'the man, who …, said': only a name is sure enough
        v = relative
    who = subject_before(text, toks, v)
    if who is None:
        return None, 0
    described = source_before(text, toks, v)
    if described and described.speaker and (described.role or described.affil) and (
            who.speaker or "").endswith(described.speaker):
        who = described
    first = next(x for x in range(v) if toks[x].s >= who.start)
    if who is described:  # the phrase opens at the possessor or the role, not at the name
        while first and toks[first - 1].word and (
                toks[first - 1].cap or toks[first - 1].low in ROLE | ROLE_MOD | PERSON | DETS):
            first -= 1
    return who, first


# What may stand before a trailing source's noun: 'a senior US State Department official'.
_DESCRIBING = frozenset(("a", "an", "the", "one", "two", "three", "several")) | ROLE_MOD


def described_from(toks: list[Tok], first: int) -> int:
    """Where the description of the subject starting at toks[first] starts: before articles,
    modifiers and capitalised words that `subject_before` left out ('a senior US')."""
    x = first
    while x > 0 and toks[x - 1].word and (toks[x - 1].low in _DESCRIBING or toks[x - 1].cap):
        x -= 1
    return x if x < first and toks[x].low in _DESCRIBING else first


def coordinated_from(toks: list[Tok], first: int) -> int:
    """Where a subject starting at toks[first] starts when names are coordinated before it
    ('The UN Electoral Team and the Carter Center said'): the first name's first token, else first."""
    x = first
    while x > 0 and toks[x - 1].low in DETS:
        x -= 1
    if x < 2 or toks[x - 1].low != "and":
        return first
    x -= 1
    while x > 0 and (toks[x - 1].cap or toks[x - 1].low in DETS or toks[x - 1].t == ","
                     or toks[x - 1].low in ("of", "for", "and")):
        x -= 1
    while x < first - 1 and not toks[x].cap:
        x += 1  # 'the' opens the phrase, not the name
    return x if x < first - 1 and toks[x].cap else first
