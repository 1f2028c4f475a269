"""Long speaker phrases read around a cue verb: titles, roles, possessives, appositives and
parentheticals ("White House press secretary Josh Earnest", "Rep. Jim Jordan (R-Ohio), an
oversight panel member,", "Mr. Morgan of the Sierra Club", "the New York businessman").

`source_before` reads the subject of a cue leftwards; `source_after` reads an inverted subject
('said Evan Tracey, a consultant'). Both return a `Who` whose span covers the name itself.
"""

from __future__ import annotations

from index.attribution.candidates import Who, is_org
from index.attribution.cues import VERB_SET
from index.attribution.lexicon import (
    AUX,
    CAP_STOP,
    DETS,
    GROUP_NOUNS,
    ORG,
    PREP,
    PRONOUNS,
    QUANT,
    ROLE,
    STOP,
    TIME,
    TITLE,
    words,
)
from index.attribution.segment import Tok

DASHES = frozenset("—–")
# Capitalised words that stay part of a role, never of the name: "Sen.", "President".
HONORIFIC = TITLE | words("Mr. Mrs. Ms. Dr. Mr Mrs Ms Dr Rep Sen Gov Sec. Supt. Det. Sheriff "
                          "Speaker Leader Minority Majority Whip Former Vice-President Gov. Senate "
                          "House State Press Secretary Officer Agent Adm. Maj. Cmdr.")
# Things that are issued rather than speakers: the speaker is whoever issued them.
DOCUMENT_NOUNS = words("statement tweet tweets report release letter post ad ads memo email "
                       "e-mail message poll survey study article editorial video document "
                       "filing lawsuit op-ed column book speech interview website")
# Issued by someone who is the speaker ("X issued a statement saying"): never a speaker.
ISSUED = words("statement tweet tweets release post email e-mail message memo speech interview "
               "video report")
ADVERBS = words("now both however soon even also still then again too instead later first "
                "once alone")
LINKS = words("of for at with from")
BARE_HONORIFICS = words("Mr. Mrs. Ms. Miss Mr Mrs Ms Dr. Dr")
PARTICLES = words("de la van von der den da del du al bin ibn le")
MAX_NP = 12


def _possessive(t: Tok) -> bool:
    return t.t.endswith(("’s", "'s", "s’", "s'"))


def _possessive_text(s: str) -> bool:
    return s.endswith(("’s", "'s"))


def _strip_possessive(text: str, t: Tok) -> Tok:
    return Tok(text, t.s, t.e - 2) if t.t.endswith(("’s", "'s")) else Tok(text, t.s, t.e - 1)


def _np_word(t: Tok) -> bool:
    """May this token sit inside a speaker noun phrase?"""
    if not t.word:
        return t.t in ("-", "&")
    if t.cap:
        return t.t not in CAP_STOP or _possessive(t)
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


def interpret(text: str, np_: list[Tok]) -> Who | None:
    """Who a speaker noun phrase names: a person (with role), an organisation or a description."""
    while np_ and (np_[0].t in CAP_STOP or np_[0].low in TIME) and not _possessive(np_[0]):
        np_ = np_[1:]
    if not np_ or not np_[-1].word:
        return None
    head = np_[-1]
    if head.low in ISSUED and len(np_) >= 2 and np_[-2].cap and _possessive(np_[-2]):
        owner = interpret(text, np_[:-1])  # "Senator Paul Ruiz’s tweet": Ruiz tweeted it
        if owner and owner.speaker:
            owner.speaker = owner.speaker[:-2] if _possessive_text(owner.speaker) else owner.speaker
            owner.end = owner.start + len(owner.speaker)
        return owner
    if head.low in ISSUED and not head.cap and len(np_) >= 2 and all(t.cap and not _possessive(t) for t in (
            np_[1:-1] if np_[0].low in DETS else np_[:-1])) and (np_[0].low not in DETS or len(np_) >= 3):
        issuer = np_[1:-1] if np_[0].low in DETS else np_[:-1]  # 'the IMF report': the IMF's
        return Who(speaker=text[issuer[0].s : issuer[-1].e], start=issuer[0].s, end=issuer[-1].e)
    if _possessive(head) and len(np_) >= 1 and head.cap:
        np_ = np_[:-1] + [_strip_possessive(text, head)]
        head = np_[-1]
    if head.low in PRONOUNS or head.low in DOCUMENT_NOUNS:
        return None
    # 'a spokesman for the agency', 'Mr. Morgan of the Sierra Club'; not 'master of ceremonies
    # Asab Al-Tabchi' or 'director of communications Ana Ruiz', where a role runs into the name.
    link = next((n for n, t in enumerate(np_) if t.low in LINKS and n > 0 and n + 1 < len(np_)
                 and (np_[n + 1].cap or np_[n + 1].low in DETS | QUANT)), None)
    person, org_toks = (np_[:link], np_[link + 1 :]) if link is not None else (np_, [])
    if not person:
        return None
    caps = [n for n, t in enumerate(person) if t.cap]
    affil = text[org_toks[0].s : org_toks[-1].e] if org_toks else None
    if not caps or not person[-1].cap:
        # a description: "the New York businessman", "one campaign source", "a spokesman for X"
        first = person[0]
        if not (first.low in DETS or first.low in QUANT or head.low in GROUP_NOUNS
                or person[-1].low in GROUP_NOUNS):
            return None
        if len(person) == 1 and first.low in DETS | QUANT:
            return None
        speaker = text[person[0].s : person[-1].e]
        who = Who(speaker=speaker, start=person[0].s, end=person[-1].e,
                  affil=affil if affil and is_org(affil) else None)
        if person[-1].low in ROLE:
            who.role = text[person[1 if first.low in DETS | QUANT else 0].s : person[-1].e]
        return who
    # the name: the last run of capitalised words that are not titles
    end = len(person) - 1
    if not person[end].cap or _possessive(person[end]):
        return None
    begin = end
    while begin > 0 and (person[begin - 1].cap or (  # "Maria de la Cruz"
            person[begin - 1].low in PARTICLES and begin > 1)) and not _possessive(
            person[begin - 1]) and person[begin - 1].t not in HONORIFIC:
        begin -= 1
    while begin < end and person[begin].low in PARTICLES:
        begin += 1
    name_toks = person[begin : end + 1]
    if len(name_toks) > 5:
        return None
    name = text[name_toks[0].s : name_toks[-1].e]
    whole = text[person[0].s : person[-1].e]
    if any(t.low.rstrip("’s'") in ORG for t in name_toks) or (
            is_org(whole) and not any(t.low in ROLE for t in person)):
        start = person[0].s
        return Who(speaker=whole, start=start, end=person[-1].e, affil=affil)
    if all(t.t in HONORIFIC for t in name_toks):
        return None
    if all(t.low in ROLE for t in name_toks):  # "the UN Special Envoy": a role, not a name
        if person[0].low not in DETS:
            return None
        return Who(speaker=whole, start=person[0].s, end=person[-1].e, role=whole.split(" ", 1)[-1])
    who = Who(speaker=name, start=name_toks[0].s, end=name_toks[-1].e, affil=affil)
    before = [t for t in person[:begin] if t.low not in DETS]
    if before:
        if _possessive(before[0]) and before[0].cap and len(before) > 1:
            who.affil = who.affil or before[0].t[:-2]
            before = before[1:]
        who.role = text[before[0].s : before[-1].e]
        if who.role in BARE_HONORIFICS:
            who.role = None
    return who


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
        return None
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
