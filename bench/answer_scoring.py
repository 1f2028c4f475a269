"""Scoring of answers on the mixed question set: hits, verbatim, citations, abstention, speakers.

Pure functions over the engine's `Answer`/`Quote` records and the stored document texts, so the
unit tests feed them tiny hand-made answers. The hit definition is the one `eval_answers.py` has
always used: a quote from an expected document covers at least half of an expected span.

Speaker correctness is scored on hits only (a wrong quote has no right speaker): the quote that
made the hit must name the expected speaker, by a shared distinctive name token ("Laurence" for
"Jeremy Laurence") or because both names belong to one glossary entity ("HRW" and "Human Rights
Watch"; a spokesperson and the office they speak for). When the expected span is narrative
(`expected_speaker` null) the quote's speaker must be null or the document's publisher.
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

# Words that do not identify a speaker on their own: "U.N. human rights office" and "rights
# groups" share "rights" but are different speakers.
GENERIC_WORDS = frozenset(
    """the a an of for and on in at to by s un united nations human rights office offices group
    groups international national commission committee council association union agency
    organization organisation ministry spokesman spokesperson spokeswoman director president
    senior member members official officials deputy chief head general secretary dozen several
    org com www news""".split()
)


def fold(name: str) -> str:
    """Lower case, accents dropped, dots in acronyms removed ("U.N." → "un")."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"(?<=\b\w)\.", "", bare.lower())


def name_tokens(name: str) -> list[str]:
    return re.findall(r"\w+", fold(name))


def distinctive(name: str) -> set[str]:
    return {t for t in name_tokens(name) if t not in GENERIC_WORDS and len(t) > 1}


@dataclass(frozen=True)
class Aliases:
    """Glossary entities as sets of folded names (organisation names and their people)."""

    groups: tuple[frozenset[str], ...] = ()

    @classmethod
    def from_glossary(cls, path: Path) -> Aliases:
        if not path.is_file():
            return cls()
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        groups = []
        for entity in data.get("entity", []):
            names = [*entity.get("names", []), *entity.get("people", [])]
            groups.append(frozenset(" ".join(name_tokens(n)) for n in names))
        return cls(tuple(groups))

    @classmethod
    def from_paths(cls, paths: Iterable[Path]) -> Aliases:
        return cls(tuple(g for p in paths for g in cls.from_glossary(p).groups))

    def entities_of(self, name: str) -> set[int]:
        """Entities one of whose names is the name, or a whole-word part of it."""
        folded = " ".join(name_tokens(name))
        padded = f" {folded} "
        found = set()
        for i, group in enumerate(self.groups):
            if any(alias == folded or (alias and f" {alias} " in padded) for alias in group):
                found.add(i)
        return found


def same_speaker(got: str | None, expected: str | None, aliases: Aliases = Aliases()) -> bool:
    if not got or not expected:
        return False
    want, have = distinctive(expected), distinctive(got)
    if want & have:
        return True
    if not want:  # only generic words ("rights groups", "police"): the phrase must be there
        phrase = " ".join(name_tokens(expected))
        return phrase != "" and f" {phrase} " in f" {' '.join(name_tokens(got))} "
    return bool(aliases.entities_of(got) & aliases.entities_of(expected))


def defined_as(a: str, b: str, text: str) -> bool:
    """The document defines one name as the other: "Long Name (ACRONYM)"."""
    a, b = a.strip(), b.strip()
    return bool(a and b) and (f"{a} ({b})" in text or f"{b} ({a})" in text)


def speaker_correct(
    got: str | None,
    expected: str | None,
    publisher: str,
    aliases: Aliases = Aliases(),
    text: str = "",
) -> bool:
    """`text` is the quoted document: acronyms it defines count as aliases."""
    if expected is None:
        return got is None or (bool(publisher) and same_speaker(got, publisher, aliases))
    return same_speaker(got, expected, aliases) or (
        got is not None and defined_as(re.sub(r"^the\s+", "", got, flags=re.I), expected, text)
    )


def span_ranges(text: str, span: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(span)
    while pos >= 0:
        out.append((pos, pos + len(span)))
        pos = text.find(span, pos + 1)
    return out


def covers(quote, text: str, spans: Iterable[str]) -> tuple[bool, bool]:
    """(hit, strict): the quote overlaps half of an expected span / holds one whole."""
    hit = strict = False
    for span in spans:
        for a, b in span_ranges(text, span):
            overlap = min(b, quote.end) - max(quote.start, a)
            strict |= quote.start <= a and b <= quote.end
            hit |= overlap >= 0.5 * (b - a)
    return hit, strict


@dataclass
class QuestionResult:
    id: str
    kind: str
    split: str
    answerable: bool
    declined: bool  # abstained, or answered with no quote at all
    hit: bool = False
    strict: bool = False
    speaker_ok: bool | None = None  # None unless hit
    hit_quote: int | None = None  # index in `returned` of the quote that made the hit
    quotes: int = 0
    verbatim: int = 0
    citations_ok: int = 0
    confidence: float = 0.0
    returned: list[dict] = field(default_factory=list)


def score_answer(question: dict, answer, docs: dict, aliases: Aliases = Aliases()) -> QuestionResult:
    """Score one engine answer; `docs` maps doc_id → stored Document (text, source)."""
    result = QuestionResult(
        id=question["id"],
        kind=question["kind"],
        split=question.get("split", ""),
        answerable=question["answerable"],
        declined=answer.abstained or not answer.quotes,
        confidence=answer.confidence,
    )
    expected = set(question["expected_doc_ids"])
    for quote in answer.quotes:
        doc = docs.get(quote.doc_id)
        verbatim = doc is not None and doc.text[quote.start : quote.end] == quote.text
        cited = answer.sources[quote.citation - 1] if 0 < quote.citation <= len(answer.sources) else None
        result.quotes += 1
        result.verbatim += verbatim
        result.citations_ok += verbatim and cited is not None and cited.doc_id == quote.doc_id
        result.returned.append({"doc_id": quote.doc_id, "speaker": quote.speaker, "text": quote.text,
                                "start": quote.start, "end": quote.end})
        if not question["answerable"] or quote.doc_id not in expected or doc is None:
            continue
        hit, strict = covers(quote, doc.text, question["expected_spans"])
        result.strict |= strict
        if hit and not result.hit:
            result.hit = True
            result.hit_quote = len(result.returned) - 1
            result.speaker_ok = speaker_correct(
                quote.speaker, question.get("expected_speaker"), doc.source, aliases, doc.text
            )
    return result


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def summarize(results: list[QuestionResult]) -> dict:
    """The figures of one group of questions (a split, a kind); None where undefined."""
    answerable = [r for r in results if r.answerable]
    negative = [r for r in results if not r.answerable]
    hits = [r for r in answerable if r.hit]
    declined = [r for r in results if r.declined]
    quotes = sum(r.quotes for r in results)
    return {
        "questions": len(results),
        "answerable": len(answerable),
        "hits": len(hits),
        "hit_rate": ratio(len(hits), len(answerable)),
        "hit_rate_strict": ratio(sum(r.strict for r in answerable), len(answerable)),
        "quotes": quotes,
        "verbatim_rate": ratio(sum(r.verbatim for r in results), quotes),
        "citation_correctness": ratio(sum(r.citations_ok for r in results), quotes),
        "abstention_precision": ratio(sum(not r.answerable for r in declined), len(declined)),
        "abstention_recall": ratio(sum(r.declined for r in negative), len(negative)),
        "speaker_correctness": ratio(sum(bool(r.speaker_ok) for r in hits), len(hits)),
    }


def summarize_by(results: list[QuestionResult], splits: Iterable[str]) -> dict:
    """{split: {"all": summary, "by_kind": {kind: summary}}} for each requested split."""
    out = {}
    for split in splits:
        chosen = [r for r in results if split == "all" or r.split == split]
        kinds = sorted({r.kind for r in chosen})
        out[split] = {
            "all": summarize(chosen),
            "by_kind": {k: summarize([r for r in chosen if r.kind == k]) for k in kinds},
        }
    return out
