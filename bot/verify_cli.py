"""`quotebot verify "TEXT" [--json]`: is a quote in the corpus word for word?

Prints the verdict — verbatim, not verbatim (with the closest real wording and the words that
differ) or not found — as plain text (`index.render.verification_text`), or with `--json` one
object on one line: `Verification.to_json()`, `{"claim", "verdict", "quote", "closest", "diff",
"similarity", "sources", "timings_ms"}`. The index is built or updated first, as for `ask`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from rich.console import Console

from bot.cli_output import say

log = logging.getLogger(__name__)


def add_parser(sub) -> None:
    sp = sub.add_parser("verify", help="check whether a quote is in the corpus word for word")
    sp.add_argument("--corpus", type=Path, help="corpus folder (default: CORPUS_DIR or ./corpus)")
    sp.add_argument("--index", type=Path, help="index folder (default: INDEX_DIR or ./.index)")
    sp.add_argument("text", help='the quote to check; "…" or "..." joins pieces of one passage')
    sp.add_argument("--json", action="store_true", help="print one JSON object")


def cmd_verify(args: argparse.Namespace, out: Console, err: Console) -> int:
    from bot.cli import ready_engine
    from index.render import verification_text

    engine = ready_engine(args, err)
    result = engine.verify(args.text)
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        return 0
    say(out, verification_text(result))
    return 0
