"""An in-memory engine with the real Engine's interface, for fast bot tests.

It reads `*.txt` files of its corpus folder (first line = title) and answers with the first sentence
sharing the most words with the question, verbatim. `reindex` can be held on a threading.Event.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from index.config import AnswerConfig, EngineConfig
from index.errors import ReindexRunning
from index.question import clean_question
from index.speakers import Speaker, same_person
from index.speakers.listing import no_statements
from index.types import (
    Answer,
    BuildSummary,
    Chunk,
    DocMeta,
    Document,
    DocumentInfo,
    Hit,
    Quote,
    Said,
    Source,
    Verification,
)
from index.verify import check_claim
from index.verify_align import align, word_diff
from index.verify_text import chain, core_span, normalise_with_map, pieces, without_ellipses, words

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_STOP = {"what", "did", "the", "a", "an", "of", "say", "about", "is", "was", "who", "on", "in", "to", "and"}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


class FakeEngine:
    def __init__(self, corpus_dir: Path, index_dir: Path | None = None, *, answer: AnswerConfig | None = None) -> None:
        self.config = EngineConfig(corpus_dir=corpus_dir, index_dir=index_dir or corpus_dir / ".index",
                                   answer=answer or AnswerConfig())
        self.docs: dict[str, Document] = {}
        self.gate: threading.Event | None = None  # when set up, reindex waits on it
        self.reindex_entered = threading.Event()
        self.reindex_calls: list[dict] = []
        self.questions: list[str] = []
        self.speaker_of: dict[str, str] = {}  # sentence → speaker, for tests that need attributed quotes
        self.filters_seen: list = []  # the filters each ask/search was given
        self.threads: set[str] = set()
        self.built = ("startup", datetime.now(UTC).isoformat(timespec="seconds"))
        self._lock = threading.Lock()
        self._running: tuple[str, str] | None = None
        self._load()

    def _load(self) -> dict[str, Document]:
        docs = {}
        for path in sorted(Path(self.config.corpus_dir).glob("*.txt")):
            lines = path.read_text(encoding="utf-8").split("\n", 1)
            meta = DocMeta(title=lines[0], url=f"https://news.example/{path.stem}", source="Example News",
                           date="2024-05-01")
            docs[path.stem] = Document(doc_id=path.stem, text=lines[1] if len(lines) > 1 else "", meta=meta,
                                       path=str(path))
        old, self.docs = self.docs, docs
        return old

    def ask(self, question: str, k: int | None = None, filters=None) -> Answer:
        self.filters_seen.append(filters)
        self.threads.add(threading.current_thread().name)
        question = clean_question(question, self.config.answer.max_question_chars)  # as the engine does
        self.questions.append(question)
        q = _words(question)
        scored: list[tuple[int, int, Document, re.Match]] = []
        for doc in self.docs.values():
            for m in _SENTENCE.finditer(doc.text):
                score = len(q & _words(m.group()))
                if score:
                    scored.append((score, -len(scored), doc, m))
        if not scored:
            return Answer(question=question, abstained=True, answer="")
        # The best sentence (the first of equals); with k, the k best — as the engine's max_quotes.
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        quotes, sources = [], {}
        for _, _, doc, m in scored[: k or 1]:
            text = m.group().strip()
            start = doc.text.index(text, m.start())
            n = sources.setdefault(doc.doc_id, Source(len(sources) + 1, doc.doc_id, doc.meta)).n
            quotes.append(Quote(text=text, doc_id=doc.doc_id, start=start, end=start + len(text), meta=doc.meta,
                                speaker=self.speaker_of.get(text), citation=n,
                                kind="direct" if text in self.speaker_of else "excerpt"))
        return Answer(question=question, abstained=False, answer=quotes[0].text, quotes=quotes,
                      sources=list(sources.values()), confidence=0.5)

    def search(self, query: str, k: int = 5, filters=None) -> list[Hit]:
        self.filters_seen.append(filters)
        q = _words(clean_question(query, self.config.answer.max_question_chars))
        hits = []
        for doc in self.docs.values():
            for i, para in enumerate(p for p in doc.text.split("\n\n") if p.strip()):
                score = len(q & _words(para))
                if score:
                    start = doc.text.index(para)
                    hits.append(Hit(Chunk(doc.doc_id, i, start, start + len(para), para), float(score)))
        return sorted(hits, key=lambda h: -h.score)[:k]

    def verify(self, text: str) -> Verification:
        """The engine's matching helpers over the fake corpus, without statements (so no speakers)
        and comparing the claim with whole documents instead of retrieved passages."""
        self.threads.add(threading.current_thread().name)
        claim = check_claim(text, self.config.verify)
        self.questions.append(claim)
        for doc in self.docs.values():
            folded, where = normalise_with_map(doc.text)
            placed = chain(folded, pieces(claim), self.config.verify.max_gap_chars)
            if placed:
                quotes = [self._quote(doc, where[p.start], where[p.end - 1] + 1) for p in placed]
                return Verification(claim, "verbatim", quote=quotes, similarity=1.0,
                                    sources=[Source(1, doc.doc_id, doc.meta)])
        plain = without_ellipses(claim)
        claim_words = words(plain)
        best = None
        for doc in self.docs.values():
            passage = words(doc.text)
            found = align(claim_words, passage)
            if found and (best is None or found.similarity > best[0].similarity):
                best = (found, doc, passage[found.first : found.last])
        if best is None or best[0].similarity < self.config.verify.close_enough:
            return Verification(claim, "not found", similarity=best[0].similarity if best else 0.0)
        found, doc, span = best
        closest = self._quote(doc, *core_span(doc.text, span[0].start, span[-1].end))
        return Verification(claim, "not verbatim", closest=closest, diff=word_diff(plain, claim_words, doc.text, span),
                            similarity=found.similarity, sources=[Source(1, doc.doc_id, doc.meta)])

    def speakers(self) -> list[Speaker]:
        counts = Counter(self.speaker_of.values())
        return [Speaker(name, n) for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def said(self, name: str, about: str | None = None, limit: int | None = None) -> Said:
        """The sentences `speaker_of` gives to `name` (by the engine's name rules), in corpus order;
        with `about`, those sharing a word with it."""
        self.threads.add(threading.current_thread().name)
        name = clean_question(name, self.config.answer.max_question_chars)
        self.questions.append(name)
        quotes, sources = [], {}
        for doc in self.docs.values():
            for sentence, speaker in self.speaker_of.items():
                start = doc.text.find(sentence)
                if start < 0 or not same_person(speaker, name) or (about and not _words(about) & _words(sentence)):
                    continue
                n = sources.setdefault(doc.doc_id, Source(len(sources) + 1, doc.doc_id, doc.meta)).n
                quotes.append(Quote(text=sentence, doc_id=doc.doc_id, start=start, end=start + len(sentence),
                                    meta=doc.meta, speaker=speaker, citation=n, kind="direct"))
        result = Said(name, about, quotes[:limit] if limit else quotes, list(sources.values()), total=len(quotes))
        if not quotes:
            result.mentioned = any(name.casefold() in d.text.casefold() for d in self.docs.values())
            result.message = no_statements(name, about, result.mentioned)
        return result

    @staticmethod
    def _quote(doc: Document, start: int, end: int) -> Quote:
        return Quote(text=doc.text[start:end], doc_id=doc.doc_id, start=start, end=end, meta=doc.meta, citation=1)

    def document_meta(self, doc_id: str) -> DocMeta:
        return self.docs[doc_id].meta

    def documents(self, filters=None) -> list[DocumentInfo]:
        return [DocumentInfo(d, self.docs[d].meta, chunks=1) for d in sorted(self.docs)]

    def facets(self) -> dict[str, dict[str, int]]:
        return {"collections": {"default": len(self.docs)}, "sources": {"Example News": len(self.docs)}}

    def find_url(self, url: str) -> DocumentInfo | None:
        return next((DocumentInfo(d.doc_id, d.meta, 1) for d in self.docs.values() if d.url == url), None)

    def document_report(self, rel_path: str):
        return None

    def stats(self) -> dict:
        return {"documents": len(self.docs), "chunks": len(self.docs), "model": "fake-model",
                "dimension": 64, "index_type": "flat", "built_at": self.built[1], "built_by": self.built[0],
                "size_bytes": 0}

    def reindex_status(self) -> tuple[str, str] | None:
        return self._running

    def reindex(self, full: bool = False, progress=None, started_by: str = "", allow_shrink: bool = False) -> BuildSummary:
        with self._lock:
            if self._running:
                raise ReindexRunning(*self._running)
            self._running = (started_by, datetime.now(UTC).isoformat(timespec="seconds"))
        try:
            self.reindex_calls.append({"full": full, "started_by": started_by})
            self.reindex_entered.set()
            t0 = time.perf_counter()
            if progress:
                progress("loading", 0, 1)
            if self.gate is not None and not self.gate.wait(10):
                raise RuntimeError("test gate never opened")
            old = self._load()
            if progress:
                progress("embedding", len(self.docs), len(self.docs))
            self.built = (started_by, datetime.now(UTC).isoformat(timespec="seconds"))
            return BuildSummary(
                added=sorted(set(self.docs) - set(old)), removed=sorted(set(old) - set(self.docs)),
                unchanged=len(set(old) & set(self.docs)), documents=len(self.docs), chunks=len(self.docs),
                embedded_chunks=len(set(self.docs) - set(old)), seconds=time.perf_counter() - t0, full=full,
            )
        finally:
            self._running = None
