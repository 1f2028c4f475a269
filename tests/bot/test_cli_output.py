"""CLI output: plain progress lines off a terminal; corpus text printed as text, never markup."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from bot.cli_output import LineProgress, rate_and_eta, say, stats_table


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
    # (the lines now also carry a rate and an ETA after the share: issue 16)
    shares = [re.search(r"\((\d+%)\)", ln).group(1) for ln in lines if ln.startswith("embedding chunks: ")]
    assert shares == [f"{p}%" for p in range(10, 101, 10)]
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


def test_line_progress_says_how_many_chunks_a_resumed_build_kept():
    c, buf = console()
    progress = LineProgress(c, every_share=0.1, every_seconds=10**9)
    progress("resuming chunks", 41_230, 83_133)
    progress("embedding", 41_230, 83_133)
    lines = buf.getvalue().splitlines()
    assert lines == ["resuming: 41,230 of 83,133 chunks already embedded", "embedding chunks… 41,903 to do"]


def test_embedding_lines_carry_a_rate_and_an_eta(monkeypatch):
    c, buf = console()
    clock = iter([0.0, 10.0])
    monkeypatch.setattr("bot.cli_output.time.monotonic", lambda: next(clock))
    progress = LineProgress(c, every_share=0.1, every_seconds=10**9)
    progress("embedding", 0, 1000)
    progress("embedding", 100, 1000)
    assert buf.getvalue().splitlines()[-1] == "embedding chunks: 100/1,000 (10%) · 10.0/s · ETA 1:30"


@pytest.mark.parametrize(("done", "total", "start", "seconds", "expected"), [
    (500, 1000, 0, 50.0, " · 10.0/s · ETA 0:50"),
    (500, 1000, 400, 10.0, " · 10.0/s · ETA 0:50"),  # a resumed build's rate counts only new work
    (0, 1000, 0, 5.0, ""),
])
def test_rate_and_eta(done, total, start, seconds, expected):
    assert rate_and_eta(done, total, start, seconds) == expected


def test_the_terminal_bar_prints_the_resume_line_and_survives_every_stage():
    from bot.cli_output import BarProgress

    buf = io.StringIO()
    c = Console(file=buf, force_terminal=True, width=120)
    with BarProgress(c) as bar:
        for call in [("loading", 0, 0), ("resuming chunks", 41_230, 83_133), ("embedding", 41_230, 83_133),
                     ("embedding", 83_133, 83_133), ("embedding sentences", 0, 10), ("writing", 1, 1)]:
            bar(*call)
    assert "resuming: 41,230 of 83,133 chunks already embedded" in buf.getvalue()


def test_a_closest_passage_from_wrapped_text_prints_on_one_line():
    from bot.cli_output import print_answer
    from index.types import Answer, DocMeta, Quote

    passage = Quote(text="the consequences of not \ntaking real action now", doc_id="d", start=0, end=44,
                    meta=DocMeta(title="A speech"), citation=1, kind="excerpt")
    c, buf = console()
    print_answer(c, Answer(question="q", abstained=True, answer="Nothing found.", quotes=[], sources=[],
                           closest=[passage]))
    assert "  “the consequences of not taking real action now” — A speech" in buf.getvalue().splitlines()
