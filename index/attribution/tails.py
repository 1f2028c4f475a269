"""What follows a closing quote: '“…,” said Evan Tracey, a consultant', '“…,” Trump barked',
'“…” ― Veronica Cruz' ending a line, and what is not a tail at all (', but he also warned …')."""

from __future__ import annotations

import re

from index.attribution.according import according_source, is_according
from index.attribution.candidates import Who, skip_aux, speakerlike, subject_after
from index.attribution.clauses import with_cue
from index.attribution.cues import NO_INVERT, WEAK_VERBS, is_verb
from index.attribution.lexicon import PREP
from index.attribution.phrases import source_after, source_before
from index.attribution.segment import Tok, tokens


def tail_attribution(text: str, a: int, b: int, bare: bool = False) -> Who | None:
    """Attribution right after a closing quote; `bare`: the whole span must be 'X said.'"""
    toks = tokens(text, a, b)
    i = 0
    while i < len(toks) and toks[i].t in ",—–-(:":
        i += 1
    if i >= len(toks) or toks[i].low in NEW_CLAUSE:
        return None  # '… remained “…”, but he also warned …': a clause of its own, not a tail
    if toks[-1].t == ":":
        # '“…” Trump said: “…”' introduces the next quotation only; but the comma closing
        # '“…,” Trump said before adding: “…”' hands this one to the clause too.
        if not (_closed_by_comma(text, a) or any(t.t == "," for t in toks[:i])):
            return None
        toks = toks[:-1]
        if i >= len(toks):
            return None
    if toks[i].low == "as" and i + 1 < len(toks) and not bare:
        i += 1  # '“…,” as Cruz said on the radio': the tail reads past "as"
    found = long_tail(text, toks, i, bare) or short_tail(text, toks, i, bare)
    if found is None and _closed_as_sentence(text, a):
        found = unknown_verb_tail(text, toks, i)
    return found


# '“…” ― Veronica Cruz': an epigraph's attribution, a dash and a bare name closing the line.
BYLINE = re.compile(r"[ \t]*([—―–]|--)[ \t\xa0]*([A-Z][\w’'.\-]*(?:[ \t]+(?:[A-Z][\w’'.\-]*|"
                    r"de|del|la|van|von|bin|al)){0,4})[ \t]*\.?[ \t]*(?=\n|$)")


def dash_byline(text: str, a: int, b: int) -> Who | None:
    """'“…” ― Veronica Cruz' ending a line: the dash and the name say who wrote or said it."""
    m = BYLINE.match(text, a)
    if m is None or m.end(2) > b:
        return None
    return Who(speaker=m.group(2).rstrip("."), start=m.start(2), end=m.start(2) + len(
        m.group(2).rstrip(".")), cue=m.span(1))


# '-Michelle Marks, Philadelphia.' as a paragraph of its own, under the quotation it signs.
BYLINE_PARAGRAPH = re.compile(r"\s*[-—―–]\s*([A-Z][\w’'.\-]*(?:[ \t]+(?:[A-Z][\w’'.\-]*|de|del|la|"
                              r"van|von|bin|al)){0,4})(?:,[ \t]*[A-Z][\w .’'-]{0,40})?\.?\s*")


def byline_paragraph(text: str, ps: int, pe: int) -> Who | None:
    """The name signing the paragraph text[ps:pe] when it is only a dash and a name."""
    m = BYLINE_PARAGRAPH.fullmatch(text, ps, pe)
    if m is None:
        return None
    name = m.group(1).rstrip(".")
    return Who(speaker=name, start=m.start(1), end=m.start(1) + len(name))


NEW_CLAUSE = frozenset("but and yet while although though whereas until because unless since".split())


# Past tenses of manner-of-speaking verbs that do not end in -ed ('“…,” Bennett shot back').
IRREGULAR_PAST = frozenset("shot spoke began went fired cried put quipped".split())


def unknown_verb_tail(text: str, toks: list[Tok], i: int) -> Who | None:
    """'“Go back to Univision,” Trump barked', '“…,” Hannity started': a quotation closed as a
    sentence of its own (comma, ! or ? inside the marks), then a name and a past-tense verb the
    lexicon does not know. The shape alone says who spoke; a pronoun is left to coreference."""
    who, j = subject_after(text, toks, i)
    if who is None or not (who.pron or (who.speaker or "")[:1].isupper()):
        return None
    if j < len(toks) and toks[j].low.endswith("ly") and not toks[j].cap:
        j += 1  # '“…,” Trump quickly countered'
    if j >= len(toks) or toks[j].cap or not toks[j].word:
        return None
    verb = toks[j].low
    after = toks[j + 1] if j + 1 < len(toks) else None
    present = verb.endswith("s") and not verb.endswith("ss") and len(verb) > 3 and (
        after is None or not after.word or after.low in PREP)  # '“…,” Blige sings to Clinton'
    if not (verb.endswith("ed") and len(verb) > 4 or verb in IRREGULAR_PAST or present):
        return None
    if j + 1 < len(toks) and toks[j + 1].low in ("by", "that"):
        return None  # '“…,” Trump was mocked by' / 'Trump argued that': not this shape
    return with_cue(who, toks[j])


def _closed_as_sentence(text: str, a: int) -> bool:
    """Does a quotation closed by ',' '!' or '?' inside its marks end just before `a`
    ('“…?” Hannity pressed', also when the question mark ended the sentence)?"""
    i = a - 1
    while i > 0 and text[i] in " \t":
        i -= 1
    if i > 0 and text[i] in "”\"»":
        i -= 1
    return i >= 0 and text[i] in ",!?"


def _closed_by_comma(text: str, a: int) -> bool:
    """Does the quotation closing at `a - 1` end with a comma inside its marks ('“…,”')?"""
    return a >= 2 and text[a - 2] == ","


def long_tail(text: str, toks: list[Tok], i: int, bare: bool) -> Who | None:
    """'," White House press secretary Josh Earnest said' / '," said Evan Tracey, a consultant'."""
    if is_verb(toks, i) and toks[i].low not in NO_INVERT:
        who, j = source_after(text, toks, i + 1)
        return with_cue(who, toks[i]) if who and (not bare or j >= len(toks) - 3) else None
    k = next((x for x in range(i + 1, min(len(toks), i + 30)) if is_verb(toks, x)), None)
    if k is None or (bare and len(toks) - k > 5):
        return None
    if toks[k].low == "quoted" and k - 1 > i and toks[k - 1].low in ("is", "was", "were"):
        # '“…,” Braynard is quoted as saying': the subject of the passive said it
        return with_cue(source_before(text, toks, k - 1, lo=i, anchored=True), toks[k - 1], toks[k])
    return with_cue(source_before(text, toks, k, lo=i, anchored=True), toks[k])


def short_tail(text: str, toks: list[Tok], i: int, bare: bool) -> Who | None:
    if is_according(toks, i):
        found = according_source(text, toks, i)
        return with_cue(found[0] if found else None, toks[i], toks[i + 1])
    if is_verb(toks, i) and toks[i].low not in NO_INVERT:
        return with_cue(subject_after(text, toks, i + 1)[0], toks[i])
    who, j = subject_after(text, toks, i)
    if who and who.role and j + 1 < len(toks) and toks[j].t == ",":
        j += 1  # "Syed A., a 17-year-old boy, said."
    j = skip_aux(toks, j)
    if who and j < len(toks) and toks[j].low in PREP and speakerlike(who):
        x = j + 1  # "a resident of the camp said", "a woman living in Khartoum told"
        while x < len(toks) and x - j <= 7 and toks[x].word and not is_verb(toks, x):
            x += 1
        if x < len(toks) and is_verb(toks, x) and toks[x].low not in WEAK_VERBS:
            j = x
            ph = [t for t in toks if who.start <= t.s and t.e <= who.end]
            cut = next((n for n in range(2, len(ph)) if ph[n].low.endswith("ing")
                        and not ph[n].cap), None)
            if cut:
                who.speaker, who.end = text[ph[0].s : ph[cut - 1].e], ph[cut - 1].e
    if not who or j >= len(toks) or not is_verb(toks, j):
        return None
    rest = toks[j + 1 :]
    if bare and (len(rest) > 5 or any(t.low == "that" for t in rest)):
        return None
    return with_cue(who, toks[j])
