"""Long speaker phrases read around a cue verb: titles, roles, possessives, appositives and
parentheticals ("White House press secretary Josh Earnest", "Rep. Jim Jordan (R-Ohio), an
oversight panel member,", "Mr. Morgan of the Sierra Club", "the New York businessman").

`source_before` reads the subject of a cue leftwards; `source_after` reads an inverted subject
('said Evan Tracey, a consultant'). Both return a `Who` whose span covers the name itself.
"""

from __future__ import annotations

from index.attribution.candidates import Who
from index.attribution.cues import VERB_SET
from index.attribution.lexicon import (
    AUX,
    CAP_STOP,
    DETS,
    PREP,
    PRONOUNS,
    QUANT,
    ROLE,
    STOP,
    TIME,
    words,
)
from index.attribution.noun_phrase import LINKS, interpret, possessive
from index.attribution.segment import Tok

DASHES = frozenset("—–")
ADVERBS = words("now both however soon even also still then again too instead later first "
                "once alone")
MAX_NP = 12


def _np_word(t: Tok) -> bool:
    """May this token sit inside a speaker noun phrase?"""
    if not t.word:
        return t.t in ("-", "&")
    if t.cap:
        return t.t not in CAP_STOP or possessive(t)
    return t.low not in STOP and t.low not in PREP and t.low not in VERB_SET and t.low not in AUX


def skip_bracketed(toks: list[Tok], i: int, lo: int) -> tuple[int, tuple[int, int] | None]:
    """Step left over '(R-Ohio)', ', an oversight panel member,' or '— mentioned by … —' ending
    at toks[i]; returns the index before it and the (first, last) token indexes inside."""
    t = toks[i].t
    if t == ")":
        j = next((x for x in range(i - 1, max(lo - 1, i - 14), -1) if toks[x].t == "("), None)
        return (j - 1, (j + 1, i - 1)) if j is not None else (i, None)
    if t == "," or t in DASHES:
        marks = {","} if t == "," else DASHES
        for x in range(i - 1, max(lo - 1, i - 40), -1):
            if toks[x].t in marks:
                return x - 1, (x + 1, i - 1)
            if toks[x].t in (";", ":", "“", "”", '"'):
                break
    return i, None


def appositive_role(text: str, toks: list[Tok], span: tuple[int, int] | None
                    ) -> tuple[str | None, str | None]:
    """', a spokesman for the ministry,' -> ('spokesman', 'the ministry')."""
    if span is None or span[0] > span[1]:
        return None, None
    part = toks[span[0] : span[1] + 1]
    if len(part) > 25 or any(t.low in ("said", "says", "told") for t in part):
        return None, None
    if part[0].low in ("a", "an", "the"):
        part = part[1:]
    k = next((n for n, t in enumerate(part) if t.low in LINKS), None)
    stop = next((n for n, t in enumerate(part) if t.low in ("and", "who", "which") or t.t == ","),
                len(part))
    role_toks = part[: min(k if k is not None else stop, stop)]
    while role_toks and not role_toks[-1].word:
        role_toks = role_toks[:-1]
    if not role_toks or len(role_toks) > 6 or role_toks[0].low in STOP:
        return None, None
    role = text[role_toks[0].s : role_toks[-1].e]
    org = None
    if k is not None and k < stop and k + 1 < stop:
        org = text[part[k + 1].s : part[stop - 1].e]
    return role, org


def source_before(text: str, toks: list[Tok], k: int, lo: int = 0, anchored: bool = False
                  ) -> Who | None:
    """The subject of the cue verb toks[k], read leftwards, not before toks[lo];
    `anchored`: the phrase must start at toks[lo] (right after a closing quote)."""
    i = k - 1
    while i >= lo and (toks[i].low in AUX or (toks[i].low.endswith("ly") and not toks[i].cap)
                       or toks[i].low in WHEN):  # 'Priebus later Thursday told Fox News'
        i -= 1
    if i < lo:
        return None
    if toks[i].low in PRONOUNS:
        return Who(pron=toks[i].low, start=toks[i].s, end=toks[i].e)
    if toks[i].t == ")":
        j, inside = skip_bracketed(toks, i, lo)
        if inside is None or j < lo:
            return None
        i = j
    if toks[i].t == "," or toks[i].t in DASHES:
        return _before_appositive(text, toks, i, lo)
    return _phrase_ending(text, toks, i, lo, anchored)


def _before_appositive(text: str, toks: list[Tok], i: int, lo: int) -> Who | None:
    """'James Zogby, a Sanders superdelegate …, said' / 'Trump, who …, said' /
    'Gingrich — mentioned by Newsmax … — told': toks[i] closes the appositive."""
    marks = DASHES if toks[i].t in DASHES else {","}
    opens = [x for x in range(i - 1, max(lo - 1, i - 45), -1) if toks[x].t in marks]
    for x in reversed(opens[:4]):  # the farthest comma first: the subject opens the clause
        if x - 1 < lo or toks[x - 1].t == ")" and x - 2 < lo:
            continue
        end = x - 1
        if toks[end].t == ")":
            end, _ = skip_bracketed(toks, end, lo)
        who = _phrase_ending(text, toks, end, lo, False)
        if who is None or not (who.speaker or "")[:1].isupper() or who.speaker.lower().startswith("the "):
            continue
        if who.speaker.lower().startswith(("a ", "an ", "another ")) and toks[x + 1].cap:
            continue  # 'A spokesman, John Doe, said' is John Doe's (below), not the description's
        role, org = appositive_role(text, toks, (x + 1, i - 1))
        who.role = who.role or role
        who.affil = who.affil or org
        return who
    if opens and toks[i].t == ",":
        # no name before the comma: a stray comma between subject and verb
        # ('…, spokesman Jeremy Laurence, said', 'Gov. John Kasich (R-OH), said')
        end = i - 1
        if toks[end].t == ")":
            end, _ = skip_bracketed(toks, end, lo)
        who = _phrase_ending(text, toks, end, opens[0] + 1, True)
        if who is not None and (who.speaker or "")[:1].isupper():
            before = _phrase_ending(text, toks, opens[0] - 1, lo, False) if opens[0] > lo else None
            if before and before.speaker and any(w.lower() in ROLE for w in before.speaker.split()):
                # 'The police chief commissioner, Dara-Ul-Haq, said'
                words_ = text[before.start : toks[opens[0] - 1].e].split()
                who.role = " ".join(words_[1:] if words_[0].lower() in DETS else words_)
            return who
    return None


def _phrase_ending(text: str, toks: list[Tok], i: int, lo: int, anchored: bool) -> Who | None:
    np_end = j = i
    while j >= lo and np_end - j < MAX_NP and (_np_word(toks[j]) or _inner_link(toks, j, lo, np_end)):
        if toks[j].low in DETS or (toks[j].low in QUANT and not toks[j].cap):
            if j - 2 >= lo and toks[j - 1].low in LINKS and _np_word(toks[j - 2]):
                j -= 2  # "Mr. Morgan of the Sierra Club"
                continue
            j -= 1
            break
        j -= 1
    start = j + 1
    if start > np_end:
        return None
    if anchored and start > lo:
        # Only a role and the name before the verb are readable ('“…,” Fight for $15 organizing
        # director Ana Ruiz told'): the name, with that role, if nothing else is.
        role_at = max((x for x in range(start, np_end) if toks[x].low in ROLE and not toks[x].cap), default=None)
        if role_at is None or not all(toks[y].cap and toks[y].word for y in range(role_at + 1, np_end + 1)):
            return None
        while role_at > start and toks[role_at - 1].t.isalpha() and not toks[role_at - 1].cap and (
                toks[role_at - 1].low not in STOP | PREP | DETS):
            role_at -= 1  # 'organizing director', 'senior trial counsel'
        return interpret(text, toks[role_at : np_end + 1])
    if not anchored and start > lo and (not _clause_edge(toks, start - 1) or (
            toks[start - 1].low in PREP and toks[start - 1].low != "as")):
        return None  # 'University in Berea, OH, …': the object of a preposition speaks not
    if start - 2 >= lo and toks[start - 1].low == "to" and toks[start - 2].low.endswith("ing"):
        return None  # 'a source speaking to Fox News said': the one spoken to speaks not
    return interpret(text, toks[start : np_end + 1])


def _inner_link(toks: list[Tok], j: int, lo: int, np_end: int) -> bool:
    """'of'/'for' inside a title: 'Special Envoy for Refugees', 'Mr. Morgan of the Sierra Club'."""
    return toks[j].low in LINKS and lo < j < np_end and toks[j + 1].cap and (
        toks[j - 1].cap or toks[j - 1].low in ROLE)


def _clause_edge(toks: list[Tok], x: int) -> bool:
    """Does a subject may start right after toks[x]?"""
    t = toks[x]
    return (not t.word and t.t not in ("-", "&", "’", "'")) or t.low in STOP or t.low in (
        "and", "but", "so", "then", "also", "where", "although", "though") or (
        t.t in CAP_STOP) or t.low in TIME


def _participle(t: Tok) -> bool:
    return t.word and not t.cap and t.low.endswith("ed") and len(t.low) > 4


def _role_into_name(toks: list[Tok], j: int) -> bool:
    """'master of ceremonies Asab Al-Tabchi': a lowercase word after the link, then a name."""
    return j + 1 < len(toks) and toks[j].word and not toks[j].cap and _np_word(toks[j]) and (
        toks[j].low not in PRONOUNS and toks[j + 1].cap and toks[j + 1].t not in CAP_STOP
        and toks[j + 1].low not in TIME)


def source_after(text: str, toks: list[Tok], i: int) -> tuple[Who | None, int]:
    """An inverted subject starting at toks[i] ('said Evan Tracey, a media consultant')."""
    n = len(toks)
    if i >= n:
        return None, i
    if toks[i].low in PRONOUNS:
        return Who(pron=toks[i].low, start=toks[i].s, end=toks[i].e), i + 1
    j = i
    while j < n and j - i < MAX_NP and _np_word(toks[j]) or (
            j < n and toks[j].low in LINKS and j + 1 < n and (
                toks[j + 1].cap or toks[j + 1].low == "the" or _role_into_name(toks, j + 1))):
        j += 1
    if j - i >= 2 and _participle(toks[j - 1]) and j < n and toks[j].low in PREP:
        j -= 1  # 'said one Republican involved in the planning': the participle starts a modifier
    if j == i:
        return None, i
    who = interpret(text, toks[i:j])
    if who and j < n and toks[j].t == ",":
        x = next((y for y in range(j + 1, min(n, j + 40)) if toks[y].t in (",", ".", ";")), n)
        role, org = appositive_role(text, toks, (j + 1, x - 1))
        if role:
            who.role = who.role or role
            who.affil = who.affil or org
            j = x
    return who, j


WHEN = words("monday tuesday wednesday thursday friday saturday sunday today yesterday "
             "tonight later earlier")
