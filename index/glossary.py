"""Acronyms, aliases and spokespeople: turn "what did OHCHR say?" into what the corpus says.

The glossary only rewrites questions, so editing `corpus/glossary.toml` never needs a reindex.
The built-in glossary (`index/data/glossary.toml`) is product knowledge; a corpus glossary
extends it and overrides the entries it shares a name with.
Matching is a dict of folded n-grams (plus a dict of case-sensitive single tokens), so a short
question costs a few dozen dict look-ups whatever the size of the glossary. The matching rules
are documented in the header of `index/data/glossary.toml`.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import QuotebotError
from index.normalize import STOPWORDS, Span, tokens, word_spans

log = logging.getLogger(__name__)

BUILTIN_PATH = Path(__file__).parent / "data" / "glossary.toml"

# Words that make an ambiguous acronym ("AI") mean the rights organisation.
RIGHTS_CONTEXT = frozenset(
    """rights abuse abuses violation violations torture tortured prisoner prisoners detention
    detained detainee detainees refugee refugees asylum crimes humanitarian activist activists
    dissident dissidents execution executions repression persecution amnesty""".split()
)
# Words before a surname that still let it stand alone ("High Commissioner Türk").
_TITLES = frozenset(
    """commissioner chief spokesperson spokesman spokeswoman director president secretary
    general envoy rapporteur prosecutor mr ms mrs dr executive head minister""".split()
)
# A rewritten question gets "the" before an alias naming an institution ("the UN rights office").
_HEAD_NOUNS = frozenset(
    """office agency chief council court forces military army assembly commission union kingdom
    states emirates nations organization organisation programme program fund republic
    commissioner""".split()
)
_DETERMINERS = frozenset("the a an its their his her our this that".split())


class GlossaryError(QuotebotError):
    """The glossary file cannot be read; the message names the file and where."""


@dataclass
class Entity:
    names: list[str]  # the first is the canonical short name
    people: list[str] = field(default_factory=list)
    ambiguous: bool = False
    # Outlets/hosts whose documents are this organisation's own statements ("hrw.org").
    sites: list[str] = field(default_factory=list)


@dataclass
class _Match:
    entity: int
    start: int  # character offsets of the matched text in the original string
    end: int
    person: str = ""  # set when the match is a person's name


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return " " not in name.strip() and len(letters) >= 2 and all(c.isupper() for c in letters)


def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in words)


def _dedupe_key(name: str) -> str:
    """Names that read the same to a search engine: "the United Nations" == "UN"."""
    return " ".join(t for t in tokens(name) if t != "the").replace("united nations", "un")


class Glossary:
    def __init__(self, entities: Iterable[Entity] = (), *, mined: bool = False) -> None:
        self.entities = list(entities)
        # Mined acronyms ("DAWN", "BIRD") may spell ordinary words: they only match in capitals.
        self._exact_case = [mined] * len(self.entities)
        self._build()

    def _build(self) -> None:
        self._folded: dict[tuple[str, ...], tuple[int, str]] = {}
        self._cased: dict[str, tuple[int, str, str]] = {}  # word -> (entity, kind, person)
        surnames: dict[str, set[int]] = defaultdict(set)
        for idx, ent in enumerate(self.entities):
            for name in ent.names:
                words = [s.word for s in word_spans(name)]
                if not words:
                    continue
                short = sum(c.isalpha() for c in name) <= 3 or self._exact_case[idx]
                if len(words) == 1 and ((_is_acronym(name) and short) or ent.ambiguous):
                    # Only an ambiguous *acronym* needs context; "Amnesty" in capitals is clear.
                    kind = "ambiguous" if ent.ambiguous and _is_acronym(name) else "name"
                    self._cased.setdefault(words[0], (idx, kind, ""))
                else:
                    self._folded.setdefault(_key(words), (idx, ""))
            for person in ent.people:
                words = [s.word for s in word_spans(person)]
                if words:
                    self._folded.setdefault(_key(words), (idx, person))
                if len(words) > 1 and words[-1].casefold() not in STOPWORDS:
                    surnames[words[-1]].add(idx)
        for idx, ent in enumerate(self.entities):
            for person in ent.people:
                words = [s.word for s in word_spans(person)]
                last = words[-1] if len(words) > 1 else ""
                # A surname shared by two entities' people, or equal to a name, is no clue.
                if last and surnames.get(last) == {idx} and (last.casefold(),) not in self._folded:
                    self._cased.setdefault(last, (idx, "surname", person))
        self._lengths = sorted({len(k) for k in self._folded}, reverse=True)

    def __len__(self) -> int:
        return len(self.entities)

    def __repr__(self) -> str:
        return f"Glossary({len(self.entities)} entities)"

    @classmethod
    def load(cls, path: Path | None) -> Glossary:
        if path is None or not Path(path).is_file():
            log.info("no glossary at %s; using an empty one", path)
            return cls()
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise GlossaryError(f"Glossary {path} is not valid TOML: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise GlossaryError(f"Glossary {path} is not UTF-8 text: {exc}") from exc
        except OSError as exc:
            raise GlossaryError(f"Glossary {path} cannot be read: {exc}") from exc
        return cls(_parse(data, path, text))

    @classmethod
    def builtin(cls) -> Glossary:
        return cls.load(BUILTIN_PATH)

    @classmethod
    def layered(cls, corpus_file: Path | None) -> Glossary:
        """The built-in glossary extended by a corpus's own: an entry of the corpus file that
        shares a name with a built-in one replaces it."""
        own = cls.load(corpus_file)
        taken = {_dedupe_key(n) for e in own.entities for n in e.names}
        kept = [e for e in cls.builtin().entities if not any(_dedupe_key(n) in taken for n in e.names)]
        return cls([*own.entities, *kept])

    def publisher(self, source: str, url: str) -> str | None:
        """The organisation whose own site published a document, by outlet or URL host."""
        host = re.sub(r"^https?://(?:www\.)?([^/:]+).*$", r"\1", url.strip().lower())
        outlet = source.strip().lower().removeprefix("www.")
        for e in self.entities:
            for site in e.sites:
                site = site.lower()
                if outlet == site or host == site or host.endswith("." + site):
                    return next((n for n in e.names if not _is_acronym(n)), e.names[0])
        return None

    def merged(self, mined: Glossary) -> Glossary:
        """Shipped/moderator entries win; a mined entity only adds a name nobody knows yet."""
        known = {_dedupe_key(n) for e in self.entities for n in e.names}
        out = Glossary()
        for ent, exact in zip(mined.entities, mined._exact_case, strict=True):
            if not any(_dedupe_key(n) in known for n in ent.names):
                known.update(_dedupe_key(n) for n in ent.names)
                out.entities.append(ent)
                out._exact_case.append(exact)
        out.entities[:0] = self.entities
        out._exact_case[:0] = self._exact_case
        out._build()
        return out

    def _matches(self, text: str) -> list[_Match]:
        spans = word_spans(text)
        words = [s.word for s in spans]
        folded = [w.casefold() for w in words]
        shouting = (
            sum(1 for w in words if len(w) > 1 and w.isupper() and w.lower() in STOPWORDS) >= 2
        )
        rights = not RIGHTS_CONTEXT.isdisjoint(folded)
        out: list[_Match] = []
        i = 0
        while i < len(spans):
            hit = None
            for n in self._lengths:
                if i + n <= len(spans) and (found := self._folded.get(tuple(folded[i : i + n]))):
                    hit = _Match(found[0], spans[i].start, spans[i + n - 1].end, found[1])
                    i += n
                    break
            if hit is None:
                cased = self._cased.get(words[i])
                if cased and not shouting and self._cased_ok(cased[1], spans, i, rights):
                    hit = _Match(cased[0], spans[i].start, spans[i].end, cased[2])
                i += 1
            if hit:
                out.append(hit)
        return out

    @staticmethod
    def _cased_ok(kind: str, spans: list[Span], i: int, rights: bool) -> bool:
        if kind == "ambiguous":
            return rights
        if kind == "surname":
            # "Hassan Nasrallah" / "Ahmed Hassan" are other people.
            nxt = spans[i + 1].word if i + 1 < len(spans) else ""
            prev = spans[i - 1].word if i > 0 else ""
            if nxt[:1].isupper():
                return False
            return not (i > 1 and prev[:1].isupper() and prev.casefold() not in _TITLES)
        return True

    def entities_in(self, text: str) -> list[Entity]:
        seen: dict[int, None] = {}
        for m in self._matches(text):
            seen.setdefault(m.entity)
        return [self.entities[i] for i in seen]

    def expand(self, query: str) -> Expansion:
        matches = self._matches(query)
        order = list(dict.fromkeys(m.entity for m in matches))
        entities = [self.entities[i] for i in order]
        present = {_dedupe_key(query[m.start : m.end]) for m in matches}
        extra: list[str] = []
        for ent in entities:
            for term in (*ent.names, *ent.people):
                key = _dedupe_key(term)
                if key and key not in present:
                    present.add(key)
                    extra.append(term)
        rewrites: list[list[str]] = []
        for ent_idx in order:
            m = next(m for m in matches if m.entity == ent_idx)
            ent = self.entities[ent_idx]
            seen = {_dedupe_key(query[m.start : m.end])}
            variants = []
            for alias in ([m.person] if m.person else []) + ent.names:
                if (key := _dedupe_key(alias)) not in seen:
                    seen.add(key)
                    variants.append(_rewrite(query, m, alias, alias in ent.names))
            rewrites.append(variants)
        dense = [v for group in _interleave(rewrites) for v in group]
        return Expansion(query, entities, extra, _dense=dense)


@dataclass
class Expansion:
    query: str
    entities: list[Entity]
    extra_terms: list[str]
    _dense: list[str] = field(default_factory=list, repr=False)

    def lexical_query(self) -> str:
        return " ".join([self.query, *self.extra_terms])

    def dense_queries(self, limit: int = 4) -> list[str]:
        """The question, then up to `limit` rewrites naming the entity another way."""
        return [self.query, *list(dict.fromkeys(self._dense))[:limit]]


def _interleave(groups: list[list[str]]) -> Iterable[list[str]]:
    for i in range(max((len(g) for g in groups), default=0)):
        yield [g[i] for g in groups if i < len(g)]


def _rewrite(query: str, m: _Match, alias: str, is_name: bool) -> str:
    before = query[: m.start]
    prev = before.split()[-1].casefold() if before.split() else ""
    words = tokens(alias)
    institution = is_name and not _is_acronym(alias) and not _HEAD_NOUNS.isdisjoint(words)
    article = "the " if institution and prev not in _DETERMINERS else ""
    if not institution and prev == "the":  # "the UN rights office" -> "OHCHR", not "the OHCHR"
        before = before.rstrip()[:-3]
    return f"{before}{article}{alias}{query[m.end :]}"


def _parse(data: dict, path: Path, text: str) -> list[Entity]:
    headers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[entity]]"]
    unknown = set(data) - {"entity"}
    if unknown:
        raise GlossaryError(
            f"Glossary {path}: unknown top-level key(s) {sorted(unknown)}; expected [[entity]] tables"
        )
    raw = data.get("entity", [])
    if not isinstance(raw, list):
        raise GlossaryError(f"Glossary {path}: 'entity' must be written as [[entity]] tables")
    entities = []
    for i, item in enumerate(raw):
        where = f"Glossary {path}, entity #{i + 1}" + (
            f" (line {headers[i]})" if i < len(headers) else ""
        )
        if not isinstance(item, dict):
            raise GlossaryError(f"{where}: expected a table")
        bad_keys = set(item) - {"names", "people", "ambiguous", "sites"}
        if bad_keys:
            raise GlossaryError(
                f"{where}: unknown key(s) {sorted(bad_keys)}; allowed: names, people, ambiguous, sites"
            )
        names, people, sites = item.get("names"), item.get("people", []), item.get("sites", [])
        for label, value, required in (
            ("names", names, True), ("people", people, False), ("sites", sites, False)
        ):
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                raise GlossaryError(f"{where}: '{label}' must be a list of non-empty strings")
            if required and not value:
                raise GlossaryError(f"{where}: 'names' must list at least one name")
        if not isinstance(item.get("ambiguous", False), bool):
            raise GlossaryError(f"{where}: 'ambiguous' must be true or false")
        entities.append(
            Entity(
                [n.strip() for n in names],
                [p.strip() for p in people],
                item.get("ambiguous", False),
                [x.strip() for x in sites],
            )
        )
    return entities


# --- mining "Long Form (ACR)" and "ACR (Long Form)" from the corpus ---------------------------

_FUNCTION = frozenset("of the for and & on in to a an at by de du des la le et".split())
_PAREN_ACR = re.compile(r"\(\s*(?:the\s+)?([A-Z][A-Za-z.&]{1,11})\s*\)")
_ACR_PAREN = re.compile(r"(?<![\w.])([A-Z][A-Za-z.&]{1,11})\s+\(([^()\n]{3,150})\)")
_WORD_EDGE = "\"'“”‘’«»"


def _clean_acronym(raw: str) -> str | None:
    acr = raw.replace(".", "")
    if not 2 <= len(acr) <= 8 or not acr.isalpha() and "&" not in acr:
        return None
    letters = [c for c in acr if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return acr if acr[0].isupper() and upper >= max(2, 0.6 * len(letters)) else None


def _initials_match(acr: str, words: list[str]) -> bool:
    """Each content word gives its initial (plus inner capitals: "UN"), function words may."""
    letters = acr.casefold().replace("&", "")

    def go(a: int, w: int) -> bool:
        if w == len(words):
            return a == len(letters)
        word = words[w]
        # Function words and qualifiers in capitals ("UN", "U.N.") may be left out.
        skippable = word.casefold() in _FUNCTION or (len(word) > 1 and word.isupper())
        if skippable and w > 0 and go(a, w + 1):
            return True
        if a == len(letters) or word[:1].casefold() != letters[a]:
            return False
        caps = [c.casefold() for c in word[1:] if c.isupper()]
        for k in range(len(caps), -1, -1):  # use the word's inner capitals or not
            if letters[a + 1 : a + 1 + k] == "".join(caps[:k]) and go(a + 1 + k, w + 1):
                return True
        return False

    return len(letters) <= 12 and go(0, 0)


def _split_words(phrase: str) -> list[str]:
    return [w.strip(_WORD_EDGE) for w in re.split(r"[\s\-–—]+", phrase) if w.strip(_WORD_EDGE)]


def _long_before(text: str, pos: int, acr: str) -> str | None:
    window = text[max(0, pos - 250) : pos]
    window = re.split(r"[.;:,!?()\n\"“”]", window)[-1]
    words = _split_words(window)[-(2 * len(acr) + 4) :]
    for start in range(len(words) - 1, -1, -1):  # shortest long form first
        if words[start][:1].isupper() and words[start].casefold() not in _FUNCTION:
            if len(words) - start >= 2 and _initials_match(acr, words[start:]):
                return " ".join(words[start:])
    return None


def acronym_forms(text: str) -> dict[str, Counter[str]]:
    """The acronyms one text defines, each with how often each long form defines it."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for m in _PAREN_ACR.finditer(text):
        if (acr := _clean_acronym(m.group(1))) and (long := _long_before(text, m.start(), acr)):
            forms[acr][long] += 1
    for m in _ACR_PAREN.finditer(text):
        acr = _clean_acronym(m.group(1))
        words = _split_words(m.group(2))
        if words and words[0].casefold() == "the":
            words = words[1:]
        if acr and len(words) >= 2 and words[0][:1].isupper() and _initials_match(acr, words):
            forms[acr][" ".join(words)] += 1
    return forms


def glossary_of_forms(per_text: Iterable[dict[str, Counter[str]] | dict[str, dict[str, int]]]) -> Glossary:
    """Merge texts' acronym forms (`acronym_forms`, possibly cached per document): each acronym
    with its most common long form, commonest acronym first."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for one in per_text:
        for acr, longs in one.items():
            forms[acr].update(longs)
    ranked = sorted(forms.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    return Glossary((Entity([acr, c.most_common(1)[0][0]], []) for acr, c in ranked), mined=True)


def mine_acronyms(texts: Iterable[str]) -> Glossary:
    """Acronyms defined in the texts, each with its most common long form, commonest first."""
    return glossary_of_forms(acronym_forms(t) for t in texts)
