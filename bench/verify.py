"""Quote checking on the mixed evaluation index: confusion table, closest-wording hits, latency.

    python bench/verify.py [--seed 0] [-n 100] [--index DIR] [--polnear DIR]

Generates the set of `bench/verify_set.py` (true / changed / paraphrase / outside, `-n` each,
seeded), runs `Engine.verify` on every item and prints: the confusion table (class × verdict),
how often the closest wording shown for a changed or paraphrased quote is its source, how often
a verified quote's speaker is the source statement's, the verdicts every `close_enough` between
0.30 and 0.80 would give (the threshold in `VerifyConfig` is picked on seed 1, reported on
seed 0), p50/p95 latency, and the JSON summary as the last line of stdout.

The index is the one `bench/eval_mixed.py` builds (the article + HRW 2024 + HRDsAttack test, by
default under the system temp dir) and is opened **read-only**: a missing or stale index is
reported and nothing is built (a rebuild takes most of an hour on two cores; run
`bench/eval_mixed.py` for that).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.eval_mixed import folders  # noqa: E402
from bench.verify_set import CLASSES, EXPECTED, Item, generate  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "benchmarks" / "polnear"
VERDICTS = ("verbatim", "not verbatim", "not found")
THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(11))


def open_read_only(index: Path | None):
    """The engine over an existing, up-to-date eval index; never builds or updates it."""
    from index.config import EngineConfig
    from index.engine import Engine

    corpus_dir, index_dir = folders(index)
    engine = Engine.open(EngineConfig(corpus_dir=corpus_dir, index_dir=index_dir), build_if_missing=False)
    if engine.is_stale():
        raise SystemExit(f"the index in {index_dir} is stale for this code or corpus: not rebuilding it "
                         "here (copy it and run bench/eval_mixed.py --index COPY to refresh the copy)")
    engine.wait_ready(120)
    return engine


def is_source(item: Item, quote, state) -> bool:
    """The quote shown lies on the item's source words (in its document or a duplicate of it)."""
    if quote is None or not item.doc_id:
        return False
    same_text = quote.doc_id == item.doc_id or state.doc(quote.doc_id).text == state.doc(item.doc_id).text
    return same_text and quote.start < item.end and item.start < quote.end


def run(engine, items: list[Item]) -> list[dict]:
    results = []
    for item in items:
        t = time.perf_counter()
        v = engine.verify(item.text)
        ms = (time.perf_counter() - t) * 1000
        shown = v.quote[0] if v.quote else v.closest
        results.append({
            "cls": item.cls, "how": item.how, "verdict": v.verdict, "similarity": v.similarity, "ms": ms,
            "source": is_source(item, shown, engine.state),
            "speaker_ok": shown is not None and shown.speaker == item.speaker,
        })
    return results


def verdict_at(r: dict, threshold: float) -> str:
    if r["verdict"] == "verbatim":
        return "verbatim"
    return "not verbatim" if r["similarity"] >= threshold else "not found"


def confusion(results: list[dict], threshold: float | None = None) -> dict[str, dict[str, int]]:
    table = {c: dict.fromkeys(VERDICTS, 0) for c in CLASSES}
    for r in results:
        table[r["cls"]][r["verdict"] if threshold is None else verdict_at(r, threshold)] += 1
    return table


def accuracy(table: dict[str, dict[str, int]]) -> float:
    """Mean over classes of the share given the expected verdict (balanced accuracy)."""
    return float(np.mean([table[c][EXPECTED[c]] / max(1, sum(table[c].values())) for c in CLASSES]))


def summary(results: list[dict], threshold: float) -> dict:
    ms = np.array([r["ms"] for r in results])
    table = confusion(results)

    def share(cls: str, key: str) -> float:
        rows = [r for r in results if r["cls"] == cls and r["verdict"] != "not found"]
        return round(sum(r[key] for r in rows) / len(rows), 3) if rows else 0.0

    return {
        "items": len(results), "close_enough": threshold, "confusion": table,
        "balanced_accuracy": round(accuracy(table), 3),
        "source_shown": {c: share(c, "source") for c in ("true", "changed", "paraphrase")},
        "speaker_kept": share("true", "speaker_ok"),
        "sweep": {str(t): round(accuracy(confusion(results, t)), 3) for t in THRESHOLDS},
        "p50_ms": round(float(np.percentile(ms, 50)), 1), "p95_ms": round(float(np.percentile(ms, 95)), 1),
        "p50_ms_by_verdict": {v: round(float(np.percentile([r["ms"] for r in results if r["verdict"] == v], 50)), 1)
                              for v in VERDICTS if any(r["verdict"] == v for r in results)},
    }


def print_tables(console, figures: dict, seed: int) -> None:
    from rich.table import Table

    t = Table(title=f"quote checking, seed {seed}: {figures['items']} claims, close_enough {figures['close_enough']}")
    t.add_column("class")
    for v in VERDICTS:
        t.add_column(v, justify="right")
    t.add_column("expected", justify="right")
    for c in CLASSES:
        row = figures["confusion"][c]
        t.add_row(c, *(str(row[v]) for v in VERDICTS), f"{row[EXPECTED[c]]}/{sum(row.values())}")
    console.print(t)
    console.print(f"balanced accuracy {figures['balanced_accuracy']:.3f}; closest/quote is the source "
                  f"(of those not 'not found'): {figures['source_shown']}; true quotes shown with their "
                  f"statement's speaker: {figures['speaker_kept']}")
    console.print("close_enough sweep (balanced accuracy): " + ", ".join(f"{k}: {v}" for k, v in figures["sweep"].items()))
    console.print(f"latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms; p50 by verdict {figures['p50_ms_by_verdict']}")


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-n", type=int, default=100, help="claims per class")
    p.add_argument("--index", type=Path, default=None, help="eval index folder (default: the shared one)")
    p.add_argument("--polnear", type=Path, default=POLNEAR)
    p.add_argument("--show", type=int, default=0, help="print this many claims per class with their verdicts")
    args = p.parse_args(argv)
    if not args.polnear.is_dir():
        print(f"skipped: PolNeAR not found at {args.polnear}")
        return 0
    engine = open_read_only(args.index)
    items = generate(engine.state, args.polnear, args.n, args.seed)
    engine.verify(items[0].text)  # the first check normalises the corpus once: not a latency sample
    results = run(engine, items)
    console = Console()
    if args.show:
        for c in CLASSES:
            for item, r in [(i, r) for i, r in zip(items, results, strict=True) if i.cls == c][: args.show]:
                console.print(f"[{c}] {r['verdict']} {r['similarity']:.2f} {item.how} {item.text!r}", markup=False)
    figures = summary(results, engine.config.verify.close_enough)
    figures["seed"] = args.seed
    print_tables(console, figures, args.seed)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
