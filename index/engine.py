"""The engine facade the CLI and the bot use: open, ask, search, reindex, stats.

Queries read one immutable `IndexState`; a reindex builds a new one in its own folder and swaps
the reference at the end, so answers never mix two indexes and never wait for a build.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

import numpy as np

from index import builder, corpus_view, store
from index import units as unit_table
from index.answer import AnswerContext, Composer
from index.build_stages import Progress
from index.config import EngineConfig
from index.documents import fingerprint_files
from index.embedder import Embedder, LazyEmbedder, backend_of
from index.errors import BadLocation, CorpusShrank, IndexCorrupt, QuotebotError, ReindexRunning
from index.filters import Filters, NothingInScope, scoped
from index.glossary import Entity, Glossary
from index.passage_coverage import chunk_index
from index.question import clean_question
from index.refusals import statements_on
from index.search import Retrieval, Searcher
from index.speakers import Speaker, SpeakerDirectory, resolve_target
from index.speakers import listing as said_listing
from index.store import IndexWriteFailed
from index.types import Answer, BuildSummary, DocMeta, DocumentInfo, Hit, Said, Verification
from index.verify import Verifier

log = logging.getLogger(__name__)



class Engine:
    # "last year" in a question is relative to this day (tests pin it).
    today = staticmethod(date.today)

    def __init__(self, config: EngineConfig, embedder: Embedder | None = None) -> None:
        self.config = config
        self._embedder = embedder
        self._state: store.IndexState | None = None
        self._searcher: Searcher | None = None
        # Searcher and composer of the same index, swapped together as one reference.
        self._serving: tuple[Searcher, Composer] | None = None
        self._verifier: Verifier | None = None
        self._build_lock = threading.Lock()
        self._running: tuple[str, str] | None = None

    # --- lifecycle -------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = LazyEmbedder(
                self.config.model, self.config.device, on_load=self._check_model_dim,
                backend=self.config.embedding.backend, query_backend=self.config.query_backend,
                cache_dir=self.config.cache_dir,
            )
        return self._embedder

    def _check_model_dim(self, model: Embedder) -> None:
        # The index was loaded before the model (lazily): check the dimension once it exists.
        state = self._state
        if state is not None and state.manifest.get("dimension") not in (None, model.dim):
            store.check_compatible(state.manifest, model.name, model.dim)

    def _known_dim(self) -> int | None:
        """The model's dimension if it is loaded; None rather than loading it just to check."""
        embedder = self.embedder
        if not getattr(embedder, "loaded", True):  # a LazyEmbedder that has not loaded yet
            return None
        return embedder.dim

    def check_index_dir(self) -> None:
        """INDEX_DIR (or a folder above it) being a file is a setting to fix, not a crash."""
        p = Path(self.config.index_dir)
        while not p.exists() and p != p.parent:
            p = p.parent
        if p.exists() and not p.is_dir():
            where = "is a file" if p == Path(self.config.index_dir) else f"is inside {p}, which is a file"
            raise BadLocation(f"The index folder {self.config.index_dir} {where}, not a folder (INDEX_DIR / --index).")

    @classmethod
    def open(
        cls, config: EngineConfig, embedder: Embedder | None = None, *,
        build_if_missing: bool = True, update_if_stale: bool = False,
        progress: Progress | None = None,
    ) -> Engine:
        engine = cls(config, embedder)
        engine.load(build_if_missing=build_if_missing, update_if_stale=update_if_stale, progress=progress)
        return engine

    def load(self, *, build_if_missing: bool = True, update_if_stale: bool = False,
             progress: Progress | None = None) -> None:
        self.check_index_dir()
        path = store.current_path(self.config.index_dir)
        if path is not None:
            try:
                state = store.load_generation(path)
                store.check_compatible(state.manifest, self.model_name, self._known_dim())
                self._install(state)
            except IndexCorrupt as e:
                if not build_if_missing:
                    raise
                log.error("%s — rebuilding from the corpus", e)
                self.reindex(full=True, progress=progress, started_by="startup (damaged index)")
                return
            if build_if_missing and store.needs_migration(state.manifest):
                log.info("index format %s → %s: rewriting it (no re-embedding)",
                         state.manifest.get("format_version"), store.FORMAT_VERSION)
                self.update_or_serve(progress=progress, started_by="startup (index format upgrade)")
                return
            if update_if_stale and self.is_stale():
                log.info("corpus changed since the last build: updating the index")
                self.update_or_serve(progress=progress, started_by="startup (corpus changed)")
            return
        if not build_if_missing:
            raise IndexCorrupt(f"no index in {self.config.index_dir}; run `quotebot index`")
        self.reindex(full=True, progress=progress, started_by="startup (no index yet)")

    @property
    def model_name(self) -> str:
        return self._embedder.name if self._embedder is not None else self.config.model

    def _install(self, state: store.IndexState) -> None:
        glossary = self._glossary(state)
        searcher = Searcher(state, self.embedder, glossary, self.config)
        composer = Composer(self._answer_context(state, glossary))
        # One reference assignment: concurrent queries see the old or the new index, never a mix.
        self._serving = (searcher, composer)
        self._verifier = Verifier(state, searcher, self.config)  # its own reference to the same index
        self._searcher = searcher
        self._state = state

    def _answer_context(self, state: store.IndexState, glossary: Glossary) -> AnswerContext:
        rows = state.unit_rows
        said = np.flatnonzero(rows[:, unit_table.STATEMENT] >= 0)
        statement_rows = dict(zip(
            zip(rows[said, unit_table.DOC].tolist(), rows[said, unit_table.STATEMENT].tolist(), strict=True),
            said.tolist(), strict=True))
        return AnswerContext(state, glossary, self.config, SpeakerDirectory(state.statements, glossary),
                             unit_table.doc_ranges(state.unit_rows), statement_rows,
                             chunk_index(state), embed_queries=self.embedder.encode_queries)

    def _glossary(self, state: store.IndexState) -> Glossary:
        shipped = Glossary.layered(self.config.glossary_path)
        mined = [Entity(list(names), []) for names in state.lexicon.get("acronyms", [])]
        return shipped.merged(Glossary(mined, mined=True))

    def reload_glossary(self) -> None:
        """Pick up glossary edits: queries only, no re-embedding."""
        if self._state is not None:
            self._install(self._state)

    def is_stale(self) -> bool:
        if self._state is None or store.needs_migration(self._state.manifest):
            return True
        if self._state.manifest.get("attribution_version") != builder.rules_version():
            return True  # new attribution rules: statements are redone (sentence vectors kept)
        if self._state.manifest.get("embed_backend", "torch") != backend_of(self.embedder):
            return True  # EMBED_BACKEND changed: documents are re-embedded (cached vectors kept)
        recorded = {k: tuple(v) for k, v in self._state.manifest.get("corpus_fingerprint", {}).items()}
        return recorded != fingerprint_files(self.config.corpus_dir, glossary_file=self.config.glossary_file)

    # --- queries ---------------------------------------------------------------------------
    def _searcher_or_fail(self) -> Searcher:
        if self._searcher is None:
            raise QuotebotError("The index is not loaded yet.")
        return self._searcher

    @property
    def composer(self) -> Composer:
        if self._serving is None:
            raise QuotebotError("The index is not loaded yet.")
        return self._serving[1]

    @property
    def state(self) -> store.IndexState | None:
        return self._state

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait for the background typo index of the loaded index (answers work before it)."""
        return self._searcher_or_fail().wait_ready(timeout)

    def check_question(self, question: str) -> str:
        return clean_question(question, self.config.answer.max_question_chars)

    def retrieve(self, query: str, k: int = 10) -> Retrieval:
        return self._searcher_or_fail().search(self.check_question(query), k=k)

    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]:
        """The best passages; `filters` (and the query's own "in 2024") restrict them. A filter
        that matches no document raises NothingInScope ("No documents from 2019 in un.")."""
        searcher = self._searcher_or_fail()
        read = scoped(self.check_question(query), filters, searcher.facets, self.today())
        if read.scope is not None and read.scope.empty:
            raise NothingInScope(read.scope.nothing_message())
        return searcher.search(read.question, k=k, scope=read.scope).hits

    def ask(self, question: str, k: int | None = None, filters: Filters | None = None) -> Answer:
        t0 = time.perf_counter()
        q = self.check_question(question)
        self._searcher_or_fail()
        searcher, composer = self._serving
        if searcher.state.size == 0:
            return Answer(q, True, f"The corpus is empty: add documents to {self.config.corpus_dir} "
                          "and run `quotebot index` (or /reindex on Discord).")
        read = scoped(q, filters, searcher.facets, self.today())
        shown = read.filters.to_json() if read.filters else None
        if read.note:  # the question's own dates matched nothing and were dropped: say so
            shown = {**(shown or Filters().to_json()), "note": read.note}
        where = read.filters.describe() if read.filters else ""
        if read.scope is not None and read.scope.empty:
            return Answer(q, True, read.scope.nothing_message(), filters=shown, scope=where)
        retrieval = searcher.search(read.question, k=self.config.answer.weights.retrieve_k, scope=read.scope)
        answer = composer.compose(read.question, retrieval, max_quotes=k or self.config.answer.max_quotes,
                                  scope=read.scope)
        answer.question, answer.filters, answer.scope = q, shown, where
        answer.timings_ms.update({k_: round(v, 2) for k_, v in retrieval.timings_ms.items()})
        answer.timings_ms["total"] = round((time.perf_counter() - t0) * 1000, 2)
        return answer

    def verify(self, text: str) -> Verification:
        """Is `text` in the corpus word for word? (index/verify.py)"""
        verifier = self._verifier
        if verifier is None:
            raise QuotebotError("The index is not loaded yet.")
        return verifier.verify(text)

    def speakers(self) -> list[Speaker]:
        """Every speaker the corpus quotes, with their statement counts, most first (autocomplete)."""
        if self._serving is None:
            return []
        return self.composer.ctx.speakers.speakers()

    def said(self, name: str, about: str | None = None, limit: int | None = None) -> Said:
        """What `name` said across the corpus, newest first; with `about`, on that
        (index/speakers/listing.py). The same lookup as "what did X say?"."""
        ctx = self.composer.ctx
        name = self.check_question(name)
        about = self.check_question(about) if about and about.strip() else None
        target = resolve_target(name, ctx.glossary, ctx.speakers)
        on_topic = None
        if about:  # the gate "What did X say about Y?" uses, on Y's slots (typos, glossary)
            on_topic = partial(statements_on, ctx, about, self._searcher_or_fail().slots(about))
        return said_listing.said(ctx.state, ctx.speakers, target, about, limit, on_topic)

    # --- corpus view -----------------------------------------------------------------------
    def document_meta(self, doc_id: str) -> DocMeta:
        state = self._state
        if state is None or doc_id not in state.doc_index:
            return DocMeta(title=doc_id)
        return state.docs[state.doc_index[doc_id]].meta

    def documents(self, filters: Filters | None = None) -> list[DocumentInfo]:
        """Every document (or those `filters` allow) with its chunk count, newest first."""
        if self._searcher is None:
            return []
        return corpus_view.documents(self._searcher.state, self._searcher, filters)

    def facets(self) -> dict[str, dict[str, int]]:
        """Collections and outlets with their document counts (autocomplete)."""
        return corpus_view.facets(self._searcher) if self._searcher else {"collections": {}, "sources": {}}

    def find_url(self, url: str) -> DocumentInfo | None:
        """The indexed document with this URL (normalised), if any."""
        return corpus_view.find_url(self._state, url) if self._state else None

    def document_report(self, rel_path: str) -> corpus_view.DocumentReport | None:
        return corpus_view.report(self._state, rel_path) if self._state else None

    def stats(self) -> dict:
        state = self._state
        m = state.manifest if state else {}
        return {
            "documents": m.get("documents", 0),
            "chunks": m.get("chunks", 0),
            "model": m.get("model", self.config.model),
            "dimension": m.get("dimension"),
            # Documents' vectors as built; questions' as configured (any backend of the model).
            "embed_backend": m.get("embed_backend", "torch") if m else self.config.embedding.backend,
            "query_backend": self.config.query_backend,
            "index_type": m.get("index_type"),
            "built_at": m.get("built_at"),
            "built_by": m.get("built_by"),
            "build_seconds": m.get("build_seconds"),
            "size_bytes": store.dir_size(state.path) if state and state.path else 0,
            "index_dir": str(state.path) if state and state.path else str(self.config.index_dir),
            "corpus_dir": str(self.config.corpus_dir),
        }

    # --- reindex ---------------------------------------------------------------------------
    def update_or_serve(self, progress: Progress | None = None, started_by: str = "") -> str | None:
        """Bring a loaded index up to date if possible; when another build holds the lock or
        the folder cannot be written, keep answering from the loaded index and return why."""
        try:
            self.reindex(progress=progress, started_by=started_by)
        except (ReindexRunning, IndexWriteFailed, CorpusShrank, BadLocation) as e:
            if self._state is None:
                raise
            log.warning("answering from the current index, which may be out of date: %s", e)
            return str(e)
        return None

    def _swap(self, path: Path) -> None:
        try:
            store.swap_in(self.config.index_dir, path)
        except BaseException:
            # Not swapped in: the new folder is junk. Swapped in but a later step failed: keep it.
            if store.current_path(self.config.index_dir) != path.resolve():
                import shutil

                shutil.rmtree(path, ignore_errors=True)
            raise

    def reindex_status(self) -> tuple[str, str] | None:
        if self._running:
            return self._running
        holder = builder.read_lock(self.config.index_dir)
        if holder is not None:
            return holder.get("started_by", ""), holder.get("started_at", "")
        return None

    def reindex(self, full: bool = False, progress: Progress | None = None, started_by: str = "",
                *, allow_shrink: bool = False) -> BuildSummary:
        """Build in a new folder, swap it in; on any failure the old index keeps serving.

        A corpus that lost more than `max_corpus_shrink` of the indexed documents is refused
        (CorpusShrank) unless `allow_shrink`."""
        if not self._build_lock.acquire(blocking=False):
            by, at = self._running or ("", "")
            raise ReindexRunning(by, at)
        self._running = (started_by, datetime.now(UTC).isoformat(timespec="seconds"))
        try:
            self.check_index_dir()
            with builder.BuildLock(self.config.index_dir, started_by):
                store.remove_junk(self.config.index_dir)
                state, summary = builder.build(
                    self.config, self.embedder, None if full else self._state,
                    full=full or self._state is None, progress=progress, started_by=started_by,
                    previous_documents=len(self._state.docs) if self._state else 0,
                    allow_shrink=allow_shrink,
                )
                self._swap(Path(state.path))
                self._install(state)
                log.info(
                    "reindex done: %d documents, %d chunks (%d embedded) in %.1fs",
                    summary.documents, summary.chunks, summary.embedded_chunks, summary.seconds,
                )
                return summary
        except OSError as e:
            failure = store.write_failure(self.config.index_dir, e)
            if failure is None:
                raise
            log.error("reindex failed: %s (%s)", failure, e)
            raise failure from e
        finally:
            self._running = None
            self._build_lock.release()
