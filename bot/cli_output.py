"""What the `quotebot` CLI prints: progress, tables, notices.

Corpus text, file names and paths reach the console only as `rich.text.Text`, never as a
markup string: a passage holding `[/dim]` or `[citation needed]` must print as written, not
raise MarkupError or vanish.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

log = logging.getLogger(__name__)

STAGE_LABELS = {"loading": "loading corpus", "embedding": "embedding chunks", "writing": "writing index"}


def consoles() -> tuple[Console, Console]:
    # soft_wrap: a message piped to a file or a log must stay one line, not wrap at 80 columns.
    return Console(soft_wrap=True), Console(stderr=True, soft_wrap=True)


def say(console: Console, text: str, style: str = "") -> None:
    """Print plain text (never parsed as markup or highlighted)."""
    console.print(Text(text, style=style), highlight=False)


class BarProgress:
    """Rich progress bar on a terminal, fed from the builder's (stage, done, total) callbacks."""

    def __init__(self, console: Console) -> None:
        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=True,
        )
        self.task = None

    def __enter__(self) -> BarProgress:
        self.bar.__enter__()
        self.task = self.bar.add_task("loading corpus", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.bar.update(self.task, description=STAGE_LABELS.get(stage, stage), completed=done, total=total or None)


@dataclass
class LineProgress:
    """Plain lines for a log or a pipe (no terminal, so no bar): one line when a stage starts,
    then one each time another `every_share` of the work is done or `every_seconds` pass."""

    console: Console
    every_share: float = 0.10
    every_seconds: float = 30.0
    _stage: str = ""
    _steps: int = 0  # how many `every_share` steps have been printed in this stage
    _last_line: float = 0.0

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        label = STAGE_LABELS.get(stage, stage)
        if stage != self._stage:
            self._stage, self._steps, self._last_line = stage, 0, now
            if stage != "embedding" or total:
                say(self.console, f"{label}…" + (f" {total:,} to do" if total and stage == "embedding" else ""))
            return
        if stage != "embedding" or not total:
            return
        share = done / total
        steps = int(share / self.every_share + 1e-9)
        if steps > self._steps or now - self._last_line >= self.every_seconds:
            self._steps, self._last_line = steps, now
            say(self.console, f"{label}: {done:,}/{total:,} ({share:.0%})")


def build_progress(console: Console) -> BarProgress | LineProgress:
    return BarProgress(console) if console.is_terminal else LineProgress(console)


def summary_table(summary) -> Table:
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
        t.add_row("", Text(f"{s.path}: {s.reason}"))  # a file may be called "[red]x.txt"
    if len(summary.skipped) > 20:
        t.add_row("", f"… and {len(summary.skipped) - 20} more")
    t.add_row("seconds", f"{summary.seconds:.1f}")
    return t


def stats_table(stats: dict) -> Table:
    t = Table(title="Quotebot index", show_header=False)
    for k, v in stats.items():
        t.add_row(k, Text(f"{v:,}" if isinstance(v, int) else str(v)))
    return t


def print_answer(out: Console, answer) -> None:
    from index.render import scope_note

    note = scope_note(answer)
    if note:
        say(out, note, "dim")
    say(out, answer.answer)
    if answer.abstained and answer.closest:
        say(out, "\nClosest passages (not an answer):", "dim")
        for q in answer.closest:
            say(out, f"  “{q.text}” — {q.title}", "dim")
