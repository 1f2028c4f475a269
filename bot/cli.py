"""The `quotebot` command line: index, ask, verify, said, quotes, stats, report, run, sync."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from pathlib import Path

from rich.console import Console

from bot.cli_output import build_progress, consoles, print_answer, say, stats_table, summary_table

log = logging.getLogger(__name__)

MAX_QUOTES = 4


def _quote_count(value: str) -> int:
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 1 <= k <= MAX_QUOTES:
        raise argparse.ArgumentTypeError(f"{k} is out of range: give 1 to {MAX_QUOTES}")
    return k


def _day(*, end: bool):
    def parse(value: str):
        from index.dates import parse_day

        try:
            return parse_day(value, end=end)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    return parse


def _filters(args: argparse.Namespace):
    from index.dates import DateRange
    from index.filters import Filters

    if args.after and args.before and args.after > args.before:
        raise SystemExit("quotebot: --after is later than --before: no date is both")
    filters = Filters(tuple(args.collection), tuple(args.source), DateRange(args.after, args.before))
    return filters or None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="quotebot", description="Verbatim, cited answers from your corpus.")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)

    def paths(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--corpus", type=Path, help="corpus folder (default: CORPUS_DIR or ./corpus)")
        sp.add_argument("--index", type=Path, help="index folder (default: INDEX_DIR or ./.index)")

    sp = sub.add_parser("index", help="build or update the index")
    paths(sp)
    sp.add_argument("--full", action="store_true",
                    help="rebuild everything (vectors already in the cache are reused)")
    sp.add_argument("--force", action="store_true",
                    help="accept a corpus that lost more than MAX_CORPUS_SHRINK of its documents")
    sp.add_argument("--allow-empty", action="store_true", help="accept a corpus with no documents left")
    sp = sub.add_parser("ask", help="answer a question with verbatim quotes")
    paths(sp)
    sp.add_argument("question")
    sp.add_argument("--json", action="store_true", help="print one JSON object")
    sp.add_argument("-k", type=_quote_count, default=None, help=f"maximum number of quotes (1-{MAX_QUOTES})")
    sp.add_argument("--collection", action="append", default=[], metavar="NAME",
                    help="only this collection (a top-level corpus folder; 'default' = the root); repeatable")
    sp.add_argument("--source", action="append", default=[], metavar="OUTLET", help="only this outlet; repeatable")
    sp.add_argument("--after", type=_day(end=False), metavar="DATE", help="documents dated on or after (YYYY[-MM[-DD]])")
    sp.add_argument("--before", type=_day(end=True), metavar="DATE", help="documents dated on or before (YYYY[-MM[-DD]])")
    sp = sub.add_parser("add", help="add a web page or PDF by its link, then update the index")
    paths(sp)
    sp.add_argument("url")
    sp.add_argument("--collection", default=None, help="the collection (corpus folder) to add it to")
    from bot import quotes_cli, said_cli, verify_cli

    quotes_cli.add_parser(sub)
    verify_cli.add_parser(sub)
    said_cli.add_parser(sub)

    from bot import report_cli

    report_cli.add_parser(sub)
    sp = sub.add_parser("stats", help="what the index holds")
    paths(sp)
    sp = sub.add_parser("run", help="start the Discord bot")
    paths(sp)
    sub.add_parser("sync", help="sync slash commands with Discord")
    return p


def _settings(args: argparse.Namespace):
    from pydantic import ValidationError

    from bot.settings import Settings
    from bot.unknown_settings import UnknownSetting

    try:
        settings = Settings()
    except UnknownSetting as e:
        raise SystemExit("\n".join(f"quotebot: {line}" for line in str(e).splitlines())) from None
    except UnicodeDecodeError as e:
        raise SystemExit(f"quotebot: .env is not UTF-8 text (byte {e.start}): fix or delete it (see .env.example)") from None
    except OSError as e:
        raise SystemExit(f"quotebot: cannot read .env: {e.strerror or e} (see .env.example)") from None
    except ValidationError as e:
        first = e.errors()[0]
        raise SystemExit(f"quotebot: bad setting {'.'.join(map(str, first['loc']))}: {first['msg']} (see .env.example)") from None
    if getattr(args, "corpus", None):
        settings.corpus_dir = args.corpus
    if getattr(args, "index", None):
        settings.index_dir = args.index
    return settings


def _load_or_explain(engine, settings, err: Console) -> None:
    """Load the index if there is a usable one; else say why (which file, what check) on stderr."""
    from index import store
    from index.builder import check_corpus_dir
    from index.errors import BadLocation, QuotebotError

    engine.check_index_dir()
    if store.current_path(settings.index_dir) is None:
        check_corpus_dir(settings.corpus_dir)  # nothing to build from: say so before anything else
        say(err, f"No index yet in {settings.index_dir}: building it from {settings.corpus_dir}.", "dim")
        return
    try:
        engine.load(build_if_missing=False)
    except BadLocation:
        raise
    except QuotebotError as e:
        say(err, f"The index in {settings.index_dir} is not usable ({e}): rebuilding it from {settings.corpus_dir}.")


def cmd_index(args: argparse.Namespace, out: Console, err: Console) -> int:
    from index.builder import check_corpus_dir
    from index.engine import Engine

    settings = _settings(args)
    check_corpus_dir(settings.corpus_dir)
    engine = Engine(settings.engine_config())
    _load_or_explain(engine, settings, err)
    with build_progress(err) as progress:
        summary = engine.reindex(full=args.full, progress=progress, started_by="cli",
                                 allow_shrink=args.force or args.allow_empty)
    out.print(summary_table(summary))
    return 0


@contextlib.contextmanager
def _quiet(logger_name: str, *, unless: bool = False):
    logger = logging.getLogger(logger_name)
    level = logger.level
    if not unless:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def ready_engine(args: argparse.Namespace, err: Console):
    """The engine with an index to answer from: built when missing, updated when the corpus
    changed (or, when it cannot be, the current one with a notice). `ask` and `verify` use it."""
    from index.engine import Engine

    settings = _settings(args)
    engine = Engine(settings.engine_config())
    _load_or_explain(engine, settings, err)
    if engine._state is None:
        with build_progress(err) as progress:
            engine.reindex(full=True, progress=progress, started_by="cli ask")
    elif engine.is_stale():
        say(err, "The corpus changed since the last build: updating the index first.", "dim")
        # The notice below gives the reason once; the engine's own log lines would repeat it.
        with build_progress(err) as progress, _quiet("index.engine", unless=args.verbose):
            why_not = engine.update_or_serve(progress=progress, started_by="cli ask")
        if why_not:
            built = engine.stats().get("built_at") or "earlier"
            say(err, f"Note: answering from the index built {built}, which may be out of date: {why_not}")
    return engine


def cmd_ask(args: argparse.Namespace, out: Console, err: Console) -> int:
    engine = ready_engine(args, err)
    answer = engine.ask(args.question, k=args.k, filters=_filters(args))
    if args.json:
        sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
        return 0
    print_answer(out, answer)
    return 0


def cmd_stats(args: argparse.Namespace, out: Console, err: Console) -> int:
    from index.engine import Engine

    settings = _settings(args)
    engine = Engine(settings.engine_config())
    engine.load(build_if_missing=False)
    out.print(stats_table(engine.stats()))
    return 0


def _configure_cli_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Third-party chatter (bm25s, faiss loader, urllib3…) is not for the CLI's reader, even with -v.
    for name in ("bm25s", "faiss", "urllib3", "filelock", "sentence_transformers", "transformers", "asyncio"):
        logging.getLogger(name).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command not in ("run", "sync"):  # the bot configures its own logging (LOG_LEVEL)
        _configure_cli_logging(args.verbose)
    out, err = consoles()
    from index.errors import QuotebotError

    try:
        if args.command == "index":
            return cmd_index(args, out, err)
        if args.command == "ask":
            return cmd_ask(args, out, err)
        if args.command == "add":
            from bot import add_cli

            return add_cli.cmd_add(args, out, err, _settings(args), _load_or_explain)
        if args.command == "quotes":
            from bot import quotes_cli

            return quotes_cli.cmd_quotes(args, out, err)
        if args.command == "verify":
            from bot import verify_cli

            return verify_cli.cmd_verify(args, out, err)
        if args.command == "said":
            from bot import said_cli

            return said_cli.cmd_said(args, out, err)
        if args.command == "stats":
            return cmd_stats(args, out, err)
        if args.command == "report":
            from bot import report_cli

            return report_cli.cmd_report(args, _settings(args), out, err)
        if args.command in ("run", "sync"):
            return _bot_command(args)
    except QuotebotError as e:
        say(err, f"quotebot: {e}")
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        # Permission denied, a vanished mount…: the path and the reason are the whole story.
        where = f" {e.filename}" if e.filename else ""
        say(err, f"quotebot: cannot use{where}: {e.strerror or e}")
        log.debug("OS error", exc_info=True)
        return 1
    return 2


def _bot_command(args: argparse.Namespace) -> int:
    try:
        from bot import runner
    except ImportError:
        print("quotebot: the Discord bot is not available in this build.", file=sys.stderr)
        return 2
    settings = _settings(args)
    if args.verbose:
        settings.log_level = "DEBUG"
    if args.command == "run":
        return runner.run_bot(settings)
    import asyncio

    runner.configure_logging(settings.log_level)
    return asyncio.run(runner.sync_commands(settings))


if __name__ == "__main__":
    raise SystemExit(main())
