"""Extractive answers: verbatim statements from the retrieved passages, attributed and cited."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from index.attribution import Statement, attribute, sentence_spans
from index.attribution.speaker_index import speaker_aliases
from index.config import EngineConfig
from index.glossary import Entity, Glossary
from index.lexical import analyze
from index.normalize import STOPWORDS, fold, tokens
from index.search import Retrieval, coverage, term_set
from index.store import IndexState
from index.types import Answer, Document, Quote, Source

log = logging.getLogger(__name__)

NOT_FOUND = "I couldn't find that in the corpus."
MAX_QUOTE_CHARS = 420
TOP_PASSAGES = 12
W_DENSE, W_CHUNK, W_DOC = 0.5, 0.25, 0.25
UNKNOWN_NAME_PENALTY = 0.08
W_SEMANTIC = 1.0
RERANK_CHARS = 250

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
    role: str | None = None
    speaks: bool = False  # said by the person/organisation the question asks about


_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today|last (?:week|month|year)|(?:19|20)\d\d)\b"
)
_NUMBER = re.compile(r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"dozens?|hundreds?|thousands?|millions?)\b", re.IGNORECASE)
_STANCE = re.compile(r"\b(?:should|must|urge[sd]?|call(?:s|ed)? on|need(?:s|ed)? to|ought)\b", re.IGNORECASE)


_SPOKES = re.compile(r"\bspokes(?:man|woman|person)\b", re.IGNORECASE)
_SAYS = re.compile(r"\b(?:said|says|told|warned|added|stated|urged|called|expressed|announced|"
                   r"noted|insisted|stressed|welcomed|condemned)\b")


@lru_cache(maxsize=2048)
def _folded(text: str) -> str:
    return fold(text)


def warm(state: IndexState, stop: threading.Event | None = None) -> None:
    """Analyse every document's statements once, off the request path, after an index loads."""
    for d in state.docs:
        if stop is not None and stop.is_set():
            return
        _statements(d.text)
        _folded(d.text)


def _mentions(text: str, names: set[str]) -> bool:
    folded = _folded(text)
    return any(len(n) > 2 and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded) for n in names)


def _names_saying(text: str, names: set[str]) -> str | None:
    """'The U.N. human rights office said on Monday it was …' → the name, when it is the
    subject of a speech verb in this sentence (the name comes before the verb)."""
    verb = _SAYS.search(text)
    if not verb:
        return None
    head = text[: verb.start()]
    folded = fold(head)
    for n in sorted(names, key=len, reverse=True):
        m = re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded) if len(n) > 2 else None
        if m and len(head) - m.end() < 60:
            return _surface(head, n) or n
    return None


def _surface(text: str, folded_name: str) -> str | None:
    """The name as written in `text`."""
    pat = r"\W+".join(re.escape(w) for w in folded_name.split())
    m = re.search(pat, text, re.IGNORECASE)
    return m.group(0) if m else None


def question_kind(question: str) -> str:
    q = question.strip().lower()
    if re.match(r"^(?:when|what (?:date|day|year|time))\b", q) or " since when" in q or q.startswith("since when"):
        return "when"
    if re.match(r"^how (?:many|much)\b", q) or "how many" in q:
        return "count"
    return "other"


def _is_publisher(doc: Document, names: set[str]) -> bool:
    """Is the document published by the organisation asked about (source or URL host)?"""
    host = fold(doc.source + " " + re.sub(r"^https?://(?:www\.)?([^/]+).*$", r"\1", doc.url))
    return any(re.search(rf"(?<![a-z]){re.escape(n.replace(' ', ''))}(?![a-z])", host.replace(" ", ""))
               for n in names if n)


def _publisher_name(entities: list[Entity], doc: Document) -> str:
    for e in entities:
        long = [n for n in e.names if not n.isupper()]
        if long:
            return long[0]
    return doc.source


def speaker_target(question: str) -> str | None:
    m = _SPEAKER_Q.search(question) or _ACCORDING.search(question)
    if not m:
        return None
    who = re.sub(r"^(?:the)\s+", "", m.group("who").strip(), flags=re.IGNORECASE)
    return who or None


@lru_cache(maxsize=4096)
def _statements(text: str) -> tuple[list[Statement], list[tuple[int, int]], dict[str, set[str]]]:
    statements = attribute(text)
    return statements, sentence_spans(text), speaker_aliases(statements)


def _speaker_names(entity_matches: list[Entity], target: str | None) -> set[str]:
    names = {fold(target)} if target else set()
    for e in entity_matches:
        names.update(fold(n) for n in (*e.names, *e.people))
    return {n for n in names if n}


def _speaks_for(unit: Unit, names: set[str], aliases: dict[str, set[str]]) -> bool:
    if not names or not unit.speaker:
        return False
    said_by = [unit.speaker, unit.affiliation or "", unit.role or ""]
    said_by.extend(aliases.get(unit.speaker, ()))
    hay = " | ".join(fold(s) for s in said_by if s)
    if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", hay) for n in names):
        return True
    # "Bangladesh's army chief" ~ speaker whose role is "army chief general": most words shared.
    hay_words = set(tokens(hay))
    for n in names:
        want = [w for w in tokens(n) if w not in STOPWORDS]
        if len(want) >= 2 and sum(w in hay_words for w in want) >= 0.66 * len(want):
            return True
    # "Sidak said" answers "what did Andriy Sidak say": a surname inside the asked-for name.
    who = fold(unit.speaker)
    return len(who) >= 4 and unit.speaker[:1].isupper() and any(
        re.search(rf"(?<!\w){re.escape(who)}(?!\w)", n) for n in names
    )


def _units(doc: Document, lo: int, hi: int) -> list[Unit]:
    """Statements inside [lo, hi), plus plain sentences not covered by a statement."""
    statements, sentences, _ = _statements(doc.text)
    units = [
        Unit(doc, s.start, s.end, s.speaker, s.organisation, s.kind != "reported", role=s.role)
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


def confidence(retrieval: Retrieval, state: IndexState) -> float:
    """How well the corpus answers: query coverage of the best passage, its document and the
    dense similarity, blended. Weights and threshold come from bench/eval_answers.py --sweep."""
    if not retrieval.hits or not retrieval.slots:
        return 0.0
    best_chunk = best_doc = 0.0
    for hit in retrieval.hits[:5]:
        best_chunk = max(best_chunk, coverage(retrieval.slots, hit.chunk.text))
        doc = state.docs[state.doc_index[hit.chunk.doc_id]]
        best_doc = max(best_doc, coverage(retrieval.slots, doc.text))
    # A name the corpus never mentions is strong evidence that it cannot answer.
    penalty = UNKNOWN_NAME_PENALTY * min(2, len(retrieval.unknown_names))
    return W_DENSE * retrieval.best_dense + W_CHUNK * best_chunk + W_DOC * best_doc - penalty


def compose(question: str, retrieval: Retrieval, state: IndexState, glossary: Glossary,
            config: EngineConfig, max_quotes: int = 4, embedder=None) -> Answer:
    t0 = time.perf_counter()
    conf = confidence(retrieval, state)
    if conf < config.abstain_threshold or not retrieval.hits:
        closest = [_quote(state.docs[state.doc_index[h.chunk.doc_id]], *_trim(
            state.docs[state.doc_index[h.chunk.doc_id]].text, h.chunk.start, h.chunk.end, set()), None)
            for h in retrieval.hits[:2]]
        ans = Answer(question, True, NOT_FOUND, closest=[q for q in closest if q])
        ans.timings_ms = {"compose": (time.perf_counter() - t0) * 1000}
        ans.confidence = conf
        return ans

    target = speaker_target(question)
    entities = list(retrieval.expansion.entities)
    if target:
        found = glossary.entities_in(target)
        if not found and len(target) <= 6 and target.isalpha():
            found = glossary.entities_in(target.upper())  # "what did hrw say" → HRW
        entities += [e for e in found if e not in entities]
    names = _speaker_names(entities, target) if target else set()
    target_terms = set(analyze(target)) if target else set()
    # The speaker is who to look for, not what to look for: keep it out of topic matching.
    topic = [sl for sl in retrieval.slots if not (sl.terms & target_terms)] or retrieval.slots
    kind = question_kind(question)

    units: list[Unit] = []
    words: dict[int, set[str]] = {}
    for rank, hit in enumerate(retrieval.hits[:TOP_PASSAGES]):
        doc = state.docs[state.doc_index[hit.chunk.doc_id]]
        aliases = _statements(doc.text)[2]
        own_voice = bool(target) and _is_publisher(doc, names)
        chunk_cov = coverage(topic, hit.chunk.text)
        doc_names = bool(target) and _mentions(doc.text, names)
        for u in _units(doc, hit.chunk.start, hit.chunk.end):
            text = doc.text[u.start : u.end]
            if text.strip() == doc.title.strip():
                continue  # a headline is the outlet's summary, not anyone's statement
            words[id(u)] = term_set(text)
            match = coverage(topic, text)
            u.score = 0.5 / (1 + rank) + match + 0.5 * chunk_cov
            if kind == "when" and _DATE.search(text):
                u.score += 0.3
            elif kind == "count" and _NUMBER.search(text):
                u.score += 0.3
            if target:
                if _speaks_for(u, names, aliases) or (
                    doc_names and u.role and _SPOKES.search(u.role) and not u.affiliation
                ):
                    # A spokesperson with no stated employer speaks for the organisation the
                    # article is about ("spokesman Jeremy Laurence" for the U.N. rights office).
                    u.score += 1.0 + (0.2 if u.direct else 0.0)
                    u.speaks = True
                elif u.speaker is None and (said := _names_saying(text, names)):
                    u.score += 1.0
                    u.speaker = said
                    u.speaks = True
                elif own_voice and u.speaker is None:
                    # A publisher's own article is its statement ("What did HRW say…" over hrw.org).
                    u.score += 0.6 + (0.2 if _STANCE.search(text) else 0.0)
                    u.speaker = _publisher_name(entities, doc)
                    u.speaks = True
                elif match < 0.2:
                    u.score -= 0.5
            elif u.speaker:
                u.score += 0.1
            units.append(u)
    if any(u.speaks for u in units):
        # "What did X say?": X's own words only, when the passages hold any.
        units = [u for u in units if u.speaks]
    units.sort(key=lambda u: -u.score)
    if embedder is not None and config.rerank_sentences and retrieval.query_vector is not None:
        _semantic_rerank(units[: config.rerank_sentences], retrieval.query_vector, embedder)
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
    terms = set().union(*(sl.terms for sl in topic)) if topic else set()
    for u in chosen:
        n = doc_order.index(u.doc.doc_id) + 1
        a, b = _trim(u.doc.text, u.start, u.end, terms)
        q = _quote(u.doc, a, b, u.speaker, n)
        if q:
            full = _trim(u.doc.text, u.start, u.end, set()) if b - a < MAX_QUOTE_CHARS else (a, b)
            q.cut_before, q.cut_after = a > full[0], b < full[1]
            quotes.append(q)
    for n, doc_id in enumerate(doc_order, 1):
        d = state.docs[state.doc_index[doc_id]]
        sources.append(Source(n, d.doc_id, d.title, d.url, d.source, d.date))
    ans = Answer(question, False, render_text(quotes, sources), quotes=quotes, sources=sources)
    ans.timings_ms = {"compose": (time.perf_counter() - t0) * 1000}
    ans.confidence = conf
    return ans


def _semantic_rerank(units: list[Unit], query_vector, embedder) -> None:
    """Lexical overlap misses paraphrase ("what did Sierra Leone do" → "enacted legislation"):
    the best few candidates are re-scored by sentence-embedding similarity to the question."""
    texts = [u.doc.text[u.start : min(u.end, u.start + RERANK_CHARS)] for u in units]
    if not texts:
        return
    vecs = embedder.encode_queries(texts)
    for u, sim in zip(units, vecs @ query_vector, strict=True):
        u.score += W_SEMANTIC * float(sim)


def _quote(doc: Document, start: int, end: int, speaker: str | None, n: int = 0) -> Quote | None:
    text = doc.text[start:end]
    if not text.strip():
        return None
    return Quote(text=text, doc_id=doc.doc_id, start=start, end=end, title=doc.title, url=doc.url,
                 source=doc.source, date=doc.date, speaker=speaker, citation=n,
                 page=doc.page_at(start))


def render_text(quotes: list[Quote], sources: list[Source]) -> str:
    lines = []
    for q in quotes:
        who = f" — {q.speaker}" if q.speaker else ""
        when = f" ({q.date})" if q.date else ""
        text = ("…" if q.cut_before else "") + q.text + ("…" if q.cut_after else "")
        lines.append(f"“{text}”{who}{when} [{q.citation}]")
    lines.append("")
    lines.append("Sources:")
    for s in sources:
        meta = ", ".join(x for x in (s.source, s.date) if x)
        lines.append(f"[{s.n}] {s.title}" + (f" — {meta}" if meta else "") + (f" — {s.url}" if s.url else ""))
    return "\n".join(lines)
