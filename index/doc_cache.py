"""What a build derives from each document's text, kept per document by content hash.

Chunk spans, the BM25 tokens of each chunk and the document's word counts and acronym forms
depend only on the text and the code that derives them. Re-deriving them for the whole corpus
cost a one-document reindex of 120 UN speeches 5 of its 10 seconds (bench/incremental.py); read
back from here, an unchanged document costs a file read.

Layout: `<cache_dir>/derived/<version>/<hash[:2]>/<hash>.json`, where `version` digests the
deriving modules' source and the chunk settings (a change to either starts a new folder) and
`hash` is the document text's sha256. A file that fails to parse is derived again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from index import attribution, chunking, glossary, lexical, normalize
from index.chunking import chunk_spans
from index.config import ChunkingConfig
from index.glossary import acronym_forms
from index.lexical import analyze
from index.normalize import tokens

log = logging.getLogger(__name__)

# 2: each chunk's BM25 tokens as one space-joined string (tokens hold no spaces), which JSON
# parses several times faster than lists of short strings.
DERIVED_FORMAT = 2
# The code whose output is cached here: any edit to these makes a new cache version.
DERIVING_MODULES = (chunking, lexical, normalize, glossary)


@dataclass(frozen=True, slots=True)
class Derived:
    spans: list[tuple[int, int]]
    analyzed: list[list[str]]  # BM25 tokens of each chunk
    counts: dict[str, int]  # word counts, for typo repair's vocabulary
    acronyms: dict[str, dict[str, int]]  # acronym → long form → times defined

    @classmethod
    def of(cls, text: str, params: ChunkingConfig) -> Derived:
        spans = chunk_spans(text, params.max_chars, params.min_chars)
        return cls(
            spans=spans,
            analyzed=[analyze(text[s:e]) for s, e in spans],
            counts=dict(Counter(tokens(text))),
            acronyms={a: dict(c) for a, c in acronym_forms(text).items()},
        )

    def to_json(self) -> dict:
        return {"spans": self.spans, "analyzed": [" ".join(terms) for terms in self.analyzed],
                "counts": self.counts, "acronyms": self.acronyms}

    @classmethod
    def from_json(cls, row: dict) -> Derived:
        return cls([tuple(s) for s in row["spans"]], [terms.split() for terms in row["analyzed"]],
                   row["counts"], row["acronyms"])


def code_version(params: ChunkingConfig) -> str:
    h = hashlib.sha256(f"{DERIVED_FORMAT}:{params.max_chars}:{params.min_chars}".encode())
    files = [Path(m.__file__) for m in DERIVING_MODULES]
    files += sorted(Path(attribution.__file__).parent.glob("*.py"))  # chunking splits sentences with it
    for path in files:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class DerivedCache:
    def __init__(self, root: Path | None, params: ChunkingConfig) -> None:
        self.params = params
        self.folder = Path(root) / "derived" / code_version(params) if root is not None else None
        self.hits = self.misses = 0

    def get(self, text: str) -> Derived:
        if self.folder is None:
            self.misses += 1
            return Derived.of(text, self.params)
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        path = self.folder / key[:2] / f"{key}.json"
        try:
            found = Derived.from_json(json.loads(path.read_text(encoding="utf-8")))
            self.hits += 1
            return found
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError) as e:
            log.warning("derived-data cache file %s is unreadable (%s): deriving it again", path, e)
        self.misses += 1
        derived = Derived.of(text, self.params)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps(derived.to_json(), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)  # whole or absent
        except OSError as e:  # a full cache disk slows the next build, it must not fail this one
            log.warning("could not write the derived-data cache (%s)", e)
        return derived

    def drop_other_versions(self) -> None:
        """Old code versions' folders are never read again."""
        if self.folder is None or not self.folder.parent.is_dir():
            return
        for other in self.folder.parent.iterdir():
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
