"""A quotation introduced by a colon: 'Rubio fired back forcefully: “…”', 'Republican pollster
Daron Shaw: “…”', 'Here’s Clinton in December 1992: “…”' — the words of whoever the clause
before the colon names."""

from __future__ import annotations

import re

from index.attribution.candidates import Who
from index.attribution.lexicon import CAP_STOP, PREP, ROLE, ROLE_MOD, STOP
from index.attribution.noun_phrase import name_after_role
from index.attribution.segment import Tok, tokens

# 'Here’s Clinton in December 1992:', 'Here is Ana Ruiz on the flood:' introduce her words.
HERE_IS = re.compile(r"\s*Here(?:[’']s| is)\s+([A-Z][\w.’'-]*(?:[ \u00a0]+[A-Z][\w.’'-]*){0,3})"
                     r"(?=[\s,:])[^:\n]{0,60}:\s*$")


def colon_intro(text: str, a: int, b: int) -> Who | None:
    """'Rubio fired back forcefully: “…”': a quotation introduced by a colon is the words of the
    named subject opening the introducing clause text[a:b] (which ends with the colon)."""
    if not text[a:b].rstrip().endswith(":"):
        return None
    here = HERE_IS.match(text, a, b)
    if here:  # 'Here’s Clinton in December 1992: “…”'
        return Who(speaker=here.group(1), start=here.start(1), end=here.end(1))
    toks = tokens(text, a, b)
    end = len(toks) - 1  # the colon
    k = end
    while k > 0 and toks[k - 1].cap and toks[k - 1].word and end - k < 4:
        k -= 1
    if k < end and (k == 0 or toks[k - 1].t in "-—–"):  # 'Pollsters agree - Carl Bialik: “…”'
        return Who(speaker=text[toks[k].s : toks[end - 1].e], start=toks[k].s, end=toks[end - 1].e)
    if 0 < k < end and k <= 4 and toks[k - 1].low in ROLE and all(
            t.word and (t.cap or t.low in ROLE | ROLE_MOD) for t in toks[:k]):
        # 'Republican pollster Daron Shaw: “…”': a role, then the name, then the colon
        return Who(speaker=text[toks[k].s : toks[end - 1].e], role=text[toks[0].s : toks[k - 1].e],
                   start=toks[0].s, end=toks[end - 1].e)
    lo = next((x + 1 for x in range(len(toks) - 2, -1, -1) if toks[x].t in (";", ":")), 0)
    lo = _after_coordination(toks, lo)  # 'The crowd cheers, and then Wallnau continues:'
    j = lo
    while j < len(toks) and toks[j].cap and toks[j].word and toks[j].t not in CAP_STOP:
        j += 1
    if not 1 <= j - lo <= 4 or j >= len(toks) or not toks[j].word or toks[j].cap or (
            toks[j].low in PREP or toks[j].low in STOP):
        return None
    who = Who(speaker=text[toks[lo].s : toks[j - 1].e], start=toks[lo].s, end=toks[j - 1].e)
    return name_after_role(text, toks, lo, who, j)[0]  # 'Former city director Ana Ruiz told …:'


def _after_coordination(toks: list[Tok], lo: int) -> int:
    """Where the last clause joined by ', and (then)' / ', but' / ', then' starts, if any."""
    for x in range(len(toks) - 3, lo - 1, -1):
        if toks[x].t == "," and toks[x + 1].low in ("and", "but", "then"):
            y = x + 2
            return y + 1 if toks[x + 1].low in ("and", "but") and toks[y].low == "then" else y
    return lo
