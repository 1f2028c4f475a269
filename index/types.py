"""Typed records that flow through the engine: Document → Chunk → Hit → Quote/Answer."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

# Files at the corpus root; every top-level folder is a collection of its own (index.filters).
DEFAULT_COLLECTION = "default"


def collection_of(rel_path: str) -> str:
    """The collection of a corpus file: its top-level folder, or the default one at the root."""
    parts = PurePosixPath(rel_path).parts
    return parts[0] if len(parts) > 1 else DEFAULT_COLLECTION


@dataclass(frozen=True, slots=True)
class DocMeta:
    """Where a text comes from: the citation a document, its sources and its quotes share."""

    title: str = ""
    url: str = ""
    source: str = ""  # the outlet
    date: str = ""  # ISO date, or "" when unknown

    def to_json(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url, "source": self.source, "date": self.date}


class _Cited:
    """Read-only `title`/`url`/`source`/`date` of a record's `meta`, so readers need not know
    that the citation lives in one `DocMeta`."""

    __slots__ = ()
    meta: DocMeta

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def url(self) -> str:
        return self.meta.url

    @property
    def source(self) -> str:
        return self.meta.source

    @property
    def date(self) -> str:
        return self.meta.date


@dataclass(slots=True)
class Document(_Cited):
    """One article as stored: `text` is exactly what chunks and quotes index into."""

    doc_id: str
    text: str
    meta: DocMeta = DocMeta()
    path: str = ""
    # (start, end, page_number) spans of `text`, for PDFs; empty otherwise.
    pages: list[tuple[int, int, int]] = field(default_factory=list)
    collection: str = DEFAULT_COLLECTION

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

    def to_row(self) -> dict[str, Any]:
        """The docs.jsonl row (without `text`): flat, as every index generation has stored it."""
        return {"doc_id": self.doc_id, **self.meta.to_json(), "path": self.path,
                "pages": [list(p) for p in self.pages], "content_hash": self.content_hash,
                "collection": self.collection}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Document:
        meta = DocMeta(title=row.get("title", ""), url=row.get("url", ""),
                       source=row.get("source", ""), date=row.get("date", ""))
        path = row.get("path", "")
        # Format 2 rows have no collection: it is the file's top-level folder (a migration).
        return cls(doc_id=row["doc_id"], text=row["text"], meta=meta, path=path,
                   pages=[tuple(p) for p in row.get("pages", [])],
                   collection=row.get("collection") or collection_of(path))


@dataclass(frozen=True, slots=True)
class DocumentInfo(_Cited):
    """One line of the corpus listing (`Engine.documents()`)."""

    doc_id: str
    meta: DocMeta
    chunks: int
    collection: str = DEFAULT_COLLECTION
    path: str = ""


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
class Source(_Cited):
    n: int
    doc_id: str
    meta: DocMeta

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "doc_id": self.doc_id, **self.meta.to_json()}


@dataclass(slots=True)
class Quote(_Cited):
    text: str
    doc_id: str
    start: int
    end: int
    meta: DocMeta = DocMeta()
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
            **self.meta.to_json(),
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
    # What the answer was restricted to (`index.filters.Filters.to_json`), None when nothing;
    # `scope` says it in words ("in un from 2024").
    filters: dict[str, Any] | None = None
    scope: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "abstained": self.abstained,
            "answer": self.answer,
            "quotes": [q.to_json() for q in self.quotes],
            "sources": [s.to_json() for s in self.sources],
            "closest": [q.to_json() for q in self.closest],
            "confidence": round(self.confidence, 4),
            "filters": self.filters,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


@dataclass(slots=True)
class Said:
    """What one speaker said across the corpus (`Engine.said`, `/said`, `quotebot said`).

    `quotes`: newest first (by document date; with `about`, the statements naming most of its
    words first), each `doc.text[start:end]` with its speaker and the number `citation` of its
    entry in `sources`. Empty: `message` says why — nobody by that name is quoted, or
    (`mentioned`) the corpus names them but quotes nothing from them."""

    speaker: str  # as asked
    about: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    mentioned: bool = False
    message: str = ""
    total: int = 0  # statements found, before any limit

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "about": self.about,
            "total": self.total,
            "message": self.message,
            "mentioned": self.mentioned,
            "quotes": [q.to_json() for q in self.quotes],
            "sources": [s.to_json() for s in self.sources],
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


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One step of a word diff, a claimed quote against the corpus.

    op: "same" (the same words), "changed" (claimed words where the corpus has others),
    "added" (claimed words the corpus does not have there), "missing" (corpus words the claim
    leaves out). `claimed` is a slice of the claim as given, `corpus` a slice of the stored
    document text (verbatim)."""

    op: str
    claimed: str
    corpus: str

    def to_json(self) -> dict[str, str]:
        return {"op": self.op, "claimed": self.claimed, "corpus": self.corpus}


Verdict = Literal["verbatim", "not verbatim", "not found"]


@dataclass(slots=True)
class Verification:
    """Whether a claimed quote is in the corpus word for word (`Engine.verify`).

    verbatim: `quote` holds one verbatim span per piece of the claim ("…" joins pieces);
    not verbatim: `closest` is the closest real wording and `diff` says which words differ;
    not found: nothing in the corpus is close. Every `Quote` is `doc.text[start:end]`, its
    speaker the statement attributed at build time that covers it (None: the article's text).
    """

    claim: str
    verdict: Verdict
    quote: list[Quote] = field(default_factory=list)
    closest: Quote | None = None
    diff: list[WordEdit] = field(default_factory=list)
    similarity: float = 0.0  # of the claim's words and the closest wording's (1.0 when verbatim)
    sources: list[Source] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "quote": [q.to_json() for q in self.quote],
            "closest": self.closest.to_json() if self.closest else None,
            "diff": [d.to_json() for d in self.diff],
            "similarity": round(self.similarity, 4),
            "sources": [s.to_json() for s in self.sources],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }
