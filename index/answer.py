"""Extractive answers: verbatim statements from the retrieved passages, attributed and cited."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from index.config import EngineConfig
from index.glossary import Entity, Glossary
from index.lexical import analyze
from index.normalize import fold
from index.quotes import Statement, find_statements, sentence_spans, speakers_in
from index.search import Retrieval
from index.store import IndexState
from index.types import Answer, Document, Quote, Source

log = logging.getLogger(__name__)

NOT_FOUND = "I couldn't find that in the corpus."
MAX_QUOTE_CHARS = 420
TOP_PASSAGES = 8

_SPEAKER_Q = re.compile(
    r"\b(?:what|how)\s+(?:did|does|do|has|have|had|is|was)\s+(?P<who>.+?)\s+"
    r"(?:say|said|says|sya|think|thinks|tell|told|claim|state|warn|respond|comment|write|announce|report|call)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^?,.]+)", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:—–]\s+")


@dataclass
class Unit:
    doc: Document
    start: int
    end: int
    speaker: str | None
    affiliation: str | None
    direct: bool
    score: float = 0.0


def speaker_target(question: str) -> str | None:
    m = _SPEAKER_Q.search(question) or _ACCORDING.search(question)
    if not m:
        return None
    who = re.sub(r"^(?:the)\s+", "", m.group("who").strip(), flags=re.IGNORECASE)
    return who or None


@lru_cache(maxsize=4096)
def _statements(text: str) -> tuple[list[Statement], list[tuple[int, int]], dict[str, set[str]]]:
    return find_statements(text), sentence_spans(text), speakers_in(text)


def _speaker_names(entity_matches: list[Entity], target: str | None) -> set[str]:
    names = {fold(target)} if target else set()
    for e in entity_matches:
        names.update(fold(n) for n in (*e.names, *e.people))
    return {n for n in names if n}


def _speaks_for(unit: Unit, names: set[str], aliases: dict[str, set[str]]) -> bool:
    if not names or not unit.speaker:
        return False
    said_by = [unit.speaker, unit.affiliation or ""]
    said_by.extend(aliases.get(unit.speaker, ()))
    hay = " | ".join(fold(s) for s in said_by if s)
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", hay) for n in names)


def _units(doc: Document, lo: int, hi: int) -> list[Unit]:
    """Statements inside [lo, hi), plus plain sentences not covered by a statement."""
    statements, sentences, _ = _statements(doc.text)
    units = [
        Unit(doc, s.start, s.end, s.speaker, s.affiliation, s.kind == "direct")
        for s in statements
        if lo <= s.start and s.end <= hi and s.end > s.start
    ]
    covered = [(u.start, u.end) for u in units]
    for s, e in sentences:
        if s >= lo and e <= hi and not any(cs < e and s < ce for cs, ce in covered):
            units.append(Unit(doc, s, e, None, None, False))
    return units


def _trim(text: str, start: int, end: int, terms: set[str]) -> tuple[int, int]:
    """Keep a long span to the clause window that holds most query terms; stays contiguous."""
    while start < end and text[start] in " \n\t\"“”'‘’":
        start += 1
    while end > start and text[end - 1] in " \n\t\"“”‘":
        end -= 1
    if end - start <= MAX_QUOTE_CHARS:
        return start, end
    cuts = [start] + [m.end() for m in _CLAUSE.finditer(text, start, end)] + [end]
    best, best_score = (start, start + MAX_QUOTE_CHARS), -1.0
    for i, a in enumerate(cuts):
        for b in cuts[i + 1 :]:
            if b - a > MAX_QUOTE_CHARS:
                break
            score = len(terms & set(analyze(text[a:b]))) + (b - a) / 10_000
            if score > best_score:
                best, best_score = (a, b), score
    a, b = best
    if b - a > MAX_QUOTE_CHARS:  # one giant clause: cut at a word boundary
        b = text.rfind(" ", a, a + MAX_QUOTE_CHARS)
        b = b if b > a else a + MAX_QUOTE_CHARS
    while b > a and text[b - 1] in " ,;:—–":
        b -= 1
    return a, b


def _overlap(a: Unit, b: Unit, words: dict[int, set[str]]) -> bool:
    if a.doc.doc_id == b.doc.doc_id and a.start < b.end and b.start < a.end:
        return True
    wa, wb = words[id(a)], words[id(b)]
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) > 0.6


def confidence(retrieval: Retrieval) -> float:
    """How well the best passage answers: dense cosine blended with query-term coverage."""
    if not retrieval.hits:
        return 0.0
    terms = set(retrieval.query_terms)
    extra = set(analyze(" ".join(retrieval.expansion.extra_terms)))
    best_cov = 0.0
    for hit in retrieval.hits[:TOP_PASSAGES]:
        have = set(analyze(hit.chunk.text))
        cov = len(terms & have) / len(terms) if terms else 0.0
        if extra and extra & have:
            cov = max(cov, (len(terms & have) + 1) / (len(terms) + 1))
        best_cov = max(best_cov, cov)
    retrieval.best_coverage = best_cov
    return 0.5 * retrieval.best_dense + 0.5 * best_cov


def compose(question: str, retrieval: Retrieval, state: IndexState, glossary: Glossary,
            config: EngineConfig, max_quotes: int = 4) -> Answer:
    t0 = time.perf_counter()
    conf = confidence(retrieval)
    if conf < config.abstain_threshold or not retrieval.hits:
        closest = [_quote(state.docs[state.doc_index[h.chunk.doc_id]], *_trim(
            state.docs[state.doc_index[h.chunk.doc_id]].text, h.chunk.start, h.chunk.end, set()), None)
            for h in retrieval.hits[:2]]
        ans = Answer(question, True, NOT_FOUND, closest=[q for q in closest if q])
        ans.timings_ms = {"compose": (time.perf_counter() - t0) * 1000, "confidence": round(conf, 3)}
        return ans

    target = speaker_target(question)
    entities = list(retrieval.expansion.entities)
    if target:
        entities += [e for e in glossary.entities_in(target) if e not in entities]
    names = _speaker_names(entities, target) if target else set()
    terms = set(retrieval.query_terms) | set(analyze(" ".join(retrieval.expansion.extra_terms)))
    if target:
        terms -= set(analyze(target))

    units: list[Unit] = []
    words: dict[int, set[str]] = {}
    for rank, hit in enumerate(retrieval.hits[:TOP_PASSAGES]):
        doc = state.docs[state.doc_index[hit.chunk.doc_id]]
        aliases = _statements(doc.text)[2]
        for u in _units(doc, hit.chunk.start, hit.chunk.end):
            w = set(analyze(doc.text[u.start : u.end]))
            words[id(u)] = w
            match = len(terms & w) / max(1, len(terms)) if terms else 0.0
            u.score = 1.0 / (1 + rank) + match
            if target:
                if _speaks_for(u, names, aliases):
                    u.score += 1.5 + (0.3 if u.direct else 0.0)
                elif u.speaker is None and not match:
                    u.score -= 0.5
            elif u.speaker:
                u.score += 0.1
            units.append(u)
    units.sort(key=lambda u: -u.score)
    chosen: list[Unit] = []
    for u in units:
        if len(chosen) >= max_quotes:
            break
        if any(_overlap(u, c, words) for c in chosen):
            continue
        if chosen and u.score < 0.5 * chosen[0].score:
            break
        chosen.append(u)

    # Group by document (best document first), in reading order inside each.
    doc_order: list[str] = []
    for u in chosen:
        if u.doc.doc_id not in doc_order:
            doc_order.append(u.doc.doc_id)
    chosen.sort(key=lambda u: (doc_order.index(u.doc.doc_id), u.start))
    quotes, sources = [], []
    for u in chosen:
        n = doc_order.index(u.doc.doc_id) + 1
        q = _quote(u.doc, *_trim(u.doc.text, u.start, u.end, terms), u.speaker, n)
        if q:
            quotes.append(q)
    for n, doc_id in enumerate(doc_order, 1):
        d = state.docs[state.doc_index[doc_id]]
        sources.append(Source(n, d.doc_id, d.title, d.url, d.source, d.date))
    ans = Answer(question, False, render_text(quotes, sources), quotes=quotes, sources=sources)
    ans.timings_ms = {"compose": (time.perf_counter() - t0) * 1000, "confidence": round(conf, 3)}
    return ans


def _quote(doc: Document, start: int, end: int, speaker: str | None, n: int = 0) -> Quote | None:
    text = doc.text[start:end]
    if not text.strip():
        return None
    q = Quote(text=text, doc_id=doc.doc_id, start=start, end=end, title=doc.title, url=doc.url,
              source=doc.source, date=doc.date, speaker=speaker, citation=n, page=doc.page_at(start))
    q.pieces = [(start, end)]
    return q


def render_text(quotes: list[Quote], sources: list[Source]) -> str:
    lines = []
    for q in quotes:
        who = f" — {q.speaker}" if q.speaker else ""
        when = f" ({q.date})" if q.date else ""
        lines.append(f"“{q.text}”{who}{when} [{q.citation}]")
    lines.append("")
    lines.append("Sources:")
    for s in sources:
        meta = ", ".join(x for x in (s.source, s.date) if x)
        lines.append(f"[{s.n}] {s.title}" + (f" — {meta}" if meta else "") + (f" — {s.url}" if s.url else ""))
    return "\n".join(lines)
