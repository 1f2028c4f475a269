"""`quotebot add URL [--collection NAME]`: the same fetch, checks and file as `/add`, then an
incremental reindex (the build lock makes a concurrent `/reindex` or `/add` wait its turn)."""

from __future__ import annotations

import argparse
import asyncio
import logging

from rich.console import Console

from bot.adding import added_lines, fetch_and_save
from bot.cli_output import build_progress, say

log = logging.getLogger(__name__)


def cmd_add(args: argparse.Namespace, out: Console, err: Console, settings, load_or_explain) -> int:
    from index.engine import Engine
    from index.fetch import check_url

    check_url(args.url, tuple(settings.add_allow_hosts))  # a refused link needs no index
    engine = Engine(settings.engine_config())
    load_or_explain(engine, settings, err)
    saved = asyncio.run(fetch_and_save(engine, args.url, args.collection, settings))
    with build_progress(err) as progress:
        engine.reindex(progress=progress, started_by="cli add")
    for line in added_lines(saved, engine.document_report(saved.rel)):
        say(out, line)
    return 0
