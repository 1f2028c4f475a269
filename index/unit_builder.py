"""Build-time statements, answer units and unit vectors, reusing what an earlier build computed.

A document whose text is unchanged keeps its statements and unit vectors. When only the
attribution rules changed, its statements are redone but a unit whose sentence text is the same
as before keeps its vector: re-attributing a corpus costs text analysis, not embedding.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from index import build_stages
from index import units as unit_table
from index.attribution import Statement
from index.build_stages import Progress
from index.cached_embedding import embed_cached, vector_cache
from index.config import EngineConfig
from index.embedder import Embedder
from index.store import IndexState
from index.types import Document

log = logging.getLogger(__name__)

Attribute = Callable[[Document], list[Statement]]


@dataclass
class UnitBuild:
    statements: list[list[Statement]] = field(default_factory=list)
    rows: np.ndarray = field(default_factory=lambda: np.zeros((0, unit_table.COLUMNS), np.int64))
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float16))
    embedded: int = 0


class UnitTexts(Sequence[str]):
    """The embedded text of unit rows `which`, cut from its document when read: 400k copied
    sentences held for the whole sentence stage were ~85 MB of a UN build's peak."""

    def __init__(self, docs: list[Document], rows: np.ndarray, which: np.ndarray) -> None:
        self.docs, self.rows, self.which = docs, rows, which

    def __len__(self) -> int:
        return len(self.which)

    def __getitem__(self, i):  # type: ignore[override]  # ints only: embed_cached's use
        unit = unit_table.from_row(self.rows[self.which[i]])
        return unit_table.context_text(self.docs[unit.doc_index], unit)


def build_units(
    docs: list[Document], attribute: Attribute, embedder: Embedder, *, config: EngineConfig,
    previous: IndexState | None, unchanged: set[str], same_rules: bool, report: Progress,
) -> UnitBuild:
    """`unchanged`: doc_ids whose text and metadata equal the previous build's;
    `same_rules`: the previous build used the same attribution version."""
    old_ranges = unit_table.doc_ranges(previous.unit_rows) if previous is not None else {}

    def dim() -> int:  # the stored vectors' width when there are some: no model load for it
        if previous is not None and previous.unit_vectors.ndim == 2 and previous.unit_vectors.shape[0]:
            return int(previous.unit_vectors.shape[1])
        return embedder.dim

    out = UnitBuild()
    rows: list[np.ndarray] = []
    # Each document's vectors, filled into one table once every document's rows are known:
    # (previous table slice to copy | None, {row: kept vector}, the rows to embed).
    sources: list[tuple[np.ndarray | None, dict[int, np.ndarray], list[int]]] = []
    report(build_stages.ATTRIBUTING, 0, 0)
    for di, doc in enumerate(docs):
        pi = previous.doc_index.get(doc.doc_id) if previous is not None and doc.doc_id in unchanged else None
        old = old_ranges.get(pi) if pi is not None else None
        if old is not None and same_rules:
            out.statements.append(previous.statements[pi])
            doc_rows = previous.unit_rows[old[0] : old[1]].copy()
            doc_rows[:, unit_table.DOC] = di
            rows.append(doc_rows)
            sources.append((previous.unit_vectors[old[0] : old[1]], {}, []))
            continue
        stmts = attribute(doc)
        out.statements.append(stmts)
        units = unit_table.document_units(di, doc, stmts)
        rows.append(unit_table.to_rows(units))
        texts = [unit_table.context_text(doc, u) for u in units]
        known: dict[str, np.ndarray] = {}
        if old is not None:  # same text, new rules: sentences that did not move keep vectors
            for r in range(*old):
                u = unit_table.from_row(previous.unit_rows[r])
                known.setdefault(unit_table.context_text(doc, u), previous.unit_vectors[r])
        kept = {i: known[t] for i, t in enumerate(texts) if t in known}
        sources.append((None, kept, [i for i in range(len(texts)) if i not in kept]))
    out.rows = np.concatenate(rows) if rows else out.rows
    out.vectors = np.zeros((out.rows.shape[0], dim()), np.float16)
    targets: list[int] = []
    at = 0
    for (block, kept, missing), doc_rows in zip(sources, rows, strict=True):
        if block is not None:
            out.vectors[at : at + len(block)] = block
        for i, vec in kept.items():
            out.vectors[at + i] = vec
        targets.extend(at + i for i in missing)
        at += len(doc_rows)
    del sources
    if targets:  # nothing new: the model need not even be loaded
        rows_to_embed = np.asarray(targets, dtype=np.int64)
        embedded = embed_cached(
            embedder, UnitTexts(docs, out.rows, rows_to_embed),
            cache=vector_cache(config, embedder, "units", np.float16),
            batch_size=config.embedding.sentence_batch_size, cache_batch=config.embedding.cache_batch,
            stage=build_stages.EMBEDDING_SENTENCES, what="sentences", report=report, dim=dim(),
            into=(out.vectors, rows_to_embed),
        )
        out.embedded = embedded.computed
    return out
