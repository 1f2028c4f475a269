"""Quotations and reported speech in news text, with who made them.

Pure-regex heuristics tuned to wire-service and NGO house style ('"…," X said.',
'X said that …'). Every offset indexes the original text, so callers can quote
`text[start:end]` verbatim: nothing here normalises or rewrites the input.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass

from index.quotes_names import (
    _ABBREV,
    _AUX,
    _BARE,
    _CAP_STOP,
    _COND_VERBS,
    _CONNECT,
    _DETS,
    _GROUP_NOUNS,
    _NO_INVERT,
    _ORG,
    _PARTICIPLES,
    _PARTICLES,
    _PERSON,
    _PREP,
    _PRONOUNS,
    _QUANT,
    _ROLE,
    _ROLE_MOD,
    _STARTERS,
    _STOP,
    _TIME,
    _TITLE,
    _VERB_SET,
    _WEAK_VERBS,
    _words,
    person_surnames,
    possessive_mentions,
)

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Statement:
    start: int  # the quoted / reported words, quote marks excluded
    end: int
    sentence_start: int  # the sentence(s) holding the words and their attribution
    sentence_end: int
    speaker: str | None
    speaker_role: str | None
    affiliation: str | None
    kind: str  # "direct" | "reported"


_VERBS = "|".join(sorted(_VERB_SET, key=len, reverse=True))
_SQ_OPEN = re.compile(rf"\b(?:{_VERBS})[,:]?\s+(‘)")


_PASSIVE = _words("was were been being is are the")


def _is_verb(toks: list[_Tok], k: int) -> bool:
    low = toks[k].low
    if low in _VERB_SET:  # "were accused of", "the accused": not the speaker's verb
        return low != "accused" or not (k + 1 < len(toks) and toks[k + 1].low == "of" or (
            k and toks[k - 1].low in _PASSIVE))
    nxt = _COND_VERBS.get(low)
    return bool(nxt) and k + 1 < len(toks) and toks[k + 1].low in nxt




_PARA = re.compile(r"[^\n]+")
_END = re.compile(r"[.!?]+[”\"’»)\]]*(?=\s)")
_OPENERS = "“\"‘«(["
_DQ = re.compile(r"[\"“”«»]")
_SQ_CLOSE = re.compile(r"’(?![^\W_])")
_QUOTE_CHARS = "\"'“”‘’«»"
_TOK = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*|[^\w\s]")
_LABEL = re.compile(r"\s*([A-Z][\w’'.\-]*(?: [A-Z][\w’'.\-]*){0,3}):\s*")
_DATELINE = re.compile(r"(?:\([^()\n]{1,40}\)|[A-Z][A-Z .,'’-]{1,40}\(AP\))\s*[–—-]\s*")
_SENT_BREAK = re.compile(r"[.!?][”\"’]*\s|\n")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


def _trim(text: str, s: int, e: int, strip: str = "") -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in strip):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in strip):
        e -= 1
    return s, e


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _PARA.finditer(text):
        s, e = _trim(text, m.start(), m.end())
        if s < e:
            out.append((s, e))
    return out


def _is_boundary(text: str, m: re.Match, ps: int, pe: int) -> bool:
    j = m.end()
    while j < pe and (text[j].isspace() or text[j] in _OPENERS):
        j += 1
    if j >= pe or not (text[j].isupper() or text[j].isdigit()):
        return False
    if m.group() != ".":
        return True  # "?", "!", or punctuation closed by a quote mark
    i = m.start()
    while i > ps and not text[i - 1].isspace() and text[i - 1] not in _OPENERS:
        i -= 1
    word = text[i : m.start()]
    if word.lower() in _ABBREV or (len(word) == 1 and word.isupper()):
        return False
    if "." in word and _ACRONYM.fullmatch(word):  # U.N., U.S.: only before a sentence starter
        nxt = re.match(r"[^\W\d_]+", text[j : j + 20])
        return bool(nxt) and nxt.group() in _STARTERS
    return True


def _sentences_in(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    out, s = [], ps
    for m in _END.finditer(text, ps, pe):
        if _is_boundary(text, m, ps, pe):
            a, b = _trim(text, s, m.end())
            if a < b:
                out.append((a, b))
            s = m.end()
    a, b = _trim(text, s, pe)
    if a < b:
        out.append((a, b))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; a line break always ends a sentence."""
    return [span for ps, pe in _paragraphs(text) for span in _sentences_in(text, ps, pe)]


def _quotes_in(text: str, ps: int, pe: int) -> list[tuple[int, int | None]]:
    """(opening mark, closing mark or None if the paragraph ends first)."""
    out: list[tuple[int, int | None]] = []
    open_: int | None = None
    for m in _DQ.finditer(text, ps, pe):
        i, c = m.start(), m.group()
        if c in "“«":
            open_ = i  # a second opener means the first was never closed: drop it
        elif c in "”»":
            if open_ is not None:
                out.append((open_, i))
                open_ = None
        elif open_ is not None:
            out.append((open_, i))
            open_ = None
        elif i + 1 < pe and not text[i + 1].isspace():
            open_ = i
    if open_ is not None:
        out.append((open_, None))
    for m in _SQ_OPEN.finditer(text, ps, pe):
        o = m.start(1)
        if any(a < o and (b is None or o < b) for a, b in out):
            continue
        close = _SQ_CLOSE.search(text, o + 1, pe)
        if close:
            out.append((o, close.start()))
    out.sort()
    return out


class _Tok:
    __slots__ = ("s", "e", "t", "low", "cap", "word")

    def __init__(self, text: str, s: int, e: int):
        self.s, self.e, self.t = s, e, text[s:e]
        self.low = self.t.lower()
        self.word = self.t[0].isalnum()
        self.cap = self.t[0].isupper() or (self.word and "." in self.t and self.t.isupper()) or (
            self.t[:4].lower() in _PARTICLES and self.t[4:5].isupper()) or (
            self.t[:3].lower() in _PARTICLES and self.t[3:4].isupper())  # al-Hassan, el-Sisi


def _tokens(text: str, a: int, b: int) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOK.finditer(text, a, b):
        s, e = m.span()
        if out and s < out[-1].e:
            continue  # the dot already joined to the previous word
        # Keep the dot of "U.N." / "Mr." with its word; a lone "." ends the sentence.
        if e < b and text[e] == "." and (_ACRONYM.fullmatch(m.group()) and (
                len(m.group()) == 1 or "." in m.group()) or m.group().lower() in _ABBREV):
            e += 1
        out.append(_Tok(text, s, e))
    return out


@dataclass(slots=True)
class _Who:
    speaker: str | None = None
    role: str | None = None
    affil: str | None = None
    pron: str | None = None
    start: int = 0
    end: int = 0


def _strip_title(text: str, toks: list[_Tok], who: _Who) -> None:
    k = 0
    while k < len(toks) - 1 and toks[k].t in _TITLE:
        k += 1
    rest = toks[k:]
    if k and not any(t.low.rstrip("’s") in _ORG for t in rest) and all(t.cap for t in rest):
        title = text[toks[0].s : toks[k - 1].e]
        who.role = f"{who.role} {title}" if who.role else title
        who.speaker = text[rest[0].s : rest[-1].e]


def _appositive(text: str, toks: list[_Tok], i: int) -> tuple[str | None, str | None, int]:
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
            t.low in _ROLE or t.low in _PERSON for t in role_toks):
        return None, None, i
    role = text[role_toks[0].s : role_toks[-1].e]
    org = None
    if k is not None and k + 1 < len(part):
        org = text[part[k + 1].s : part[-1].e]
    return role, org, j


def _name_back(text: str, toks: list[_Tok], i: int, lim: int = 0) -> _Who | None:
    """The speaker phrase ending at toks[i], read right to left."""
    j, seen_cap = i, False
    while j >= lim and i - j < 9:
        t = toks[j]
        if not t.word or t.low in _STOP or t.t in _CAP_STOP:
            break
        if t.low in _DETS or (t.low in _QUANT and not t.cap and j < i):
            if t.low == "the" and j - 2 >= lim and toks[j - 1].low in ("of", "for") and (
                    toks[j - 2].cap and toks[j - 2].t not in _CAP_STOP):
                j -= 2
                continue
            j -= 1
            break
        if t.cap:
            seen_cap = True
        elif t.low in _CONNECT and seen_cap and j > lim and toks[j - 1].cap:
            pass
        elif seen_cap or t.low in _CONNECT:
            break  # lowercase before a name: maybe a role, read below
        j -= 1
    if j > lim and toks[j].low in ("in", "of", "from", "at", "with") and j < i:
        # "a mother of three in Kampala said": the subject starts further left, at its article
        d, k = None, j - 1
        while k > max(j - 7, lim - 1) and toks[k].word and toks[k].low not in _STOP - _DETS:
            if toks[k].low in _DETS or (d is None and toks[k].low in _QUANT):
                d = k
            k -= 1
        if d is None and k < j - 1 and (k < lim or not toks[k].word) and (
                toks[k + 1].cap or toks[k + 1].low in _GROUP_NOUNS):
            d = k + 1  # "Police in Kampala said", "Officials at the ministry said"
        if d is None:
            return None
        who = _Who(speaker=text[toks[d].s : toks[i].e], start=toks[d].s, end=toks[i].e)
        role = [t for t in toks[d + 1 : j] if t.low in _ROLE]
        who.role = role[0].t if role else None
        return who
    phrase = toks[j + 1 : i + 1]
    while phrase and phrase[0].low in _CONNECT and phrase[0].low not in _DETS:
        phrase = phrase[1:]
    if not phrase:
        return None
    head, first = phrase[-1], phrase[0]
    has_det = first.low in _DETS or first.low in _QUANT
    if not seen_cap and not has_det and head.low not in _GROUP_NOUNS:
        return None
    if has_det and len(phrase) == 1:
        return None
    who = _Who(speaker=text[first.s : head.e], start=first.s, end=head.e)
    if first.cap and not has_det:
        _strip_title(text, phrase, who)
        r = j
        while r >= lim and toks[r].low in _ROLE | _ROLE_MOD and not toks[r].cap:
            r -= 1
        if r < j:
            who.role = text[toks[r + 1].s : toks[j].e]
            who.start = toks[r + 1].s
    elif first.low in ("a", "an") and head.low in _ROLE:
        who.role = text[phrase[1].s : head.e]
    # "a spokesman for the ministry said": an unnamed speaker for a named organisation
    if has_det and j >= lim + 2 and toks[j].low in ("for", "of", "at") or (
            not has_det and j >= lim + 2 and toks[j].low in ("for", "of", "at")):
        r = j - 1
        while r >= lim and toks[r].word and toks[r].low in _ROLE | _ROLE_MOD:
            r -= 1
        if r < j - 1 and r >= lim and toks[r].low in ("a", "an", "the"):
            who.role = text[toks[r + 1].s : toks[j - 1].e]
            who.affil, who.speaker = who.speaker, text[toks[r].s : head.e]
            who.start = toks[r].s
    return who


def _subject_before(text: str, toks: list[_Tok], i: int) -> _Who | None:
    """Speaker of a verb at toks[i] (exclusive), reading leftwards."""
    i -= 1
    while i >= 0 and toks[i].low in _AUX:
        i -= 1
    if i < 0:
        return None
    t = toks[i]
    if t.low in _PRONOUNS:
        return _Who(pron=t.low, start=t.s, end=t.e)
    if t.t == ",":
        c = next((k for k in range(i - 1, max(i - 16, -1), -1) if toks[k].t == ","), None)
        if c is None or c == 0:
            return None
        role, org, _ = _appositive(text, toks, c)
        who = _name_back(text, toks, c - 1) if role else None
        if who and who.speaker and who.speaker[0].isupper():
            who.role, who.affil = role, org
            return who
        return _role_then_name(text, toks, c, i)
    return _name_back(text, toks, i)


_ROLE_NP_BAD = _STOP - _words("to from at in on with by as")


def _role_then_name(text: str, toks: list[_Tok], c: int, i: int) -> _Who | None:
    """'The army chief, Waker-Uz-Zaman, said': toks[c], toks[i] are the commas around the name."""
    name = toks[c + 1 : i]
    if not 1 <= len(name) <= 5 or not name[0].cap or not name[-1].cap or any(
            not (t.cap or t.low in _CONNECT) or t.t in _CAP_STOP or t.t in _TITLE for t in name):
        return None
    speaker = text[name[0].s : name[-1].e]
    if _is_org(speaker):
        return None
    p = c - 1
    while p >= 0 and toks[p].word and c - p <= 12:
        p -= 1
    if c - p > 12:
        return None
    np_ = toks[p + 1 : c]
    while np_ and (np_[0].t in _CAP_STOP or np_[0].low in _TIME or np_[0].t[0].isdigit()
                   or np_[0].low in _PREP):
        np_ = np_[1:]
    if not np_ or any(t.low in _ROLE_NP_BAD or t.low in _PRONOUNS for t in np_) or not any(
            t.low in _ROLE or t.low in _PERSON or t.low.split("-")[-1] in _ROLE for t in np_):
        return None
    who = _Who(speaker=speaker, start=np_[0].s, end=name[-1].e)
    if np_[0].low in _DETS:
        np_ = np_[1:]
    if not np_:
        return None
    first = np_[0]
    if first.cap and first.low.endswith(("’s", "'s")) and len(np_) > 1:
        who.affil, np_ = first.t[:-2], np_[1:]
    k = next((n for n, t in enumerate(np_) if t.low in ("of", "for", "at")), None)
    if k and k + 1 < len(np_) and _is_org(text[np_[k + 1].s : np_[-1].e]):
        who.affil, np_ = text[np_[k + 1].s : np_[-1].e], np_[:k]
    who.role = text[np_[0].s : np_[-1].e]
    return who


def _subject_after(
    text: str, toks: list[_Tok], i: int, loose: bool = False
) -> tuple[_Who | None, int]:
    """Speaker starting at toks[i]; returns it and the index after it."""
    n = len(toks)
    if i >= n:
        return None, i
    if toks[i].low in _PRONOUNS:
        return _Who(pron=toks[i].low, start=toks[i].s, end=toks[i].e), i + 1
    r = i
    while r < n and not toks[r].cap and toks[r].low in _ROLE | _ROLE_MOD:
        r += 1
    j, seen_cap = r, False
    if j < n and (toks[j].low in _DETS or toks[j].low in _QUANT):
        j += 1
    while j < n and j - r < 10:
        t = toks[j]
        if not t.word or t.t in _CAP_STOP or _is_verb(toks, j) or t.low in _AUX:
            break
        if t.cap:
            seen_cap = True
        elif t.low in _CONNECT and j + 1 < n and (
                toks[j + 1].cap or toks[j + 1].low == "the" or toks[j + 1].low in _CONNECT):
            pass
        elif t.low in _STOP or t.low in _PREP:
            break
        elif seen_cap and not toks[j - 1].t.endswith(("’s", "'s")):
            break
        j += 1
    if j == r or (toks[r].low in _DETS | _QUANT and j == r + 1):
        return None, i
    phrase = toks[r:j]
    if not (seen_cap or loose or phrase[0].low in _DETS | _QUANT
            or phrase[-1].low in _GROUP_NOUNS):
        return None, i
    who = _Who(speaker=text[phrase[0].s : phrase[-1].e], start=toks[i].s, end=phrase[-1].e)
    if r > i:
        who.role = text[toks[i].s : toks[r - 1].e]
    elif phrase[0].cap:
        _strip_title(text, phrase, who)
    if phrase[0].low in ("a", "an"):
        k = next((n for n, t in enumerate(phrase) if t.low in ("for", "of", "at")), None)
        if k and k + 1 < len(phrase):
            who.role = text[phrase[1].s : phrase[k - 1].e]
            who.affil = text[phrase[k + 1].s : phrase[-1].e]
    if j < n and toks[j].t == ",":
        role, org, nxt = _appositive(text, toks, j)
        if role:
            who.role, who.affil, j = role, org, nxt
    return who, j


def _skip_aux(toks: list[_Tok], j: int) -> int:
    while j < len(toks) and toks[j].low in _AUX:
        j += 1
    return j


def _tail_attribution(text: str, a: int, b: int, bare: bool = False) -> _Who | None:
    """Attribution right after a closing quote; `bare`: the whole span must be 'X said.'"""
    toks = _tokens(text, a, b)
    i = 0
    while i < len(toks) and toks[i].t in ",—–-(:":
        i += 1
    if i >= len(toks):
        return None
    if toks[i].low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        return _subject_after(text, toks, i + 2, loose=True)[0]
    if _is_verb(toks, i) and toks[i].low not in _NO_INVERT:
        return _subject_after(text, toks, i + 1)[0]
    who, j = _subject_after(text, toks, i)
    if who and who.role and j + 1 < len(toks) and toks[j].t == ",":
        j += 1  # "Syed A., a 17-year-old boy, said."
    j = _skip_aux(toks, j)
    if who and j < len(toks) and toks[j].low in _PREP and _speakerlike(who):
        x = j + 1  # "a resident of the camp said", "a woman living in Khartoum told"
        while x < len(toks) and x - j <= 7 and toks[x].word and not _is_verb(toks, x):
            x += 1
        if x < len(toks) and _is_verb(toks, x) and toks[x].low not in _WEAK_VERBS:
            j = x
            ph = [t for t in toks if who.start <= t.s and t.e <= who.end]
            cut = next((n for n in range(2, len(ph)) if ph[n].low.endswith("ing")
                        and not ph[n].cap), None)
            if cut:
                who.speaker, who.end = text[ph[0].s : ph[cut - 1].e], ph[cut - 1].e
    if not who or j >= len(toks) or not _is_verb(toks, j):
        return None
    rest = toks[j + 1 :]
    if bare and (len(rest) > 5 or any(t.low == "that" for t in rest)):
        return None
    return who


def _head_attribution(
    text: str, a: int, b: int, skip: tuple[tuple[int, int], ...] = ()
) -> _Who | None:
    label = _LABEL.fullmatch(text, a, b)
    if label:  # interview transcript style, "HALYNA M.: “…”"
        return _Who(speaker=label.group(1), start=label.start(1), end=label.end(1))
    toks = _tokens(text, a, b)
    if skip:  # earlier quotations of the same sentence: read around them
        toks = [t for t in toks if not any(qa <= t.s <= qb for qa, qb in skip)]
    for k in range(len(toks) - 1, -1, -1):
        low = toks[k].low
        if low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to":
            who = _subject_after(text, toks, k + 2, loose=True)[0]
        elif low in _PARTICIPLES and k and toks[k - 1].t == ",":
            who = _participle_subject(text, toks, k)
        elif _is_verb(toks, k):
            who = _subject_before(text, toks, k)
            if who and low in _WEAK_VERBS and not _speakerlike(who):
                who = None
        else:
            continue
        if who:
            return who
    return None


def _speakerlike(who: _Who) -> bool:
    words = (who.speaker or "").split()
    if who.pron:
        return True
    if words and words[0].lower() in _DETS:
        words = words[1:]
    if words and words[0][0].isupper():
        return True
    if words and words[-1].lower() in _ORG:
        return True
    return any(w in _ROLE or w in _PERSON or w in _GROUP_NOUNS for w in map(str.lower, words[:5]))


def _at_clause_start(toks: list[_Tok], first: int) -> bool:
    return not first or toks[first - 1].t in ",;:—–" or all(
        x.t in _CAP_STOP or x.low in _TIME or x.t.isdigit() for x in toks[:first])


def _participle_subject(text: str, toks: list[_Tok], k: int) -> _Who | None:
    """'X described the raid, saying, “…”': the subject of the clause the participle hangs on."""
    lo = next((x + 1 for x in range(k - 1, -1, -1) if toks[x].t in ";:"), 0)
    for x in range(lo + 1, k - 1):  # the first verb whose subject opens the clause
        if toks[x].cap or not toks[x].word or toks[x].low in _PARTICIPLES or not (
                _is_verb(toks, x) or toks[x].low.endswith("ed")):
            continue
        who = _subject_before(text, toks, x)
        if who and (who.pron or _at_clause_start(
                toks, next(n for n in range(x) if toks[n].s >= who.start))) and _speakerlike(who):
            return who
    st = lo
    while st < k and (toks[st].t in _CAP_STOP or toks[st].low in _PREP):
        st = next((n + 1 for n in range(st, k) if toks[n].t == ","), k)
    if st >= k - 1:
        return None
    who, j = _subject_after(text, toks, st)
    if not who or who.end >= toks[k].s or not _speakerlike(who) or (
            toks[j].low not in ("who", ",") and not all(t.cap for t in toks[st:j])):
        return None
    return who


def _is_org(name: str) -> bool:
    words = name.split()
    lows = [w.lower().removesuffix("’s").removesuffix("'s") for w in words]
    if any(w in _ROLE for w in lows) and lows[0] in ("a", "an"):
        return False
    if lows[0] in ("the", "its") or any(w in _ORG for w in lows):
        return True
    return len(words) == 1 and (words[0].isupper() or "." in words[0])


class _Resolver:
    """Carries the last named person/organisation so 'he said' and 'the office' resolve."""

    def __init__(self, text: str = "") -> None:
        self.person: _Who | None = None
        self.org: _Who | None = None
        self.aliases: list[tuple[str, str]] = []
        self.text = text
        self._mentions: list[tuple[int, str]] | None = None

    def _possessive_before(self, pos: int) -> _Who | None:
        """A known person written as 'Mohammadi’s' after the last named speaker and before pos."""
        if self._mentions is None:
            self._mentions = possessive_mentions(self.text, person_surnames(self.text))
        k = bisect_right(self._mentions, (pos, "")) - 1
        if k < 0:
            return None
        at, name = self._mentions[k]
        last = self.person
        if _SENT_BREAK.search(self.text, at, pos) or (
                last and "\n" not in self.text[last.start : pos]):
            return None  # only in the pronoun's sentence, and a paragraph with no named speaker
        return _Who(speaker=name, start=at, end=at + len(name))

    def resolve(self, who: _Who | None) -> _Who | None:
        if who is None:
            return None
        if who.pron:
            ante = self.person if who.pron in ("he", "she") else self.org
            if who.pron in ("he", "she"):
                ante = self._possessive_before(who.start) or ante
            if who.pron in ("we", "i") or ante is None:
                return None
            return _Who(ante.speaker, ante.role, ante.affil)
        name = who.speaker or ""
        words = name.split()
        if (self.org and len(words) == 2 and words[0].lower() == "the"
                and self.org.speaker.lower().endswith(" " + words[1].lower())):
            self.aliases.append((self.org.speaker, name))
            return _Who(self.org.speaker, who.role, who.affil)
        if _is_org(name):
            self.org = who
        elif all(w[0].isupper() for w in words) or any(
                w.lower() in _ROLE or w.lower() in _PERSON for w in words):
            self.person = who
        return who


def _reported(text: str, s: int, e: int, res: _Resolver) -> Statement | None:
    sent = (s, e)
    dl = _DATELINE.match(text, s, e)
    s = dl.end() if dl else s  # "(Geneva) – …": the place is not part of what was said
    toks = _tokens(text, s, e)
    n = len(toks)
    end = _trim(text, s, e, ".!?")[1]
    for k, t in enumerate(toks):
        if t.low == "according" and k + 1 < n and toks[k + 1].low == "to":
            who, j = _subject_after(text, toks, k + 2, loose=True)
            if not who:
                continue
            if k == 0 and j < n and toks[j].t == ",":
                span = (toks[j].e, end)
            elif k > 0 and toks[k - 1].t == "," and (j >= n or toks[j].t in ".!?"):
                span = (s, toks[k - 1].s)
            else:
                continue
            return _make(text, span, sent, res.resolve(who), "reported")
        if not _is_verb(toks, k):
            continue
        who = _subject_before(text, toks, k)
        if not who or (toks[k - 1].t == "," and who.role is None):
            continue
        first = next(x for x in range(k) if toks[x].s >= who.start)
        j = k + 1
        that = next((x for x in range(j, min(j + 9, n)) if toks[x].low == "that"), None)
        if first >= 3 and toks[first - 1].t == "," and that is None:
            return _make(text, (s, toks[first - 1].s), sent, res.resolve(who), "reported")
        if first and toks[first - 1].t != "," and not all(
                x.t in _CAP_STOP or x.low in _TIME or x.t.isdigit() for x in toks[:first]):
            continue
        if that is not None:
            j = that + 1
        elif t.low not in _BARE:
            continue
        else:
            while j < n and (toks[j].low in _TIME or toks[j].t == ","):
                j += 1
            if j >= n or toks[j].low in _PREP or not toks[j].word:
                continue
        if n - j >= 3:
            return _make(text, (toks[j].s, end), sent, res.resolve(who), "reported")
    return None


def _make(text, span, sent, who: _Who | None, kind: str) -> Statement | None:
    a, b = _trim(text, span[0], span[1], _QUOTE_CHARS + ",;:—–")
    if a >= b:
        return None
    w = who or _Who()
    return Statement(a, b, sent[0], sent[1], w.speaker, w.role, w.affil, kind)


def _analyse(text: str) -> tuple[list[Statement], list[tuple[str, str]]]:
    res = _Resolver(text)
    out: list[Statement] = []
    prev_para_last: Statement | None = None
    for ps, pe in _paragraphs(text):
        sents = _sentences_in(text, ps, pe)
        starts = [a for a, _ in sents]
        quotes = _quotes_in(text, ps, pe)
        para_last: Statement | None = None
        events = [(o, "q", n) for n, (o, _) in enumerate(quotes)]
        for a, b in sents:
            if not any(o < b and (c is None or c >= a) for o, c in quotes):
                events.append((a, "s", b))
        events.sort()
        for pos, what, arg in events:
            if what == "s":
                st = _reported(text, pos, arg, res)
                if st:
                    out.append(st)
                continue
            o, c = quotes[arg]
            si = bisect_right(starts, o) - 1
            ci = bisect_right(starts, c if c is not None else pe - 1) - 1
            if c is None and o != sents[si][0]:
                continue  # stray opener mid-sentence: nothing reliable to quote
            end = c if c is not None else pe
            lo = max(sents[si][0], quotes[arg - 1][1] + 1 if arg and quotes[arg - 1][1] else ps)
            hi = min(sents[ci][1], quotes[arg + 1][0] if arg + 1 < len(quotes) else pe)
            who = None
            if c is not None and c + 1 < hi:
                who = _tail_attribution(text, c + 1, hi)
            if who is None and lo < o:
                who = _head_attribution(text, lo, o)
            s0 = sents[si][0]
            if who is None and s0 < lo:  # 'X said A “…,” noting that “…”'
                skip = tuple((qa, qb) for qa, qb in quotes[:arg] if qb is not None and qb >= s0)
                who = _head_attribution(text, s0, o, skip)
            sent = (s0, sents[ci][1])
            who = res.resolve(who)
            if who is None and o == sents[si][0]:
                if ci + 1 < len(sents) and c is not None and c + 1 >= sents[ci][1] - 1:
                    na, nb = sents[ci + 1]
                    if not any(na <= q < nb for q, _ in quotes) and len(text[na:nb].split()) <= 10:
                        who = res.resolve(_tail_attribution(text, na, nb, bare=True))
                        if who:
                            sent = (sent[0], nb)
                src = para_last or prev_para_last
                if who is None and src is not None and src.speaker:
                    who = _Who(src.speaker, src.speaker_role, src.affiliation)
            elif who is None and len(text[o:end].split()) < 4:
                continue  # a scare-quoted term, not a statement
            elif who is None and para_last and para_last.speaker and (
                    para_last.sentence_start == s0):  # a later quote of an attributed sentence
                who = _Who(para_last.speaker, para_last.speaker_role, para_last.affiliation)
            st = _make(text, (o + 1, end), sent, who, "direct")
            if st:
                out.append(st)
                para_last = st
        prev_para_last = para_last
    return out, res.aliases


def find_statements(text: str) -> list[Statement]:
    """Direct quotations and reported statements in `text`, in order of appearance."""
    return _analyse(text)[0]


def speakers_in(text: str) -> dict[str, set[str]]:
    """Speaker name -> aliases found in the text (surname, role phrases, affiliations)."""
    stmts, extra = _analyse(text)
    forms = {s.speaker for s in stmts if s.speaker}
    canon: dict[str, str] = {}
    for f in forms:
        if _is_org(f):
            canon[f] = f
            continue
        last = f.split()[-1]
        longer = [g for g in forms if not _is_org(g) and g.split()[-1] == last]
        m = re.search(r"\b((?:[A-Z][\w’'\-]*\s+){1,2})" + re.escape(last) + r"\b", text)
        if m and not any(w in _CAP_STOP or w in _TITLE for w in m.group(1).split()):
            longer.append(m.group(0))
        canon[f] = max(longer, key=len)
    out: dict[str, set[str]] = {}
    for f, c in canon.items():
        al = out.setdefault(c, set())
        if f != c:
            al.add(f)
        if not _is_org(c) and len(c.split()) > 1 and re.search(
                r"\b" + re.escape(c.split()[-1]) + r"\b", text.replace(c, "")):
            al.add(c.split()[-1])
        m = re.search(re.escape(c) + r"\s*\(([A-Z][\w.\-]{1,12})\)", text)
        if m:
            al.add(m.group(1))
    for s in stmts:
        if s.speaker:
            al = out[canon[s.speaker]]
            al.update(x for x in (s.speaker_role, s.affiliation) if x)
    for org, alias in extra:
        out.setdefault(canon.get(org, org), set()).add(alias)
    return out
