"""Hybrid retrieval: dense (FAISS) and BM25 candidates fused by z-scored scores (or weighted RRF)."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from index import dense as dense_search
from index.config import EngineConfig
from index.embedder import Embedder
from index.filters import FacetTable, Scope
from index.fusion import FUSIONS, Candidates
from index.glossary import Expansion, Glossary
from index.lexical import analyze
from index.normalize import TypoFixer, content_words, fold, tokens
from index.store import IndexState
from index.types import Hit

log = logging.getLogger(__name__)

_CAPITALISED = re.compile(r"(?<=\w[\s,;:'’\"“-])[A-Z]\w+|(?<=\w\s\s)[A-Z]\w+")


@dataclass
class Retrieval:
    hits: list[Hit]
    expansion: Expansion
    query_terms: list[str]  # analysed terms of the (typo-fixed) question
    timings_ms: dict[str, float] = field(default_factory=dict)
    # Best dense cosine among all candidates.
    best_dense: float = 0.0
    slots: list[Slot] = field(default_factory=list)
    # Capitalised words of the question that no document contains ("Grenfell", "Kamala").
    unknown_names: list[str] = field(default_factory=list)
    query_vector: np.ndarray | None = None
    # Each retriever's own best chunks that fusion left out of `hits`, best first: the chunk BM25
    # ranks first can fall far after fusion when its long text embeds far from a short question.
    side_hits: list[Hit] = field(default_factory=list)


@dataclass
class Slot:
    """One thing the question asks about: a word (with its typo repair) or a named entity.

    A passage covers the slot when it contains any of `terms` (analysed) or any of `phrases`
    (folded alias names of the entity)."""

    label: str
    terms: set[str]
    phrases: list[str]
    weight: float


def query_slots(query: str, fixes: dict[str, str], expansion: Expansion, lexical) -> list[Slot]:
    words = content_words(query)
    slots: list[Slot] = []
    claimed: set[str] = set()
    for e in expansion.entities:
        names = [*e.names, *e.people]
        name_words = {t for n in names for t in tokens(n)}
        mine = [w for w in words if w in name_words]
        if not mine:
            continue
        claimed.update(mine)
        terms = {t for w in mine for t in analyze(w)}
        phrases = [fold(n) for n in names if len(n) > 3 or not n.isupper()]
        slots.append(Slot(e.names[0], terms, phrases, max(lexical.idf(t) for t in terms) if terms else 1.0))
    for w in dict.fromkeys(words):
        if w in claimed:
            continue
        terms = set(analyze(w)) | set(analyze(fixes.get(w, "")))
        if not terms:
            continue
        slots.append(Slot(w, terms, [], max(lexical.idf(t) for t in terms)))
    return slots


@lru_cache(maxsize=50_000)
def term_set(text: str) -> frozenset[str]:
    return frozenset(analyze(text))


def coverage(slots: list[Slot], text: str) -> float:
    """IDF-weighted share of the question's slots that a passage covers."""
    if not slots:
        return 0.0
    return covered(slots, term_set(text), lambda: fold(text))


def covered(slots: list[Slot], have: set[str] | frozenset[str], folded: Callable[[], str]) -> float:
    """`coverage` given the passage's analysed terms and (called only when a phrase must be
    looked for) its folded text."""
    text = None
    got = 0.0
    for sl in slots:
        ok = bool(sl.terms & have)
        if not ok and sl.phrases:
            text = text if text is not None else folded()
            ok = any(p in text for p in sl.phrases)
        got += sl.weight if ok else 0.0
    return got / sum(sl.weight for sl in slots)


def _topk(scores: np.ndarray, k: int) -> np.ndarray:
    if scores.size == 0:
        return np.zeros(0, dtype=np.int64)
    k = min(k, scores.size)
    idx = np.argpartition(-scores, k - 1)[:k]
    return idx[np.argsort(-scores[idx], kind="stable")]


class Searcher:
    def __init__(self, state: IndexState, embedder: Embedder, glossary: Glossary, config: EngineConfig):
        self.state = state
        self.embedder = embedder
        self.glossary = glossary
        self.config = config
        # Each chunk's collection, outlet and date, for filters; swapped in with the index.
        self.facets = FacetTable.build(state.docs, state.chunk_rows, state.unit_rows)
        self.typos: TypoFixer | None = None
        # Building the typo index takes seconds on a large vocabulary: do it off the start-up path;
        # until it is ready, questions are answered without typo repair.
        self._typos_ready = threading.Event()
        threading.Thread(target=self._build_typos, name="typo-index", daemon=True).start()

    def _build_typos(self) -> None:
        try:
            vocab = dict(self.state.lexicon.get("vocab", {}))
            for e in self.glossary.entities:
                for name in (*e.names, *e.people):
                    for t in tokens(name):
                        vocab[t] = vocab.get(t, 0) + 1
            self.typos = TypoFixer(vocab) if vocab else None
        except Exception:  # noqa: BLE001 - typo repair is an optional nicety
            log.exception("could not build the typo index")
        finally:
            self._typos_ready.set()

    def wait_ready(self, timeout: float | None = None) -> bool:
        return self._typos_ready.wait(timeout)

    def typo_fixes(self, query: str) -> dict[str, str]:
        if not self.typos:
            return {}
        vocab = self.state.lexicon.get("vocab", {})
        out = {}
        # A name typed with a capital letter is taken as written: "Kamala" must not become
        # "Kampala" and make an unanswerable question look answerable.
        capitalised = {m.group(0).casefold() for m in _CAPITALISED.finditer(query)}
        for w in content_words(query):
            if w not in vocab and w not in capitalised:
                f = self.typos.fix(w)
                if f != w:
                    out[w] = f
        return out

    def read(self, query: str) -> tuple[dict[str, str], str, Expansion]:
        """The query's typo repairs, the query with them, and its glossary expansion."""
        fixes = self.typo_fixes(query)
        fixed = f"{query} {' '.join(fixes.values())}" if fixes else query
        return fixes, fixed, self.glossary.expand(fixed)

    def slots(self, query: str) -> list[Slot]:
        """What `query` asks about (typo repairs and glossary aliases included), as `search`
        reads it, without searching."""
        fixes, _, expansion = self.read(query)
        return query_slots(query, fixes, expansion, self.state.lexical)

    def search(self, query: str, k: int = 10, scope: Scope | None = None) -> Retrieval:
        """The best k chunks for `query`; with a `scope`, only chunks it allows, on both the
        dense and the BM25 side (the filter is applied inside retrieval, never after it)."""
        timings: dict[str, float] = {}
        t = time.perf_counter()
        fixes, fixed, expansion = self.read(query)
        terms = list(dict.fromkeys(t for w in content_words(fixed) for t in analyze(w)))
        # Each alias the glossary adds, as its own term list ("ohchr", "volker turk", …).
        aliases = [alias for phrase in expansion.extra_terms
                   if (alias := [x for x in analyze(phrase) if x not in terms])]
        timings["expand"] = (time.perf_counter() - t) * 1000
        n = self.state.size if scope is None else int(scope.chunk_ids.size)
        if n == 0:
            return Retrieval([], expansion, terms, timings)
        cand = min(n, max(self.config.retrieval.candidates, k))

        t = time.perf_counter()
        qtexts = expansion.dense_queries() if fixed == query else [fixed, *expansion.dense_queries()[1:]]
        qvecs = self.embedder.encode_queries(qtexts[:3]).astype(np.float32)
        timings["embed"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        dsc, didx = dense_search.search(
            self.state.dense, qvecs, cand, allowed=None if scope is None else scope.chunks,
            ids=None if scope is None else scope.chunk_ids, method=self.config.retrieval.filter_method,
            threads=self.config.retrieval.search_threads,
        )
        dense_best: dict[int, float] = {}
        for row_s, row_i in zip(dsc, didx, strict=True):
            for s, i in zip(row_s, row_i, strict=True):
                if i >= 0 and s > dense_best.get(int(i), -1.0):
                    dense_best[int(i)] = float(s)
        dense_order = sorted(dense_best, key=lambda i: -dense_best[i])
        timings["dense"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        lex = self.state.lexical.scores(terms)
        if aliases:
            # The aliases stand for one name: a chunk earns the best one alias gives it, not the
            # sum over all of them (a page naming the office, its chief and two spokespeople
            # would otherwise outscore the one sentence that answers). Lucene's SynonymQuery idea.
            lex = lex + self.config.retrieval.expansion_weight * np.max([self.state.lexical.scores(a) for a in aliases], axis=0)
        if scope is not None:
            lex = np.where(scope.chunks, lex, 0.0).astype(np.float32)
        lex_order = [int(i) for i in _topk(lex, cand) if lex[i] > 0]
        timings["bm25"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()

        def cosine_of(rows: list[int]) -> np.ndarray:
            vecs = np.stack([self.state.dense.reconstruct(i) for i in rows])
            return (vecs @ qvecs.T).max(axis=1)

        candidates = Candidates(dense_best, dense_order, lex, lex_order, cosine_of)
        fused = FUSIONS[self.config.retrieval.fusion](candidates, self.config.retrieval)
        order = sorted(fused, key=lambda i: -fused[i])[:k]
        dense_rank = {i: r for r, i in enumerate(dense_order)}
        lex_rank = {i: r for r, i in enumerate(lex_order)}
        def hit(i: int) -> Hit:
            return Hit(
                chunk=self.state.chunk(i), score=fused.get(i, 0.0),
                dense_score=dense_best.get(i, 0.0), lexical_score=float(lex[i]),
                dense_rank=dense_rank.get(i), lexical_rank=lex_rank.get(i),
            )

        hits = [hit(i) for i in order]
        side = self.config.retrieval.side_hits
        taken = set(order)
        side_rows = [i for i in dict.fromkeys([*lex_order[:side], *dense_order[:side]]) if i not in taken]
        timings["fusion"] = (time.perf_counter() - t) * 1000
        out = Retrieval(hits, expansion, terms, timings, side_hits=[hit(i) for i in side_rows])
        out.best_dense = max(dense_best.values(), default=0.0)
        out.query_vector = qvecs[0]
        out.slots = query_slots(query, fixes, expansion, self.state.lexical)
        out.unknown_names = self.unknown_names(query, expansion)
        return out

    def unknown_names(self, query: str, expansion: Expansion) -> list[str]:
        known = {t for e in expansion.entities for n in (*e.names, *e.people) for t in tokens(n)}
        out = []
        for m in _CAPITALISED.finditer(query):
            word = m.group(0)
            terms = analyze(word)
            if terms and fold(word) not in known and not self.state.lexical.known(terms):
                out.append(word)
        return out
