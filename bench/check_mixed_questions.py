"""Check `tests/data/questions_mixed.jsonl` against the eval corpus it was written for.

    python bench/check_mixed_questions.py [--corpus DIR]   # builds the corpus when DIR is absent

Every rule in `tests/data/README.md` ("Mixed set" section) is checked here; the script prints one
line per problem and exits 1 if there is any, so it can run after any change to the questions or
to `bench/eval_corpus.py`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.eval_corpus import (  # noqa: E402
    ARTICLE_DOC_ID,
    DEFAULT_DEST,
    HRDSATTACK_PREFIX,
    ROOT,
    build_eval_corpus,
    document_texts,
)

QUESTIONS = ROOT / "tests" / "data" / "questions_mixed.jsonl"
KINDS = {
    "who", "when", "how_many", "why", "yes_no", "said", "said_about", "said_absent",
    "paraphrase", "acronym", "typo", "direct", "unanswerable",
}
NEGATIVE_KINDS = {"said_absent", "unanswerable"}
FIELDS = {
    "id", "question", "answerable", "expected_doc_ids", "expected_spans", "kind", "note",
    "expected_speaker", "split", "corpus",
}
CORPORA = {"article", "hrw", "hrdsattack", None}
CAPTION_PREFIX = "Click to expand Image"
MIN_QUESTIONS, MIN_NEGATIVE_SHARE, MIN_ARTICLE = 250, 0.15, 20


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def corpus_of(doc_id: str) -> str:
    if doc_id == ARTICLE_DOC_ID:
        return "article"
    return "hrdsattack" if doc_id.startswith(HRDSATTACK_PREFIX) else "hrw"


def without_caption(text: str) -> str:
    """HRW texts open with a photo caption the engine drops; a span must not live only there."""
    first, _, rest = text.partition("\n\n")
    return rest if first.startswith(CAPTION_PREFIX) else text


def mentions(text: str, term: str) -> bool:
    """Whole-word, case-insensitive: "EU" must not match "museum"."""
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


def absent_terms(note: str) -> list[list[str]]:
    """`absent terms: A | B + C` → [["A"], ["B", "C"]] (each group never in one document)."""
    _, found, tail = (note or "").partition("absent terms:")
    if not found:
        return []
    return [[term.strip() for term in group.split("+")] for group in tail.split("|")]


def check_question(q: dict, texts: dict[str, str]) -> list[str]:
    problems = []
    qid = q.get("id", "?")
    if set(q) != FIELDS:
        problems.append(f"{qid}: fields {sorted(set(q) ^ FIELDS)} missing or unexpected")
        return problems
    if q["kind"] not in KINDS:
        problems.append(f"{qid}: unknown kind {q['kind']!r}")
    if q["split"] not in ("tune", "report"):
        problems.append(f"{qid}: split {q['split']!r}")
    if q["corpus"] not in CORPORA:
        problems.append(f"{qid}: corpus {q['corpus']!r}")
    if q["answerable"] == (q["kind"] in NEGATIVE_KINDS):
        problems.append(f"{qid}: answerable={q['answerable']} does not fit kind {q['kind']}")
    for doc_id in q["expected_doc_ids"]:
        if doc_id not in texts:
            problems.append(f"{qid}: unknown document {doc_id}")
    if problems:
        return problems
    docs = [texts[doc_id] for doc_id in q["expected_doc_ids"]]
    if q["answerable"]:
        if {corpus_of(doc_id) for doc_id in q["expected_doc_ids"]} != {q["corpus"]}:
            problems.append(f"{qid}: documents are not all from corpus {q['corpus']}")
        if not docs or not 1 <= len(q["expected_spans"]) <= 3:
            problems.append(f"{qid}: needs documents and 1–3 spans")
        for span in q["expected_spans"]:
            for doc_id, text in zip(q["expected_doc_ids"], docs, strict=True):
                if span not in text:
                    problems.append(f"{qid}: span not in {doc_id}: {span!r}")
                elif span not in without_caption(text):
                    problems.append(f"{qid}: span only in the photo caption of {doc_id}")
            if not 1 <= len(span.split()) <= 30:
                problems.append(f"{qid}: span length {len(span.split())} words")
        holding_all = {d for d, t in texts.items() if all(s in t for s in q["expected_spans"])}
        unlisted = holding_all - set(q["expected_doc_ids"])
        if unlisted:
            problems.append(f"{qid}: unlisted documents hold every span: {sorted(unlisted)[:3]}")
    else:
        if q["expected_spans"] or q["expected_speaker"] is not None:
            problems.append(f"{qid}: an unanswerable question expects no span and no speaker")
        if not q["note"]:
            problems.append(f"{qid}: an unanswerable question needs a note saying why")
        if q["kind"] == "said_absent" and not q["expected_doc_ids"]:
            problems.append(f"{qid}: said_absent lists the documents that mention the speaker")
        for group in absent_terms(q["note"]):
            together = [d for d, t in texts.items() if all(mentions(t, term) for term in group)]
            if together:
                problems.append(f"{qid}: {' + '.join(group)} occur together in {together[:2]}")
    return problems


def check_set(questions: list[dict], texts: dict[str, str]) -> list[str]:
    problems = [p for q in questions for p in check_question(q, texts)]
    ids = Counter(q.get("id") for q in questions)
    problems += [f"duplicate id {qid}" for qid, n in ids.items() if n > 1]
    if len(questions) < MIN_QUESTIONS:
        problems.append(f"{len(questions)} questions, fewer than {MIN_QUESTIONS}")
    negative = sum(not q.get("answerable") for q in questions)
    if negative < MIN_NEGATIVE_SHARE * len(questions):
        problems.append(f"only {negative} unanswerable/said_absent questions")
    article = sum(q.get("corpus") == "article" for q in questions)
    if article < MIN_ARTICLE:
        problems.append(f"only {article} questions on the AP article")
    for kind in KINDS:
        splits = Counter(q["split"] for q in questions if q.get("kind") == kind)
        if abs(splits["tune"] - splits["report"]) > 1:
            problems.append(f"kind {kind}: split {dict(splits)} is not half and half")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_DEST)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus.is_dir() else build_eval_corpus(args.corpus)
    questions = load_questions(args.questions)
    problems = check_set(questions, document_texts(corpus))
    for problem in problems:
        print(problem)
    kinds = Counter(q["kind"] for q in questions)
    print(f"{len(questions)} questions, {len(problems)} problems; kinds: {dict(sorted(kinds.items()))}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
