"""How people type: folding, tokens, content words and typo repair.

Everything that compares user text with corpus text goes through `fold`/`tokens`, so "Türk",
"Turk", "TÜRK" and "Tu\u0308rk" are one token and "U.N." is the same word as "UN".
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Container, Iterable, Mapping
from typing import NamedTuple

log = logging.getLogger(__name__)

# Zero-width, bidi controls, soft hyphen and BOM: invisible, but they split words apart.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_TRANSLATE = {ord(c): None for c in _INVISIBLE}
_TRANSLATE |= {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\uff07`\u00b4"}
_TRANSLATE |= {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"}
_TRANSLATE |= {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
# Letters that NFKD does not decompose but that people type without the mark.
_LETTERS = "ø:o Ø:O ł:l Ł:L đ:d Đ:D ı:i ß:ss þ:th Þ:Th ð:d Ð:D æ:ae Æ:AE œ:oe Œ:OE"
_TRANSLATE |= {ord(k): v for k, v in (pair.split(":") for pair in _LETTERS.split())}
# Only the diacritic blocks of Latin, Greek, Cyrillic, Hebrew and Arabic: stripping every
# combining character would also eat the vowel signs of Indic scripts.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0670\u1ab0-\u1aff"
    "\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
# Acronyms with dots ("U.N.", "U.S") come first so they become one token; then thousands
# ("1,000" -> "1000"); then words with inner apostrophes ("O'Brien", "children's").
_TOKEN = re.compile(
    r"(?<![^\W_])[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_])"
    r"|\d{1,3}(?:,\d{3})+(?!\d)"
    r"|[^\W_]+(?:'[^\W_]+)*"
)


# The characters `_TRANSLATE` replaces, found by one regex scan: `str.translate` with a dict
# looks up every character and was most of folding a passage (10× slower, bench/run.py's
# compose stage); these characters are a few per paragraph.
_REPLACED = {chr(k): v or "" for k, v in _TRANSLATE.items()}
_TO_REPLACE = re.compile("[" + "".join(re.escape(c) for c in _REPLACED) + "]")


def _replace(match: re.Match) -> str:
    return _REPLACED[match.group()]


def _clean(text: str) -> str:
    """Everything `fold` does except casefolding and collapsing whitespace."""
    text = _TO_REPLACE.sub(_replace, text)
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """Casefolded, accent-free, straight-quoted text with single spaces."""
    # str.split() splits on exactly what \s matches, and is 3× faster than substituting it.
    return " ".join(_clean(text).casefold().split())


def _norm_token(raw: str) -> str:
    if "." in raw and not raw[0].isdigit():
        return raw.replace(".", "")
    if "," in raw:
        return raw.replace(",", "")
    if "'" in raw:
        if raw[-2:] in ("'s", "'S"):
            raw = raw[:-2]
        return raw.replace("'", "")
    return raw


def tokens(text: str) -> list[str]:
    """Folded word tokens: "U.N.-backed" -> ["un", "backed"], "Türk's" -> ["turk"]."""
    # Most tokens are plain words with nothing to normalise.
    return [t if t.isalnum() else _norm_token(t) for t in _TOKEN.findall(fold(text))]


class Span(NamedTuple):
    """A token with its case kept (accents stripped) and its place in the original text."""

    word: str
    start: int
    end: int


def word_spans(text: str) -> list[Span]:
    """Tokens as `tokens` cuts them, case kept, with offsets into `text` itself."""
    if text.isascii() and "`" not in text:
        cleaned, where = text, None
    else:
        parts: list[str] = []
        where = []
        for i, ch in enumerate(text):
            out = ch if ch.isascii() and ch != "`" else _clean(ch)
            parts.append(out)
            where.extend([i] * len(out))
        cleaned = "".join(parts)
        where.append(len(text))
    spans = []
    for m in _TOKEN.finditer(cleaned):
        start, end = m.span()
        if where is not None:
            start, end = where[start], where[end - 1] + 1
        spans.append(Span(_norm_token(m.group()), start, end))
    return spans


STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any anybody anyone anything are aren
    around as at be because been before being below between both but by can cannot could couldn
    d did didn do does doesn doing don done down during each either else etc ever every few for
    from further get gets getting give go going gone got had hadn has hasn have haven having he her
    here hers herself him himself his how however i if in into is isn it its itself just ll m ma
    may me might more most much must mustn my myself neither no nor not now o of off on once only
    or other others our ours ourselves out over own re s same shall shan she should shouldn so
    some something such t than that the their theirs them themselves then there these they this
    those through to too under until up upon us ve very was wasn we were weren what whatever when
    whenever where wherever whether which while who whoever whom whose why will with within
    without won would wouldn y yet you your yours yourself yourselves
    what's whats who's whos
    say says said saying tell told telling talk talked talking speak spoke mention mentioned
    comment commented comments state stated think thought know knew show shows find look
    please pls plz thanks thank thx hey hi hello ok okay yes yeah bot quotebot quote quotes
    anything something someone somebody give gave kind sort regarding re concerning
    """.split()
)

# Question words people mistype most; a token that is one adjacent swap away from one of them
# ("sya", "waht", "teh") is chat noise, not a content word. Left out: "does" ("dose", "odes")
# and "from" ("form") whose swaps are real words.
_CHAT_WORDS = (
    "what did say said about tell please who when where which how why the have has was were "
    "they their this that with"
).split()


def _swaps(word: str) -> Iterable[str]:
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]


_CHAT_TYPOS = frozenset(s for w in _CHAT_WORDS for s in _swaps(w)) - STOPWORDS


def _shouting(words: list[str]) -> bool:
    """A question typed in capitals: uppercase says nothing about acronyms then."""
    return sum(1 for w in words if len(w) > 1 and w.isupper() and w.lower() in STOPWORDS) >= 2


def content_words(text: str, vocabulary: Container[str] | None = None) -> list[str]:
    """Folded tokens of `text` minus stopwords and mistyped question words.

    An acronym typed in capitals stays even when it spells a stopword ("US", "WHO", "IT"),
    unless the whole question is shouted. A token found in `vocabulary` is never treated as a
    mistyped question word.
    """
    spans = [s.word for s in word_spans(text)]
    shout = _shouting(spans)
    out = []
    for word in spans:
        folded = word.casefold()
        if len(word) > 1 and word.isupper() and not shout and not word.isdigit():
            out.append(folded)
            continue
        if folded in STOPWORDS or (len(folded) == 1 and folded.isalpha()):
            continue
        if folded in _CHAT_TYPOS and not (vocabulary is not None and folded in vocabulary):
            continue
        out.append(folded)
    return out


def damerau_levenshtein(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions, swaps."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


class TypoFixer:
    """Symmetric-delete (SymSpell-style) spelling repair against a corpus vocabulary.

    Build it once per index. Words of `min_length` or more get `max_edits` edits, words of
    `long_word` or more one edit more; three-letter words only get adjacent swaps ("sya" ->
    "say"), because any other edit of a three-letter word makes another real word. Among the
    candidates the nearest wins, then the most frequent, then the alphabetically first.
    """

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        max_edits: int = 1,
        min_length: int = 4,
        long_word: int = 8,
    ) -> None:
        self.vocabulary = dict(vocabulary)
        self.max_edits = max_edits
        self.min_length = min_length
        self.long_word = long_word
        self._index: dict[str, list[str]] = {}
        self._cache: dict[str, str] = {}
        for word in self.vocabulary:
            if len(word) < 3:
                continue
            # A vocabulary word needs as many deletes as the longest query may spend on it:
            # a 2-edit query (>= long_word) only needs 2 deletes on words >= long_word.
            depth = max_edits + (1 if len(word) >= long_word else 0)
            for d in _deletes(word, depth):
                self._index.setdefault(d, []).append(word)
        log.debug("typo index: %d words, %d keys", len(self.vocabulary), len(self._index))

    def _allowed(self, word: str) -> int:
        if len(word) >= self.long_word:
            return self.max_edits + 1
        return self.max_edits if len(word) >= self.min_length else 0

    def _best(self, candidates: Iterable[str], word: str, limit: int) -> str:
        best: tuple[int, int, str] | None = None
        for cand in set(candidates):
            if abs(len(cand) - len(word)) > limit:
                continue
            dist = damerau_levenshtein(word, cand)
            if dist <= limit:
                key = (dist, -self.vocabulary[cand], cand)
                best = key if best is None or key < best else best
        return best[2] if best else word

    def fix(self, word: str) -> str:
        """`word` itself when known, unfixable or too short; else the best correction."""
        if word in self.vocabulary or not word.isalpha():
            return word
        if word in self._cache:
            return self._cache[word]
        if len(word) == 3:
            fixed = self._best((s for s in _swaps(word) if s in self.vocabulary), word, 1)
        elif (limit := self._allowed(word)) == 0:
            fixed = word
        else:
            cands = (c for d in _deletes(word, limit) for c in self._index.get(d, ()))
            fixed = self._best(cands, word, limit)
        if len(self._cache) < 100_000:
            self._cache[word] = fixed
        return fixed


def fix_typos(words: list[str], vocabulary: Mapping[str, int], max_edits: int = 1) -> list[str]:
    """One-off convenience; an index should build a `TypoFixer` once and reuse it."""
    fixer = TypoFixer(vocabulary, max_edits=max_edits)
    return [fixer.fix(w) for w in words]
