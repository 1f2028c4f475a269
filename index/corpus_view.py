"""The corpus as the bot lists it: documents with their collection, facet counts for
autocomplete, a document found by URL or by file, and what was found in it (speakers)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from index.cleaning import normalise_url
from index.filters import Filters
from index.search import Searcher
from index.store import IndexState
from index.types import DocumentInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """One indexed document as `/add` reports it: citation, chunks, who speaks in it."""

    info: DocumentInfo
    statements: int
    speakers: list[tuple[str, int]]  # (speaker, statements), most first


def documents(state: IndexState, searcher: Searcher, filters: Filters | None = None) -> list[DocumentInfo]:
    """Every document (or those `filters` allow) with its chunk count, newest first, then by title."""
    ranges = state.doc_chunk_range()
    allowed = searcher.facets.scope(filters).docs if filters else None
    out = []
    for i, d in enumerate(state.docs):
        if allowed is not None and not allowed[i]:
            continue
        lo, hi = ranges.get(d.doc_id, (0, 0))
        out.append(DocumentInfo(d.doc_id, d.meta, hi - lo, collection=d.collection, path=d.path))
    out.sort(key=lambda i: i.title.casefold())
    out.sort(key=lambda i: i.date, reverse=True)
    return out


def facets(searcher: Searcher) -> dict[str, dict[str, int]]:
    """{"collections": {name: documents}, "sources": {outlet: documents}} for autocomplete."""
    return {"collections": searcher.facets.collection_counts(), "sources": searcher.facets.source_counts()}


def find_url(state: IndexState, url: str) -> DocumentInfo | None:
    key = normalise_url(url)
    if not key:
        return None
    for d in state.docs:
        if normalise_url(d.url) == key:
            return DocumentInfo(d.doc_id, d.meta, 0, collection=d.collection, path=d.path)
    return None


def report(state: IndexState, rel_path: str) -> DocumentReport | None:
    """The document stored from corpus file `rel_path`, or None when it is not indexed."""
    ranges = state.doc_chunk_range()
    for i, d in enumerate(state.docs):
        if d.path == rel_path:
            lo, hi = ranges.get(d.doc_id, (0, 0))
            stmts = state.statements[i]
            speakers = Counter(s.speaker for s in stmts if s.speaker)
            info = DocumentInfo(d.doc_id, d.meta, hi - lo, collection=d.collection, path=d.path)
            return DocumentReport(info, sum(speakers.values()), speakers.most_common())
    return None
