"""A question's own date phrase → a date range, and the question without it."""

from __future__ import annotations

from datetime import date

import pytest

from index.dates import DateRange, document_day, parse_day, read_dates

TODAY = date(2025, 6, 15)
D = date


@pytest.mark.parametrize(
    ("question", "after", "before", "rest"),
    [
        ("What did OHCHR say in 2024?", D(2024, 1, 1), D(2024, 12, 31), "What did OHCHR say?"),
        ("What did HRW say during 2023 about Sudan?", D(2023, 1, 1), D(2023, 12, 31), "What did HRW say about Sudan?"),
        ("What did OHCHR say in March 2024?", D(2024, 3, 1), D(2024, 3, 31), "What did OHCHR say?"),
        ("What did OHCHR say in Feb. 2024?", D(2024, 2, 1), D(2024, 2, 29), "What did OHCHR say?"),
        ("What has HRW said since March 2024?", D(2024, 3, 1), None, "What has HRW said?"),
        ("What has HRW said since 2023?", D(2023, 1, 1), None, "What has HRW said?"),
        ("Who spoke after 2023?", D(2024, 1, 1), None, "Who spoke?"),
        ("What was said before June 2024?", None, D(2024, 5, 31), "What was said?"),
        ("What was said before 2024?", None, D(2023, 12, 31), "What was said?"),
        ("What did the UN say between 2022 and 2023?", D(2022, 1, 1), D(2023, 12, 31), "What did the UN say?"),
        ("What did the UN say between May 2022 and June 2023?", D(2022, 5, 1), D(2023, 6, 30), "What did the UN say?"),
        ("What did OHCHR say last year?", D(2024, 1, 1), D(2024, 12, 31), "What did OHCHR say?"),
        ("What did OHCHR say this year?", D(2025, 1, 1), TODAY, "What did OHCHR say?"),
        ("What did OHCHR say last month?", D(2025, 5, 1), D(2025, 5, 31), "What did OHCHR say?"),
        ("What happened in the last 30 days?", D(2025, 5, 16), TODAY, "What happened?"),
        ("What happened in the past week?", D(2025, 6, 8), TODAY, "What happened?"),
    ],
)
def test_date_phrases(question, after, before, rest):
    read = read_dates(question, TODAY)
    assert (read.dates.after, read.dates.before) == (after, before)
    assert read.question == rest
    assert read.dates.phrase and read.dates.phrase.casefold() in question.casefold()


@pytest.mark.parametrize(
    "question",
    [
        "What did OHCHR say?",
        "What did OHCHR say about the 2024 elections?",  # a year as a topic, not a time frame
        "What happened after the attack?",
        "What did they say in the report?",
        "How many people died in 1800?",  # not a year the rules read
    ],
)
def test_questions_without_a_date_phrase_are_unchanged(question):
    read = read_dates(question, TODAY)
    assert not read.dates and read.question == question


@pytest.mark.parametrize(
    ("dates", "said"),
    [
        (DateRange(D(2019, 1, 1), D(2019, 12, 31)), "from 2019"),
        (DateRange(D(2024, 3, 1), D(2024, 3, 31)), "from March 2024"),
        (DateRange(D(2024, 3, 1), None), "since 2024-03-01"),
        (DateRange(None, D(2024, 3, 1)), "up to 2024-03-01"),
        (DateRange(D(2024, 3, 5), D(2024, 4, 1)), "between 2024-03-05 and 2024-04-01"),
    ],
)
def test_ranges_in_words(dates, said):
    assert dates.describe() == said


@pytest.mark.parametrize(
    ("value", "end", "day"),
    [("2024-03-05", False, D(2024, 3, 5)), ("2024-03", False, D(2024, 3, 1)), ("2024-02", True, D(2024, 2, 29)),
     ("2024", False, D(2024, 1, 1)), ("2024", True, D(2024, 12, 31))],
)
def test_date_options(value, end, day):
    assert parse_day(value, end=end) == day


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01", "5/3/2024", ""])
def test_a_bad_date_option_says_what_to_type(value):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day(value)


@pytest.mark.parametrize(("stored", "day"), [("2024-11-19", D(2024, 11, 19)), ("", None), ("Spring 2024", None)])
def test_document_days(stored, day):
    assert document_day(stored) == day


def test_intersecting_ranges_keeps_both_bounds():
    both = DateRange(D(2024, 1, 1), None).intersect(DateRange(None, D(2024, 6, 30), "before July 2024"))
    assert (both.after, both.before, both.phrase) == (D(2024, 1, 1), D(2024, 6, 30), "before July 2024")
