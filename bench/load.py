"""Load: many questions from many users through the local Discord double, against the real bot.

    python bench/load.py                      # 200 questions / 10 s / 50 users, fake engine
    python bench/load.py --real               # the real engine with the bundled model
    python bench/load.py --questions 400 --seconds 10 --users 100 --workers 2 --queue 32

Counts how each question was met — an answer, a cooldown message, a "busy" message — and how many
got nothing (dropped silently; must be 0). Reports throughput (answers/s), p50/p95 latency from
the question reaching the gateway to the bot's reply reaching the REST API, the gateway heartbeat
(max gap between heartbeats vs the interval the double asked for) and RSS before/after.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

log = logging.getLogger(__name__)

QUESTIONS = [
    "What did OHCHR say about civilians?",
    "what did the river agency say about floods?",
    "who cancelled the orchestra tour?",
    "what did the conductor say?",
    "when does the chess club meet?",
    "what happened to aid convoys near the border?",
    "zebra quantum lasagna",
    "what did the spokesperson add about investigations?",
]


@dataclass
class Outcome:
    kind: str = "dropped"  # answer | cooldown | busy | error | dropped
    latency: float | None = None


@dataclass
class LoadResult:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    heartbeat_interval: float = 0.0
    heartbeat_gaps: list[float] = field(default_factory=list)
    heartbeats_during: int = 0
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0

    def count(self, kind: str) -> int:
        return sum(1 for o in self.outcomes if o.kind == kind)

    def summary(self) -> dict:
        lat = sorted(o.latency for o in self.outcomes if o.latency is not None and o.kind == "answer")

        def pct(q: float) -> float | None:
            return round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 1) if lat else None

        answered = self.count("answer")
        return {
            "questions": len(self.outcomes),
            **{k: self.count(k) for k in ("answer", "cooldown", "busy", "error", "dropped")},
            "wall_seconds": round(self.seconds, 2),
            "answers_per_second": round(answered / self.seconds, 2) if self.seconds else None,
            "latency_p50_ms": pct(0.50),
            "latency_p95_ms": pct(0.95),
            "latency_max_ms": round(lat[-1] * 1000, 1) if lat else None,
            "heartbeat_interval_s": self.heartbeat_interval,
            "heartbeats_during_load": self.heartbeats_during,
            "heartbeat_max_gap_s": round(max(self.heartbeat_gaps), 3) if self.heartbeat_gaps else None,
            "rss_before_mb": round(self.rss_before_mb, 1),
            "rss_after_mb": round(self.rss_after_mb, 1),
        }


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def reply_kind(body: dict) -> str:
    """What a reply told the user: cooldown, busy, error or an answer."""
    text = (body.get("content") or "") + json.dumps(body.get("embeds") or [])
    if "Slow down" in text:
        return "cooldown"
    if "I'm busy" in text:
        return "busy"
    if "Something went wrong" in text:
        return "error"
    return "answer"


async def run_load(double, bot, *, questions: int, users: int, seconds: float, seed: int = 7,
                   mention_share: float = 0.25, settle: float = 30.0) -> LoadResult:
    """Send `questions` from `users` users at random moments over `seconds`; wait for replies."""
    from doubles.discord_api import payloads as p
    from doubles.messages import is_message_payload, message_body

    rng = random.Random(seed)
    people = [p.user(p.snowflake(), f"user{i}") for i in range(users)]
    plan = sorted((rng.uniform(0, seconds), i) for i in range(questions))
    result = LoadResult(outcomes=[Outcome() for _ in range(questions)],
                        heartbeat_interval=double.heartbeat_interval_ms / 1000)
    keys: dict[str, int] = {}  # interaction token or message id → question number
    sent_at: dict[int, float] = {}
    gc.collect()
    result.rss_before_mb = _rss_mb()
    hb_start = len(double.heartbeats)
    t0 = time.monotonic()
    for at, i in plan:
        await asyncio.sleep(max(0.0, t0 + at - time.monotonic()))
        who = people[i % users]
        q = QUESTIONS[i % len(QUESTIONS)]
        sent_at[i] = time.monotonic()
        if rng.random() < mention_share:
            msg = await double.send_message(f"<@{bot.user.id}> {q}", author=who)
            keys[msg["id"]] = i
        else:
            it = await double.send_interaction("ask", [{"name": "question", "type": 3, "value": q}], user=who)
            keys[it.token] = i
    deadline = time.monotonic() + settle
    seen: set[int] = set()
    while time.monotonic() < deadline and len(seen) < questions:
        for call in list(double.calls):
            if not is_message_payload(call) or id(call) in seen:
                continue
            body = message_body(call)
            ref = str((body.get("message_reference") or {}).get("message_id", ""))
            key = ref if ref in keys else next((t for t in call.path.split("/") if t in keys), None)
            if key is None:
                continue
            i = keys[key]
            seen.add(id(call))
            o = result.outcomes[i]
            if o.kind == "dropped":  # first reply wins (an answer may span several messages)
                o.kind, o.latency = reply_kind(body), call.at - sent_at[i]
        if all(o.kind != "dropped" for o in result.outcomes):
            break
        await asyncio.sleep(0.05)
    ends = [sent_at[i] + o.latency for i, o in enumerate(result.outcomes) if o.latency is not None]
    result.seconds = (max(ends) if ends else time.monotonic()) - t0
    result.heartbeats_during = len(double.heartbeats) - hb_start
    beats = double.heartbeats[max(0, hb_start - 1):]
    result.heartbeat_gaps = [b - a for a, b in zip(beats, beats[1:], strict=False)]
    gc.collect()
    result.rss_after_mb = _rss_mb()
    return result


def _engine(real: bool, folder: Path):
    from doubles.articles import ARTICLES, write_corpus

    corpus = write_corpus(folder / "corpus", {
        **ARTICLES,
        "ohchr.txt": "UN rights office alarmed by attacks\n\nThe OHCHR said that civilians must be "
        "protected at all times. Aid convoys were blocked on Tuesday near the border.\n\n"
        "A spokesperson for the office added that investigations would follow.",
    })
    if not real:
        from doubles.engine import FakeEngine

        return FakeEngine(corpus)
    from index.config import EngineConfig
    from index.engine import Engine

    return Engine.open(EngineConfig(corpus_dir=corpus, index_dir=folder / "index"))


async def _main(args: argparse.Namespace) -> dict:
    import discord
    import yarl

    from bot.app import QuotebotBot
    from bot.settings import Settings
    from doubles.discord_api import DiscordDouble

    folder = Path(tempfile.mkdtemp(prefix="quotebot-load-"))
    engine = _engine(args.real, folder)
    double = DiscordDouble()
    double.heartbeat_interval_ms = args.heartbeat_ms
    await double.start()
    discord.http.Route.BASE = double.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(double.gateway_url)
    settings = Settings(
        _env_file=None, discord_token="load-test-token", corpus_dir=engine.config.corpus_dir,
        index_dir=folder / "index", answer_workers=args.workers, answer_queue=args.queue,
        ask_cooldown_seconds=args.cooldown_seconds, ask_cooldown_rate=args.cooldown_rate,
    )
    bot = QuotebotBot(settings, engine, guild_ready_timeout=0.05)
    await bot.login("load-test-token")
    task = asyncio.create_task(bot.connect(reconnect=True))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        await asyncio.sleep(args.heartbeat_ms / 1000 * 1.5)  # let the heartbeat settle in
        result = await run_load(double, bot, questions=args.questions, users=args.users, seconds=args.seconds)
    finally:
        await bot.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)
        await double.close()
    out = {"engine": "real (bundled model)" if args.real else "fake", "workers": args.workers,
           "queue": args.queue, "cooldown_setting": f"{args.cooldown_rate} per {args.cooldown_seconds:g} s per user",
           **result.summary()}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", action="store_true", help="real engine with the bundled model")
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--queue", type=int, default=32)
    ap.add_argument("--cooldown-rate", type=int, default=3)
    ap.add_argument("--cooldown-seconds", type=float, default=10.0)
    ap.add_argument("--heartbeat-ms", type=int, default=1000, help="interval the double asks for")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    out = asyncio.run(_main(args))
    width = max(map(len, out))
    for k, v in out.items():
        print(f"{k:<{width}}  {v}")
    print(json.dumps(out))
    return 0 if out["dropped"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
