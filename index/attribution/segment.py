"""Paragraphs, sentences, quotation marks and word tokens, all as offsets into the original text.

The one sentence splitter of the engine: chunking and attribution both use `sentence_spans`.
"""

from __future__ import annotations

import re

from index.attribution.cues import VERBS
from index.attribution.lexicon import ABBREV, PARTICLES, STARTERS

LINE = re.compile(r"[^\n]+")
# Hard-wrapped text (UN speeches: ~50 characters a line) breaks lines inside sentences. A document
# is read as wrapped when enough of its lines are continued by the next one in lower case.
WRAPPED_SHARE = 0.2  # of line pairs; news articles (a paragraph a line) stay under 0.1
WRAPPED_MIN = 3
WRAP_WIDTH_MAX = 120  # wrapped lines are short; a paragraph a line runs far longer
# In wrapped text a line ending a sentence well short of the wrap width ends its paragraph.
SHORT_LINE = 0.75
LINE_END = re.compile(r"[.!?:][”\"’»)\]]*\s*$")


# A sentence's end: its stop, closing marks, then footnote calls ('… required by law.[1] The …').
END = re.compile(r"[.!?]+[”\"’»)\]]*(?:\[\d{1,3}\])*(?=\s)")


OPENERS = "“\"‘«(["


DQ = re.compile(r"[\"“”«»]")


SQ_OPEN = re.compile(rf"\b(?:{VERBS})[,:]?\s+(‘)")


SQ_CLOSE = re.compile(r"’(?![^\W_])")


QUOTE_CHARS = "\"'“”‘’«»"


TOK = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*|[^\w\s]")


ACRONYM = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


SENT_BREAK = re.compile(r"[.!?][”\"’]*\s|\n")


def trim(text: str, s: int, e: int, strip: str = "") -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in strip):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in strip):
        e -= 1
    return s, e


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: a line each, except where the next line runs on.

    A line continued in lower case runs on ('… the most honest\nthoughts', a page break inside a
    paragraph). In hard-wrapped text every line runs on, except before an indented line (when
    indenting is the exception, as UN speeches mark paragraphs) or after a short line that ends
    a sentence."""
    lines = [(m.start(), m.end()) for m in LINE.finditer(text) if not m.group().isspace()]
    width = _wrap_width(text, lines)
    indents_mark = sum(1 for s, _ in lines if text[s].isspace()) < len(lines) / 2
    runs: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        if i and _runs_on(text, lines[i - 1], (s, e), width, indents_mark):
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    out = []
    for s, e in runs:
        s, e = trim(text, s, e)
        if s < e:
            out.append((s, e))
    return out


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The wrap width of a hard-wrapped text, or None when its lines are not wrapped."""
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if b[0] == a[1] + 1]
    continued = sum(1 for _, b in pairs if text[b[0]].islower())
    if continued < WRAPPED_MIN or continued < WRAPPED_SHARE * len(pairs):
        return None
    lengths = sorted(e - s for s, e in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    return width if width <= WRAP_WIDTH_MAX else None


def _runs_on(text: str, line: tuple[int, int], nxt: tuple[int, int], width: int | None,
             indents_mark: bool) -> bool:
    if nxt[0] != line[1] + 1:
        return False  # a blank line between them
    ends_sentence = LINE_END.search(text, line[0], line[1]) is not None
    if width is None:
        return text[nxt[0]].islower() and not ends_sentence
    if indents_mark and text[nxt[0]].isspace():
        return False
    return not (ends_sentence and line[1] - line[0] < SHORT_LINE * width)


def is_boundary(text: str, m: re.Match, ps: int, pe: int) -> bool:
    j = m.end()
    while j < pe and (text[j].isspace() or text[j] in OPENERS):
        j += 1
    if j >= pe or not (text[j].isupper() or text[j].isdigit()):
        return False
    if m.group() != ".":
        return True  # "?", "!", or punctuation closed by a quote mark
    i = m.start()
    while i > ps and not text[i - 1].isspace() and text[i - 1] not in OPENERS:
        i -= 1
    word = text[i : m.start()]
    if word.lower() in ABBREV or (len(word) == 1 and word.isupper()):
        return False
    if "." in word and ACRONYM.fullmatch(word):  # U.N., U.S.: only before a sentence starter
        nxt = re.match(r"[^\W\d_]+", text[j : j + 20])
        return bool(nxt) and nxt.group() in STARTERS
    return True


def sentences_in(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    out, s = [], ps
    for m in END.finditer(text, ps, pe):
        if is_boundary(text, m, ps, pe):
            a, b = trim(text, s, m.end())
            if a < b:
                out.append((a, b))
            s = m.end()
    a, b = trim(text, s, pe)
    if a < b:
        out.append((a, b))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; a paragraph's end always ends a sentence."""
    return [span for ps, pe in paragraphs(text) for span in sentences_in(text, ps, pe)]


def quotes_in(text: str, ps: int, pe: int) -> list[tuple[int, int | None]]:
    """(opening mark, closing mark or None if the paragraph ends first)."""
    out: list[tuple[int, int | None]] = []
    open_: int | None = None
    nested = 0  # '“… what he calls “hell” than …”': a quotation inside one, not its own
    for m in DQ.finditer(text, ps, pe):
        i, c = m.start(), m.group()
        if c in "“«":
            rest = text[i:pe]
            if open_ is not None and sum(rest.count(x) for x in "”»") > sum(rest.count(x) for x in "“«"):
                nested += 1  # enough closing marks ahead for this one and the open one
            else:
                open_ = i  # a second opener means the first was never closed: drop it
        elif c in "”»" and nested:
            nested -= 1
        elif c in "”»":
            if open_ is not None:
                out.append((open_, i))
                open_ = None
            elif (i == ps or text[i - 1] == "\n") and i + 1 < pe and not text[i + 1].isspace():
                open_ = i  # '”Fear. I am …' opening a line: a closing mark typed as the opener
        elif open_ is not None:
            out.append((open_, i))
            open_ = None
        elif i + 1 < pe and not text[i + 1].isspace():
            open_ = i
    if open_ is not None:
        out.append((open_, None))
    for m in SQ_OPEN.finditer(text, ps, pe):
        o = m.start(1)
        if any(a < o and (b is None or o < b) for a, b in out):
            continue
        close = SQ_CLOSE.search(text, o + 1, pe)
        if close:
            out.append((o, close.start()))
    out.sort()
    return out


class Tok:
    __slots__ = ("s", "e", "t", "low", "cap", "word")

    def __init__(self, text: str, s: int, e: int):
        self.s, self.e, self.t = s, e, text[s:e]
        self.low = self.t.lower()
        self.word = self.t[0].isalnum()
        self.cap = self.t[0].isupper() or (self.word and "." in self.t and self.t.isupper()) or (
            self.t[:4].lower() in PARTICLES and self.t[4:5].isupper()) or (
            self.t[:3].lower() in PARTICLES and self.t[3:4].isupper())  # al-Hassan, el-Sisi


def tokens(text: str, a: int, b: int) -> list[Tok]:
    out: list[Tok] = []
    for m in TOK.finditer(text, a, b):
        s, e = m.span()
        if out and s < out[-1].e:
            continue  # the dot already joined to the previous word
        # Keep the dot of "U.N." / "Mr." with its word; a lone "." ends the sentence.
        if e < b and text[e] == "." and (ACRONYM.fullmatch(m.group()) and (
                len(m.group()) == 1 or "." in m.group()) or m.group().lower() in ABBREV):
            e += 1
        out.append(Tok(text, s, e))
    return out

