"""Building statements and carrying a speaker between quotations: a sentence-final cue that
covers the sentence's earlier quotations, a quotation running on from the paragraph before, reported
speech beside someone else's quotation. The resolver (resolver.py) decides; these helpers apply it."""

from __future__ import annotations

import re
from dataclasses import replace

from index.attribution.candidates import Who
from index.attribution.clauses import new_subject_between, reported
from index.attribution.coref import Resolver
from index.attribution.segment import QUOTE_CHARS, trim
from index.attribution.statement import Statement
from index.attribution.vetting import vet

OBJECT_PRONOUN = re.compile(r"^\s*(?:it|him|her|them|us|me)\b")


def make(text: str, span: tuple[int, int], sent: tuple[int, int], who: Who | None,
         kind: str) -> Statement | None:
    a, b = trim(text, span[0], span[1], QUOTE_CHARS + ",;:—–")
    if a >= b:
        return None
    w = who or Who()
    named = w.speaker is not None and w.end > w.start
    cue = w.cue if w.speaker else None
    # after the cue, or after the source when it follows the cue ('explained Nancy Cordes: “…”')
    said_end = w.end if named and cue and cue[1] <= w.start < span[0] else (cue[1] if cue else 0)
    # 'as X put it, “…”', 'X scolded him: “…”' are direct speech; 'X said the office had “…”' mixed
    between = OBJECT_PRONOUN.sub("", text[said_end : span[0]], count=1)
    if kind == "direct" and cue and cue[1] <= span[0] and any(c.isalnum() for c in between):
        kind = "mixed"  # quoted fragments inside reported speech: 'X insisted the office had “…”'
    return Statement(
        start=a, end=b, sentence_start=sent[0], sentence_end=sent[1], speaker=w.speaker,
        source_start=w.start if named else None, source_end=w.end if named else None,
        cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None,
        kind=kind, role=w.role if w.speaker else None, organisation=w.affil if w.speaker else None,
    )


def inherit(src: Statement) -> Who:
    """A quotation that continues an attributed one: same speaker, no mention of its own."""
    return Who(src.speaker, src.role, src.organisation)


def share_sentence_final_speaker(text: str, statements: list[Statement]) -> list[Statement]:
    """'… will carry “a great deal of weight” and bring the “firepower” they need, DFA
    spokesman Neil Sroka said.': the attribution closing a sentence covers its earlier
    quotations too, unless another subject comes between."""
    out = list(statements)
    for n, st in enumerate(out):
        if st.speaker or st.kind not in ("direct", "mixed"):
            continue
        later = next((x for x in out[n + 1 :] if x.sentence_start == st.sentence_start
                      and x.kind in ("direct", "mixed")), None)
        if later is None or not later.speaker or later.cue_start is None or (
                later.cue_start < later.end or new_subject_between(text, st.end, later.start)):
            continue  # only a cue after the later quotation: 'said X' at the sentence's end
        out[n] = replace(st, speaker=later.speaker, role=later.role,
                         organisation=later.organisation, cue_start=later.cue_start,
                         cue_end=later.cue_end)
    return out


CLAUSE_OPENERS = ("after", "before", "while", "because", "as", "when", "despite", "amid", "but")


def reported_beside_quotes(text: str, sents: list[tuple[int, int]],
                            quotes: list[tuple[int, int | None]], found: list[Statement],
                            res: Resolver) -> list[Statement]:
    """Reported speech that shares a sentence with someone else's quotation: 'The office
    expressed grave concern over … after facing criticism from rights groups for its “…”'."""
    out = []
    for a, b in sents:
        opens = [o for o, _ in quotes if a <= o < b]
        if not opens:
            continue
        hit = reported(text, a, b)
        if hit is None:
            continue
        (cs, ce), who = hit
        if cs >= opens[0] or any(s.cue_start == (who.cue or (None,))[0] for s in found):
            continue
        ce = min(ce, opens[0])
        toks = text[cs:ce].split()
        cut = next((n for n in range(len(toks) - 1, 0, -1) if toks[n].lower() in CLAUSE_OPENERS
                    or toks[n - 1].endswith(",")), None)
        if cut is not None:
            ce = cs + len(" ".join(toks[:cut]))  # toks come from text[cs:ce]: rebuild its prefix
            ce = text.find(toks[cut - 1], cs) + len(toks[cut - 1]) if ce > cs else ce
        else:
            continue  # the clause reaches into the quotation: nothing of its own to report
        st = make(text, (cs, ce), (a, b), res.resolve(vet(who)), "reported")
        if st and len(text[st.start : st.end].split()) >= 3:
            out.append(st)
    return out


def continuation(text: str, o: int, si: int, sents: list[tuple[int, int]],
                  quotes: list[tuple[int, int | None]], para_last: Statement | None,
                  prev: Statement | None, prev_open: bool, res: Resolver,
                  reported_before: Statement | None = None) -> Who | None:
    """Who says a quotation that opens a sentence with no attribution of its own.
    `reported_before`: the paragraph's last reported speech, if any."""
    if reported_before is not None and reported_before.speaker and si and (
            reported_before.sentence_start == sents[si - 1][0]) and (
            para_last is None or para_last.sentence_start < reported_before.sentence_start):
        # 'Mak said the food does not match up. “The food here is so expensive.”': the quotation
        # goes on with the words of the sentence just before it, in the same paragraph
        return inherit(reported_before)
    if para_last is not None:  # the speaker of the paragraph's last quotation goes on
        if para_last.speaker:
            return inherit(para_last)
        return None
    if prev is not None and prev.speaker and prev_open and sents[si][0] == sents[0][0]:
        return inherit(prev)  # a quotation running on from an unclosed one in the last paragraph
    return None
