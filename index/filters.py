"""Which documents a question may use: collections, outlets and dates, applied inside retrieval.

A collection is a top-level folder of the corpus (`corpus/un/…` is "un"; files at the root are
in `DEFAULT_COLLECTION`). One index holds every collection; `FacetTable` keeps each chunk's
collection, outlet and date as integer columns, so a `Filters` compiles to a `Scope` (a mask
over documents, chunks and answer units) with a few vectorised comparisons per question.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from index import units as unit_table
from index.dates import DateRange, document_day, read_dates
from index.errors import QuotebotError
from index.types import DEFAULT_COLLECTION, Document, collection_of

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_COLLECTION", "FacetTable", "Filters", "Scope", "collection_of"]
UNKNOWN_DAY = -1


class UnknownCollection(QuotebotError):
    """A collection name the index does not have."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What a question is restricted to; empty tuples mean "any"."""

    collections: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    dates: DateRange = DateRange()

    def __bool__(self) -> bool:
        return bool(self.collections or self.sources or self.dates)

    def with_dates(self, dates: DateRange) -> Filters:
        merged = self.dates.intersect(dates) if self.dates else dates
        return Filters(self.collections, self.sources, merged)

    def describe(self) -> str:
        """"by hrw.org from 2019 in un" — the words after "No documents" / "Searched"."""
        parts = []
        if self.sources:
            parts.append("by " + " or ".join(self.sources))
        if self.dates:
            parts.append(self.dates.describe())
        if self.collections:
            parts.append("in " + " or ".join(self.collections))
        return " ".join(parts)

    def to_json(self) -> dict:
        return {
            "collections": list(self.collections),
            "sources": list(self.sources),
            "after": self.dates.after.isoformat() if self.dates.after else None,
            "before": self.dates.before.isoformat() if self.dates.before else None,
            "from_question": self.dates.phrase or None,
        }


def _ordinal(d: date | None) -> int:
    return d.toordinal() if d is not None else UNKNOWN_DAY


@dataclass
class FacetTable:
    """Per-document and per-chunk facet columns of one loaded index (built once per index)."""

    collections: list[str]  # code → name
    sources: list[str]
    doc_collection: np.ndarray  # int32 per document
    doc_source: np.ndarray
    doc_day: np.ndarray  # int32 day ordinal per document, UNKNOWN_DAY when undated
    chunk_doc: np.ndarray  # int64 document of each chunk
    unit_doc: np.ndarray  # int64 document of each answer unit
    _collection_code: dict[str, int] = field(default_factory=dict)
    _source_code: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, docs: list[Document], chunk_rows: np.ndarray, unit_rows: np.ndarray) -> FacetTable:
        collections = sorted({d.collection for d in docs}, key=str.casefold)
        sources = sorted({d.source for d in docs if d.source}, key=str.casefold)
        ccode = {c.casefold(): i for i, c in enumerate(collections)}
        scode = {s.casefold(): i for i, s in enumerate(sources)}
        return cls(
            collections=collections, sources=sources,
            doc_collection=np.array([ccode[d.collection.casefold()] for d in docs], np.int32),
            doc_source=np.array([scode.get(d.source.casefold(), -1) for d in docs], np.int32),
            doc_day=np.array([_ordinal(document_day(d.date)) for d in docs], np.int32),
            chunk_doc=np.asarray(chunk_rows[:, 0], np.int64) if len(chunk_rows) else np.zeros(0, np.int64),
            unit_doc=(np.asarray(unit_rows[:, unit_table.DOC], np.int64) if len(unit_rows)
                      else np.zeros(0, np.int64)),
            _collection_code=ccode, _source_code=scode,
        )

    def collection_counts(self) -> dict[str, int]:
        counts = np.bincount(self.doc_collection, minlength=len(self.collections))
        return {c: int(n) for c, n in zip(self.collections, counts, strict=True)}

    def source_counts(self) -> dict[str, int]:
        known = self.doc_source[self.doc_source >= 0]
        counts = np.bincount(known, minlength=len(self.sources))
        return {s: int(n) for s, n in zip(self.sources, counts, strict=True)}

    def check_collections(self, names: tuple[str, ...]) -> None:
        missing = [n for n in names if n.casefold() not in self._collection_code]
        if missing:
            have = ", ".join(self.collections) or "none"
            raise UnknownCollection(f"No collection named “{missing[0][:60]}”; the collections are: {have}.")

    def scope(self, filters: Filters) -> Scope:
        """The documents, chunks and units `filters` lets through."""
        keep = np.ones(len(self.doc_collection), dtype=bool)
        if filters.collections:
            self.check_collections(filters.collections)
            codes = [self._collection_code[n.casefold()] for n in filters.collections]
            keep &= np.isin(self.doc_collection, codes)
        if filters.sources:
            codes = [self._source_code[s.casefold()] for s in filters.sources if s.casefold() in self._source_code]
            keep &= np.isin(self.doc_source, codes)
        dates = filters.dates
        if dates:
            # An undated document cannot be said to be from 2024: a date filter leaves it out.
            keep &= self.doc_day != UNKNOWN_DAY
            if dates.after is not None:
                keep &= self.doc_day >= dates.after.toordinal()
            if dates.before is not None:
                keep &= self.doc_day <= dates.before.toordinal()
        return Scope(filters, keep, keep[self.chunk_doc], keep[self.unit_doc])


@dataclass
class Scope:
    """A compiled filter: boolean masks over documents, chunks and answer units."""

    filters: Filters
    docs: np.ndarray
    chunks: np.ndarray
    units: np.ndarray
    _chunk_ids: np.ndarray | None = None

    @property
    def empty(self) -> bool:
        return not bool(self.chunks.any())

    @property
    def chunk_ids(self) -> np.ndarray:
        if self._chunk_ids is None:
            self._chunk_ids = np.flatnonzero(self.chunks).astype(np.int64)
        return self._chunk_ids

    def allows_doc(self, doc_index: int) -> bool:
        return bool(self.docs[doc_index])

    def nothing_message(self) -> str:
        """"No documents from 2019 in un." — said instead of searching an empty selection."""
        return f"No documents {self.filters.describe()}.".replace("  ", " ")


class NothingInScope(QuotebotError):
    """The filters match no document: said in one line instead of searching nothing."""


@dataclass(frozen=True, slots=True)
class Scoped:
    """A question read for its filters: what to search for, and where."""

    question: str  # without its date phrase, when that phrase is a filter
    filters: Filters | None
    scope: Scope | None
    # Said with the answer when the question's own dates matched nothing and were dropped.
    note: str = ""


def scoped(question: str, filters: Filters | None, facets: FacetTable, today: date) -> Scoped:
    """The question's own date phrase ("in 2024") joins the given filters; both compile to a
    Scope over `facets`. Raises UnknownCollection for a collection the index lacks.

    Given filters are hard: nothing matching is "No documents …". The question's own dates may
    be the events' rather than the documents' ("killed in the 2014 attacks", in a 2024 report):
    when no document is dated so, the question is searched without them, and the note says so."""
    base = filters or None
    dated = read_dates(question, today)
    if dated.dates:
        with_dates = (base or Filters()).with_dates(dated.dates)
        scope = facets.scope(with_dates)
        if not scope.empty:
            return Scoped(dated.question, with_dates, scope)
        note = f"{scope.nothing_message().removesuffix('.')}: searched every date instead."
        log.info("question dates %r match no document: searching every date", dated.dates.phrase)
        return Scoped(question, base, facets.scope(base) if base else None, note)
    return Scoped(question, base, facets.scope(base) if base else None)
