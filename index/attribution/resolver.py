"""The resolver: walks a document paragraph by paragraph and decides who said each quotation
and each sentence of reported speech. This is the only place a speaker is decided."""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import replace

from index.attribution.candidates import Who
from index.attribution.carry import (
    continuation,
    inherit,
    make,
    reported_beside_quotes,
    share_sentence_final_speaker,
)
from index.attribution.clauses import (
    SUBORDINATORS,
    head_attribution,
    narrative_subject,
    new_subject_between,
    reported,
)
from index.attribution.colon import colon_intro
from index.attribution.coref import Resolver, canonical_names
from index.attribution.cues import VERB_SET
from index.attribution.lexicon import PREP, TIME
from index.attribution.organisations import spokespeople_speak_for
from index.attribution.segment import (
    QUOTE_CHARS,
    paragraphs,
    quotes_in,
    sentence_spans,
    sentences_in,
)
from index.attribution.statement import Statement
from index.attribution.subject_intro import subject_intro
from index.attribution.tails import byline_paragraph, dash_byline, tail_attribution
from index.attribution.vetting import vet

log = logging.getLogger(__name__)


CLAUSE_END = re.compile(r"[,;:—–]")
def analyse(text: str) -> list[Statement]:
    res = Resolver(text)
    out: list[Statement] = []
    prev: Statement | None = None  # the previous paragraph's last quotation, when it ends it
    prev_open = False  # ... and it had no closing mark: the quotation runs on
    introduced: Who | None = None  # the previous paragraph ended 'Cruz continued:'
    for ps, pe in paragraphs(text):
        signed = byline_paragraph(text, ps, pe)
        if signed is not None and prev is not None and not prev.speaker:
            who = vet(signed)  # '“…”' then a paragraph '-Michelle Marks, Philadelphia.'
            if who is not None:
                out[out.index(prev)] = replace(prev, speaker=who.speaker, source_start=who.start,
                                               source_end=who.end)
            prev, introduced = None, None
            continue
        sents = sentences_in(text, ps, pe)
        starts = [a for a, _ in sents]
        # 'said Thursday on Fox News’s “Fox and Friends.”': a show's title is no one's words
        # (its sentence may still be reported speech)
        quotes = [(o, c) for o, c in quotes_in(text, ps, pe) if c is None or not _a_title(text, o, c)]
        para_last: Statement | None = None
        para_first = len(out)
        events = [(o, "q", n) for n, (o, _) in enumerate(quotes)]
        for a, b in sents:
            if not any(o < b and (c is None or c >= a) for o, c in quotes):
                events.append((a, "s", b))
        events.sort()
        for pos, what, arg in events:
            if what == "s":
                found = reported(text, pos, arg)
                if found:
                    st = make(text, found[0], (pos, arg), res.resolve(vet(found[1])), "reported")
                    if st:
                        out.append(st)
                else:
                    res.note_subject(vet(narrative_subject(text, pos, arg, res.surnames)))
                continue
            o, c = quotes[arg]
            si = bisect_right(starts, o) - 1
            ci = bisect_right(starts, c if c is not None else pe - 1) - 1
            if c is None and o != sents[si][0] and not (
                    arg + 1 == len(quotes) and text[:o].rstrip().endswith((":", ","))):
                continue  # stray opener mid-sentence: nothing reliable to quote
                # (but 'Obama said: "…' running on into the next paragraph is a quotation)
            end = c if c is not None else pe
            lo = max(sents[si][0], quotes[arg - 1][1] + 1 if arg and quotes[arg - 1][1] else ps)
            hi = min(sents[ci][1], quotes[arg + 1][0] if arg + 1 < len(quotes) else pe)
            who = None
            if sents[si][0] < o:  # 'Bush went after Trump … when he called …': he is Bush
                res.note_subject(vet(narrative_subject(text, sents[si][0], o, res.surnames)))
            if c is not None and c + 1 < hi:
                who = tail_attribution(text, c + 1, hi) or _tail_after_phrase(text, c + 1, hi)
                if who is not None and lo < o and _tail_says_more(text, who, hi):
                    # 'Trump claimed that “…,” one of the prosecutors said the cases differ':
                    # the tail reports words of its own; the introducing clause's are these
                    head = _named_introducer(text, lo, o)
                    if head and head.cue and _introduces(text, head.cue[1], o):
                        who = head
                if who is not None and lo < o and _opens_subordinate(text, sents[si][0]):
                    # 'When Trump said he would “…,” the crowd applauded': the clause's speaker
                    head = _named_introducer(text, lo, o)
                    if head and head.cue and not CLAUSE_END.search(text, head.cue[1], o):
                        who = head  # (the quotation sits inside the opening clause)
            if who is None and lo < o:
                who = head_attribution(text, lo, o)
            s0 = sents[si][0]
            if who is None and s0 < lo:  # 'X said A “…,” noting that “…”'
                skip = tuple((qa, qb) for qa, qb in quotes[:arg] if qb is not None and qb >= s0)
                who = head_attribution(text, s0, o, skip)
            if who is None and c is not None and hi == sents[ci][1]:
                who = _sentence_final_attribution(text, c + 1, hi)
            if who is None and lo < o:  # 'Rubio fired back forcefully: “…”'
                who = colon_intro(text, lo, o)
            sent = (s0, sents[ci][1])
            if who is not None and who.pron and lo < o and text[s0] not in QUOTE_CHARS:
                who = _named_introducer(text, lo, o) or who  # 'Fallon fired back: “…,” he wrote'
            who = res.resolve(vet(who))
            if who is None and s0 < o and text[s0] not in QUOTE_CHARS and not _agent_follows(text, end):
                who = res.resolve(vet(subject_intro(text, s0, o)))  # 'Paul interjected: “…”'
            if who is None and o == sents[si][0] and c is not None:
                who = res.resolve(vet(dash_byline(text, c + 1, pe)))  # '“…” ― Veronica Cruz'
            if who is None and o == sents[si][0]:
                if ci + 1 < len(sents) and c is not None and c + 1 >= sents[ci][1] - 1:
                    na, nb = sents[ci + 1]
                    asked = text[c - 1] in "?!"  # '“Who are they?” Trump said of Apple …'
                    if not any(na <= q < nb for q, _ in quotes) and (
                            asked or len(text[na:nb].split()) <= 10):
                        who = res.resolve(vet(tail_attribution(text, na, nb, bare=not asked)))
                        if who:
                            sent = (sent[0], nb)
                if who is None and si == 0 and introduced is not None:
                    who = introduced  # 'Cruz continued:' / 'Transcript as follows:' then “…”
                if who is None:
                    reported_before = next((s for s in reversed(out[para_first:]) if s.kind == "reported"), None)
                    who = continuation(text, o, si, sents, quotes, para_last, prev, prev_open, res,
                                       reported_before)
            elif who is None and len(text[o:end].split()) < 4:
                continue  # a scare-quoted term, not a statement
            elif who is None and para_last and para_last.speaker and (
                    para_last.sentence_start == s0) and not new_subject_between(
                    text, para_last.end, o):  # a later quote of an attributed sentence
                who = inherit(para_last)
            st = make(text, (o + 1, end), sent, who, "direct")
            if st:
                out.append(st)
                para_last = st
        out[para_first:] = share_sentence_final_speaker(text, out[para_first:])
        out.extend(reported_beside_quotes(text, sents, quotes, out, res))
        ends_with_quote = para_last is not None and para_last.sentence_end >= sents[-1][0]
        prev = para_last if ends_with_quote else None
        prev_open = bool(quotes) and quotes[-1][1] is None
        introduced = _introduces_next(text, sents, quotes, res)
    out.sort(key=lambda st: (st.start, st.end))
    return spokespeople_speak_for(text, canonicalise(text, out))


def _introduces_next(text: str, sents: list[tuple[int, int]],
                     quotes: list[tuple[int, int | None]], res: Resolver) -> Who | None:
    """A paragraph ending in a colon ('Cruz called them on it:', 'Dr. Ward stated:',
    'President Clinton released the following statement:') introduces the quotation that opens
    the next one; its speaker is whoever that last clause names."""
    if not sents:
        return None
    a, b = sents[-1]
    colon = text.rfind(":", a, b)
    if colon < 0 or text[colon + 1 : b].strip() or any(a <= q < b for q, _ in quotes):
        return None
    stop = colon + 1
    who = head_attribution(text, a, stop) or colon_intro(text, a, stop) or subject_intro(text, a, stop)
    return res.resolve(vet(who))


def _opens_subordinate(text: str, s0: int) -> bool:
    first = text[s0 : s0 + 12].split(" ", 1)[0].lower()
    return first in SUBORDINATORS


def _named_introducer(text: str, a: int, o: int) -> Who | None:
    """The named subject introducing a quotation in text[a:o], if any: a pronoun after the
    quotation ('…,” he wrote') is that subject, not whoever coreference last saw named."""
    named = vet(head_attribution(text, a, o) or colon_intro(text, a, o))
    if named and named.speaker and not named.pron and named.speaker[:1].isupper():
        return named
    return None


PHRASE_THEN_COMMA = re.compile(r"\s+(?:by|from|of|in|on|for|with|to)\s[^,.;:“”\"]{1,80},")


def _tail_after_phrase(text: str, a: int, b: int) -> Who | None:
    """'“If there had not been that intervention” by the allies, Ruiz said at a town hall,
    “we would …”': the quotation's own phrase runs on to a comma, then its attribution."""
    m = PHRASE_THEN_COMMA.match(text, a, b)
    who = tail_attribution(text, m.end(), b) if m else None
    if who is None or who.cue is None or text[who.cue[0] : who.cue[1]].lower() not in VERB_SET:
        return None  # (a known cue: the comma is no quotation's end, whatever shape follows)
    return None if _tail_says_more(text, who, b) else who


# What a show's title follows: an outlet's possessive ('on Fox News’s “…”', 'NBC’s “…”').
TITLE_BEFORE = re.compile(r"\b[A-Z][\w.-]*[’']s\s*$")
SMALL_WORDS = frozenset("a an and the of in on to for with at by or".split())


def _a_title(text: str, o: int, end: int) -> bool:
    """Is the quotation opening at o a title: a few capitalised words ('Fox and Friends', 'Meet
    the Press') right after an outlet's possessive?"""
    words_ = text[o + 1 : end].strip(" .,!?").split()
    if not 1 <= len(words_) <= 6 or not TITLE_BEFORE.search(text, max(0, o - 30), o):
        return False
    return all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in words_) and words_[0][:1].isupper()


def _tail_says_more(text: str, who: Who, hi: int) -> bool:
    """Does the tail's cue go on to a clause of its own ('… said the two cases were quite
    different'), rather than closing the sentence ('… said on Tuesday')?"""
    if who.cue is None or who.pron or " " in text[who.cue[0] : who.cue[1]]:
        return False  # (not 'according to a letter from …': that names the source)
    rest = text[who.cue[1] : hi].split()
    return len(rest) >= 4 and rest[0].lower() not in PREP | TIME and rest[0][:1].islower()


def _introduces(text: str, cue_end: int, o: int) -> bool:
    """Does the clause whose cue ends at cue_end lead straight into the quotation at o
    ('claimed on Tuesday that “', 'said: “')?"""
    between = text[cue_end:o].split()
    return len(between) <= 4 and (not between or between[-1] == "that" or between[-1][-1:] in ":,")


def _agent_follows(text: str, end: int) -> bool:
    """'… labeled a “witch hunt” by Democrats': the words are the agent's, not the subject's."""
    return text[end + 1 : end + 5].lstrip().startswith("by ")


def _sentence_final_attribution(text: str, a: int, b: int) -> Who | None:
    """'“We’re extremely happy” about the decision, said RoseAnn DeMoro, a union director.':
    the attribution closing the sentence after the quotation's own clause."""
    for comma in (m for m in range(a, b) if text[m] == ","):
        who = tail_attribution(text, comma, b, bare=True)
        if who is not None:
            return who
    return None


def canonicalise(text: str, statements: list[Statement]) -> list[Statement]:
    """Name every speaker by the fullest form the document gives ("Laurence" -> "Jeremy Laurence"),
    with the role and organisation the document gives that speaker anywhere."""
    canon = canonical_names(text, {s.speaker for s in statements if s.speaker})
    statements = [replace(s, speaker=canon[s.speaker]) if s.speaker and canon[s.speaker] != s.speaker
                  else s for s in statements]
    roles: dict[str, str] = {}
    orgs: dict[str, str] = {}
    for s in statements:
        if s.speaker and s.role:
            roles.setdefault(s.speaker, s.role)
        if s.speaker and s.organisation:
            orgs.setdefault(s.speaker, s.organisation)
    return [replace(s, role=s.role or roles.get(s.speaker), organisation=s.organisation or orgs.get(
        s.speaker)) if s.speaker else s for s in statements]


def publisher_voice(text: str, statements: list[Statement], publisher: str) -> list[Statement]:
    """The document's own narrative sentences, not attributed to anyone else, as the
    publisher's statements (an NGO's press release speaks for the NGO)."""
    taken = [(s.sentence_start, s.sentence_end) for s in statements if s.speaker]
    taken += [(s.start, s.end) for s in statements]
    own = []
    for a, b in sentence_spans(text):
        if any(x < b and a < y for x, y in taken) or not any(c.isalpha() for c in text[a:b]):
            continue
        own.append(Statement(start=a, end=b, sentence_start=a, sentence_end=b, speaker=publisher,
                             source_start=None, source_end=None, cue_start=None, cue_end=None,
                             kind="publisher", organisation=publisher))
    return sorted(statements + own, key=lambda s: (s.start, s.end))
