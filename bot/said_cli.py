"""`quotebot said NAME [--about TEXT] [--json]`: what one speaker said across the corpus.

The same lookup as `quotebot ask "What did NAME say?"` (`Engine.said`, index/speakers/): a
person alone, an organisation with its spokespeople, never a namesake; newest first. Prints a
rich table (date, speaker, kind, the verbatim words, the source), or with `--json` one object on
one line: `Said.to_json()`, `{"speaker", "about", "total", "message", "mentioned", "quotes",
"sources"}` with `quotes` as in `ask --json`. The index is built or updated first, as for `ask`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli_output import say
from index.types import Quote, Said

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    sp = sub.add_parser("said", help="what one speaker said across the corpus, newest first")
    sp.add_argument("--corpus", type=Path, help="corpus folder (default: CORPUS_DIR or ./corpus)")
    sp.add_argument("--index", type=Path, help="index folder (default: INDEX_DIR or ./.index)")
    sp.add_argument("name", help='a person or an organisation, e.g. "Jeremy Laurence" or OHCHR')
    sp.add_argument("--about", default=None, metavar="TEXT", help="only their statements on this")
    sp.add_argument("--json", action="store_true", help="print one JSON object")


def _words(q: Quote) -> str:
    # Only a speaker's own quoted words go inside quotation marks; the rest is the article's wording.
    return f"“{q.text}”" if q.kind == "direct" else q.text


def said_table(result: Said) -> Table:
    about = f" about {result.about}" if result.about else ""
    count = f"{result.total} statement{'s' if result.total != 1 else ''}"
    t = Table(title=Text(f"{result.speaker}{about} — {count}, newest first"))
    t.add_column("date", no_wrap=True)
    t.add_column("speaker", style="bold", overflow="fold")
    t.add_column("kind")
    t.add_column("words", overflow="fold")
    t.add_column("source", overflow="fold")
    for q in result.quotes:
        source = " — ".join(p for p in (q.title or q.doc_id, q.source) if p)
        t.add_row(Text(q.date or "—"), Text(q.speaker or ""), Text(q.kind), Text(_words(q)), Text(source))
    return t


def cmd_said(args: argparse.Namespace, out: Console, err: Console) -> int:
    from bot.cli import ready_engine

    engine = ready_engine(args, err)
    result = engine.said(args.name, about=args.about)
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        return 0
    if not result.quotes:
        say(out, result.message)
        return 0
    out.print(said_table(result))
    return 0
