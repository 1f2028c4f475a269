"""Candidate units and their features: how well each sentence or statement answers a question.

Every feature is a number computed from the question, the unit and its passage; a fitted
logistic model (`AnswerWeights`, refit by bench/fit_answer.py) turns them into one score.
Unit vectors were embedded at build time, so the dense feature is one matrix product.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import numpy as np

from index import units as unit_table
from index.answer_types import FocusMatcher, answer_type, event_slots
from index.attribution import Statement
from index.config import ABSTAIN_FEATURES, UNIT_FEATURES, AnswerWeights
from index.lexical import analyze
from index.normalize import fold
from index.passage_coverage import PassageCoverage
from index.question import Intent
from index.search import Retrieval, Slot, coverage
from index.speakers import Target, speaks_for
from index.store import IndexState
from index.types import Hit
from index.unit_similarity import UnitSimilarity
from index.units import Unit

log = logging.getLogger(__name__)

# Characters either side of a statement that stand in for its passage.
NEIGHBOURHOOD = 450


@dataclass
class Candidate:
    row: int  # unit row in the index
    unit: Unit
    statement: Statement | None
    passage_rank: int | None = None  # rank of the best retrieved passage that holds it
    passage_coverage: float = 0.0
    speaks: bool = False  # made by the question's target (or its spokespeople)
    settles: bool = False  # says whether the yes/no question's subject did what it asks
    features: np.ndarray = field(default_factory=lambda: np.zeros(len(UNIT_FEATURES)))
    score: float = 0.0


def gather(
    retrieval: Retrieval, state: IndexState, unit_ranges: dict[int, tuple[int, int]],
    target_rows: list[int], top_passages: int, topic: list[Slot], target_limit: int,
    cover: PassageCoverage | None = None, similarity: UnitSimilarity | None = None,
) -> list[Candidate]:
    """Units inside the best passages, plus the target's statements wherever they are (the
    `target_limit` closest to the question: an NGO's own releases are thousands of them).
    `cover` (of `topic`) reads the passages' coverage from the BM25 index."""
    by_row: dict[int, Candidate] = {}
    read = passages(retrieval, top_passages)
    covers = cover.chunks([hit.chunk for _, hit in read]) if cover is not None else None
    for n, (rank, hit) in enumerate(read):
        di = state.doc_index[hit.chunk.doc_id]
        lo, hi = unit_ranges.get(di, (0, 0))
        rows = state.unit_rows[lo:hi]
        inside = np.flatnonzero((rows[:, unit_table.CTX_START] < hit.chunk.end)
                                & (rows[:, unit_table.CTX_END] > hit.chunk.start))
        cov = covers[n] if covers is not None else coverage(topic, hit.chunk.text)
        for k in inside:
            row = lo + int(k)
            if row not in by_row:
                by_row[row] = _candidate(state, row)
                by_row[row].passage_rank, by_row[row].passage_coverage = rank, cov
    outside = [r for r in target_rows if r not in by_row]
    if len(outside) > target_limit and retrieval.query_vector is not None:
        sims = (similarity or UnitSimilarity(state.unit_vectors, 0)).of(outside, retrieval.query_vector)
        outside = [outside[i] for i in np.argsort(-sims, kind="stable")[:target_limit]]
    for row in outside:
        if row not in by_row:
            c = by_row[row] = _candidate(state, row)
            # Not in a retrieved passage: its neighbourhood stands in for one ("It breaks my
            # heart," in an article about a cancelled tour is about the tour).
            doc = state.docs[c.unit.doc_index]
            lo, hi = max(0, c.unit.context_start - NEIGHBOURHOOD), c.unit.context_end + NEIGHBOURHOOD
            c.passage_coverage = coverage(topic, doc.text[lo:hi])
    return list(by_row.values())


def settling_rows(
    retrieval: Retrieval, state: IndexState, unit_ranges: dict[int, tuple[int, int]], intent: Intent,
    subject_names: frozenset[str], documents: int,
) -> list[int]:
    """Unit rows, anywhere in the `documents` best retrieved documents, whose sentence has the
    yes/no question's subject doing its verb ("The Chinese diplomatic mission … did not
    immediately respond" for "Did China respond?"). The passage that best matches the question
    is often the story around the event, not the one sentence that says whether it happened."""
    if intent.kind != "yes_no" or not subject_names:
        return []
    predicate = predicate_pattern(intent)
    seen: list[int] = []
    for hit in retrieval.hits:
        di = state.doc_index[hit.chunk.doc_id]
        if di not in seen:
            seen.append(di)
        if len(seen) >= documents:
            break
    rows = []
    for di in seen:
        lo, hi = unit_ranges.get(di, (0, 0))
        text = state.docs[di].text
        for row in range(lo, hi):
            unit = unit_table.from_row(state.unit_rows[row])
            if _subject(intent, subject_names, predicate, text[unit.context_start : unit.context_end]):
                rows.append(row)
    return rows


def passages(retrieval: Retrieval, top: int) -> list[tuple[int, Hit]]:
    """(rank, hit) of the passages whose sentences are candidates: the `top` best fused, then
    each retriever's own best (`Retrieval.side_hits`), ranked after them."""
    out = list(enumerate(retrieval.hits[:top]))
    out += [(len(retrieval.hits) + n, hit) for n, hit in enumerate(retrieval.side_hits)]
    return out


def _candidate(state: IndexState, row: int) -> Candidate:
    unit = unit_table.from_row(state.unit_rows[row])
    stmt = state.statements[unit.doc_index][unit.statement] if unit.statement >= 0 else None
    return Candidate(row, unit, stmt)


def _subject_pattern(name: str) -> str:
    """A name, or for a one-word place its adjective too: "china" also finds "chinese",
    "israel" "israeli", "iran" "iranian" (the stem without its final vowels, then letters)."""
    if " " not in name and len(name) >= 4 and name.isalpha():
        stem = name.rstrip("aeiouy") or name
        return rf"(?<!\w){re.escape(stem)}\w*"
    return rf"(?<!\w){re.escape(name)}(?!\w)"


def _short_forms(names: frozenset[str]) -> set[str]:
    """A story names "the Special Criminal Court" once and "the court" after: a several-word
    subject is also "the" + its last word ("cameroon's government" → "the government")."""
    return {f"the {words[-1]}" for name in names if len(words := name.split()) > 1 and words[-1].isalpha()}


# Asking whether someone said, responded or commented is answered by any verb of responding:
# "Did China respond?" by "did not immediately respond", "has Beijing said anything?" by
# "declined to comment".
_SAY_VERB = re.compile(r"^(?:say|said|says|speak|spoke|respond\w*|repl(?:y|ied|ies)|comment\w*|"
                       r"react\w*|answer\w*)$", re.IGNORECASE)
_RESPONSE = re.compile(r"\b(?:sa(?:y|ys|id)|respon\w*|repl(?:y|ied|ies)|comment\w*|react\w*|"
                       r"answer\w*|statement|declin\w*)\b", re.IGNORECASE)


# "Did the government admit it?" is settled by "The government denied it": a verb's opposite
# answers the question as surely as the verb (the answer is "no").
OPPOSITES: dict[str, tuple[str, ...]] = {
    "admit": ("deny", "denied"), "acknowledge": ("deny", "denied"), "confirm": ("deny", "denied"),
    "accept": ("reject", "refuse", "refused"), "agree": ("refuse", "refused", "reject"),
    "deny": ("admit", "acknowledge", "confirm"), "reject": ("accept",), "approve": ("reject", "veto"),
    "release": ("detain", "hold", "held"), "attend": ("boycott", "skip"),
}


def predicate_pattern(intent: Intent) -> re.Pattern | None:
    """What a sentence must contain to say whether the yes/no question's subject did what is
    asked: its verb ("deny" → "denied"), or for a verb of saying any verb of responding."""
    if intent.kind != "yes_no" or not intent.predicate:
        return None
    verb = intent.predicate.split()[0]
    if _SAY_VERB.match(verb):
        return _RESPONSE
    stems = [stem for word in (verb, *OPPOSITES.get(verb.lower(), ())) for stem in analyze(word)[:1]]
    # Porter stems are prefixes of the inflected forms: "deni" finds "denied", "denies".
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, stems))})\w*", re.IGNORECASE) if stems else None



# The subject of "The Chinese diplomatic mission in Geneva did not respond" starts within its
# first words; "Since then, Germany has issued a new China strategy" is not about China's doing.
SUBJECT_WITHIN_WORDS = 5


def _subject(intent: Intent, subject_names: frozenset[str], predicate: re.Pattern | None, text: str) -> float:
    """The yes/no question's subject is the sentence's subject (named in its first words) and the
    sentence says whether it did what is asked (the question's verb follows)."""
    if intent.kind != "yes_no" or not subject_names:
        return 0.0
    folded = fold(text)
    for name in subject_names | _short_forms(subject_names):
        if len(name) <= 2:
            continue
        m = re.search(_subject_pattern(name), folded)
        if m and len(folded[: m.start()].split()) <= SUBJECT_WITHIN_WORDS:
            if predicate is None or predicate.search(folded, m.end()):
                return 1.0
    return 0.0


def score(
    candidates: list[Candidate], *, intent: Intent, target: Target | None,
    subject_names: frozenset[str], topic: list[Slot], query_vector: np.ndarray,
    state: IndexState, weights: AnswerWeights, similarity: UnitSimilarity | None = None,
) -> None:
    """Fill each candidate's features and score (a logit) in place."""
    if not candidates:
        return
    rows = np.fromiter((c.row for c in candidates), dtype=np.int64, count=len(candidates))
    dense = (similarity or UnitSimilarity(state.unit_vectors, 0)).of(rows, query_vector)
    best = float(dense.max())
    texts = [state.docs[c.unit.doc_index].text[c.unit.context_start : c.unit.context_end] for c in candidates]
    covered = [coverage(topic, t) for t in texts]
    best_covered = max(covered)
    coef = np.asarray(weights.unit, dtype=np.float64)
    predicate = predicate_pattern(intent)
    speaks = speaker_verdicts(candidates, target)
    focus = FocusMatcher(intent.focus)
    events = event_slots(intent, topic)
    for c, sim, text, cov, own in zip(candidates, dense.tolist(), texts, covered, speaks, strict=True):
        st = c.statement
        c.speaks = own
        # Gaps to the best candidate of the same question: what makes a unit *the* answer is
        # how it compares with the others, not its raw similarity.
        c.features = np.array([
            sim,
            sim - best,
            cov,
            cov - best_covered,
            1.0 / (1 + c.passage_rank) if c.passage_rank is not None else 0.0,
            c.passage_coverage,
            float(c.speaks),
            float(bool(target and st and st.speaker and not c.speaks)),
            float(bool(target and not (st and st.speaker))),
            float(bool(not target and st and st.speaker)),
            float(bool(st and st.kind in ("direct", "mixed"))),
            answer_type(intent.kind, text),
            _subject(intent, subject_names, predicate, text),
            _lead(state, c.unit),
            focus(text),
            float(coverage(events, text) > 0) if events else 0.0,
        ])
        c.score = float(c.features @ coef + weights.unit_bias)


def speaker_verdicts(candidates: list[Candidate], target: Target | None) -> list[bool]:
    """Whether each candidate's statement was made by the target, `speaks_for` asked once per
    distinct speaker of the question (it reads only the statement's speaker and organisation;
    a press release has hundreds of statements by the same two people)."""
    if target is None:
        return [False] * len(candidates)
    verdicts: dict[tuple[str, str | None], bool] = {}
    out = []
    for c in candidates:
        st = c.statement
        if st is None:
            out.append(False)
            continue
        key = (st.speaker, st.organisation)
        if key not in verdicts:
            verdicts[key] = bool(speaks_for(st, target))
        out.append(verdicts[key])
    return out


def _lead(state: IndexState, unit: Unit) -> float:
    """Early sentences carry the story (1 for the first, ½ for the second, …)."""
    return 1.0 / (1 + unit.context_start / 250)


def question_features(
    best: Candidate | None, retrieval: Retrieval, state: IndexState, best_chunk: float,
    best_doc: float,
) -> np.ndarray:
    values = {
        "best_unit": best.score if best else -10.0,
        "best_dense": retrieval.best_dense,
        "best_chunk_coverage": best_chunk,
        "best_doc_coverage": best_doc,
        "unknown_names": float(min(2, len(retrieval.unknown_names))),
        "best_unit_coverage": float(best.features[UNIT_FEATURES.index("coverage")]) if best else 0.0,
        # The sentence-level evidence: how close the best unit itself is to the question.
        "best_unit_dense": float(best.features[UNIT_FEATURES.index("dense")]) if best else 0.0,
        # It holds exactly what was asked ('in at least 13 towns' for 'how many towns').
        "best_unit_focus": float(best.features[UNIT_FEATURES.index("answer_focus")]) if best else 0.0,
    }
    return np.array([values[name] for name in ABSTAIN_FEATURES])


def answer_probability(features: np.ndarray, weights: AnswerWeights) -> float:
    z = float(features @ np.asarray(weights.abstain, dtype=np.float64) + weights.abstain_bias)
    return float(1 / (1 + np.exp(-np.clip(z, -30, 30))))
