"""What the bot needs from an engine: the `AnswerService` protocol, and a stand-in for when no
index is loaded.

The protocol lives with its consumer: `index.engine.Engine` satisfies it structurally without
knowing about it (the engine never imports `bot`), and so do the tests' in-memory engine and
`NotReady`. `tests/bot/test_service.py` checks all three against it.
"""

from __future__ import annotations

import logging
from typing import Protocol, runtime_checkable

from index.build_stages import Progress
from index.config import EngineConfig
from index.corpus_view import DocumentReport
from index.errors import QuotebotError
from index.filters import Filters
from index.speakers import Speaker
from index.types import Answer, BuildSummary, DocMeta, DocumentInfo, Hit, Said, Verification

log = logging.getLogger(__name__)



@runtime_checkable
class AnswerService(Protocol):
    config: EngineConfig

    def ask(self, question: str, k: int | None = None, filters: Filters | None = None) -> Answer: ...

    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]: ...

    def verify(self, text: str) -> Verification: ...

    def speakers(self) -> list[Speaker]: ...

    def said(self, name: str, about: str | None = None, limit: int | None = None) -> Said: ...

    def document_meta(self, doc_id: str) -> DocMeta: ...

    def documents(self, filters: Filters | None = None) -> list[DocumentInfo]: ...

    def facets(self) -> dict[str, dict[str, int]]: ...

    def find_url(self, url: str) -> DocumentInfo | None: ...

    def document_report(self, rel_path: str) -> DocumentReport | None: ...

    def stats(self) -> dict: ...

    def reindex_status(self) -> tuple[str, str] | None: ...

    def reindex(self, full: bool = False, progress: Progress | None = None, started_by: str = "",
                allow_shrink: bool = False) -> BuildSummary: ...


class NotReady:
    """An AnswerService with no index behind it (`quotebot sync` only reads command definitions):
    every question is told so; nothing pretends to answer."""

    MESSAGE = "The index is not loaded yet."

    def __init__(self, config: EngineConfig) -> None:
        self.config = config

    def ask(self, question: str, k: int | None = None, filters: Filters | None = None) -> Answer:
        raise QuotebotError(self.MESSAGE)

    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]:
        raise QuotebotError(self.MESSAGE)

    def verify(self, text: str) -> Verification:
        raise QuotebotError(self.MESSAGE)

    def speakers(self) -> list[Speaker]:
        return []

    def said(self, name: str, about: str | None = None, limit: int | None = None) -> Said:
        raise QuotebotError(self.MESSAGE)

    def document_meta(self, doc_id: str) -> DocMeta:
        return DocMeta(title=doc_id)

    def documents(self, filters: Filters | None = None) -> list[DocumentInfo]:
        return []

    def facets(self) -> dict[str, dict[str, int]]:
        return {"collections": {}, "sources": {}}

    def find_url(self, url: str) -> DocumentInfo | None:
        return None

    def document_report(self, rel_path: str) -> DocumentReport | None:
        return None

    def stats(self) -> dict:
        return {"documents": 0, "chunks": 0, "model": self.config.model, "corpus_dir": str(self.config.corpus_dir),
                "index_dir": str(self.config.index_dir)}

    def reindex_status(self) -> tuple[str, str] | None:
        return None

    def reindex(self, full: bool = False, progress: Progress | None = None, started_by: str = "",
                allow_shrink: bool = False) -> BuildSummary:
        raise QuotebotError(self.MESSAGE)
