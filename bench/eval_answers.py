"""Answer quality on the question set: hit rate, citations, verbatim rate, abstention, Recall@5, MRR.

    python bench/eval_answers.py [--questions tests/data/questions.jsonl] [--index DIR] [--sweep]
    python bench/eval_answers.py --set mixed [--split tune|report|all] [--show-misses]

`--set hrw` (the default): the 87 questions of `tests/data/questions.jsonl` over the repository's
`corpus/` plus ../shared/corpora/hrw_2024. `--set mixed`: the questions of
`tests/data/questions_mixed.jsonl` over the corpus `bench/eval_corpus.py` builds (the article,
HRW and the HRDsAttack test articles), scored per split and per kind by `bench/answer_scoring.py`
(hit, verbatim, citation, abstention precision/recall, speaker). The index is cached in --index
(default: a folder under the system temp dir) and updated incrementally. The JSON summary is the
last line of stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.answer_scoring import span_ranges  # noqa: E402

HRW = ROOT.parent / "shared" / "corpora" / "hrw_2024"
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
HRW_INDEX = Path(tempfile.gettempdir()) / "quotebot-eval-index"


def eval_corpus(folder: Path) -> Path:
    """A corpus folder holding copies of the shipped corpus and the HRW CSV, outside the repo.

    Copies, not symlinks: the engine does not follow links that lead out of the corpus folder.
    copy2 keeps the mtime, so an unchanged source leaves the cached index up to date.
    """
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {"hrw_articles.csv": HRW / "hrw_articles.csv"}
    for p in (ROOT / "corpus").iterdir():
        wanted[p.name] = p
    for name, target in wanted.items():
        copy = folder / name
        if copy.is_symlink():
            copy.unlink()
        elif copy.exists():
            a, b = copy.stat(), target.stat()
            if (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns):
                continue
        shutil.copy2(target, copy)
    return folder


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Scores:
    answerable: int = 0
    unanswerable: int = 0
    hits: int = 0
    strict_hits: int = 0
    quotes: int = 0
    verbatim: int = 0
    citations_ok: int = 0
    abstained_right: int = 0  # abstained on an unanswerable question
    abstained_wrong: int = 0  # abstained on an answerable one
    recall5: int = 0
    rr: float = 0.0
    misses: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)

    def summary(self) -> dict:
        abst = self.abstained_right + self.abstained_wrong
        return {
            "questions": self.answerable + self.unanswerable,
            "answer_hit_rate": self.hits / max(1, self.answerable),
            "answer_hit_rate_strict": self.strict_hits / max(1, self.answerable),
            "citation_correctness": self.citations_ok / max(1, self.quotes),
            "verbatim_rate": self.verbatim / max(1, self.quotes),
            "abstention_precision": self.abstained_right / abst if abst else 1.0,
            "abstention_recall": self.abstained_right / max(1, self.unanswerable),
            "recall_at_5": self.recall5 / max(1, self.answerable),
            "mrr": self.rr / max(1, self.answerable),
            "quotes": self.quotes,
        }


def evaluate(engine, questions: list[dict]) -> Scores:
    state = engine.state
    docs = {d.doc_id: d for d in state.docs}
    s = Scores()
    for q in questions:
        ans = engine.ask(q["question"])
        expected = [d for d in q["expected_doc_ids"] if d in docs]
        for quote in ans.quotes:
            s.quotes += 1
            doc = docs.get(quote.doc_id)
            ok = doc is not None and doc.text[quote.start : quote.end] == quote.text
            s.verbatim += ok
            src = ans.sources[quote.citation - 1] if 0 < quote.citation <= len(ans.sources) else None
            s.citations_ok += ok and src is not None and src.doc_id == quote.doc_id
        row = {"id": q["id"], "kind": q["kind"], "abstained": ans.abstained, "confidence": ans.confidence}
        if not q["answerable"]:
            s.unanswerable += 1
            s.abstained_right += ans.abstained
            row["ok"] = ans.abstained
        else:
            s.answerable += 1
            s.abstained_wrong += ans.abstained
            hit = strict = False
            for quote in ans.quotes:
                if quote.doc_id not in expected:
                    continue
                for span in q["expected_spans"]:
                    for a, b in span_ranges(docs[quote.doc_id].text, span):
                        overlap = min(b, quote.end) - max(a, quote.start)
                        strict |= quote.start <= a and b <= quote.end
                        hit |= overlap >= 0.5 * (b - a)
            s.hits += hit
            s.strict_hits += strict
            row["ok"] = hit
            hits = engine.search(q["question"], k=10)
            seen: list[str] = []
            for h in hits:
                if h.chunk.doc_id not in seen:
                    seen.append(h.chunk.doc_id)
            rank = next((i + 1 for i, d in enumerate(seen) if d in expected), None)
            s.recall5 += bool(rank and rank <= 5)
            s.rr += 1 / rank if rank else 0.0
            if not hit:
                s.misses.append({"id": q["id"], "q": q["question"], "abstained": ans.abstained,
                                 "got": [(x.doc_id[-40:], x.text[:80]) for x in ans.quotes[:2]]})
        s.rows.append(row)
    return s


def sweep(rows: list[dict], answerable: dict[str, bool]) -> list[tuple[float, float, float, float]]:
    """(threshold, hit-preserving rate, abstention precision, recall) for candidate thresholds."""
    out = []
    for t in [x / 100 for x in range(10, 70, 2)]:
        abst = [r for r in rows if r["confidence"] < t]
        right = sum(1 for r in abst if not answerable[r["id"]])
        total_un = sum(1 for v in answerable.values() if not v)
        kept = sum(1 for r in rows if answerable[r["id"]] and r["confidence"] >= t and r["ok"] is not False)
        n_ans = sum(1 for v in answerable.values() if v)
        out.append((t, kept / max(1, n_ans), right / len(abst) if abst else 1.0, right / max(1, total_un)))
    return out


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console
    from rich.table import Table

    from index.config import EngineConfig
    from index.engine import Engine

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--set", dest="question_set", choices=["hrw", "mixed"], default="hrw",
                   help="hrw: the 87 questions (default); mixed: questions_mixed.jsonl by split and kind")
    p.add_argument("--split", choices=["tune", "report", "all"], default="all",
                   help="mixed set: which half to ask (all = both, reported side by side)")
    p.add_argument("--questions", type=Path, default=None)
    p.add_argument("--index", type=Path, default=None)
    p.add_argument("--sweep", action="store_true", help="print precision/recall per abstain threshold")
    p.add_argument("--misses", action="store_true", help="list the questions answered wrongly")
    p.add_argument("--fusion", choices=["zscore", "rrf"], default=None, help="override the fusion")
    p.add_argument("--show-misses", action="store_true",
                   help="for each miss: the question, the expected span and the quotes returned")
    p.add_argument("--rows", type=Path, help="write per-question results (JSON) here")
    args = p.parse_args(argv)
    if args.question_set == "mixed":
        from bench.eval_mixed import run_mixed

        return run_mixed(args)
    args.questions = args.questions or QUESTIONS
    args.index = args.index or HRW_INDEX
    if not HRW.exists():
        print(f"skipped: {HRW} is absent")
        return 0
    corpus = eval_corpus(args.index.parent / (args.index.name + "-corpus"))
    config = EngineConfig(corpus_dir=corpus, index_dir=args.index)
    if args.fusion:
        config = replace(config, retrieval=replace(config.retrieval, fusion=args.fusion))
    engine = Engine.open(config, update_if_stale=True)
    engine.wait_ready(60)
    questions = load_questions(args.questions)
    s = evaluate(engine, questions)
    console = Console()
    table = Table(title=f"Answer quality on {len(questions)} questions")
    table.add_column("metric")
    table.add_column("value", justify="right")
    summary = s.summary()
    for k, v in summary.items():
        table.add_row(k, f"{v:.3f}" if isinstance(v, float) else str(v))
    console.print(table)
    by_kind: dict[str, list[bool]] = {}
    for r in s.rows:
        by_kind.setdefault(r["kind"], []).append(bool(r["ok"]))
    console.print("by kind: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())))
    if args.sweep:
        answerable = {q["id"]: q["answerable"] for q in questions}
        for t, kept, prec, rec in sweep(s.rows, answerable):
            console.print(f"threshold {t:.2f}: answered-and-hit {kept:.2f}  abstain P {prec:.2f} R {rec:.2f}")
    if args.misses or args.show_misses:
        for m in s.misses:
            console.print(m, markup=False)
    if args.rows:
        args.rows.write_text(json.dumps(s.rows))
    summary["by_kind"] = {k: [sum(v), len(v)] for k, v in by_kind.items()}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
