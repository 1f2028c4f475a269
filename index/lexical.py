"""BM25 over the same chunks as the vectors (bm25s), with folded, stemmed tokens."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from index import bm25_matrix
from index.normalize import STOPWORDS, tokens

log = logging.getLogger(__name__)
# bm25s sets its own logger to DEBUG at import, so "Building index from tokens" reached every
# CLI user's terminal whatever the log level; its debug lines tell an operator nothing.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_stemmer = Stemmer.Stemmer("english")


# Role nouns that differ only by gender or number are one term: a question about the office's
# "spokesperson" finds its "spokesman" (the stemmer keeps the three apart).
SAME_ROLE = {
    **dict.fromkeys(("spokesman", "spokeswoman", "spokesmen", "spokeswomen", "spokespeople",
                     "spokespersons"), "spokesperson"),
    **dict.fromkeys(("chairman", "chairwoman", "chairmen", "chairwomen", "chairpersons"), "chairperson"),
}


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(SAME_ROLE.get(word, word))


def analyze(text: str) -> list[str]:
    """Tokens as BM25 sees them: folded (case, accents, quotes), stopwords out, stemmed."""
    return [_stem(t) for t in tokens(text) if t not in STOPWORDS]


class LexicalIndex:
    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._bm25 = retriever
        self.size = size
        self._vocab: dict[str, int] = dict(getattr(retriever, "vocab_dict", {}) or {})
        self._df: np.ndarray | None = None

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        return cls.from_tokens([analyze(t) for t in texts])

    @classmethod
    def from_tokens(cls, analyzed: Sequence[list[str]]) -> LexicalIndex:
        """From chunks already analysed (`analyze`), e.g. cached per document."""
        corpus = [list(t) or [""] for t in analyzed]
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        if corpus:
            bm25_matrix.index(retriever, corpus)
        return cls(retriever, len(corpus))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int, mmap: bool = False) -> LexicalIndex:
        if size == 0:
            return cls(bm25s.BM25(), 0)
        retriever = bm25s.BM25.load(str(folder), mmap=mmap, show_progress=False)
        return cls(retriever, size)

    def known(self, terms: Sequence[str]) -> list[str]:
        return [t for t in terms if t in self._vocab]

    def present(self, terms: Sequence[str], rows: np.ndarray) -> np.ndarray:
        """(len(terms), len(rows)) booleans: does chunk `rows[j]` contain analysed term
        `terms[i]`? Read from the BM25 matrix (a term's column lists the chunks holding it;
        every BM25 weight of a present term is positive), so no chunk is re-tokenised."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros((len(terms), len(rows)), dtype=bool)
        if not self.size or not len(rows):
            return out
        indptr, indices = self._bm25.scores["indptr"], self._bm25.scores["indices"]
        for i, term in enumerate(terms):
            col = self._vocab.get(term)
            if col is not None and col + 1 < len(indptr):  # bm25s gives "" (padding) no column
                out[i] = np.isin(rows, indices[indptr[col] : indptr[col + 1]])
        return out

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk for these analysed terms (vectorised over the CSC matrix)."""
        terms = self.known(terms)
        if not terms or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(list(terms)), dtype=np.float32)

    def idf(self, term: str) -> float:
        """BM25 idf of an analysed term; a term the corpus never uses gets the highest idf."""
        if self._df is None:
            indptr = self._bm25.scores.get("indptr") if self.size else None
            self._df = np.diff(np.asarray(indptr)) if indptr is not None else np.zeros(0)
        i = self._vocab.get(term)
        df = int(self._df[i]) if i is not None and i < len(self._df) else 0
        return float(np.log(1 + (self.size - df + 0.5) / (df + 0.5)))

