"""`python -m bot` = `quotebot run`: wiring only (settings, engine and bot are built by the CLI)."""

import sys

from bot.cli import main

raise SystemExit(main(["run", *sys.argv[1:]]))
