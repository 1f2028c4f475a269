"""On-disk index: one folder per generation, swapped in atomically through a `current` symlink.

Layout of a generation folder:
  manifest.json  model, dimension, index type, counts, per-document hashes, versions, checksums
  docs.jsonl     one document per line (metadata, collection, stored text: quotes are checked
                 against it); chunks and units reach their collection, outlet and date through it
  chunks.npy     int64 rows (doc_index, ordinal, start, end) into docs.jsonl
  vectors.faiss  FAISS inner-product index over normalised vectors (row i = chunk i)
  bm25/          bm25s index over the same chunks
  statements.jsonl  one line per document: its attributed statements (index.attribution)
  units.npy      int64 rows (doc_index, start, end, context_start, context_end, statement)
  unit_vectors.npy  float16 vectors of each unit's context sentence (row i = unit i)
"""

from __future__ import annotations

import errno
import hashlib
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

from index.attribution import Statement
from index.errors import IndexCorrupt, IndexMismatch, QuotebotError
from index.lexical import LexicalIndex
from index.types import Chunk, Document
from index.units import COLUMNS as UNIT_COLUMNS

log = logging.getLogger(__name__)

FORMAT_VERSION = 3
# Older formats read as they are and rewritten by the next build, without re-embedding:
# 2 stored no collection per document (it is derived from the document's path on load).
MIGRATES_FROM = (2,)
CURRENT = "current"
FILES = (
    "manifest.json", "docs.jsonl", "chunks.npy", "vectors.faiss", "lexicon.json",
    "statements.jsonl", "units.npy", "unit_vectors.npy",
)


# A failed write with one of these means the folder, not the data, is the problem.
FULL_OR_READ_ONLY = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}
HASH_CHUNK = 4 * 2**20


class IndexWriteFailed(QuotebotError):
    """The index folder could not be written (disk full, read-only, no permission)."""

    def __init__(self, index_dir: Path, error: OSError) -> None:
        self.error = error
        reason = error.strerror or type(error).__name__
        super().__init__(
            f"The index folder {index_dir} is full or read-only ({reason}); nothing was changed "
            "and the previous index keeps serving. Free some space or fix the folder's "
            "permissions, then reindex again."
        )


def write_failure(index_dir: Path, error: BaseException) -> IndexWriteFailed | None:
    """The user-facing error for an OSError that means "cannot write there", else None."""
    if isinstance(error, OSError) and error.errno in FULL_OR_READ_ONLY:
        return IndexWriteFailed(index_dir, error)
    return None


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
    # Per document (same order as docs): its attributed statements, computed at build time.
    statements: list[list[Statement]] = field(default_factory=list)
    unit_rows: np.ndarray = field(default_factory=lambda: np.zeros((0, UNIT_COLUMNS), np.int64))
    unit_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float16))
    doc_index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.doc_index = {d.doc_id: i for i, d in enumerate(self.docs)}
        if not self.statements:
            self.statements = [[] for _ in self.docs]

    def doc(self, doc_id: str) -> Document:
        return self.docs[self.doc_index[doc_id]]

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


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(HASH_CHUNK):
            h.update(block)
    return h.hexdigest()


def _data_files(path: Path) -> list[str]:
    """Every file of a generation but the manifest, as relative posix paths (bm25/ included)."""
    return sorted(
        p.relative_to(path).as_posix() for p in path.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )


def _manifest_digest(manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "manifest_sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def write_generation(path: Path, state: IndexState) -> None:
    """Write every file of the generation, manifest last: a folder without a manifest is junk.

    The manifest records a sha256 of every file (and of itself): a flipped byte that keeps the
    sizes right is caught at load instead of turning into a wrong quote.
    """
    with open(path / "docs.jsonl", "w", encoding="utf-8") as f:
        for d in state.docs:
            row = d.to_row()
            row["text"] = d.text
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    with open(path / "statements.jsonl", "w", encoding="utf-8") as f:
        for d, stmts in zip(state.docs, state.statements, strict=True):
            row = {"doc_id": d.doc_id, "statements": [s.to_json() for s in stmts]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    np.save(path / "units.npy", state.unit_rows)
    np.save(path / "unit_vectors.npy", state.unit_vectors.astype(np.float16, copy=False))
    np.save(path / "chunks.npy", state.chunk_rows)
    _write_json(path / "lexicon.json", state.lexicon)
    faiss.write_index(state.dense, str(path / "vectors.faiss"))
    state.lexical.save(path / "bm25")
    manifest = dict(state.manifest)
    manifest["files"] = {name: (path / name).stat().st_size for name in FILES if name != "manifest.json"}
    manifest["sha256"] = {name: file_sha256(path / name) for name in _data_files(path)}
    manifest["manifest_sha256"] = _manifest_digest(manifest)
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
    # Resolved on both sides: `current` resolves to an absolute path, and a relative INDEX_DIR
    # once made every generation look "not current" and pruned the one meant to be kept.
    cur = current_path(index_dir)
    gens = sorted((p.resolve() for p in index_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    old = [p for p in gens if p != cur]
    for p in old[: max(0, len(old) - keep)]:
        shutil.rmtree(p, ignore_errors=True)


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise IndexCorrupt(f"index manifest at {path} is unreadable ({e}); run `quotebot index --full`") from e
    if not isinstance(manifest, dict):
        raise IndexCorrupt(f"index manifest at {path} is not an object; run `quotebot index --full`")
    recorded = manifest.get("manifest_sha256")
    if recorded is not None and recorded != _manifest_digest(manifest):
        raise IndexCorrupt(f"index manifest at {path} fails its checksum (damaged on disk)")
    return manifest


def verify_checksums(path: Path, manifest: dict[str, Any]) -> None:
    """Raise IndexCorrupt when a file differs from the sha256 recorded at write time.

    Indexes written before checksums existed have none: sizes and counts still guard them.
    """
    for name, digest in (manifest.get("sha256") or {}).items():
        f = path / name
        try:
            actual = file_sha256(f)
        except OSError as e:
            raise IndexCorrupt(f"index file {f} is unreadable ({e.strerror or e})") from e
        if actual != digest:
            raise IndexCorrupt(f"index file {f} fails its checksum (damaged on disk)")


def needs_migration(manifest: dict[str, Any]) -> bool:
    """An index of an older format this Quotebot reads, to be rewritten by the next build."""
    return manifest.get("format_version") in MIGRATES_FROM


def check_compatible(manifest: dict[str, Any], model: str, dim: int | None) -> None:
    if manifest.get("format_version") != FORMAT_VERSION and not needs_migration(manifest):
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
    verify_checksums(path, manifest)
    try:
        docs = []
        with open(path / "docs.jsonl", encoding="utf-8") as fh:
            for line in fh:
                docs.append(Document.from_row(json.loads(line)))
        rows = np.load(path / "chunks.npy", mmap_mode=None)
        dense = faiss.read_index(str(path / "vectors.faiss"))
        lexical = LexicalIndex.load(path / "bm25", size=int(rows.shape[0]))
        lexicon = json.loads((path / "lexicon.json").read_text(encoding="utf-8"))
        with open(path / "statements.jsonl", encoding="utf-8") as fh:
            statements = [[Statement.from_json(s) for s in json.loads(line)["statements"]] for line in fh]
        unit_rows = np.load(path / "units.npy")
        unit_vectors = np.load(path / "unit_vectors.npy")
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        raise IndexCorrupt(f"index at {path} could not be read ({e}); run `quotebot index --full`") from e
    n = int(rows.shape[0])
    if (dense.ntotal != n or lexical.size != n or len(docs) != manifest.get("documents")
            or len(statements) != len(docs) or unit_rows.shape[0] != unit_vectors.shape[0]):
        raise IndexCorrupt(
            f"index at {path} is inconsistent (chunks {n}, vectors {dense.ntotal}, "
            f"bm25 {lexical.size}); run `quotebot index --full`"
        )
    return IndexState(path=path, manifest=manifest, docs=docs, chunk_rows=rows, dense=dense,
                      lexical=lexical, lexicon=lexicon, statements=statements,
                      unit_rows=unit_rows, unit_vectors=unit_vectors)


def remove_junk(index_dir: Path) -> list[Path]:
    """Delete what a killed or failed build left behind: generations without a manifest and
    temporary `current` links. Call only while holding the build lock (a live build's folder
    has no manifest until its last write)."""
    removed: list[Path] = []
    cur = current_path(index_dir)
    for p in index_dir.glob("gen-*"):
        if p.is_dir() and p.resolve() != cur and not (p / "manifest.json").exists():
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    for p in index_dir.glob(f".{CURRENT}.*.tmp"):
        p.unlink(missing_ok=True)
        removed.append(p)
    if removed:
        log.warning("removed %d leftover(s) of an interrupted build: %s", len(removed),
                    ", ".join(p.name for p in removed))
    return removed


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
