"""The previous build's documents standing in for corpus files that have not changed since.

Reading and cleaning every file was the largest part of a one-speech reindex of the UN General
Debate corpus (5 of 15 seconds for 4,793 files, bench/incremental.py). A file whose size and
mtime are what the previous build recorded (its manifest's `corpus_fingerprint`) gave the
document that build stored, so that document is taken as it is instead of being read again —
provided the reading and cleaning code and settings are the same (`reading_version`).

Only files that gave exactly one document are reused: a CSV or JSONL file's rows are read again
(their ids depend on the rows around them), and so is a file that was skipped or was a duplicate.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index import cleaning, readers
from index.attribution import segment
from index.config import EngineConfig
from index.types import Document


def reading_version(config: EngineConfig) -> str:
    """A digest of what turns a file into a document: the readers, the cleaning and its settings,
    and the sentence splitter a title without a headline is cut by."""
    from index import documents  # (it imports this module)

    h = hashlib.sha256(json.dumps(list(config.boilerplate_patterns)).encode())
    for module in (documents, readers, cleaning, segment):
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class PreviousRead:
    stats: dict[str, tuple[int, int]]  # relative path → (size, mtime_ns) when it was read
    documents: dict[str, Document]  # relative path → the one document it gave

    @classmethod
    def of(cls, manifest: dict[str, Any], docs: list[Document], config: EngineConfig) -> PreviousRead | None:
        """What a previous generation read, or None when it cannot stand in for this read."""
        if manifest.get("reading_version") != reading_version(config):
            return None
        if manifest.get("corpus_dir") != str(config.corpus_dir):
            return None
        stats = {rel: (int(s[0]), int(s[1])) for rel, s in manifest.get("corpus_fingerprint", {}).items()}
        per_path = Counter(d.path for d in docs)
        return cls(stats, {d.path: d for d in docs if per_path[d.path] == 1})

    def document(self, rel: str, size: int, mtime_ns: int, doc_id: str) -> Document | None:
        """The document `rel` gave last time, if it is unchanged and keeps its id."""
        doc = self.documents.get(rel)
        if doc is None or self.stats.get(rel) != (size, mtime_ns) or doc.doc_id != doc_id:
            return None
        return doc
