"""Typed records that flow through the engine: Document → Chunk → Hit → Quote/Answer."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Document:
    """One article as stored: `text` is exactly what chunks and quotes index into."""

    doc_id: str
    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    date: str = ""
    path: str = ""
    # (start, end, page_number) spans of `text`, for PDFs; empty otherwise.
    pages: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        # Metadata is part of the hash: a changed title must reach the stored chunks too.
        h = hashlib.sha256()
        for part in (self.text, self.title, self.url, self.source, self.date):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:32]

    def page_at(self, offset: int) -> int | None:
        for start, end, page in self.pages:
            if start <= offset < end:
                return page
        return None

    def meta(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("text")
        d["pages"] = [list(p) for p in self.pages]
        d["content_hash"] = self.content_hash
        return d


@dataclass(slots=True)
class Chunk:
    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"


@dataclass(slots=True)
class Hit:
    chunk: Chunk
    score: float
    dense_score: float = 0.0
    lexical_score: float = 0.0
    dense_rank: int | None = None
    lexical_rank: int | None = None


@dataclass(slots=True)
class Source:
    n: int
    doc_id: str
    title: str
    url: str
    source: str
    date: str


@dataclass(slots=True)
class Quote:
    text: str
    doc_id: str
    start: int
    end: int
    title: str = ""
    url: str = ""
    source: str = ""
    date: str = ""
    speaker: str | None = None
    citation: int = 0
    page: int | None = None
    # The quote is part of a longer sentence: shown with "…" at that end, outside the verbatim text.
    cut_before: bool = False
    cut_after: bool = False
    # direct: the speaker's own quoted words; mixed/reported: the article reporting what the
    # speaker said (its own quote marks show their words); publisher: an organisation's own
    # publication; excerpt: the article's narrative, nobody's statement (speaker is None).
    kind: str = "excerpt"
    role: str | None = None
    organisation: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "doc_id": self.doc_id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "date": self.date,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "citation": self.citation,
            "page": self.page,
            "cut_before": self.cut_before,
            "cut_after": self.cut_after,
            "kind": self.kind,
            "role": self.role,
            "organisation": self.organisation,
        }


@dataclass(slots=True)
class Answer:
    question: str
    abstained: bool
    answer: str
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # When abstaining, the nearest passages, clearly labelled as not an answer.
    closest: list[Quote] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    # How well the best passage matches the question (0..1); below the threshold → abstain.
    confidence: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "abstained": self.abstained,
            "answer": self.answer,
            "quotes": [q.to_json() for q in self.quotes],
            "sources": [asdict(s) for s in self.sources],
            "closest": [q.to_json() for q in self.closest],
            "confidence": round(self.confidence, 4),
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


@dataclass(slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(slots=True)
class BuildSummary:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0
    embedded_chunks: int = 0
    # Answer units (statements and sentences) embedded in this build.
    embedded_units: int = 0
    seconds: float = 0.0
    full: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
