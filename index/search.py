"""Hybrid retrieval: dense (FAISS) and BM25 candidates fused by weighted reciprocal rank."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

import numpy as np

from index.config import EngineConfig
from index.embedder import Embedder
from index.glossary import Expansion, Glossary
from index.lexical import analyze
from index.normalize import TypoFixer, content_words, tokens
from index.store import IndexState
from index.types import Hit

log = logging.getLogger(__name__)

# Alias terms help recall but must not outweigh the words the user actually typed.
EXPANSION_WEIGHT = 0.5


@dataclass
class Retrieval:
    hits: list[Hit]
    expansion: Expansion
    query_terms: list[str]  # analysed terms of the (typo-fixed) question
    timings_ms: dict[str, float] = field(default_factory=dict)
    # Best dense cosine among all candidates and best fraction of query terms covered.
    best_dense: float = 0.0
    best_coverage: float = 0.0


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

    def fix_typos(self, query: str) -> str:
        if not self.typos:
            return query
        words = content_words(query)
        fixed = [self.typos.fix(w) for w in words]
        extra = [f for w, f in zip(words, fixed, strict=True) if f != w]
        return f"{query} {' '.join(extra)}" if extra else query

    def search(self, query: str, k: int = 10) -> Retrieval:
        timings: dict[str, float] = {}
        t = time.perf_counter()
        fixed = self.fix_typos(query)
        expansion = self.glossary.expand(fixed)
        terms = analyze(fixed)
        extra_terms = [x for x in analyze(" ".join(expansion.extra_terms)) if x not in terms]
        timings["expand"] = (time.perf_counter() - t) * 1000
        n = self.state.size
        if n == 0:
            return Retrieval([], expansion, terms, timings)
        cand = min(n, max(self.config.candidates, k))

        t = time.perf_counter()
        qtexts = expansion.dense_queries() if fixed == query else [fixed, *expansion.dense_queries()[1:]]
        qvecs = np.stack([self.embedder.encode_query(q) for q in qtexts[:3]]).astype(np.float32)
        timings["embed"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        dsc, didx = self.state.dense.search(qvecs, cand)
        dense_best: dict[int, float] = {}
        for row_s, row_i in zip(dsc, didx, strict=True):
            for s, i in zip(row_s, row_i, strict=True):
                if i >= 0 and s > dense_best.get(int(i), -1.0):
                    dense_best[int(i)] = float(s)
        dense_order = sorted(dense_best, key=lambda i: -dense_best[i])
        timings["dense"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        lex = self.state.lexical.scores(terms)
        if extra_terms:
            lex = lex + EXPANSION_WEIGHT * self.state.lexical.scores(extra_terms)
        lex_order = [int(i) for i in _topk(lex, cand) if lex[i] > 0]
        timings["bm25"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        fused: dict[int, float] = {}
        rk = self.config.rrf_k
        for r, i in enumerate(dense_order):
            fused[i] = fused.get(i, 0.0) + self.config.dense_weight / (rk + r + 1)
        for r, i in enumerate(lex_order):
            fused[i] = fused.get(i, 0.0) + self.config.lexical_weight / (rk + r + 1)
        order = sorted(fused, key=lambda i: -fused[i])[:k]
        dense_rank = {i: r for r, i in enumerate(dense_order)}
        lex_rank = {i: r for r, i in enumerate(lex_order)}
        hits = [
            Hit(
                chunk=self.state.chunk(i), score=fused[i],
                dense_score=dense_best.get(i, 0.0), lexical_score=float(lex[i]),
                dense_rank=dense_rank.get(i), lexical_rank=lex_rank.get(i),
            )
            for i in order
        ]
        timings["fusion"] = (time.perf_counter() - t) * 1000
        out = Retrieval(hits, expansion, terms, timings)
        out.best_dense = max(dense_best.values(), default=0.0)
        return out
