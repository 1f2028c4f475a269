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
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from index import build_stages
from index.build_stages import EMBEDDING_STAGES, RESUMING

log = logging.getLogger(__name__)

STAGE_LABELS = {
    build_stages.LOADING: "loading corpus", build_stages.CHUNKING: "chunking documents",
    build_stages.EMBEDDING: "embedding chunks", build_stages.ATTRIBUTING: "finding statements",
    build_stages.INDEXING: "building search indexes", build_stages.WRITING: "writing index",
}
# Stages whose (done, total) count texts through the model get a rate and an ETA.
COUNTED = EMBEDDING_STAGES


def resuming_line(stage: str, done: int, total: int) -> str:
    """'resuming: 41,230 of 83,133 chunks already embedded' (the vector cache had them)."""
    return f"resuming: {done:,} of {total:,} {stage[len(RESUMING):]} already embedded"


def rate_and_eta(done: int, total: int, start_done: int, seconds: float) -> str:
    rate = (done - start_done) / seconds if seconds > 0 else 0.0
    if rate <= 0:
        return ""
    eta = int((total - done) / rate + 0.5)
    return f" · {rate:,.1f}/s · ETA {eta // 60}:{eta % 60:02d}"


class RateColumn(ProgressColumn):
    """Texts per second (rich's own speed columns count bytes)."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:,.1f}/s" if task.speed else "", style="progress.data.speed")


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
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
            TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=True,
        )
        self.task = None
        self._label = ""

    def __enter__(self) -> BarProgress:
        self.bar.__enter__()
        self.task = self.bar.add_task("loading corpus", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage.startswith(RESUMING):
            self.bar.console.print(Text(resuming_line(stage, done, total)), highlight=False)
            return
        label = STAGE_LABELS.get(stage, stage)
        if label != self._label:  # a new stage: its rate starts from its own first count
            self._label = label
            self.bar.reset(self.task, description=label, completed=done, total=total or None)
            return
        self.bar.update(self.task, description=label, completed=done, total=total or None)


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
    _started: float = 0.0
    _start_done: int = 0

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage.startswith(RESUMING):
            say(self.console, resuming_line(stage, done, total))
            return
        label = STAGE_LABELS.get(stage, stage)
        if stage != self._stage:
            self._stage, self._steps, self._last_line = stage, int(done / total / self.every_share) if total else 0, now
            self._started, self._start_done = now, done
            if stage not in COUNTED or total:
                say(self.console, f"{label}…" + (f" {total - done:,} to do" if total and stage in COUNTED else ""))
            return
        if stage not in COUNTED or not total:
            return
        share = done / total
        steps = int(share / self.every_share + 1e-9)
        if steps > self._steps or now - self._last_line >= self.every_seconds:
            self._steps, self._last_line = steps, now
            speed = rate_and_eta(done, total, self._start_done, now - self._started)
            say(self.console, f"{label}: {done:,}/{total:,} ({share:.0%}){speed}")


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
    from index.render import flowing, scope_note

    note = scope_note(answer)
    if note:
        say(out, note, "dim")
    say(out, answer.answer)
    if answer.abstained and answer.closest:
        say(out, "\nClosest passages (not an answer):", "dim")
        for q in answer.closest:
            say(out, f"  “{flowing(q.text)}” — {q.title}", "dim")
