"""Extractive answers: from a retrieval to attributed, cited, verbatim quotes — or a plain "no".

The flow: the question's intent (index.question) → candidate units from the best passages and
the target's statements (index.scoring.gather) → fitted scores → answer or abstain →
non-overlapping quotes cut from their documents (index.quoting) → `Answer`.
Speakers come from attribution, decided at build time; nothing here decides who said what.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from index.answer_quotes import cite, closest_quotes, quote_kind, select, whole_sentence_rule
from index.config import UNIT_FEATURES, EngineConfig
from index.filters import Scope
from index.glossary import Glossary
from index.lexical import analyze
from index.passage_coverage import FoldedDocuments, PassageCoverage
from index.question import Intent, read_question
from index.refusals import no_statement_on, statement_refusal
from index.render import NOT_FOUND, render_text
from index.scoring import (
    NEIGHBOURHOOD,
    Candidate,
    answer_probability,
    gather,
    question_features,
    score,
    settling_rows,
)
from index.search import Retrieval, Slot, coverage
from index.speakers import SpeakerDirectory, Target, resolve_target
from index.store import IndexState
from index.types import Answer, Quote
from index.unit_similarity import UnitSimilarity

log = logging.getLogger(__name__)

SUBJECT = UNIT_FEATURES.index("subject")


@dataclass
class AnswerContext:
    """What composing needs besides the retrieval: built once per loaded index."""

    state: IndexState
    glossary: Glossary
    config: EngineConfig
    speakers: SpeakerDirectory
    unit_ranges: dict[int, tuple[int, int]]
    statement_rows: dict[tuple[int, int], int]  # (doc_index, statement_index) → unit row
    chunk_index: dict[tuple[str, int], int] = field(default_factory=dict)  # (doc_id, ordinal) → row
    _targets: dict[tuple, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _targets_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    folded_docs: FoldedDocuments | None = None  # None: from AnswerConfig.folded_documents
    similarity: UnitSimilarity | None = None  # None: from AnswerConfig.float32_units_mb
    # Embeds question texts (the searcher's query embedder): "what did X say about Y" compares
    # Y alone with X's statements. None: Y's words alone decide.
    embed_queries: Callable[[Sequence[str]], np.ndarray] | None = None

    def __post_init__(self) -> None:
        if self.folded_docs is None:
            self.folded_docs = FoldedDocuments(self.config.answer.folded_documents)
        if self.similarity is None:
            self.similarity = UnitSimilarity(self.state.unit_vectors, self.config.answer.float32_units_mb)

    def target_rows(self, target: Target) -> list[int]:
        """Unit rows of the target's statements, in corpus order. The speaker directory's lookup
        is the slow part of "what did X say"; its answer depends only on who the target counts
        (names, people, organisations, person or not), so the last `AnswerConfig.cached_targets`
        targets' rows are kept (this index's only)."""
        limit = self.config.answer.cached_targets
        key = (target.names, target.people, target.organisations, target.person)
        rows = self._targets.get(key) if limit else None
        if rows is None:
            rows = tuple(self.statement_rows[key] for key in self.speakers.statements_of(target)
                         if key in self.statement_rows)
            if limit:
                with self._targets_lock:
                    while len(self._targets) >= limit:
                        self._targets.pop(next(iter(self._targets)))
                    self._targets[key] = rows
        return list(rows)


def voice_document(cands: list[Candidate]) -> int:
    """The document whose statements answer "What did X say?" best together: the sum of their
    answer probabilities, so one close statement in a long report does not outweigh the story
    X is the voice of."""
    weight: dict[int, float] = {}
    for c in cands:
        weight[c.unit.doc_index] = weight.get(c.unit.doc_index, 0.0) + float(1 / (1 + np.exp(-c.score)))
    return max(weight, key=weight.__getitem__)


@dataclass
class Analysis:
    """A question read against the index: its intent and its scored candidate units."""

    intent: Intent
    target: Target | None
    topic: list[Slot]
    candidates: list[Candidate]  # best first


class Composer:
    def __init__(self, ctx: AnswerContext) -> None:
        self.ctx = ctx

    def analyse(self, question: str, retrieval: Retrieval, scope: Scope | None = None) -> Analysis:
        ctx, weights = self.ctx, self.ctx.config.answer.weights
        intent = read_question(question)
        target = resolve_target(intent.target, ctx.glossary, ctx.speakers) if intent.target else None
        subject = resolve_target(intent.subject, ctx.glossary) if intent.subject else None
        topic = self._topic(retrieval, target)
        target_rows = ctx.target_rows(target) if target else []
        subject_names = subject.names if subject else frozenset()
        # "Did X do Y?": the sentences of the best documents where X does Y are candidates too.
        settling = settling_rows(retrieval, ctx.state, ctx.unit_ranges, intent, subject_names,
                                 weights.settling_documents)
        if settling:
            known = set(target_rows)
            target_rows += [r for r in settling if r not in known]
        if scope is not None:  # the target's statements outside the filter are not candidates
            target_rows = [r for r in target_rows if scope.units[r]]
        cands = gather(retrieval, ctx.state, ctx.unit_ranges, target_rows, weights.top_passages, topic,
                       weights.target_statements, PassageCoverage(topic, ctx.state, ctx.chunk_index),
                       ctx.similarity)
        if retrieval.query_vector is not None:
            score(cands, intent=intent, target=target, subject_names=subject_names,
                  topic=topic, query_vector=retrieval.query_vector, state=ctx.state, weights=weights,
                  similarity=ctx.similarity)
        cands.sort(key=lambda c: -c.score)
        if intent.kind == "yes_no" and subject is not None:
            self._mark_settling(cands, subject, topic, intent.predicate)
            # The sentence that settles a yes/no question comes first, whatever its score.
            cands.sort(key=lambda c: not c.settles)
        return Analysis(intent, target, topic, cands)

    def compose(self, question: str, retrieval: Retrieval, max_quotes: int = 4,
                scope: Scope | None = None) -> Answer:
        t0 = time.perf_counter()
        weights = self.ctx.config.answer.weights
        analysis = self.analyse(question, retrieval, scope)
        intent, target, topic, cands = analysis.intent, analysis.target, analysis.topic, analysis.candidates
        # The abstention features' coverage of the best hits: read once, used by both
        # confidence figures (refusal's and the answer's).
        hits_covered = cache(lambda: self._hits_coverage(retrieval))

        refusal = self._refusal(intent, target, cands, retrieval, topic, scope, hits_covered)
        if refusal is not None:
            message, conf, closest = refusal
            ans = Answer(question, True, message, closest=closest, confidence=conf)
            ans.timings_ms = {"compose": (time.perf_counter() - t0) * 1000}
            return ans

        # "What did X say?" reads best in the story's order; any other question best answer first.
        story_order = intent.kind == "said" and not intent.topic
        if target and intent.about_statements and not cands[0].settles:
            # "What did X say?" / "Did X comment on Y?": X's own words only — never another
            # party's words as X's.
            cands = [c for c in cands if c.speaks]
        if cands[0].settles:
            # The answer to "did X do Y?" is what says whether X did: not the story around it.
            cands = [c for c in cands if c.settles]
        # The evidence is the best candidate, whatever order the answer shows them in.
        conf = self._confidence(cands, retrieval, hits_covered)
        if story_order:
            # No topic: all of X's statements answer equally; give the document where X says
            # most (`voice_document`) in the order the story tells them, X's own words before
            # the reporter's paraphrase.
            best_doc = voice_document(cands)
            def story(c: Candidate) -> tuple:
                if c.unit.doc_index != best_doc:
                    return (1, 0, -c.score)
                return (0, quote_kind(c) not in ("direct", "mixed"), c.unit.start)

            cands = sorted(cands, key=story)
        docs = self.ctx.state.docs
        chosen = select(docs, cands, max_quotes, weights.keep_within, by_order=story_order)
        quotes, sources = cite(docs, chosen, topic, whole_sentence_rule(docs, intent), story_order)
        ans = Answer(question, False, render_text(quotes, sources), quotes=quotes, sources=sources,
                     confidence=conf)
        ans.timings_ms = {"compose": (time.perf_counter() - t0) * 1000}
        return ans

    # --- steps -----------------------------------------------------------------------------
    def _topic(self, retrieval: Retrieval, target: Target | None):
        """The speaker is who to look for, not what to look for: keep it out of topic matching."""
        if not target:
            return retrieval.slots
        target_terms = {t for n in target.names for t in analyze(n)}
        return [sl for sl in retrieval.slots if not (sl.terms & target_terms)] or []

    def _confidence(self, cands: list[Candidate], retrieval: Retrieval,
                    hits_covered: Callable[[], tuple[float, float]] | None = None) -> float:
        features = self.question_features(cands, retrieval, hits_covered() if hits_covered else None)
        return answer_probability(features, self.ctx.config.answer.weights)

    def question_features(self, cands: list[Candidate], retrieval: Retrieval,
                          hits_covered: tuple[float, float] | None = None):
        best_chunk, best_doc = hits_covered or self._hits_coverage(retrieval)
        return question_features(cands[0] if cands else None, retrieval, self.ctx.state, best_chunk, best_doc)

    def _hits_coverage(self, retrieval: Retrieval) -> tuple[float, float]:
        """The best coverage of the question by one of the five best chunks, and by one of their
        documents (each document read once, however many of its chunks are among them)."""
        cover = PassageCoverage(retrieval.slots, self.ctx.state, self.ctx.chunk_index, self.ctx.folded_docs)
        best_chunk = best_doc = 0.0
        hits = retrieval.hits[:5]
        for hit, chunk_cov in zip(hits, cover.chunks([h.chunk for h in hits]), strict=True):
            best_chunk = max(best_chunk, chunk_cov)
            best_doc = max(best_doc, cover.document(hit.chunk.doc_id))
        return best_chunk, best_doc

    def _refusal(self, intent: Intent, target: Target | None, cands: list[Candidate],
                 retrieval: Retrieval, topic, scope: Scope | None = None,
                 hits_covered: Callable[[], tuple[float, float]] | None = None,
                 ) -> tuple[str, float, list[Quote]] | None:
        if not retrieval.hits or not cands:
            return NOT_FOUND, 0.0, []
        if intent.asks_statement and cands[0].settles:
            return None  # "X declined to comment": the sentence that says whether X spoke
        if target and intent.about_statements:
            refused = statement_refusal(self.ctx, intent, target, cands, topic, scope)
            if refused is not None:
                message, shown = refused
                return message, 0.0, closest_quotes(self.ctx.state.docs, shown)
            if intent.kind == "said":
                return None  # the target's own words are the evidence: no general abstention
            # "Did X comment on Y?" names a topic the corpus may not cover at all: X's closest
            # statement still has to be evidence enough, as any other answer.
        if cands[0].settles:
            return None  # a sentence says whether the subject did it: that is the answer
        conf = self._confidence(cands, retrieval, hits_covered)
        if conf < self.ctx.config.answer.abstain_threshold:
            if target and intent.asks_statement and intent.topic:
                return no_statement_on(intent, target, scope), conf, closest_quotes(self.ctx.state.docs, cands[:2])
            return NOT_FOUND, conf, closest_quotes(self.ctx.state.docs, cands[:2])
        return None

    def _mark_settling(self, cands: list[Candidate], subject: Target, topic: list[Slot],
                       predicate: str | None) -> None:
        """Mark the sentences that answer a yes/no question: the question's subject is theirs and
        its verb follows (scoring's "subject" feature), and they are about the rest of the
        question ("Did the EU condemn the Ngarbuh massacre?" is not settled by the EU condemning
        something else)."""
        min_coverage = self.ctx.config.answer.weights.about_min_coverage
        subject_terms = {t for n in subject.names for t in analyze(n)}
        rest = [sl for sl in topic if not (sl.terms & subject_terms)]
        # The question's most specific word (highest IDF) must be there too: "Did the African
        # Union say anything about the Tunisia protests?" is not settled by its statement on
        # other protests.
        # (Not the question's verb: the subject feature has already found it.)
        verb = set(analyze(predicate.split()[0])) if predicate else set()
        specific = [sl for sl in rest if not (sl.terms & verb)]
        rarest = [max(specific, key=lambda sl: sl.weight)] if specific else []
        for c in cands:
            if not c.features[SUBJECT]:
                continue
            doc = self.ctx.state.docs[c.unit.doc_index]
            around = doc.text[max(0, c.unit.context_start - NEIGHBOURHOOD) : c.unit.context_end + NEIGHBOURHOOD]
            c.settles = not rest or (coverage(rest, around) >= min_coverage
                                     and (not rarest or coverage(rarest, around) > 0))
