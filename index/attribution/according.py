"""'According to X': the source a sentence of reported speech names before or after its content.

News prose wraps the source in more than a bare name: a preposition inside an organisation's
name ('Human Rights Activists in Iran'), its acronym in brackets ('(HRANA)'), a describing
phrase before the name ('advocacy group the Assistance Association of Political Prisoners') or
after it (', a nongovernmental organization that defends human rights,'). Each of these used to
end the match, so the sentence went unattributed — and in an organisation's own release, that
made the figures it cites the publisher's words.
"""

from __future__ import annotations

import re

from index.attribution.candidates import Who, subject_after
from index.attribution.lexicon import AUX, DETS, GROUP_NOUNS, ORG
from index.attribution.segment import Tok

# Prepositions that continue an organisation's name when a capitalised word follows.
_NAME_LINKS = frozenset(("in", "of", "for", "on"))
# 'advocacy group the Assistance Association …': lower-case words, then the name itself.
_DESCRIBED = re.compile(r"(?P<role>(?:[a-z][\w-]*\s+){1,3}?)(?P<name>(?:the\s+)?[A-Z].*)$", re.DOTALL)
# An appositive after the source names what the source is, and holds no finite verb of its own.
_APPOSITIVE_NOUNS = ORG | GROUP_NOUNS | frozenset(("ngo", "charity", "watchdog", "monitor", "body"))
_APPOSITIVE_LIMIT = 25  # tokens
# What a source compiles rather than says: the speaker is who compiled it.
EVIDENCE = frozenset(("calculations", "calculation", "estimates", "figures", "data", "analysis",
                      "research", "records", "statistics", "count", "tally", "findings"))


def is_according(toks: list[Tok], k: int) -> bool:
    return toks[k].low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to"


def according_source(text: str, toks: list[Tok], k: int) -> tuple[Who, int] | None:
    """The source after 'according to' at toks[k] and the index of the token after it."""
    who, j = subject_after(text, toks, k + 2, loose=True)
    if who is None:
        return None
    n = len(toks)
    if who.speaker and who.speaker[:1].isupper():
        name_start = who.end - len(who.speaker)
        while j + 1 < n and toks[j].low in _NAME_LINKS and toks[j + 1].cap and toks[j + 1].word:
            more, after = subject_after(text, toks, j + 1)
            if more is None or not (more.speaker or "")[:1].isupper():
                break
            who.speaker, who.end, j = text[name_start : toks[after - 1].e], toks[after - 1].e, after
    if j + 2 < n and toks[j].t == "(" and toks[j + 2].t == ")" and toks[j + 1].cap:
        who.end, j = toks[j + 2].e, j + 3  # the acronym belongs to the source span, not the name
    words_ = (who.speaker or "").split()
    if words_ and words_[-1].lower() in EVIDENCE and j + 1 < n and toks[j].low in ("by", "from", "of"):
        # 'according to calculations by Amy Glasmeier of MIT': whoever made the figures
        owner, after = subject_after(text, toks, j + 1, loose=True)
        if owner is not None and (owner.speaker or "")[:1].isupper():
            return owner, after
    described = _DESCRIBED.match(who.speaker or "")
    if described and who.role is None and not set(described.group("role").split()) <= DETS:
        who.role = described.group("role").strip()
        who.speaker = described.group("name")
    return who, j


def after_appositive(toks: list[Tok], j: int) -> int:
    """toks[j] is the comma after a source; where its content starts: after the appositive
    (', a nongovernmental organization that defends human rights,') when one follows, else
    right after the comma."""
    if j + 1 < len(toks) and toks[j + 1].low in ("a", "an"):
        for x in range(j + 2, min(len(toks), j + 2 + _APPOSITIVE_LIMIT)):
            if toks[x].low in AUX:
                break  # 'a total of 746 people were executed': content, not a description
            if toks[x].t == ",":
                if any(t.low in _APPOSITIVE_NOUNS for t in toks[j + 2 : x]) and len(toks) - x > 3:
                    return x
                break
    return j
