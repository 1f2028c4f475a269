"""bench/eval_mixed.py output: the per-kind table and the misses listing, from hand-made results."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from bench.answer_scoring import QuestionResult, summarize_by
from bench.eval_corpus import DEFAULT_DEST
from bench.eval_mixed import chosen_questions, folders, print_misses, split_table

QUESTIONS = [
    {"id": "m1", "question": "What did OHCHR say?", "kind": "said", "split": "tune",
     "answerable": True, "expected_spans": ["real risks"], "expected_speaker": "Jeremy Laurence",
     "note": None},
    {"id": "m2", "question": "Who won the World Cup?", "kind": "unanswerable", "split": "report",
     "answerable": False, "expected_spans": [], "expected_speaker": None, "note": "off-topic"},
]
RESULTS = [
    QuestionResult("m1", "said", "tune", True, declined=False, hit=True, speaker_ok=False, quotes=1,
                   verbatim=1, citations_ok=1,
                   returned=[{"doc_id": "ap", "speaker": "rights groups", "text": "real risks"}]),
    QuestionResult("m2", "unanswerable", "report", False, declined=False, quotes=1, verbatim=1,
                   citations_ok=1, returned=[{"doc_id": "hrw", "speaker": None, "text": "FIFA should"}]),
]


def render(renderable) -> str:
    console = Console(record=True, width=160)
    console.print(renderable)
    return console.export_text()


def test_table_has_a_row_per_kind_and_a_total():
    figures = summarize_by(RESULTS, ["all"])["all"]
    text = render(split_table("all", figures))
    assert "said" in text and "unanswerable" in text and "1/1 1.00" in text
    assert text.count("all") >= 2  # the title and the total row


def test_misses_show_the_question_the_expected_span_and_what_came_back():
    console = Console(record=True, width=160)
    print_misses(console, QUESTIONS, RESULTS)
    text = console.export_text()
    assert "WRONG SPEAKER m1" in text and "['real risks']" in text and "(rights groups)" in text
    assert "SHOULD DECLINE m2" in text and "FIFA should" in text


def test_split_selection_and_default_folders():
    assert [q["id"] for q in chosen_questions(QUESTIONS, "report")] == ["m2"]
    assert len(chosen_questions(QUESTIONS, "all")) == 2
    assert folders(None) == (DEFAULT_DEST, DEFAULT_DEST.parent / "index")
    assert folders(Path("/tmp/x/idx")) == (Path("/tmp/x/idx-corpus"), Path("/tmp/x/idx"))
