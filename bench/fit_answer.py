"""Fit the answer composer's weights (index.config.AnswerWeights) on the tuning half of a question set.

    python bench/fit_answer.py [--index DIR] [--write]

Two logistic regressions (scikit-learn), fitted in order:
1. units — for every question's candidate units, is this unit the expected answer (it holds at
   least half of an expected span, in an expected document)?
2. abstention — from the question-level evidence (best unit's score under the new unit
   weights, dense similarity, coverage, unknown names), is the question answerable? Fitted on
   the questions the abstention decides: not "what did X say", which X's own statements decide.
   Besides the half's few unanswerable questions, every answerable one is also asked once
   without its answer: retrieved as usual, its expected documents' passages dropped — an
   unanswerable example of the same kind (`answer_removed`).
The answer threshold is the probability at which the most questions of the same half come out
right (answerable ones answered with an expected quote, unanswerable ones declined). Prints the fitted `AnswerWeights` block; `--write` puts it into
index/config.py. The report half is never read here.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.answer_scoring import span_ranges  # noqa: E402
from bench.eval_corpus import MissingSource  # noqa: E402
from bench.eval_mixed import open_engine  # noqa: E402

CONFIG = ROOT / "index" / "config.py"


def is_answer(doc_id: str, text: str, start: int, end: int, q: dict) -> bool:
    if doc_id not in q.get("expected_doc_ids", []):
        return False
    for span in q.get("expected_spans", []):
        for a, b in span_ranges(text, span):
            overlap = min(b, end) - max(a, start)
            if overlap >= 0.5 * (b - a) or (end > start and overlap >= 0.5 * (end - start)):
                return True
    return False


def collect(engine, questions: list[dict]):
    """Per question: the retrieval, the analysis and the unit labels."""
    state, composer = engine.state, engine.composer
    k = engine.config.answer.weights.retrieve_k
    out = []
    for q in questions:
        question = engine.check_question(q["question"])
        retrieval = engine.retrieve(question, k=k)
        analysis = composer.analyse(question, retrieval)
        labels = []
        for c in analysis.candidates:
            doc = state.docs[c.unit.doc_index]
            labels.append(q["answerable"] and is_answer(doc.doc_id, doc.text, c.unit.start, c.unit.end, q))
        out.append((q, retrieval, analysis, np.array(labels, dtype=bool)))
    return out


def fit_units(rows) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    X = np.concatenate([np.stack([c.features for c in a.candidates]) for _, _, a, _ in rows if a.candidates])
    y = np.concatenate([lab for _, _, a, lab in rows if a.candidates])
    # Unweighted: a unit's score only has to rank it above the other candidates of its question.
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit(X, y)
    print(f"units: {len(y)} candidates, {int(y.sum())} positives")
    return model.coef_[0], float(model.intercept_[0])


def _ranked(candidates, weights) -> np.ndarray:
    """Score the candidates with `weights` and sort them best first (in place); the order."""
    coef = np.asarray(weights.unit)
    scores = np.array([float(c.features @ coef + weights.unit_bias) for c in candidates])
    for c, value in zip(candidates, scores, strict=True):
        c.score = value
    order = np.argsort(-scores, kind="stable")
    candidates[:] = [candidates[i] for i in order]
    return order


def answer_removed(engine, q: dict, weights) -> np.ndarray | None:
    """The question features of an answerable question asked of the corpus without its answer:
    retrieved as usual (twice as deep), its expected documents' passages dropped. What the
    evidence looks like when the corpus does not hold the answer, one example per answerable
    question — the tuning half has only a few unanswerable questions of its own."""
    import dataclasses as dc

    k = engine.config.answer.weights.retrieve_k
    question = engine.check_question(q["question"])
    full = engine.retrieve(question, k=2 * k)
    gone = set(q.get("expected_doc_ids", []))
    hits = [h for h in full.hits if h.chunk.doc_id not in gone][:k]
    side = [h for h in full.side_hits if h.chunk.doc_id not in gone]
    if not hits:
        return None
    retrieval = dc.replace(full, hits=hits, side_hits=side,
                           best_dense=max(h.dense_score for h in [*hits, *side]))
    analysis = engine.composer.analyse(question, retrieval)
    cands = [c for c in analysis.candidates if engine.state.docs[c.unit.doc_index].doc_id not in gone]
    _ranked(cands, weights)
    return engine.composer.question_features(cands, retrieval)


def fit_abstention(engine, rows, weights) -> tuple[np.ndarray, float, float]:
    from sklearn.linear_model import LogisticRegression

    composer = engine.composer
    X, y, hit, removed, owner = [], [], [], [], []
    quotes = engine.config.answer.max_quotes
    for q, retrieval, analysis, labels in rows:
        if analysis.target and analysis.intent.kind == "said":
            # "What did X say?" is answered or refused by X's own statements (Composer._refusal),
            # never by the fitted abstention: fitting it on them would fit the wrong questions.
            continue
        order = _ranked(analysis.candidates, weights)
        X.append(composer.question_features(analysis.candidates, retrieval))
        y.append(bool(q["answerable"]))
        # Would answering be right: an expected unit among the quotes the answer would show.
        hit.append(bool(len(labels) and labels[order[:quotes]].any()))
        if q["answerable"] and (features := answer_removed(engine, q, weights)) is not None:
            removed.append(features)
            owner.append(len(X) - 1)
    X, y, hit = np.stack(X), np.array(y), np.array(hit)
    R, owner = np.stack(removed), np.array(owner)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
    model.fit(np.concatenate([X, R]), np.concatenate([y, np.zeros(len(R), dtype=bool)]))
    p = held_out_probabilities(X, y, R, owner)
    # The threshold that makes the most questions come out right: an answerable question
    # answered with an expected quote, an unanswerable one declined. (Declining an answerable
    # question that would have been answered wrongly costs nothing here, and balanced accuracy,
    # used before, weighed each unanswerable question as eight answerable ones: it declined 17
    # answerable questions of the report half to catch 6 unanswerable ones.)
    best_t, best_right = 0.5, -1
    for t in np.arange(0.1, 0.81, 0.02):
        right = int((y & hit & (p >= t)).sum() + (~y & (p < t)).sum())
        if right > best_right:
            best_t, best_right = float(t), right
    print(f"abstention: {len(y)} questions ({int((~y).sum())} unanswerable, and {len(R)} answerable "
          "ones asked without their answer's documents); "
          f"threshold {best_t:.2f}: {best_right} come out right")
    return model.coef_[0], float(model.intercept_[0]), round(best_t, 2)


def held_out_probabilities(X: np.ndarray, y: np.ndarray, R: np.ndarray, owner: np.ndarray,
                           folds: int = 5, repeats: int = 10) -> np.ndarray:
    """Each question's answer probability from models fitted without it (stratified k-fold,
    repeated and averaged): a threshold chosen on the model's own fitted probabilities is chosen
    on answers it has already seen. A question's answer-removed example (R, owner: the question
    it came from) trains only the folds the question itself trains."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import RepeatedStratifiedKFold

    p = np.zeros(len(y))
    splits = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=0)
    for train, test in splits.split(X, y):
        extra = R[np.isin(owner, train)]
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit(
            np.concatenate([X[train], extra]), np.concatenate([y[train], np.zeros(len(extra), dtype=bool)]))
        p[test] += model.predict_proba(X[test])[:, 1] / repeats
    return p


def _fmt(values) -> str:
    return "(" + ", ".join(f"{v:.4f}" for v in values) + ",)"


def write_config(weights, threshold: float) -> None:
    text = CONFIG.read_text(encoding="utf-8")
    for name in ("unit", "abstain"):
        text = re.sub(rf"(\n    {name}: tuple\[float, \.\.\.\] = )\([^)]*\)",
                      lambda m, n=name: m.group(1) + _fmt(getattr(weights, n)), text, count=1)
    for name in ("unit_bias", "abstain_bias"):
        text = re.sub(rf"(\n    {name}: float = )[-0-9.]+", lambda m, n=name: m.group(1) + f"{getattr(weights, n):.4f}",
                      text, count=1)
    text = re.sub(r"(\n    abstain_threshold: float = )[-0-9.]+", lambda m: m.group(1) + f"{threshold:.2f}", text,
                  count=1)
    CONFIG.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--index", type=Path, default=None, help="index cache (default: under the temp dir)")
    p.add_argument("--write", action="store_true", help="write the fitted weights into index/config.py")
    args = p.parse_args(argv)
    from bench.check_mixed_questions import QUESTIONS, load_questions

    try:
        engine = open_engine(args.index)
    except MissingSource as error:
        print(f"skipped: {error}")
        return 0
    # The tuning half only: the report half is what tells the truth.
    questions = [q for q in load_questions(QUESTIONS) if q["split"] == "tune"]
    rows = collect(engine, questions)
    unit, unit_bias = fit_units(rows)
    weights = dataclasses.replace(engine.config.answer.weights, unit=tuple(unit.tolist()), unit_bias=unit_bias)
    abstain, abstain_bias, threshold = fit_abstention(engine, rows, weights)
    weights = dataclasses.replace(weights, abstain=tuple(abstain.tolist()), abstain_bias=abstain_bias)
    from index.config import ABSTAIN_FEATURES, UNIT_FEATURES

    print("unit weights:", json.dumps(dict(zip(UNIT_FEATURES, np.round(unit, 3).tolist(), strict=True))))
    print("abstain weights:", json.dumps(dict(zip(ABSTAIN_FEATURES, np.round(abstain, 3).tolist(), strict=True))))
    print(f"    unit: tuple[float, ...] = {_fmt(weights.unit)}\n    unit_bias: float = {unit_bias:.4f}\n"
          f"    abstain: tuple[float, ...] = {_fmt(weights.abstain)}\n    abstain_bias: float = {abstain_bias:.4f}\n"
          f"    (AnswerConfig) abstain_threshold: float = {threshold:.2f}")
    if args.write:
        write_config(weights, threshold)
        print(f"written to {CONFIG}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
