"""`python -m bot` = `quotebot run`; `python -m bot CMD …` = `quotebot CMD …`. Wiring only."""

import sys

from bot.cli import main

raise SystemExit(main(sys.argv[1:] or ["run"]))
