"""Runs the measurements on each corpus, each in its own process, and collects one result."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import common as C
from bench.speed.floor import build_ratio, embedding_ratio
from bench.speed.parts import chunk_texts

RUN_SCRIPT = C.ROOT / "bench" / "run.py"
COLD_QUESTIONS = {"ap": "What did OHCHR say?", "hrw": "What did Human Rights Watch say about Thailand?",
                  "ungdc": "What did Tuvalu say about climate change?"}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def count_corpus(root: Path) -> tuple[int, int]:
    from index.config import EngineConfig
    from index.documents import load_corpus

    config = EngineConfig(corpus_dir=root)
    docs = load_corpus(root, config).documents
    return len(docs), len(chunk_texts(docs, config))


def run_corpus(label: str, src: Path, opts: argparse.Namespace, scratch: Path, logf: Path) -> dict:
    res: dict = {"corpus": label, "path": str(src)}
    if not src.is_dir():
        res["skipped"] = f"corpus folder {src} is absent"
        return res
    if not C.corpus_files(src):
        res["skipped"] = f"corpus folder {src} holds no documents (only notes/glossary)"
        return res
    limit = opts.limit_docs if label == "ungdc" else None
    if opts.quick and label != "ap":
        limit = opts.quick_docs
    work = scratch / label
    corpus = work / "corpus"
    info = C.copy_corpus(src, corpus, limit)
    res["subset"] = info
    spec = {"corpus_dir": str(corpus), "index_dir": str(work / "index"), "batch_size": opts.batch_size,
            "query_backend": opts.query_backend}

    def run(task: str, **options) -> dict:
        return C.run_worker(RUN_SCRIPT, task, {**spec, **options}, logf)

    res["load_average_start"] = C.load_average()
    log(f"{label}: full build")
    res["build"] = run("build")
    if "error" in res["build"]:
        return res
    if res["build"]["documents"] == 0:
        res["skipped"] = "no documents after loading"
        return res
    log(f"{label}: floor (bare encode of the same chunks)")
    res["floor"] = run("floor")
    b, f = res["build"], res["floor"]
    res["ratio_build_to_floor"] = build_ratio(b, f)
    res["ratio_embedding_to_floor"] = embedding_ratio(b, f)
    if opts.sweep:
        log(f"{label}: encode sweep (batch size × threads, chunks and answer units)")
        res["sweep"] = run("sweep")
    if limit:
        full_docs, full_chunks = count_corpus(src)
        res["full_corpus"] = {"documents": full_docs, "chunks": full_chunks}
        if b["chunks"]:
            res["full_corpus"]["extrapolated_build_s"] = round(b["wall_s"] * full_chunks / b["chunks"], 1)
            res["full_corpus"]["extrapolated_floor_s"] = round(f.get("floor_encode_s", 0) * full_chunks / b["chunks"], 1)
    log(f"{label}: warm latency ({opts.questions} questions)")
    res["latency"] = run("latency", label=label, questions=opts.questions, hnsw=label == opts.hnsw_corpus)
    log(f"{label}: cold start")
    res["cold"] = run("cold", question=COLD_QUESTIONS.get(label, "What was said?"))
    if label == "hrw" and opts.peer:  # before the incremental test edits the copy
        log("hrw: peer txtai on the same chunks")
        from index.config import EngineConfig
        from index.documents import load_corpus

        docs = load_corpus(corpus, EngineConfig(corpus_dir=corpus)).documents
        res["peer_txtai"] = run("txtai", questions=C.make_questions(docs, label, opts.questions))
    if label != "ap" and b["documents"] >= 3:
        log(f"{label}: incremental reindex (change one, delete one, add one)")
        res["incremental"] = run("incremental", spare=info.get("spare"))
        inc = res["incremental"]
        if inc.get("wall_s"):
            inc["speedup_vs_full"] = round(b["wall_s"] / inc["wall_s"], 1)
    res["load_average_end"] = C.load_average()
    return res


def parse_args(argv: list[str] | None, description: str) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="+", default=None, help="ap, hrw, ungdc or a folder (default: all three)")
    ap.add_argument("--out", type=Path, default=None, help="write the JSON here too")
    ap.add_argument("--quick", action="store_true", help="AP + a small HRW subset, 30 questions, no peer, no UNGDC")
    ap.add_argument("--limit-docs", type=int, default=None, help="UNGDC: index only the first N files (sorted)")
    ap.add_argument("--questions", type=int, default=None, help="questions per corpus (default 240; quick 30)")
    ap.add_argument("--batch-size", type=int, default=None, help="override EngineConfig.batch_size")
    ap.add_argument("--no-peer", dest="peer", action="store_false", help="skip txtai")
    ap.add_argument("--query-backend", default=None, choices=["torch", "onnx", "onnx-int8"],
                    help="questions' embedding backend (default: EngineConfig's)")
    ap.add_argument("--hnsw-corpus", default=None, help="corpus for the HNSW comparison (default: the largest)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--sweep", action="store_true",
                    help="also time encoding by batch size and torch threads, chunks and answer units (1c)")
    ap.add_argument("--list", action="store_true", help="list the measurement tasks and exit")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--spec", help=argparse.SUPPRESS)
    opts = ap.parse_args(argv)
    opts.quick_docs = 8
    if opts.quick:
        opts.corpus = [c for c in (opts.corpus or ["ap", "hrw"]) if c != "ungdc"]
        opts.peer = False
        opts.questions = opts.questions or 30
    opts.corpus = opts.corpus or ["ap", "hrw", "ungdc"]
    opts.questions = opts.questions or 240
    if opts.hnsw_corpus is None:  # the largest one we embed
        opts.hnsw_corpus = next((c for c in ("ungdc", "hrw", "ap") if c in opts.corpus), opts.corpus[-1])
    return opts


def main(argv: list[str] | None = None, description: str = "") -> int:
    from bench.speed import tables, tasks

    opts = parse_args(argv, description)
    if opts.worker:  # a child process: one task, its JSON on the last line of stdout
        print(json.dumps(tasks.run_task(opts.worker, json.loads(opts.spec))))
        return 0
    if opts.list:
        for name, what in tasks.describe().items():
            print(f"{name:<12} {what}")
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="quotebot-bench-"))
    logf = scratch.parent / f"{scratch.name}.log"
    log(f"scratch {scratch}; worker logs {logf}")
    results = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "load_average": C.load_average(), "python": sys.version.split()[0]},
        "options": {"corpora": opts.corpus, "quick": opts.quick, "limit_docs": opts.limit_docs,
                    "questions": opts.questions, "peer": opts.peer, "hnsw_corpus": opts.hnsw_corpus},
        "corpora": [],
    }
    t0 = time.perf_counter()
    try:
        for name in opts.corpus:
            label, path = C.resolve_corpus(name)
            results["corpora"].append(run_corpus(label, path, opts, scratch, logf))
    finally:
        if not opts.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    tables.print_all(results)
    if opts.out:
        opts.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(results, separators=(",", ":")))
    return 0
