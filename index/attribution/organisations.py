"""Who a speaker speaks for: organisations named in a sentence or a document, and the rule
that a spokesperson with no stated employer speaks for the organisation the text names
("spokesman Jeremy Laurence said the U.N. human rights office was “gravely concerned”")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from index.attribution.lexicon import CAP_STOP, DETS, ORG
from index.attribution.segment import tokens
from index.attribution.statement import Statement

SPOKESPERSON = re.compile(r"\b(?:spokes(?:man|woman|person|people)|press (?:secretary|officer)|"
                          r"representative|communications director)\b", re.IGNORECASE)
MAX_ORG_WORDS = 8
# Words of ORG that are adjectives or people more often than an organisation's head noun.
HEADS = ORG - {"international", "press", "media", "news", "officials", "authorities"}


def organisations_in(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of organisation phrases in text[a:b]: a head noun such as office, ministry or
    council ('the U.N. human rights office', 'Human Rights Watch'), read back to its article."""
    toks = tokens(text, a, b)
    out: list[tuple[int, int]] = []
    for k, t in enumerate(toks):
        if t.low not in HEADS or (k + 1 < len(toks) and toks[k + 1].word and (
                toks[k + 1].cap == t.cap and toks[k + 1].low in ORG)):
            continue  # not the head, or the head is further right ("Human Rights Watch office")
        j = k
        while j > 0 and k - j < MAX_ORG_WORDS and toks[j - 1].word and toks[j - 1].t not in CAP_STOP:
            if toks[j - 1].low in DETS:
                j -= 1
                break
            if not (toks[j - 1].cap or toks[j - 1].low.isalpha()) or toks[j - 1].low in (
                    "and", "of", "for", "its", "their", "his", "her", "from", "by", "with", "to",
                    "in", "on", "at", "was", "is", "said", "says", "that", "the"):
                break
            j -= 1
        if (j == k and not t.cap) or toks[j].low in ("his", "her", "its", "their"):
            continue  # a bare or possessed "office" names nobody in particular
        out.append((toks[j].s, t.e))
    return out


def main_organisation(text: str) -> str | None:
    """The organisation the document names most, when it names one at least twice."""
    counts = Counter(re.sub(r"^(?:the|a|an)\s+", "", text[s:e], flags=re.IGNORECASE).lower()
                     for s, e in organisations_in(text, 0, len(text)))
    if not counts:
        return None
    # "the agency" and "River agency" are mentions of "The Eastland River Agency" too
    full = Counter({name: sum(n for other, n in counts.items()
                              if other == name or name.endswith(" " + other)) for name in counts})
    name, n = max(full.items(), key=lambda kv: (kv[1], len(kv[0])))
    if n < 2:
        return None
    m = re.search(r"(?:\bthe\s+)?" + re.escape(name), text, re.IGNORECASE)
    return m.group(0) if m else None


def spokespeople_speak_for(text: str, statements: list[Statement]) -> list[Statement]:
    """Give a spokesperson with no stated employer the organisation of his sentence, else the
    organisation the document is about."""
    main: str | None | bool = False
    known: dict[str, str] = {}  # a spokesperson speaks for one organisation in a document
    out = []
    for st in statements:
        if st.speaker in known and st.organisation is None:
            st = replace(st, organisation=known[st.speaker])
        elif st.speaker and st.organisation is None and st.role and SPOKESPERSON.search(st.role):
            spans = [(s, e) for s, e in organisations_in(text, st.sentence_start, st.sentence_end)
                     if not (s < st.end and st.start < e)  # named in the words said: not the employer
                     and (st.source_start is None or not (s < st.source_end and st.source_start < e))]
            if spans:
                st = replace(st, organisation=text[spans[0][0] : spans[0][1]])
            else:
                if main is False:
                    main = main_organisation(text)
                if main:
                    st = replace(st, organisation=main)
            if st.organisation:
                known[st.speaker] = st.organisation
        out.append(st)
    return out
