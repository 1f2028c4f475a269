"""`eval_answers.py --set mixed`: the mixed question set, per split and per kind.

Builds (or refreshes) the eval corpus of `bench/eval_corpus.py`, opens the engine on it with the
index cached beside it (a second run embeds nothing new), asks the chosen split's questions and
prints one table per split, then the JSON summary as the last line of stdout.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

from bench.answer_scoring import Aliases, QuestionResult, score_answer, summarize_by
from bench.eval_corpus import DEFAULT_DEST, MissingSource, build_eval_corpus

log = logging.getLogger(__name__)

COLUMNS = (
    ("hit", "hit_rate"),
    ("strict", "hit_rate_strict"),
    ("verbatim", "verbatim_rate"),
    ("citation", "citation_correctness"),
    ("speaker", "speaker_correctness"),
    ("abstain P", "abstention_precision"),
    ("abstain R", "abstention_recall"),
)


def chosen_questions(questions: list[dict], split: str) -> list[dict]:
    return [q for q in questions if split == "all" or q["split"] == split]


def folders(index: Path | None) -> tuple[Path, Path]:
    """(corpus, index): next to each other, under the system temp dir unless --index says."""
    if index is None:
        return DEFAULT_DEST, DEFAULT_DEST.parent / "index"
    return index.parent / (index.name + "-corpus"), index


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def split_table(split: str, figures: dict):
    from rich.table import Table

    table = Table(title=f"mixed set, split {split}: {figures['all']['questions']} questions")
    table.add_column("kind")
    table.add_column("n", justify="right")
    for title, _ in COLUMNS:
        table.add_column(title, justify="right")
    rows = [*figures["by_kind"].items(), ("all", figures["all"])]
    for kind, row in rows:
        cells = [_cell(row[key]) for _, key in COLUMNS]
        if row["hit_rate"] is not None:
            cells[0] = f"{row['hits']}/{row['answerable']} {cells[0]}"
        table.add_row(kind, str(row["questions"]), *cells, style="bold" if kind == "all" else None)
    return table


def print_misses(console, questions: list[dict], results: list[QuestionResult]) -> None:
    by_id = {q["id"]: q for q in questions}
    for r in results:
        q = by_id[r.id]
        if r.answerable and r.hit and r.speaker_ok:
            continue
        if not r.answerable and r.declined:
            continue
        if r.answerable and not r.hit:
            label = "MISS (abstained)" if r.declined else "MISS"
        elif r.answerable:
            label = "WRONG SPEAKER"
        else:
            label = "SHOULD DECLINE"
        console.print(f"\n[bold]{label}[/] {r.id} [{r.kind}, {r.split}] {q['question']}")
        if r.answerable:
            console.print(f"  expected ({q['expected_speaker']}): {q['expected_spans']}", markup=False)
        else:
            console.print(f"  note: {q['note']}", markup=False)
        for i, quote in enumerate(r.returned):
            mark = "HIT " if i == r.hit_quote else ""
            console.print(f"  {mark}got ({quote['speaker']}) {quote['text'][:200]!r}", markup=False)
        if not r.returned:
            console.print(f"  got no quote (confidence {r.confidence:.2f})")


def open_engine(index: Path | None, fusion: str | None = None):
    """The engine over the (refreshed) mixed eval corpus, its index cached beside it; raises
    MissingSource when ../shared is absent. Used by every mixed-set script."""
    from index.config import EngineConfig
    from index.engine import Engine

    corpus_dir, index_dir = folders(index)
    corpus = build_eval_corpus(corpus_dir)
    config = EngineConfig(corpus_dir=corpus, index_dir=index_dir)
    if fusion:
        config = replace(config, retrieval=replace(config.retrieval, fusion=fusion))
    engine = Engine.open(config, update_if_stale=True)
    engine.wait_ready(120)
    return engine


def run_mixed(args) -> int:
    from rich.console import Console

    from bench.check_mixed_questions import QUESTIONS, load_questions
    from index.glossary import BUILTIN_PATH

    try:
        engine = open_engine(args.index, args.fusion)
    except MissingSource as error:
        print(f"skipped: {error}")
        return 0
    corpus = engine.config.corpus_dir
    docs = {d.doc_id: d for d in engine.state.docs}
    # Speakers are judged with the glossary the engine reads: built-in plus the corpus's own.
    aliases = Aliases.from_paths([BUILTIN_PATH, corpus / "glossary.toml"])
    questions = chosen_questions(load_questions(args.questions or QUESTIONS), args.split)
    results = [score_answer(q, engine.ask(q["question"]), docs, aliases) for q in questions]
    splits = ["tune", "report", "all"] if args.split == "all" else [args.split]
    figures = summarize_by(results, splits)
    # A file or a pipe gets a table wide enough for every column.
    console = Console(width=None if sys.stdout.isatty() else 130)
    for split in splits:
        console.print(split_table(split, figures[split]))
    if args.show_misses or args.misses:
        print_misses(console, questions, results)
    if args.rows:
        args.rows.write_text(json.dumps([r.__dict__ for r in results]))
    print(json.dumps({"set": "mixed", "questions": len(questions), "splits": figures}))
    return 0
