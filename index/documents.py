"""Corpus ingestion: a folder of files → cleaned, deduplicated Documents.

Every bad file or row ends up in `CorpusLoad.skipped` with a reason instead of stopping the
load: one broken upload must never take the bot's whole corpus down with it.
"""

from __future__ import annotations

import errno
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from index.cleaning import (
    clean_text,
    derive_title,
    host_of,
    normalise_date,
    normalise_text,
    normalise_url,
    split_attribution,
    text_key,
)
from index.config import EngineConfig
from index.readers import READERS, RawDoc, ReadError, ReadResult
from index.types import DocMeta, Document, Skipped, collection_of
from index.unchanged_files import PreviousRead

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".csv", ".jsonl")
BULK_SUFFIXES = (".csv", ".jsonl")


@dataclass
class CorpusLoad:
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)
    # Relative path → (size, mtime_ns) before it was read: `fingerprint_files` of this load.
    fingerprint: dict[str, tuple[int, int]] = field(default_factory=dict)


def _is_corpus_notes(name: str) -> bool:
    # READMEs and provenance notes describe a corpus; indexing them would let the bot quote them.
    stem = name.rsplit(".", 1)[0].upper()
    return stem.startswith("README") or stem.endswith("README") or stem == "PROVENANCE"


def link_problem(path: Path, real_root: Path) -> str | None:
    """Why a symlink in the corpus must not be read, or None for a plain file or a link that
    stays inside the corpus. A link out of the corpus would make any file the bot's user can
    read quotable (`/etc/…`, another team's documents); a loop can never be read."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports loops this way
        return "symlink loop: not followed"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symlink loop: not followed"
        return "broken symlink: its target does not exist"
    if not target.is_relative_to(real_root):
        return "symlink to a file outside the corpus folder: not followed"
    return None


def _walk(root: Path, glossary_file: str) -> list[tuple[Path, str | None]]:
    """Every non-hidden file under root that could be corpus content, sorted by relative path,
    each with the reason it must not be read (symlinks out of the corpus, loops) or None."""
    real_root = root.resolve()
    found: list[tuple[str, Path, str | None]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        # os.walk lists symlinked folders but does not enter them: report those leading out.
        for d in dirnames:
            if not d.startswith(".") and (problem := link_problem(base / d, real_root)):
                rel = (base / d).relative_to(root).as_posix()
                found.append((rel, base / d, problem.replace("to a file", "to a folder")))
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith(".") or _is_corpus_notes(name):
                continue
            path = base / name
            rel = path.relative_to(root).as_posix()
            if rel == glossary_file:
                continue
            found.append((rel, path, link_problem(path, real_root)))
    return [(path, problem) for _, path, problem in sorted(found)]


def iter_corpus_files(root: Path, *, glossary_file: str = "glossary.toml") -> list[Path]:
    """Supported corpus files under root, recursive and sorted; hidden files, notes and
    symlinks that lead out of the corpus (or nowhere) left out."""
    return [
        p for p, problem in _walk(Path(root), glossary_file)
        if problem is None and p.suffix.lower() in SUPPORTED_SUFFIXES
    ]


def fingerprint_files(
    root: Path, *, glossary_file: str = "glossary.toml"
) -> dict[str, tuple[int, int]]:
    """Relative path → (size, mtime_ns): enough to tell whether a reindex has anything to do."""
    root = Path(root)
    prints: dict[str, tuple[int, int]] = {}
    for path in iter_corpus_files(root, glossary_file=glossary_file):
        try:
            st = path.stat()
        except OSError:  # removed while we were walking: it simply is not part of the corpus
            continue
        prints[path.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return prints


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 // 10 else f"{n} bytes"


def _id_bases(root: Path, files: list[Path]) -> dict[Path, str]:
    """The name ids are built from: the stem, unless another file of its kind shares it."""

    def kind(p: Path) -> bool:
        return p.suffix.lower() in BULK_SUFFIXES

    stems = Counter((kind(p), p.stem) for p in files)
    no_suffix = Counter((kind(p), p.relative_to(root).with_suffix("").as_posix()) for p in files)
    bases = {}
    for p in files:
        rel = p.relative_to(root)
        if stems[(kind(p), p.stem)] == 1:
            bases[p] = p.stem
        elif no_suffix[(kind(p), rel.with_suffix("").as_posix())] == 1:
            bases[p] = rel.with_suffix("").as_posix()
        else:  # a.txt next to a.md: only the suffix tells them apart
            bases[p] = rel.as_posix()
    return bases


def build_document(
    raw: RawDoc, doc_id: str, rel: str, patterns: tuple[str, ...]
) -> Document | None:
    """Clean one raw document; None when nothing but whitespace or boilerplate is left."""
    pages: list[tuple[int, int, int]] = []
    if raw.page_texts is not None:
        cleaned = [(n, clean_text(t, patterns)) for n, t in enumerate(raw.page_texts, start=1)]
        kept = [(n, t) for n, t in cleaned if t]
        attributed = ""
        if kept:
            last_n, last_text = kept[-1]
            last_text, attributed = split_attribution(last_text)
            kept[-1] = (last_n, last_text)
            kept = [(n, t) for n, t in kept if t]
        parts, offset = [], 0
        for n, t in kept:
            pages.append((offset, offset + len(t), n))
            parts.append(t)
            offset += len(t) + 2
        text = "\n\n".join(parts)
    else:
        text, attributed = split_attribution(clean_text(raw.text, patterns))
        text = normalise_text(text)
    if not text:
        return None
    url = raw.url.strip()
    return Document(
        doc_id=doc_id,
        text=text,
        meta=DocMeta(
            title=" ".join(raw.title.split()) or derive_title(text),
            url=url,
            source=raw.source.strip() or attributed or host_of(url),
            date=normalise_date(raw.date),
        ),
        path=rel,
        pages=pages,
        collection=collection_of(rel),
    )


class _Loader:
    def __init__(self, root: Path, config: EngineConfig, previous: PreviousRead | None = None) -> None:
        self.root = root
        self.config = config
        self.previous = previous
        self.reused = 0
        self.patterns = tuple(config.boilerplate_patterns)
        self.result = CorpusLoad()
        self.by_url: dict[str, str] = {}
        self.by_text: dict[str, str] = {}
        self.ids: set[str] = set()

    def skip(self, rel: str, reason: str) -> None:
        log.warning("skipping %s: %s", rel, reason)
        self.result.skipped.append(Skipped(rel, reason))

    def load_file(self, path: Path, id_base: str) -> None:
        rel = path.relative_to(self.root).as_posix()
        try:
            st = path.stat()
            self.result.fingerprint[rel] = (st.st_size, st.st_mtime_ns)
            unchanged = self._unchanged(st, rel, id_base)
            if unchanged is not None:
                self.reused += 1
                self.add(unchanged, rel)
                return
            read = self._read_stable(path, rel, st)
        except FileNotFoundError:
            self.skip(rel, "disappeared while the corpus was being read")
            return
        except ReadError as exc:
            self.skip(rel, str(exc))
            return
        except OSError as exc:  # permission denied, I/O error: the reason is the whole story
            self.skip(rel, f"unreadable: {exc.strerror or type(exc).__name__}")
            return
        except Exception as exc:  # any parser bug or I/O error costs this file only
            log.warning("cannot read %s", rel, exc_info=True)
            self.skip(rel, f"unreadable: {type(exc).__name__}: {exc}")
            return
        if read is None:
            return
        for problem in read.row_problems:
            self.skip(rel, problem)
        if not read.docs and not read.row_problems:
            self.skip(rel, "empty")
        for raw in read.docs:
            if raw.row is None:
                doc_id, ref = id_base, rel
            else:
                doc_id, ref = raw.url.strip() or f"{id_base}:{raw.row}", f"{rel}:{raw.row}"
            try:
                doc = build_document(raw, self._unique(doc_id), rel, self.patterns)
            except Exception as exc:  # a pathological text must not end the load either
                log.warning("cannot clean %s", ref, exc_info=True)
                self.skip(rel, f"unparseable: {type(exc).__name__}: {exc}")
                continue
            if doc is None:
                self.skip(rel, "empty" if raw.row is None else f"row {raw.row}: empty text")
                continue
            if len(doc.text) > self.config.max_document_chars:
                row = "" if raw.row is None else f"row {raw.row}: "
                self.skip(rel, f"{row}too long: {len(doc.text):,} characters > "
                               f"{self.config.max_document_chars:,} limit for one document")
                continue
            self.add(doc, ref)

    def _unchanged(self, st: os.stat_result, rel: str, id_base: str) -> Document | None:
        """The previous build's document for a file unchanged since, if it still passes."""
        if self.previous is None:
            return None
        doc = self.previous.document(rel, st.st_size, st.st_mtime_ns, self._unique(id_base))
        if doc is None or st.st_size > self.config.max_file_bytes or len(doc.text) > self.config.max_document_chars:
            return None  # (the limits may have changed: reading it again skips it with the reason)
        return doc

    def _read_stable(self, path: Path, rel: str, before: os.stat_result) -> ReadResult | None:
        """Read `path` once its size and mtime hold still across a read (one retry); None = skipped.

        A file rewritten in place while we read it could give half old, half new text.
        """
        for _ in range(2):
            if before.st_size > self.config.max_file_bytes:
                limit = _size(self.config.max_file_bytes)
                self.skip(rel, f"too large: {_size(before.st_size)} > {limit} limit")
                return None
            read = READERS[path.suffix.lower()](path)
            after = path.stat()
            if (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns):
                return read
            log.info("%s changed while being read; reading it again", rel)
            before = after
        self.skip(rel, "kept changing while being read; it will be indexed by the next reindex")
        return None

    def _unique(self, doc_id: str) -> str:
        candidate, n = doc_id, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{doc_id}~{n}"
        return candidate

    def add(self, doc: Document, ref: str) -> None:
        url_key = normalise_url(doc.url)
        body_key = text_key(doc.text)
        if url_key and url_key in self.by_url:
            first, why = self.by_url[url_key], "same url"
        elif body_key in self.by_text:
            first, why = self.by_text[body_key], "same text"
        else:
            if url_key:
                self.by_url[url_key] = doc.doc_id
            self.by_text[body_key] = doc.doc_id
            self.ids.add(doc.doc_id)
            self.result.documents.append(doc)
            return
        log.info("%s duplicates %s (%s)", ref, first, why)
        self.result.duplicates.append(Skipped(ref, f"duplicate of {first} ({why})"))


def load_corpus(root: Path, config: EngineConfig, previous: PreviousRead | None = None) -> CorpusLoad:
    """Read every corpus file under root; never raises because of the files' contents.

    With `previous`, files unchanged since the previous build are not read again."""
    root = Path(root)
    loader = _Loader(root, config, previous)
    if not root.is_dir():
        log.warning("corpus folder %s does not exist", root)
        return loader.result
    files = []
    for path, problem in _walk(root, config.glossary_file):
        if problem is not None:
            loader.skip(path.relative_to(root).as_posix(), problem)
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(path)
        else:
            loader.skip(
                path.relative_to(root).as_posix(),
                f"unsupported file type {path.suffix or '(none)'}",
            )
    bases = _id_bases(root, files)
    for path in files:
        loader.load_file(path, bases[path])
    loader.result.documents.sort(key=lambda d: d.doc_id)
    log.info(
        "corpus %s: %d documents (%d unchanged files not read again), %d skipped, %d duplicates",
        root,
        len(loader.result.documents),
        loader.reused,
        len(loader.result.skipped),
        len(loader.result.duplicates),
    )
    return loader.result
