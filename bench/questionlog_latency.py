"""What the question log costs per answer: p50/p95 of writing one answer's record (and a vote).

    python bench/questionlog_latency.py [--answers 1000] [--quotes 4] [--dir DIR]

Writes `--answers` records (each with `--quotes` quotes, as a real answer has) into a fresh log
file under a temporary folder (or `--dir`), the way the bot does: one `QuestionLog.record` per
answer, from a worker thread (`asyncio.to_thread`), after the answer was sent. Prints the time of
`record` itself, of the whole hop through `asyncio.to_thread`, and of `vote`; the file is WAL with
`synchronous=NORMAL` (as the bot opens it: no fsync per transaction, only at checkpoints).
Rich table, then the JSON summary as the last line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.questionlog import AnswerRecord, LoggedQuote, QuestionLog, log_path  # noqa: E402


def _record(i: int, quotes: int) -> AnswerRecord:
    return AnswerRecord(
        answer_key=f"{i:012x}", asked_at=time.time(), guild_id=1234567890123456789, channel_id=2345678901234567890,
        user_id=3456789012345678901 + i % 50, question=f"What did OHCHR say about question number {i}?",
        rewritten=None if i % 3 else f"What did OHCHR say about torture, part {i}?", abstained=i % 5 == 0,
        confidence=0.5, latency_ms=120.0, message_id=4567890123456789012 + i,
        quotes=tuple(LoggedQuote(f"doc-{i % 40}", 100 * q, 100 * q + 180, "Jeremy Laurence") for q in range(quotes)),
    )


def _ms(values: list[float]) -> dict[str, float]:
    return {"p50": round(float(np.percentile(values, 50)), 3), "p95": round(float(np.percentile(values, 95)), 3)}


async def measure(folder: Path, answers: int, quotes: int) -> dict[str, dict[str, float]]:
    qlog = QuestionLog(log_path(folder))
    qlog.record(_record(-1, quotes))  # open, migrate, first fsync: not an answer's cost
    direct, hop, votes = [], [], []
    for i in range(answers):
        rec = _record(i, quotes)
        if i % 2:
            t0 = time.perf_counter()
            qlog.record(rec)
            direct.append((time.perf_counter() - t0) * 1000)
        else:
            t0 = time.perf_counter()
            await asyncio.to_thread(qlog.record, rec)
            hop.append((time.perf_counter() - t0) * 1000)
    for i in range(min(answers, 300)):
        t0 = time.perf_counter()
        qlog.vote(f"{i:012x}", 99 + i % 7, ("up", "down", "wrong_speaker")[i % 3])
        votes.append((time.perf_counter() - t0) * 1000)
    qlog.close()
    return {"record": _ms(direct), "record via to_thread": _ms(hop), "vote": _ms(votes)}


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console
    from rich.table import Table

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--answers", type=int, default=1000)
    p.add_argument("--quotes", type=int, default=4)
    p.add_argument("--dir", type=Path, default=None, help="where to write the log (default: a temp dir)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        figures = asyncio.run(measure(folder, args.answers, args.quotes))
    table = Table(title=f"question log: {args.answers} answers × {args.quotes} quotes")
    for col in ("operation", "p50 ms", "p95 ms"):
        table.add_column(col, justify="left" if col == "operation" else "right")
    for name, f in figures.items():
        table.add_row(name, f"{f['p50']:.2f}", f"{f['p95']:.2f}")
    Console().print(table)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
