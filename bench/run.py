"""Speed and memory of Quotebot, side by side, in one run.

    python bench/run.py [--corpus NAME_OR_PATH ...] [--out results.json] [--quick]
                        [--limit-docs N] [--questions N] [--no-peer] [--list]

Corpora: `ap` (the repo's corpus/), `hrw` (../shared/corpora/hrw_2024), `ungdc`
(../shared/corpora/ungdc_2000_2024) or any folder. Each measurement (bench/speed/, one module
each, named in bench/speed/tasks.py) runs in its own process so peak memory figures do not mix.
Prints rich tables, then the JSON (also written to --out) as the last line of stdout. See
bench/README.md for what each figure means.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.speed.orchestrate import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(description=__doc__))
