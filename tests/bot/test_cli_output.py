"""CLI output: plain progress lines off a terminal; corpus text printed as text, never markup."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from bot.cli_output import LineProgress, say, stats_table


def console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, soft_wrap=True, force_terminal=False), buf


def test_line_progress_prints_one_line_per_tenth_of_the_embedding():
    c, buf = console()
    progress = LineProgress(c, every_share=0.1, every_seconds=10**9)
    progress("loading", 0, 0)
    progress("embedding", 0, 1000)
    for done in range(0, 1001, 25):
        progress("embedding", done, 1000)
    progress("writing", 0, 1)
    lines = buf.getvalue().splitlines()
    assert lines[0] == "loading corpus…" and lines[1] == "embedding chunks… 1,000 to do"
    shares = [ln.rsplit("(", 1)[1] for ln in lines if ln.startswith("embedding chunks: ")]
    assert shares == [f"{p}%)" for p in range(10, 101, 10)]
    assert lines[-1] == "writing index…"


@pytest.mark.parametrize("text", ["[/dim]", "[citation needed]", "[bold red]x[/]", "[link=file:///etc]y[/link]"])
def test_say_prints_markup_like_text_as_written(text):
    c, buf = console()
    say(c, f"“{text}” — a title", "dim")
    assert buf.getvalue() == f"“{text}” — a title\n"


def test_stats_values_are_not_markup():
    c, buf = console()
    c.print(stats_table({"index_dir": "/srv/[red]index", "documents": 3}))
    assert "/srv/[red]index" in buf.getvalue()
