"""Hit rate of follow-up questions with and without rewriting (`index.followup`).

    HF_HUB_OFFLINE=1 python bench/followup_hits.py [--index DIR] [--show]

Each conversation of tests/data/followups_hrw.jsonl is two turns over the HRW 2024 releases:
a first question, then a follow-up as a person types it in a thread ("has it passed?"). The
follow-up is asked three ways — as typed (no rewriting), rewritten from the first turn by
`rewrite_followup` (what the bot asks), and as the stand-alone question it stands for (the
ceiling) — and each answer is scored as `bench/eval_answers.py` scores the mixed set (a quote
from an expected document covering half of an expected span).

The engine is the mixed evaluation corpus's cached index (`bench/eval_mixed.py` builds it), opened
read-only: the script refuses to run when the index is missing or stale rather than rebuild an
index other runs share. Rich table, then the JSON summary as the last line of stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.answer_scoring import Aliases, score_answer  # noqa: E402
from bench.eval_mixed import folders  # noqa: E402

CONVERSATIONS = ROOT / "tests" / "data" / "followups_hrw.jsonl"


def load_conversations(path: Path = CONVERSATIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def open_read_only(index: Path | None):
    """The engine over the cached mixed index, or a reason why not (never builds or updates)."""
    from index.config import EngineConfig
    from index.engine import Engine
    from index.errors import QuotebotError

    corpus_dir, index_dir = folders(index)
    if not index_dir.is_dir() or not corpus_dir.is_dir():
        return None, f"no mixed evaluation index at {index_dir} (build it with bench/eval_answers.py --set mixed)"
    try:
        engine = Engine.open(EngineConfig(corpus_dir=corpus_dir, index_dir=index_dir),
                             build_if_missing=False, update_if_stale=False)
    except QuotebotError as error:
        return None, str(error)
    if engine.is_stale():
        return None, f"the index at {index_dir} is stale; not rebuilding a shared index from here"
    engine.wait_ready(120)
    return engine, None


def run(engine, conversations: list[dict], aliases: Aliases) -> list[dict]:
    from index.followup import rewrite_followup, turn_of

    docs = {d.doc_id: d for d in engine.state.docs}
    rows = []
    for conv in conversations:
        first = engine.ask(conv["first"])
        rewrite = rewrite_followup(conv["followup"], turn_of(first))
        asked = {"typed": conv["followup"], "rewritten": rewrite.question, "standalone": conv["standalone"]}
        answers = {"typed": engine.ask(conv["followup"])}
        answers["rewritten"] = engine.ask(rewrite.question) if rewrite.rewritten else answers["typed"]
        answers["standalone"] = engine.ask(conv["standalone"])
        scored = {how: score_answer({**conv, "question": asked[how]}, a, docs, aliases) for how, a in answers.items()}
        rows.append({"id": conv["id"], "rewritten": rewrite.rewritten, "asked": asked,
                     **{f"hit_{how}": r.hit for how, r in scored.items()}})
    return rows


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console
    from rich.table import Table

    from index.glossary import BUILTIN_PATH

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--index", type=Path, default=None)
    p.add_argument("--show", action="store_true", help="one line per conversation")
    args = p.parse_args(argv)
    engine, reason = open_read_only(args.index)
    if engine is None:
        print(f"skipped: {reason}")
        return 0
    conversations = load_conversations()
    aliases = Aliases.from_paths([BUILTIN_PATH, engine.config.corpus_dir / "glossary.toml"])
    rows = run(engine, conversations, aliases)
    n = len(rows)
    summary = {"conversations": n, "rewritten": sum(r["rewritten"] for r in rows)}
    for how in ("typed", "rewritten", "standalone"):
        hits = sum(r[f"hit_{how}"] for r in rows)
        summary[f"hit_rate_{how}"] = round(hits / n, 3)
        summary[f"hits_{how}"] = hits
    console = Console(width=None if sys.stdout.isatty() else 160)
    if args.show:
        for r in rows:
            marks = " ".join(f"{how}={'HIT' if r[f'hit_{how}'] else 'miss'}" for how in ("typed", "rewritten", "standalone"))
            console.print(f"{r['id']} {marks}  → {r['asked']['rewritten']}", markup=False, highlight=False)
    table = Table(title=f"follow-ups over HRW 2024: {n} two-turn conversations, {summary['rewritten']} rewritten")
    for col in ("follow-up asked", "hits", "hit rate"):
        table.add_column(col, justify="left" if col == "follow-up asked" else "right")
    labels = {"typed": "as typed (no rewriting)", "rewritten": "rewritten (index.followup)",
              "standalone": "stand-alone question (ceiling)"}
    for how, label in labels.items():
        table.add_row(label, f"{summary[f'hits_{how}']}/{n}", f"{summary[f'hit_rate_{how}']:.2f}")
    console.print(table)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
