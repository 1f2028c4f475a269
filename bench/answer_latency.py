"""Warm answer latency on the mixed evaluation corpus (the article + HRW 2024 + HRDsAttack test).

    python bench/answer_latency.py [--index DIR] [--rounds 2]

Opens the engine on the cached evaluation index (bench/eval_mixed.py builds it), waits for the
typo index, asks every question of tests/data/questions_mixed.jsonl once to warm up, then
`--rounds` more times, and prints p50/p95 of the total and of each stage from `timings_ms`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.eval_corpus import MissingSource  # noqa: E402
from bench.eval_mixed import open_engine  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console
    from rich.table import Table

    from bench.check_mixed_questions import QUESTIONS, load_questions

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--index", type=Path, default=None)
    p.add_argument("--rounds", type=int, default=2)
    args = p.parse_args(argv)
    try:
        engine = open_engine(args.index)
    except MissingSource as error:
        print(f"skipped: {error}")
        return 0
    questions = [q["question"] for q in load_questions(QUESTIONS)]
    for q in questions:
        engine.ask(q)
    stages: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for q in questions:
            for name, ms in engine.ask(q).timings_ms.items():
                stages.setdefault(name, []).append(ms)
    table = Table(title=f"warm ask, {len(questions)} questions × {args.rounds} rounds, "
                        f"{engine.stats()['documents']} documents, {engine.stats()['chunks']} chunks")
    for col in ("stage", "p50 ms", "p95 ms"):
        table.add_column(col, justify="right" if col != "stage" else "left")
    summary = {}
    for name, values in stages.items():
        p50, p95 = float(np.percentile(values, 50)), float(np.percentile(values, 95))
        summary[name] = {"p50": round(p50, 2), "p95": round(p95, 2)}
        table.add_row(name, f"{p50:.1f}", f"{p95:.1f}")
    Console().print(table)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
