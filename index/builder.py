"""Full and incremental builds: embed only new or changed documents, write a new generation."""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from collections import Counter
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path

import faiss
import numpy as np

from index import attribution, build_stages, lexical, store
from index import units as unit_table
from index.attribution import Statement, attribute
from index.build_stages import Progress
from index.cached_embedding import embed_cached, vector_cache
from index.config import EngineConfig
from index.doc_cache import Derived, DerivedCache
from index.documents import load_corpus
from index.embedder import Embedder, backend_of
from index.errors import BadLocation, CorpusShrank, ReindexRunning
from index.glossary import Glossary, GlossaryError, glossary_of_forms, mine_acronyms
from index.lexical import LexicalIndex
from index.normalize import tokens
from index.types import BuildSummary, Document
from index.unchanged_files import PreviousRead, reading_version
from index.unit_builder import UnitBuild, build_units

log = logging.getLogger(__name__)

LOCK_NAME = ".reindex.lock"


class BuildLock:
    """An flock on a file: the kernel drops it when the holder dies, so a stale lock can't block."""

    def __init__(self, index_dir: Path, started_by: str = "") -> None:
        self.path = index_dir / LOCK_NAME
        self.started_by = started_by
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = read_lock(self.path.parent) or {}
            raise ReindexRunning(holder.get("started_by", ""), holder.get("started_at", "")) from None
        info = {
            "pid": os.getpid(),
            "started_by": self.started_by,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except BaseException:  # e.g. disk full: never keep a lock nobody will release
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
            except OSError:  # a read-only or failing disk must not keep the lock held
                log.warning("could not clear the build lock file %s", self.path)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def read_lock(index_dir: Path) -> dict | None:
    """Who holds the build lock, or None when nobody does (a dead holder's file is ignored)."""
    path = index_dir / LOCK_NAME
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                return json.loads(path.read_text() or "{}")
            except ValueError:
                return {}
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def build_lexicon(docs: list[Document]) -> dict:
    """Corpus words (for typo repair) and acronyms the documents define, computed once per build
    so that loading an index never re-reads the whole corpus."""
    counts: Counter[str] = Counter()
    for d in docs:
        counts.update(tokens(d.text))
    # A word seen once is as likely a typo as a target for one.
    vocab = {w: c for w, c in counts.items() if c >= 2 and not w.isdigit()}
    mined = mine_acronyms(d.text for d in docs)
    return {"vocab": vocab, "acronyms": [[*e.names] for e in mined.entities]}


def lexicon_of(derived: list[Derived]) -> dict:
    """`build_lexicon` from per-document derived data (same result, no re-tokenising).

    The per-document counts are summed with numpy: adding 4,793 speeches' counts in a Python
    loop (Counter.update) took over a second of a one-speech reindex."""
    words = {w: i for i, w in enumerate(dict.fromkeys(chain.from_iterable(d.counts for d in derived)))}
    ids = np.fromiter(map(words.__getitem__, chain.from_iterable(d.counts for d in derived)), np.int64)
    per_doc = np.fromiter(chain.from_iterable(d.counts.values() for d in derived), np.int64)
    totals = np.bincount(ids, weights=per_doc, minlength=len(words)).astype(np.int64).tolist()
    vocab = {w: c for w, c in zip(words, totals, strict=True) if c >= 2 and not w.isdigit()}
    mined = glossary_of_forms(d.acronyms for d in derived)
    return {"vocab": vocab, "acronyms": [[*e.names] for e in mined.entities]}


def check_corpus_dir(corpus_dir: Path) -> None:
    """A missing corpus folder is a setting to fix, never an empty corpus to index."""
    if not corpus_dir.exists():
        raise BadLocation(
            f"The corpus folder {corpus_dir} does not exist (CORPUS_DIR / --corpus): nothing was "
            "indexed and the current index, if any, keeps serving."
        )
    if not corpus_dir.is_dir():
        raise BadLocation(f"The corpus path {corpus_dir} is a file, not a folder (CORPUS_DIR / --corpus).")


def check_shrink(before: int, after: int, config: EngineConfig, allow: bool) -> None:
    if allow or before == 0 or after >= before:
        return
    if after == 0 or (before - after) / before > config.max_corpus_shrink:
        raise CorpusShrank(before, after, config.corpus_dir, config.max_corpus_shrink)


def make_dense(vectors: np.ndarray, dim: int, approximate_above: int) -> faiss.Index:
    n = vectors.shape[0]
    if n > approximate_above:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dim)
    if n:
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def rules_version() -> str:
    """A digest of the attribution package's source, of what makes answer units and of BM25's
    analyser: any change to their rules re-derives an index (a unit whose text is unchanged
    keeps its vector; nothing else is embedded again)."""
    h = hashlib.sha256()
    for path in [*sorted(Path(attribution.__file__).parent.glob("*.py")), Path(unit_table.__file__),
                 Path(lexical.__file__)]:  # (BM25's terms: an index must be analysed as questions are)
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def publisher_glossary(config: EngineConfig) -> Glossary:
    """The glossary that recognises publishers (built-in, extended by the corpus's)."""
    try:
        return Glossary.layered(config.glossary_path)
    except GlossaryError as e:  # a broken moderator file must not stop a build
        log.warning("%s — using the built-in glossary to recognise publishers", e)
        return Glossary.builtin()


def document_statements(doc: Document, glossary: Glossary) -> list[Statement]:
    """The build's attribution of one document (an NGO's release speaks for the NGO)."""
    return attribute(doc.text, publisher=glossary.publisher(doc.source, doc.url))


def build(
    config: EngineConfig,
    embedder: Embedder,
    previous: store.IndexState | None,
    *,
    full: bool = False,
    progress: Progress | None = None,
    started_by: str = "",
    previous_documents: int = 0,
    allow_shrink: bool = False,
    answer_units: bool = True,
) -> tuple[store.IndexState, BuildSummary]:
    """Build a new generation folder and return its state; the caller swaps it in.

    `answer_units=False` leaves out statements and answer units (an index that can search but
    not answer): bench/beir.py measures retrieval alone without embedding every sentence."""
    t0 = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    report(build_stages.LOADING, 0, 0)
    check_corpus_dir(config.corpus_dir)
    # `--full` reads every file; otherwise files unchanged since the previous build are not read.
    unchanged = PreviousRead.of(previous.manifest, previous.docs, config) if previous and not full else None
    loaded = load_corpus(config.corpus_dir, config, unchanged)
    check_shrink(previous_documents, len(loaded.documents), config, allow_shrink)
    summary = BuildSummary(skipped=loaded.skipped, duplicates=loaded.duplicates, full=full)

    chunk_params = {"max_chars": config.chunking.max_chars, "min_chars": config.chunking.min_chars}
    reuse = previous is not None and not full
    if reuse and previous.manifest.get("chunking") != chunk_params:
        log.info("chunk settings changed: rebuilding everything")
        reuse = False
    backend = backend_of(embedder)
    if reuse and previous.manifest.get("embed_backend", "torch") != backend:
        log.info("documents' embedding backend changed to %s: re-embedding everything", backend)
        reuse = False
    old_hashes: dict[str, str] = previous.manifest.get("doc_hashes", {}) if reuse else {}
    old_ranges = previous.doc_chunk_range() if reuse else {}

    docs: list[Document] = loaded.documents
    rows: list[tuple[int, int, int, int]] = []
    # Where each chunk's vector comes from — previous rows to copy, or a text to embed into its
    # row — so the vectors are assembled once, in one table (no per-document parts to join).
    copy_blocks: list[tuple[int, int, int]] = []  # (new row, previous row, rows)
    to_embed: list[str] = []
    embed_rows: list[int] = []  # the new row of each text in to_embed
    new_hashes: dict[str, str] = {}
    # Spans, BM25 tokens and lexicon inputs of each document, by text: an unchanged document's
    # are read back instead of re-derived (a one-document reindex then costs O(changed)).
    derive = DerivedCache(config.cache_dir if config.embedding.vector_cache else None, config.chunking)
    derived: list[Derived] = []
    report(build_stages.CHUNKING, 0, 0)
    for di, doc in enumerate(docs):
        h = doc.content_hash
        new_hashes[doc.doc_id] = h
        derived.append(derive.get(doc.text))
        spans = derived[-1].spans
        base = len(rows)
        rows.extend((di, i, s, e) for i, (s, e) in enumerate(spans))
        old = old_hashes.get(doc.doc_id)
        if old == h and doc.doc_id in old_ranges:
            lo, hi = old_ranges[doc.doc_id]
            summary.unchanged += 1
            old_spans = [(int(r[2]), int(r[3])) for r in previous.chunk_rows[lo:hi]]
            if old_spans == spans:
                copy_blocks.append((base, lo, hi - lo))
                continue
            # Same text, new boundaries (the chunker changed): chunks that kept their span keep
            # their vectors, the rest are embedded.
            kept = dict(zip(old_spans, range(lo, hi), strict=True))
            for i, sp in enumerate(spans):
                if sp in kept:
                    copy_blocks.append((base + i, kept[sp], 1))
                else:
                    embed_rows.append(base + i)
                    to_embed.append(doc.text[sp[0] : sp[1]])
            continue
        (summary.changed if old else summary.added).append(doc.doc_id)
        embed_rows.extend(range(base, base + len(spans)))
        to_embed.extend(doc.text[s:e] for s, e in spans)
    summary.removed = sorted(set(old_hashes) - set(new_hashes))
    # The BM25 index and the lexicon are made now, so the per-document tokens and word counts
    # (a few hundred MB for the UN corpus) are gone before the sentences are embedded, the
    # build's memory peak.
    lexical = LexicalIndex.from_tokens([toks for d in derived for toks in d.analyzed])
    lexicon = lexicon_of(derived)
    del derived

    report(build_stages.EMBEDDING, 0, len(to_embed))
    # Nothing new to embed: reuse the previous vectors' dimension rather than load the model.
    dim = int(previous.dense.d) if reuse and not to_embed else embedder.dim
    vectors = np.zeros((len(rows), dim), dtype=np.float32)
    for at, lo, n in copy_blocks:
        vectors[at : at + n] = previous.dense.reconstruct_n(lo, n)
    if to_embed:
        embedded = embed_cached(
            embedder, to_embed, cache=vector_cache(config, embedder, "chunks"),
            batch_size=config.batch_size, cache_batch=config.embedding.cache_batch,
            stage=build_stages.EMBEDDING, what="chunks", report=report, dim=dim,
            into=(vectors, np.asarray(embed_rows, dtype=np.int64)),
        )
        summary.embedded_chunks = embedded.computed
        del embedded  # it refers to `vectors`
    del to_embed, embed_rows
    dense = make_dense(vectors, dim, config.approximate_above)
    del vectors  # the Faiss index holds its own copy

    # Statements and answer units: reused for unchanged documents, derived for the rest.
    attribution_version = rules_version()
    glossary = publisher_glossary(config)
    if answer_units:
        units = build_units(
            docs, lambda doc: document_statements(doc, glossary), embedder, config=config,
            previous=previous if reuse else None,
            unchanged={d for d, h in new_hashes.items() if old_hashes.get(d) == h},
            same_rules=reuse and previous.manifest.get("attribution_version") == attribution_version,
            report=report,
        )
    else:
        units = UnitBuild(statements=[[] for _ in docs], vectors=np.zeros((0, embedder.dim), np.float16))
    summary.embedded_units = units.embedded

    report(build_stages.INDEXING, 0, 0)
    chunk_rows = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
    if derive.misses:
        log.info("derived %d document(s) afresh, %d from the cache", derive.misses, derive.hits)
        derive.drop_other_versions()
    summary.documents = len(docs)
    summary.chunks = len(rows)
    summary.seconds = round(time.perf_counter() - t0, 3)
    manifest = {
        "format_version": store.FORMAT_VERSION,
        "model": embedder.name,
        # What computed the documents' vectors; questions may use another backend of the model.
        "embed_backend": backend,
        "dimension": dim,
        "index_type": "hnsw" if isinstance(dense, faiss.IndexHNSWFlat) else "flat",
        "documents": len(docs),
        "chunks": len(rows),
        "chunking": chunk_params,
        "attribution_version": attribution_version,
        "units": int(units.rows.shape[0]),
        "doc_hashes": new_hashes,
        "corpus_fingerprint": loaded.fingerprint,
        "reading_version": reading_version(config),
        "corpus_dir": str(config.corpus_dir),
        "versions": store.package_versions(),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "built_by": started_by,
        "build_seconds": summary.seconds,
        "summary": {k: v for k, v in summary.to_json().items() if k not in ("unchanged",)},
    }
    state = store.IndexState(
        path=None, manifest=manifest, docs=docs, chunk_rows=chunk_rows, dense=dense,
        lexical=lexical, lexicon=lexicon, statements=units.statements,
        unit_rows=units.rows, unit_vectors=units.vectors,
    )
    report(build_stages.WRITING, 0, 1)
    path = store.new_generation(config.index_dir)
    try:
        store.write_generation(path, state)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    report(build_stages.WRITING, 1, 1)
    return state, summary
