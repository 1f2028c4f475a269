"""Speaker-candidate phrases: the noun phrase before or after a cue verb, with its role and
organisation ("Rep. Jim Jordan (R-Ohio), an oversight panel member,").
"""

from __future__ import annotations

from dataclasses import dataclass

from index.attribution.cues import is_verb
from index.attribution.lexicon import (
    AUX,
    CAP_STOP,
    CONNECT,
    DETS,
    GROUP_NOUNS,
    ORG,
    PERSON,
    PREP,
    PRONOUNS,
    QUANT,
    ROLE,
    ROLE_MOD,
    ROLE_NP_BAD,
    STOP,
    TIME,
    TITLE,
)
from index.attribution.segment import Tok


@dataclass(slots=True)
class Who:
    speaker: str | None = None
    role: str | None = None
    affil: str | None = None
    pron: str | None = None
    start: int = 0  # where the text names the speaker
    end: int = 0
    cue: tuple[int, int] | None = None  # the cue verb's span


def strip_title(text: str, toks: list[Tok], who: Who) -> None:
    k = 0
    while k < len(toks) - 1 and toks[k].t in TITLE:
        k += 1
    rest = toks[k:]
    if k and not any(t.low.rstrip("’s") in ORG for t in rest) and all(t.cap for t in rest):
        title = text[toks[0].s : toks[k - 1].e]
        who.role = f"{who.role} {title}" if who.role else title
        who.speaker = text[rest[0].s : rest[-1].e]


def appositive(text: str, toks: list[Tok], i: int) -> tuple[str | None, str | None, int]:
    """Parse ', a spokesman for X' starting at toks[i] == ','; returns (role, org, next index)."""
    j = i + 1
    while j < len(toks) and toks[j].t not in ",;—–().!?":
        j += 1
    part = toks[i + 1 : j]
    if not part or len(part) > 14 or any(t.low in ("who", "which", "said", "told") for t in part):
        return None, None, i
    if part[0].low in ("a", "an", "the"):
        part = part[1:]
    k = next((n for n, t in enumerate(part) if t.low in ("at", "for", "of", "with", "from")), None)
    role_toks = part[:k] if k is not None else part
    if not role_toks or len(role_toks) > 5 or not any(
            t.low in ROLE or t.low in PERSON for t in role_toks):
        return None, None, i
    role = text[role_toks[0].s : role_toks[-1].e]
    org = None
    if k is not None and k + 1 < len(part):
        org = text[part[k + 1].s : part[-1].e]
    return role, org, j


def name_back(text: str, toks: list[Tok], i: int, lim: int = 0) -> Who | None:
    """The speaker phrase ending at toks[i], read right to left."""
    j, seen_cap = i, False
    while j >= lim and i - j < 9:
        t = toks[j]
        if not t.word or t.low in STOP or t.t in CAP_STOP:
            break
        if t.low in DETS or (t.low in QUANT and not t.cap and j < i):
            if t.low == "the" and j - 2 >= lim and toks[j - 1].low in ("of", "for") and (
                    toks[j - 2].cap and toks[j - 2].t not in CAP_STOP):
                j -= 2
                continue
            j -= 1
            break
        if t.cap:
            seen_cap = True
        elif t.low in CONNECT and seen_cap and j > lim and toks[j - 1].cap:
            pass
        elif seen_cap or t.low in CONNECT:
            break  # lowercase before a name: maybe a role, read below
        j -= 1
    if j > lim and toks[j].low in ("in", "of", "from", "at", "with") and j < i:
        # "a mother of three in Kampala said": the subject starts further left, at its article
        d, k = None, j - 1
        while k > max(j - 7, lim - 1) and toks[k].word and toks[k].low not in STOP - DETS:
            if toks[k].low in DETS or (d is None and toks[k].low in QUANT):
                d = k
            k -= 1
        if d is None and k < j - 1 and (k < lim or not toks[k].word) and (
                toks[k + 1].cap or toks[k + 1].low in GROUP_NOUNS):
            d = k + 1  # "Police in Kampala said", "Officials at the ministry said"
        if d is None:
            return None
        who = Who(speaker=text[toks[d].s : toks[i].e], start=toks[d].s, end=toks[i].e)
        role = [t for t in toks[d + 1 : j] if t.low in ROLE]
        who.role = role[0].t if role else None
        return who
    phrase = toks[j + 1 : i + 1]
    while phrase and phrase[0].low in CONNECT and phrase[0].low not in DETS:
        phrase = phrase[1:]
    if not phrase:
        return None
    head, first = phrase[-1], phrase[0]
    has_det = first.low in DETS or first.low in QUANT
    if not seen_cap and not has_det and head.low not in GROUP_NOUNS:
        return None
    if has_det and len(phrase) == 1:
        return None
    who = Who(speaker=text[first.s : head.e], start=first.s, end=head.e)
    if first.cap and not has_det:
        strip_title(text, phrase, who)
        r = j
        while r >= lim and toks[r].low in ROLE | ROLE_MOD and not toks[r].cap:
            r -= 1
        if r < j:
            who.role = text[toks[r + 1].s : toks[j].e]
            who.start = toks[r + 1].s
    elif first.low in ("a", "an") and head.low in ROLE:
        who.role = text[phrase[1].s : head.e]
    # "a spokesman for the ministry said": an unnamed speaker for a named organisation
    if has_det and j >= lim + 2 and toks[j].low in ("for", "of", "at") or (
            not has_det and j >= lim + 2 and toks[j].low in ("for", "of", "at")):
        r = j - 1
        while r >= lim and toks[r].word and toks[r].low in ROLE | ROLE_MOD:
            r -= 1
        if r < j - 1 and r >= lim and toks[r].low in ("a", "an", "the"):
            who.role = text[toks[r + 1].s : toks[j - 1].e]
            who.affil, who.speaker = who.speaker, text[toks[r].s : head.e]
            who.start = toks[r].s
    return who


def subject_before(text: str, toks: list[Tok], i: int) -> Who | None:
    """Speaker of a verb at toks[i] (exclusive), reading leftwards."""
    i -= 1
    while i >= 0 and toks[i].low in AUX:
        i -= 1
    if i < 0:
        return None
    t = toks[i]
    if t.low in PRONOUNS:
        return Who(pron=t.low, start=t.s, end=t.e)
    if t.t == ",":
        c = next((k for k in range(i - 1, max(i - 16, -1), -1) if toks[k].t == ","), None)
        if c is None or c == 0:
            return None
        role, org, _ = appositive(text, toks, c)
        who = name_back(text, toks, c - 1) if role else None
        if who and who.speaker and who.speaker[0].isupper():
            who.role, who.affil = role, org
            return who
        return role_then_name(text, toks, c, i)
    who = name_back(text, toks, i)
    first = next((n for n in range(i + 1) if toks[n].s >= who.start), None) if who else None
    if first is not None and first >= 2 and toks[first - 1].low == "to" and toks[
            first - 2].low.endswith("ing"):
        return None  # 'a source speaking to Fox News said': the one spoken to speaks not
    return who


def role_then_name(text: str, toks: list[Tok], c: int, i: int) -> Who | None:
    """'The army chief, Waker-Uz-Zaman, said': toks[c], toks[i] are the commas around the name."""
    name = toks[c + 1 : i]
    if not 1 <= len(name) <= 5 or not name[0].cap or not name[-1].cap or any(
            not (t.cap or t.low in CONNECT) or t.t in CAP_STOP or t.t in TITLE for t in name):
        return None
    speaker = text[name[0].s : name[-1].e]
    if is_org(speaker):
        return None
    p = c - 1
    while p >= 0 and toks[p].word and c - p <= 12:
        p -= 1
    if c - p > 12:
        return None
    np_ = toks[p + 1 : c]
    while np_ and (np_[0].t in CAP_STOP or np_[0].low in TIME or np_[0].t[0].isdigit()
                   or np_[0].low in PREP):
        np_ = np_[1:]
    if not np_ or any(t.low in ROLE_NP_BAD or t.low in PRONOUNS for t in np_) or not any(
            t.low in ROLE or t.low in PERSON or t.low.split("-")[-1] in ROLE for t in np_):
        return None
    who = Who(speaker=speaker, start=np_[0].s, end=name[-1].e)
    if np_[0].low in DETS:
        np_ = np_[1:]
    if not np_:
        return None
    first = np_[0]
    if first.cap and first.low.endswith(("’s", "'s")) and len(np_) > 1:
        who.affil, np_ = first.t[:-2], np_[1:]
    k = next((n for n, t in enumerate(np_) if t.low in ("of", "for", "at")), None)
    if k and k + 1 < len(np_) and is_org(text[np_[k + 1].s : np_[-1].e]):
        who.affil, np_ = text[np_[k + 1].s : np_[-1].e], np_[:k]
    who.role = text[np_[0].s : np_[-1].e]
    return who


def subject_after(
    text: str, toks: list[Tok], i: int, loose: bool = False
) -> tuple[Who | None, int]:
    """Speaker starting at toks[i]; returns it and the index after it."""
    n = len(toks)
    if i >= n:
        return None, i
    if toks[i].low in PRONOUNS:
        return Who(pron=toks[i].low, start=toks[i].s, end=toks[i].e), i + 1
    r = i
    while r < n and not toks[r].cap and toks[r].low in ROLE | ROLE_MOD:
        r += 1
    j, seen_cap = r, False
    if j < n and (toks[j].low in DETS or toks[j].low in QUANT):
        j += 1
    while j < n and j - r < 10:
        t = toks[j]
        if not t.word or t.t in CAP_STOP or is_verb(toks, j) or t.low in AUX:
            break
        if t.cap:
            seen_cap = True
        elif t.low in CONNECT and j + 1 < n and (
                toks[j + 1].cap or toks[j + 1].low == "the" or toks[j + 1].low in CONNECT):
            pass
        elif t.low in STOP or t.low in PREP:
            break
        elif seen_cap and not toks[j - 1].t.endswith(("’s", "'s")):
            break
        j += 1
    if j == r or (toks[r].low in DETS | QUANT and j == r + 1):
        return None, i
    phrase = toks[r:j]
    if not (seen_cap or loose or phrase[0].low in DETS | QUANT
            or phrase[-1].low in GROUP_NOUNS):
        return None, i
    who = Who(speaker=text[phrase[0].s : phrase[-1].e], start=toks[i].s, end=phrase[-1].e)
    if r > i:
        who.role = text[toks[i].s : toks[r - 1].e]
    elif phrase[0].cap:
        strip_title(text, phrase, who)
    if phrase[0].low in ("a", "an"):
        k = next((n for n, t in enumerate(phrase) if t.low in ("for", "of", "at")), None)
        if k and k + 1 < len(phrase):
            who.role = text[phrase[1].s : phrase[k - 1].e]
            who.affil = text[phrase[k + 1].s : phrase[-1].e]
    if j < n and toks[j].t == ",":
        role, org, nxt = appositive(text, toks, j)
        if role:
            who.role, who.affil, j = role, org, nxt
    return who, j


def skip_aux(toks: list[Tok], j: int) -> int:
    while j < len(toks) and toks[j].low in AUX:
        j += 1
    return j


def speakerlike(who: Who) -> bool:
    words = (who.speaker or "").split()
    if who.pron:
        return True
    if words and words[0].lower() in DETS:
        words = words[1:]
    if words and words[0][0].isupper():
        return True
    if words and words[-1].lower() in ORG:
        return True
    return any(w in ROLE or w in PERSON or w in GROUP_NOUNS for w in map(str.lower, words[:5]))


def is_org(name: str) -> bool:
    words = name.split()
    lows = [w.lower().removesuffix("’s").removesuffix("'s") for w in words]
    if any(w in ROLE for w in lows) and lows[0] in ("a", "an"):
        return False
    if lows[0] in ("the", "its") or any(w in ORG for w in lows):
        return True
    return len(words) == 1 and (words[0].isupper() or "." in words[0])

