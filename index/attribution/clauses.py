"""Attribution clauses around a quotation or inside a sentence of reported speech."""

from __future__ import annotations

import re

from index.attribution.according import according_source, after_appositive, is_according
from index.attribution.candidates import Who, speakerlike, subject_after, subject_before
from index.attribution.cues import (
    BARE,
    NAMING_VERBS,
    NO_INVERT,
    NOMINAL_CUES,
    OBJECT_CUES,
    PARTICIPLES,
    WEAK_VERBS,
    is_verb,
)
from index.attribution.lexicon import CAP_STOP, DETS, PREP, QUANT, STOP, TIME
from index.attribution.noun_phrase import name_after_role, named_subject, title_apart
from index.attribution.phrases import source_after, source_before
from index.attribution.reporters import (
    before_channel,
    coordinated_from,
    described_from,
    relative_clause_before,
    reporting_subject,
)
from index.attribution.segment import Tok, tokens, trim

LABEL = re.compile(r"\s*([A-Z][\w’'.\-]*(?: [A-Z][\w’'.\-]*){0,3}):\s*")


DATELINE = re.compile(r"(?:\([^()\n]{1,40}\)|[A-Z][A-Z .,'’-]{1,40}(?:\(AP\))?|"
                      r"[A-Z][a-z]+(?: [A-Z][a-z]+)? \((?:AP|AFP|Reuters)\))\s*[–—-]\s*")


def with_cue(who: Who | None, first: Tok, last: Tok | None = None) -> Who | None:
    if who is not None and who.cue is None:
        who.cue = (first.s, (last or first).e)
    return who


def head_attribution(
    text: str, a: int, b: int, skip: tuple[tuple[int, int], ...] = ()
) -> Who | None:
    label = LABEL.fullmatch(text, a, b)
    if label:  # interview transcript style, "HALYNA M.: “…”"
        return Who(speaker=label.group(1), start=label.start(1), end=label.end(1))
    dateline = DATELINE.match(text, a, b)
    a = dateline.end() if dateline else a  # "Lagos (AFP) – …": the place never speaks
    toks = tokens(text, a, b)
    if len(toks) >= 3 and toks[0].t == "Said" and toks[-1].t in (",", ":"):
        # 'Said Comey, “…”': the inverted attribution opens the sentence
        return with_cue(source_after(text, toks, 1)[0], toks[0])
    if len(toks) >= 4 and toks[-1].t in (",", ":"):
        # 'In other words, explained CBS moderator Nancy Cordes: “…”': inverted after a phrase
        k = next((x for x in range(1, len(toks) - 2) if toks[x - 1].t == "," and is_verb(toks, x)
                  and toks[x].low not in NO_INVERT and not toks[x].cap
                  and toks[x + 1].low not in PREP and toks[x + 1].low not in ("of", "to")), None)
        who, j = source_after(text, toks, k + 1) if k is not None else (None, 0)
        if who is not None and j == len(toks) - 1 and (who.speaker or "")[:1].isupper():
            return with_cue(who, toks[k])
    if skip:  # earlier quotations of the same sentence: read around them
        # (a comma closing one inside its marks still ends its clause: 'needled the “reporter,”
        # saying, “…”' hangs "saying" on the subject, not on "the reporter")
        toks = [t for t in toks if not any(qa <= t.s <= qb for qa, qb in skip)
                or (t.t == "," and any(t.e == qb for _, qb in skip))]
    for k in range(len(toks) - 1, -1, -1):
        low = toks[k].low
        if is_according(toks, k):
            found = according_source(text, toks, k)
            who = with_cue(found[0] if found else None, toks[k], toks[k + 1])
        elif low in NOMINAL_CUES and k + 1 < len(toks) and toks[k + 1].low in ("from", "by"):
            who, j = source_after(text, toks, k + 2)
            if j >= len(toks):  # 'said that the comment by Dr. Song “was inappropriate”': the
                continue  # quotation is said of the comment, by the clause's own speaker
            who = with_cue(who, toks[k], toks[k + 1])
        elif low in PARTICIPLES and k and (toks[k - 1].t == "," or toks[k - 1].low in TIME
                                           or toks[k - 1].low in ("before", "after", "while")):
            who = participle_subject(text, toks, k)
            who = with_cue(title_apart(text, who) if who else None, toks[k])
        elif low in NAMING_VERBS and len(toks) - k <= 10:
            # 'what Newt Gingrich called “…”': a named speaker only, never 'a movement called'
            who = with_cue(source_before(text, toks, k), toks[k])
            if who and not (who.pron or (who.speaker or "")[:1].isupper()) or (
                    who and (who.speaker or "").lower().startswith(("the ", "a ", "an "))):
                who = None
        elif is_verb(toks, k):
            v = before_channel(toks, k)
            who = source_before(text, toks, v) or subject_before(text, toks, v)
            if who is None and k > 2 and toks[k - 1].low in ("and", "but"):
                who = named_subject(text, toks, participle_subject(text, toks, k))  # 'Ruiz referred to … and said'
            who = with_cue(who, toks[k])
            if who and low in WEAK_VERBS and not speakerlike(who):
                who = None
        else:
            continue
        if who and _another_clause(toks, k):
            return None  # '“…,” she said, but …, and as Trump went on about “…”': not hers
        if who and toks[0].low in SUBORDINATORS and _main_clause_after(toks, k):
            return None  # 'When Trump suggested …, Rubio fired back: “…”': the main clause's
        if who and k > 1 and toks[k - 1].low in MODALS:
            # 'Obama said he expected that Americans will say “no”': words no one has said
            # yet are the reporting clause's speaker's
            outer = head_attribution(text, a, toks[k - 2].e) if toks[k - 2].e > a else None
            if outer and outer.speaker and not outer.pron and outer.speaker[:1].isupper():
                return outer
        if who and who.pron and k > 0:
            # 'Trump said he responded: “…”': the named subject of the reporting clause
            outer = head_attribution(text, a, toks[k - 1].e) if toks[k - 1].e > a else None
            if outer and outer.speaker and not outer.pron and outer.speaker[:1].isupper():
                return outer
        if who:
            return who
    return None


# What makes a cue hypothetical: 'will say', 'would call'.
MODALS = frozenset("will would could might may should".split())
SUBORDINATORS = frozenset("when after while before because if although though since once "
                          "as until unless whereas".split())


def _main_clause_after(toks: list[Tok], k: int) -> bool:
    """After the cue toks[k] of an opening subordinate clause, does a comma lead to a main
    clause with a named subject of its own ('…, Rubio fired back:')?"""
    comma = next((n for n in range(k + 1, len(toks)) if toks[n].t == ","), None)
    if comma is None:
        return False
    tail = toks[comma + 1 :]
    return any(t.cap and t.word and t.t not in CAP_STOP and m + 1 < len(tail) and tail[m + 1].word
               and not tail[m + 1].cap for m, t in enumerate(tail))


def _another_clause(toks: list[Tok], k: int) -> bool:
    """Does a new clause with its own subject start between the cue toks[k] and the quote?"""
    rest = toks[k + 1 :]
    for n in range(len(rest) - 1):
        if rest[n].t in (",", ";") and rest[n + 1].low in ("but", "and", "while", "as", "when"):
            tail = rest[n + 2 :]
            if any(t.cap and t.word and m + 1 < len(tail) and tail[m + 1].word and not tail[m + 1].cap
                   for m, t in enumerate(tail)):
                return True
    return False


def at_clause_start(toks: list[Tok], first: int) -> bool:
    return not first or toks[first - 1].t in ",;:—–" or all(
        x.t in CAP_STOP or x.low in TIME or x.t.isdigit() for x in toks[:first])


def participle_subject(text: str, toks: list[Tok], k: int) -> Who | None:
    """'X described the raid, saying, “…”': the subject of the clause the participle hangs on."""
    lo = next((x + 1 for x in range(k - 1, -1, -1) if toks[x].t in ";:"), 0)
    if lo < k and (toks[lo].low in SUBORDINATORS or (toks[lo].cap and toks[lo].low.endswith("ing"))):
        # 'After the court failed to …, Trump said …', 'Weighing in on it, Huckabee agreed, …':
        # the opening clause's subject is not the main clause's
        lo = next((n + 1 for n in range(lo + 1, k) if toks[n].t == ","), lo)
    for x in range(lo + 1, k - 1):  # the first verb whose subject opens the clause
        if toks[x].cap or not toks[x].word or toks[x].low in PARTICIPLES or not (
                is_verb(toks, x) or toks[x].low.endswith("ed")):
            continue
        who = source_before(text, toks, x, lo=lo) or subject_before(text, toks, x)
        if who and (who.pron or at_clause_start(
                toks, next(n for n in range(x) if toks[n].s >= who.start))) and speakerlike(who):
            return who
    st = lo
    while st < k and (toks[st].t in CAP_STOP or toks[st].low in PREP):
        st = next((n + 1 for n in range(st, k) if toks[n].t == ","), k)
    if st >= k - 1:
        return None
    who, j = subject_after(text, toks, st)
    if not who or who.end >= toks[k].s or not speakerlike(who) or (
            toks[j].low not in ("who", ",") and not all(t.cap for t in toks[st:j])):
        return None
    return who


# What joins a second clause, with its own subject, to a sentence: '…, but police claimed …'.
CLAUSE_JOINERS = frozenset(("but", "and", "while"))
# What may end the clause before a reporting subject ('Asked whether … — ranked 138th — Ressa said').
CLAUSE_MARKS = frozenset((",", "—", "–"))
# Footnote calls closing a sentence: 'questioned the declared result.[2]'.
FOOTNOTE_CALLS = re.compile(r"(?:\[\d{1,3}\])+\s*$")


def reported(text: str, s: int, e: int) -> tuple[tuple[int, int], Who] | None:
    """Reported speech in the sentence text[s:e]: (content span, unresolved speaker)."""
    dl = DATELINE.match(text, s, e)
    s = dl.end() if dl else s  # "(Geneva) – …": the place is not part of what was said
    toks = tokens(text, s, e)
    n = len(toks)
    calls = FOOTNOTE_CALLS.search(text, s, e)  # the words end before their '[2]'
    end = trim(text, s, calls.start() if calls else e, ".!?")[1]
    for k, t in enumerate(toks):
        if is_according(toks, k):
            found = according_source(text, toks, k)
            if not found:
                continue
            who, j = found
            if k == 0 and j < n and toks[j].t == ",":
                span = (toks[after_appositive(toks, j)].e, end)
            elif k > 0 and toks[k - 1].t == "," and (j >= n or toks[j].t in ".!?"):
                span = (s, toks[k - 1].s)
            else:
                continue
            who.cue = (t.s, toks[k + 1].e)
            return span, who
        if not is_verb(toks, k):
            continue
        who, first = reporting_subject(text, toks, k)
        if not who or (toks[k - 1].t == "," and who.role is None and relative_clause_before(toks, k) is None):
            continue
        j = k + 1
        that = next((x for x in range(j, min(j + 9, n)) if toks[x].low == "that"), None)
        described = described_from(toks, first)  # ', a senior US official told Reuters.'
        # (Not 'Asked whether …, Ressa said it had not': what comes first is the question.)
        if (described >= 3 and toks[described - 1].t == "," and that is None and toks[0].low != "asked"
                and _ends_as_a_tail(toks, k) and not _an_opening_adverbial(toks[: described - 1])):
            if described < first:
                who.start, who.speaker = toks[described].s, text[toks[described].s : who.end]
                if who.role and who.role in who.speaker:
                    who.role = None  # 'senior' is part of the description now
            who.cue = (t.s, t.e)
            return (s, toks[described - 1].s), who
        opens = coordinated_from(toks, first)  # 'The UN Electoral Team and the Carter Center said'
        if opens >= 2 and toks[opens - 1].low in CLAUSE_JOINERS and toks[opens - 2].t == ",":
            opens -= 1  # '…, but police claimed they did not have the women'
        if opens and toks[opens - 1].t not in CLAUSE_MARKS and not all(
                x.t in CAP_STOP or x.low in TIME or x.t.isdigit() for x in toks[:opens]):
            continue
        if that is not None:
            j = that + 1
        elif t.low not in BARE and t.low not in OBJECT_CUES:
            continue
        else:
            while j < n and (toks[j].low in TIME or toks[j].t == ","):
                j += 1
            if j >= n or toks[j].low in PREP or not toks[j].word:
                continue
        if n - j >= 3:
            who.cue = (t.s, t.e)
            return (toks[j].s, end), who
    return None




# A tail's verb ends its sentence or clause within a few words: 'told Reuters on Thursday.'
TAIL_AFTER_VERB = 8


def _ends_as_a_tail(toks: list[Tok], k: int) -> bool:
    """Whether the verb toks[k] ends a tail ('…, a senior US official told Reuters.'), not a main
    clause that goes on ('In that regard, Tuvalu strongly urges the United Nations to recognize
    those contributions …': the opening words are no one's statement)."""
    for x in range(k + 1, min(len(toks), k + 2 + TAIL_AFTER_VERB)):
        if toks[x].t in (",", ".", "!", "?", ";"):
            return True
    return len(toks) - k - 1 <= TAIL_AFTER_VERB


# Words that open an adverbial phrase rather than a clause: 'In particular', 'As the smallest
# Member …', 'During a campaign stop in Onawa'.
OPENERS = PREP | frozenset("as also finally furthermore moreover meanwhile instead indeed still then now "
                           "thus therefore however despite while when since although though".split())


# A speech's address to the chair between its opening phrase and its subject ('Finally, Mr.
# President, Tuvalu reiterates …').
VOCATIVE = re.compile(r"(?:Mr\.?|Madam|Madame|Sir|Your Excellenc\w*|Excellenc\w*)(?: (?:President|Chair\w*|Secretary-General))?")


def _an_opening_adverbial(content: list[Tok]) -> bool:
    """Whether what stands before a sentence's subject is an opening phrase ('In that regard,
    Tuvalu strongly urges …', 'Finally, Mr. President, Tuvalu …'), not words someone said ('In
    my view, the deal is dead, he said')."""
    pieces: list[list[Tok]] = [[]]
    for t in content:
        if t.t == ",":
            pieces.append([])
        else:
            pieces[-1].append(t)
    first, *rest = pieces
    return bool(first) and first[0].low in OPENERS and all(
        VOCATIVE.fullmatch(" ".join(t.t for t in piece)) for piece in rest)


def narrative_subject(text: str, a: int, b: int, surnames: frozenset[str] = frozenset()) -> Who | None:
    """A person named in full opening the sentence text[a:b] as the subject of a verb ('Ines
    Alvarez chairs the panel.'), or by the surname of someone the text names in full ('Mak
    misses that life.', `surnames`): the person a following 'she said' most likely means."""
    toks = tokens(text, a, b)
    i = 0
    if toks and (toks[0].low in PREP or toks[0].t in CAP_STOP):  # 'During a town hall, Tina …'
        i = next((n + 1 for n in range(1, min(len(toks), 10)) if toks[n].t == ","), 0)
    j = i
    while j < len(toks) and toks[j].cap and toks[j].word and toks[j].t not in CAP_STOP:
        j += 1
    known_surname = j - i == 1 and toks[i].t in surnames
    if not (2 <= j - i <= 4 or known_surname) or j >= len(toks) or not toks[j].word or toks[j].low in PREP or (
            toks[j].low in STOP) or toks[i].low in QUANT | DETS:
        return None  # (not 'Some Hong Kong families are …': a group, and no one's name)
    who = Who(speaker=text[toks[i].s : toks[j - 1].e], start=toks[i].s, end=toks[j - 1].e)
    return name_after_role(text, toks, i, who, j)[0]  # 'Former Obama strategist David Axelrod'


def new_subject_between(text: str, a: int, b: int) -> bool:
    """Does text[a:b] (between two quotations of one sentence) open a clause with a named
    subject of its own ('…, and as Trump went on about')? Then the second is not the first's."""
    toks = tokens(text, a, b)
    return any(t.cap and t.word and t.t not in CAP_STOP and n + 1 < len(toks) and toks[n + 1].word
               and not toks[n + 1].cap and toks[n + 1].low not in PREP
               for n, t in enumerate(toks))
