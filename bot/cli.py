"""The `quotebot` command line: index, ask, quotes, stats, run, sync."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="quotebot", description="Verbatim, cited answers from your corpus.")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)

    def paths(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--corpus", type=Path, help="corpus folder (default: CORPUS_DIR or ./corpus)")
        sp.add_argument("--index", type=Path, help="index folder (default: INDEX_DIR or ./.index)")

    sp = sub.add_parser("index", help="build or update the index")
    paths(sp)
    sp.add_argument("--full", action="store_true", help="re-embed everything")
    sp = sub.add_parser("ask", help="answer a question with verbatim quotes")
    paths(sp)
    sp.add_argument("question")
    sp.add_argument("--json", action="store_true", help="print one JSON object")
    sp.add_argument("-k", type=int, default=None, help="maximum number of quotes (1-4)")
    from bot import quotes_cli

    quotes_cli.add_parser(sub)
    sp = sub.add_parser("stats", help="what the index holds")
    paths(sp)
    sp = sub.add_parser("run", help="start the Discord bot")
    paths(sp)
    sub.add_parser("sync", help="sync slash commands with Discord")
    return p


def _settings(args: argparse.Namespace):
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        settings = Settings()
    except ValidationError as e:
        first = e.errors()[0]
        raise SystemExit(f"quotebot: bad setting {'.'.join(map(str, first['loc']))}: {first['msg']} (see .env.example)") from None
    if getattr(args, "corpus", None):
        settings.corpus_dir = args.corpus
    if getattr(args, "index", None):
        settings.index_dir = args.index
    return settings


class _BuildProgress:
    """Rich progress bar on stderr, fed from the builder's (stage, done, total) callbacks."""

    def __init__(self, console: Console) -> None:
        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=True,
        )
        self.task = None

    def __enter__(self) -> _BuildProgress:
        self.bar.__enter__()
        self.task = self.bar.add_task("loading corpus", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int) -> None:
        label = {"loading": "loading corpus", "embedding": "embedding chunks", "writing": "writing index"}
        self.bar.update(self.task, description=label.get(stage, stage), completed=done, total=total or None)


def _summary_table(summary) -> Table:
    t = Table(title="Index build", show_header=False)
    t.add_row("documents", f"{summary.documents:,}")
    t.add_row("chunks", f"{summary.chunks:,} ({summary.embedded_chunks:,} embedded)")
    t.add_row("added", str(len(summary.added)))
    t.add_row("changed", str(len(summary.changed)))
    t.add_row("removed", str(len(summary.removed)))
    t.add_row("unchanged", str(summary.unchanged))
    t.add_row("duplicates", str(len(summary.duplicates)))
    t.add_row("skipped", str(len(summary.skipped)))
    for s in summary.skipped[:20]:
        t.add_row("", f"{s.path}: {s.reason}")
    if len(summary.skipped) > 20:
        t.add_row("", f"… and {len(summary.skipped) - 20} more")
    t.add_row("seconds", f"{summary.seconds:.1f}")
    return t


def cmd_index(args: argparse.Namespace, out: Console, err: Console) -> int:
    from index.engine import Engine

    settings = _settings(args)
    engine = Engine(settings.engine_config())
    try:
        engine.load(build_if_missing=False)
    except Exception as e:  # noqa: BLE001 - any unreadable old index just means a fresh build
        log.info("no usable index (%s): building from scratch", e)
    with _BuildProgress(err) as progress:
        summary = engine.reindex(full=args.full, progress=progress, started_by="cli")
    out.print(_summary_table(summary))
    return 0


def cmd_ask(args: argparse.Namespace, out: Console, err: Console) -> int:
    from index.engine import Engine

    settings = _settings(args)
    engine = Engine(settings.engine_config())
    try:
        engine.load(build_if_missing=False)
        stale = engine.is_stale()
    except Exception as e:  # noqa: BLE001
        log.debug("index not usable: %s", e)
        stale = True
        err.print(f"[dim]No usable index in {settings.index_dir}: building it from {settings.corpus_dir} first.[/dim]")
    else:
        if stale:
            err.print("[dim]The corpus changed since the last build: updating the index first.[/dim]")
    if stale:
        with _BuildProgress(err) as progress:
            engine.reindex(full=engine._state is None, progress=progress, started_by="cli ask")
    answer = engine.ask(args.question, k=max(1, min(4, args.k)) if args.k else None)
    if args.json:
        sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
        return 0
    if answer.abstained:
        out.print(answer.answer)
        if answer.closest:
            out.print("\n[dim]Closest passages (not an answer):[/dim]")
            for q in answer.closest:
                out.print(f"[dim]  “{q.text}” — {q.title}[/dim]", markup=True, highlight=False)
        return 0
    out.print(answer.answer, markup=False, highlight=False)
    return 0


def cmd_stats(args: argparse.Namespace, out: Console, err: Console) -> int:
    from index.engine import Engine

    settings = _settings(args)
    engine = Engine(settings.engine_config())
    engine.load(build_if_missing=False)
    t = Table(title="Quotebot index", show_header=False)
    for k, v in engine.stats().items():
        t.add_row(k, f"{v:,}" if isinstance(v, int) else str(v))
    out.print(t)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    out, err = Console(), Console(stderr=True)
    from index.errors import QuotebotError

    try:
        if args.command == "index":
            return cmd_index(args, out, err)
        if args.command == "ask":
            return cmd_ask(args, out, err)
        if args.command == "quotes":
            from bot import quotes_cli

            return quotes_cli.cmd_quotes(args, out, err)
        if args.command == "stats":
            return cmd_stats(args, out, err)
        if args.command in ("run", "sync"):
            return _bot_command(args)
    except QuotebotError as e:
        err.print(f"quotebot: {e}", markup=False, highlight=False)
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


def _bot_command(args: argparse.Namespace) -> int:
    try:
        from bot import runner
    except ImportError:
        print("quotebot: the Discord bot is not available in this build.", file=sys.stderr)
        return 2
    settings = _settings(args)
    if args.command == "run":
        return runner.run_bot(settings)
    import asyncio

    return asyncio.run(runner.sync_commands(settings))


if __name__ == "__main__":
    raise SystemExit(main())
