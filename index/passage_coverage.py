"""Lexical coverage (`index.search.coverage`) of one question's slots by the chunks and documents
it reads: each read once, a retrieved chunk's words not read at all.

One question asks the coverage of the same texts several times (the candidates' passages, the
abstention features of the five best hits, several hits in one document). A retrieved chunk's
analysed terms are already in the BM25 index, whose rows are exactly the analysed chunks, so
only a phrase (an entity's alias name) may need its text. The figures are `coverage`'s exactly.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping

from index.normalize import fold
from index.search import Slot, coverage, covered, term_set
from index.store import IndexState
from index.types import Chunk


class PassageCoverage:
    """Coverage of `slots` by chunks and whole documents, remembered for one question."""

    def __init__(self, slots: list[Slot], state: IndexState,
                 chunk_index: Mapping[tuple[str, int], int], folded: FoldedDocuments | None = None) -> None:
        self.slots = slots
        self._state = state
        self._chunk_index = chunk_index  # (doc_id, ordinal) → chunk row
        self._folded = folded
        self._terms = sorted(set().union(*(sl.terms for sl in slots))) if slots else []
        self._chunks: dict[tuple[str, int], float] = {}
        self._docs: dict[str, float] = {}

    def chunks(self, chunks: list[Chunk]) -> list[float]:
        """The coverage of each chunk; the BM25 index is asked once for all of them."""
        keys = [(c.doc_id, c.ordinal) for c in chunks]
        new = {k: c for k, c in zip(keys, chunks, strict=True) if k not in self._chunks}
        if new and not self.slots:
            self._chunks.update(dict.fromkeys(new, 0.0))
        elif new:
            rows = [self._chunk_index.get(k, -1) for k in new]
            present = self._state.lexical.present(self._terms, rows).T.tolist()
            for (key, chunk), row, flags in zip(new.items(), rows, present, strict=True):
                if row < 0:  # not a chunk of this index (a hand-made hit): read its text
                    self._chunks[key] = coverage(self.slots, chunk.text)
                    continue
                have = {t for t, yes in zip(self._terms, flags, strict=True) if yes}
                self._chunks[key] = covered(self.slots, have, lambda c=chunk: fold(c.text))
        return [self._chunks[k] for k in keys]

    def chunk(self, chunk: Chunk) -> float:
        return self.chunks([chunk])[0]

    def document(self, doc_id: str) -> float:
        value = self._docs.get(doc_id)
        if value is None:
            text = self._state.doc(doc_id).text
            if self._folded is None or not self.slots:
                value = coverage(self.slots, text)
            else:
                value = covered(self.slots, term_set(text), lambda: self._folded.get(doc_id, text))
            self._docs[doc_id] = value
        return value


class FoldedDocuments:
    """The folded text (`fold`) of the documents whose phrases were looked for lately: folding a
    whole article is most of what an entity the article never names by its short form costs."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, doc_id: str, text: str) -> str:
        with self._lock:
            folded = self._texts.get(doc_id)
            if folded is not None:
                self._texts.move_to_end(doc_id)
                return folded
        folded = fold(text)
        if self._size > 0:
            with self._lock:
                self._texts[doc_id] = folded
                while len(self._texts) > self._size:
                    self._texts.popitem(last=False)
        return folded


def chunk_index(state: IndexState) -> dict[tuple[str, int], int]:
    """(doc_id, ordinal) → row of every chunk: built once per loaded index."""
    docs = state.docs
    return {(docs[int(d)].doc_id, int(o)): i for i, (d, o) in enumerate(state.chunk_rows[:, :2].tolist())}
