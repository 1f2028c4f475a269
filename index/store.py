"""On-disk index: one folder per generation, swapped in atomically through a `current` symlink.

Layout of a generation folder:
  manifest.json  model, dimension, index type, counts, per-document hashes, versions, checksums
  docs.jsonl     one document per line (metadata + stored text: quotes are checked against it)
  chunks.npy     int64 rows (doc_index, ordinal, start, end) into docs.jsonl
  vectors.faiss  FAISS inner-product index over normalised vectors (row i = chunk i)
  bm25/          bm25s index over the same chunks
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.errors import IndexCorrupt, IndexMismatch
from index.lexical import LexicalIndex
from index.types import Chunk, Document

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "current"
FILES = ("manifest.json", "docs.jsonl", "chunks.npy", "vectors.faiss", "lexicon.json")


@dataclass
class IndexState:
    """Everything a query needs, immutable once built: swapping the object swaps the index."""

    path: Path | None
    manifest: dict[str, Any]
    docs: list[Document]
    chunk_rows: np.ndarray  # (n, 4) int64: doc_index, ordinal, start, end
    dense: Any  # faiss.Index
    lexical: LexicalIndex
    lexicon: dict[str, Any] = field(default_factory=dict)  # {"vocab": {word: n}, "acronyms": [[ACR, long]]}
    doc_index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.doc_index = {d.doc_id: i for i, d in enumerate(self.docs)}

    @property
    def size(self) -> int:
        return int(self.chunk_rows.shape[0])

    def chunk(self, i: int) -> Chunk:
        di, ordinal, start, end = (int(x) for x in self.chunk_rows[i])
        doc = self.docs[di]
        return Chunk(doc_id=doc.doc_id, ordinal=ordinal, start=start, end=end, text=doc.text[start:end])

    def doc_chunk_range(self) -> dict[str, tuple[int, int]]:
        """doc_id → [first, last+1) chunk rows; chunks of a document are contiguous."""
        out: dict[str, tuple[int, int]] = {}
        if self.size == 0:
            return out
        col = self.chunk_rows[:, 0]
        starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
        ends = np.r_[starts[1:], len(col)]
        for s, e in zip(starts, ends, strict=True):
            out[self.docs[int(col[s])].doc_id] = (int(s), int(e))
        return out


def package_versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for name in ("quotebot", "faiss-cpu", "sentence-transformers", "bm25s", "numpy", "torch"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def current_path(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT
    if not link.exists():
        return None
    return link.resolve()


def new_generation(index_dir: Path) -> Path:
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    path.mkdir()
    return path


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, obj: Any) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())


def write_generation(path: Path, state: IndexState) -> None:
    """Write every file of the generation, manifest last: a folder without a manifest is junk."""
    with open(path / "docs.jsonl", "w", encoding="utf-8") as f:
        for d in state.docs:
            row = d.meta()
            row["text"] = d.text
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    np.save(path / "chunks.npy", state.chunk_rows)
    _write_json(path / "lexicon.json", state.lexicon)
    faiss.write_index(state.dense, str(path / "vectors.faiss"))
    state.lexical.save(path / "bm25")
    manifest = dict(state.manifest)
    manifest["files"] = {name: (path / name).stat().st_size for name in FILES if name != "manifest.json"}
    _write_json(path / "manifest.json", manifest)
    _fsync_dir(path)
    state.manifest = manifest
    state.path = path


def swap_in(index_dir: Path, path: Path, keep: int = 1) -> None:
    """Point `current` at `path` with one atomic rename, then prune old generations."""
    tmp = index_dir / f".{CURRENT}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(path.name)
    os.replace(tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)
    prune(index_dir, keep=keep)


def prune(index_dir: Path, keep: int = 1) -> None:
    """Drop generations other than the current one and the `keep` newest before it."""
    cur = current_path(index_dir)
    gens = sorted((p for p in index_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    old = [p for p in gens if p != cur]
    for p in old[: max(0, len(old) - keep)]:
        shutil.rmtree(p, ignore_errors=True)


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        return json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise IndexCorrupt(f"index manifest at {path} is unreadable ({e}); run `quotebot index --full`") from e


def check_compatible(manifest: dict[str, Any], model: str, dim: int | None) -> None:
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatch(
            f"The index was written in format {manifest.get('format_version')}, this Quotebot "
            f"reads format {FORMAT_VERSION}. Reindex with `quotebot index --full`."
        )
    if manifest.get("model") != model or (dim is not None and manifest.get("dimension") != dim):
        raise IndexMismatch(
            f"The index was built with model {manifest.get('model')!r} "
            f"(dimension {manifest.get('dimension')}), but the settings ask for {model!r}"
            f"{f' (dimension {dim})' if dim else ''}. Reindex with `quotebot index --full`."
        )


def load_generation(path: Path) -> IndexState:
    manifest = read_manifest(path)
    for name, size in manifest.get("files", {}).items():
        f = path / name
        if not f.exists() or f.stat().st_size != size:
            raise IndexCorrupt(f"index file {f} is missing or truncated; run `quotebot index --full`")
    try:
        docs = []
        with open(path / "docs.jsonl", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                docs.append(
                    Document(
                        doc_id=row["doc_id"], text=row["text"], title=row.get("title", ""),
                        url=row.get("url", ""), source=row.get("source", ""),
                        date=row.get("date", ""), path=row.get("path", ""),
                        pages=[tuple(p) for p in row.get("pages", [])],
                    )
                )
        rows = np.load(path / "chunks.npy", mmap_mode=None)
        dense = faiss.read_index(str(path / "vectors.faiss"))
        lexical = LexicalIndex.load(path / "bm25", size=int(rows.shape[0]))
        lexicon = json.loads((path / "lexicon.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        raise IndexCorrupt(f"index at {path} could not be read ({e}); run `quotebot index --full`") from e
    n = int(rows.shape[0])
    if dense.ntotal != n or lexical.size != n or len(docs) != manifest.get("documents"):
        raise IndexCorrupt(
            f"index at {path} is inconsistent (chunks {n}, vectors {dense.ntotal}, "
            f"bm25 {lexical.size}); run `quotebot index --full`"
        )
    return IndexState(path=path, manifest=manifest, docs=docs, chunk_rows=rows, dense=dense,
                      lexical=lexical, lexicon=lexicon)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
