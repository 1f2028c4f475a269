"""What a speaker noun phrase names: a person with a role ("White House press secretary Josh
Earnest"), an organisation ("Mr. Morgan of the Sierra Club" names both), a description ("the
New York businessman"), or whoever issued a document ("Senator Paul Ruiz’s tweet", "the IMF
report"). phrases.py finds the phrase; `interpret` says who it is."""

from __future__ import annotations

from index.attribution.candidates import Who, is_org
from index.attribution.lexicon import (
    CAP_STOP,
    DETS,
    GROUP_NOUNS,
    ORG,
    PRONOUNS,
    QUANT,
    ROLE,
    ROLE_MOD,
    TIME,
    TITLE,
    words,
)
from index.attribution.segment import Tok, tokens

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
LINKS = words("of for at with from")
BARE_HONORIFICS = words("Mr. Mrs. Ms. Miss Mr Mrs Ms Dr. Dr")
PARTICLES = words("de la van von der den da del du al bin ibn le")
def possessive(t: Tok) -> bool:
    return t.t.endswith(("’s", "'s", "s’", "s'"))


def possessive_text(s: str) -> bool:
    return s.endswith(("’s", "'s"))


def strip_possessive(text: str, t: Tok) -> Tok:
    return Tok(text, t.s, t.e - 2) if t.t.endswith(("’s", "'s")) else Tok(text, t.s, t.e - 1)


def interpret(text: str, np_: list[Tok]) -> Who | None:
    """Who a speaker noun phrase names: a person (with role), an organisation or a description."""
    while np_ and (np_[0].t in CAP_STOP or np_[0].low in TIME) and not possessive(np_[0]):
        np_ = np_[1:]
    if not np_ or not np_[-1].word:
        return None
    head = np_[-1]
    if head.low in ISSUED and len(np_) >= 2 and np_[-2].cap and possessive(np_[-2]):
        owner = interpret(text, np_[:-1])  # "Senator Paul Ruiz’s tweet": Ruiz tweeted it
        if owner and owner.speaker:
            owner.speaker = owner.speaker[:-2] if possessive_text(owner.speaker) else owner.speaker
            owner.end = owner.start + len(owner.speaker)
        return owner
    if head.low in ISSUED and not head.cap and len(np_) >= 2 and all(t.cap and not possessive(t) for t in (
            np_[1:-1] if np_[0].low in DETS else np_[:-1])) and (np_[0].low not in DETS or len(np_) >= 3):
        issuer = np_[1:-1] if np_[0].low in DETS else np_[:-1]  # 'the IMF report': the IMF's
        return Who(speaker=text[issuer[0].s : issuer[-1].e], start=issuer[0].s, end=issuer[-1].e)
    if possessive(head) and len(np_) >= 1 and head.cap:
        np_ = np_[:-1] + [strip_possessive(text, head)]
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
    if not person[end].cap or possessive(person[end]):
        return None
    begin = end
    while begin > 0 and (person[begin - 1].cap or (  # "Maria de la Cruz"
            person[begin - 1].low in PARTICLES and begin > 1)) and not possessive(
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
        if possessive(before[0]) and before[0].cap and len(before) > 1:
            who.affil = who.affil or before[0].t[:-2]
            before = before[1:]
        who.role = text[before[0].s : before[-1].e]
        if who.role in BARE_HONORIFICS:
            who.role = None
    return who


def name_after_role(text: str, toks: list[Tok], first: int, who: Who, j: int) -> tuple[Who, int]:
    """'Former Republican presidential candidate Jeb Bush broke down …': the capitalised words
    before the role are its modifiers; the name after it is the speaker."""
    r = j
    while r < len(toks) and r - j < 3 and toks[r].word and not toks[r].cap and toks[r].low not in ROLE:
        r += 1
    if r >= len(toks) or toks[r].low not in ROLE or toks[r].cap:
        return who, j
    end = r + 1
    while end < len(toks) and end - r <= 4 and toks[end].cap and toks[end].word and (
            toks[end].t not in CAP_STOP):
        end += 1
    if end == r + 1:
        return who, j
    name = Who(speaker=text[toks[r + 1].s : toks[end - 1].e], role=text[toks[first].s : toks[r].e],
               start=toks[first].s, end=toks[end - 1].e)
    return name, end


def title_apart(text: str, who: Who) -> Who:
    """'Former Arkansas Gov. Mike Huckabee': the name is the speaker, the title its role."""
    if who.role or who.pron or not (who.speaker or "")[:1].isupper():
        return who
    named = interpret(text, tokens(text, who.start, who.end))
    if named and named.role and named.role.split()[-1] in HONORIFIC and named.end == who.end:
        return Who(named.speaker, named.role, named.affil or who.affil, start=named.start,
                   end=named.end, cue=who.cue)
    return who


# Adjectives that open a role ('Republican candidate Lindsey Graham'), never a name alone.
PARTY = frozenset("democratic republican democrat independent conservative liberal labour".split())


def named_subject(text: str, toks: list[Tok], who: Who | None) -> Who | None:
    """A person or body named in full ('Ana Ruiz', 'Comedian Sarah Silverman'), not a phrase cut
    from a longer subject ('Democratic' of 'Democratic front-runner …', 'The Rove' of 'The Rove
    ad', 'Hastily')."""
    words_ = (who.speaker or "").split() if who and not who.pron else []
    if not words_ or not all(w[:1].isupper() for w in words_) or words_[0].lower() in DETS:
        return None
    if len(words_) == 1 and (words_[0].lower() in ROLE_MOD | PARTY or words_[0].endswith("ly")):
        return None
    first = next((n for n, t in enumerate(toks) if t.s >= who.start), None)
    after = next((n for n, t in enumerate(toks) if t.s >= who.end), len(toks))
    if first is not None:  # 'Lorvan Party candidate Tomas Reyes': the name after the role
        who = name_after_role(text, toks, first, who, after)[0]
    return title_apart(text, who)  # 'Mexican President Enrique Peña Nieto': the name, the title its role
