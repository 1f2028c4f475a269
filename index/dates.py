"""Dates in a question ("in 2024", "since March 2024", "last year") → a date range to filter by.

The rules are a small table of patterns, each turning its match into an inclusive
[first, last] day range relative to `today`. The matched words are removed from the question
handed to retrieval: "in 2024" is *when* to look, not *what* to look for.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

log = logging.getLogger(__name__)

MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class DateRange:
    """Inclusive bounds; None is open. `phrase` is the question's own words, when it came from one."""

    after: date | None = None
    before: date | None = None
    phrase: str = ""

    @property
    def empty(self) -> bool:
        return self.after is not None and self.before is not None and self.after > self.before

    def __bool__(self) -> bool:
        return self.after is not None or self.before is not None

    def intersect(self, other: DateRange) -> DateRange:
        after = max((d for d in (self.after, other.after) if d), default=None)
        before = min((d for d in (self.before, other.before) if d), default=None)
        return DateRange(after, before, self.phrase or other.phrase)

    def describe(self) -> str:
        """"from 2024", "from March 2024", "since 2024-03-01", "before …", "between … and …"."""
        a, b = self.after, self.before
        if a and b:
            if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
                return f"from {a.year}"
            if a.day == 1 and (a.year, a.month) == (b.year, b.month) and b == _month_end(a.year, a.month):
                return f"from {calendar.month_name[a.month]} {a.year}"
            return f"between {a.isoformat()} and {b.isoformat()}"
        if a:
            return f"since {a.isoformat()}"
        if b:
            return f"up to {b.isoformat()}"
        return ""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(m: re.Match) -> tuple[date, date]:
    y = int(m["year"])
    return date(y, 1, 1), date(y, 12, 31)


def _month(m: re.Match) -> tuple[date, date]:
    y, mo = int(m["year"]), MONTHS[m["month"].casefold()]
    return date(y, mo, 1), _month_end(y, mo)


def _start(m: re.Match) -> date:
    return _month(m)[0] if m.groupdict().get("month") else _year(m)[0]


def _end(m: re.Match) -> date:
    return _month(m)[1] if m.groupdict().get("month") else _year(m)[1]


Rule = Callable[[re.Match, date], tuple[date | None, date | None]]
_WHEN = rf"(?:{_MONTH}\s+)?{_YEAR}"

# (pattern, range); first match wins, so the longer phrasings come first.
RULES: tuple[tuple[re.Pattern[str], Rule], ...] = tuple(
    (re.compile(p, re.IGNORECASE), rule) for p, rule in (
        (rf"\bbetween\s+(?P<a>{_WHEN.replace('?P<month>', '?P<month_a>').replace('?P<year>', '?P<year_a>')})"
         rf"\s+and\s+{_WHEN}\b",
         lambda m, t: (_start_of(m["a"]), _end(m))),
        (rf"\b(?:since|from)\s+{_WHEN}\b(?!\s+(?:to|until|and)\b)", lambda m, t: (_start(m), None)),
        (rf"\bafter\s+{_WHEN}\b", lambda m, t: (_end(m) + timedelta(days=1), None)),
        (rf"\b(?:before|until|prior to)\s+{_WHEN}\b", lambda m, t: (None, _start(m) - timedelta(days=1))),
        (rf"\b(?:in|during|of)\s+{_MONTH}\s+{_YEAR}\b", lambda m, t: _month(m)),
        (rf"\b(?:in|during)\s+{_YEAR}\b", lambda m, t: _year(m)),
        (r"\blast\s+year\b", lambda m, t: (date(t.year - 1, 1, 1), date(t.year - 1, 12, 31))),
        (r"\bthis\s+year\b", lambda m, t: (date(t.year, 1, 1), t)),
        (r"\blast\s+month\b", lambda m, t: _previous_month(t)),
        (r"\bthis\s+month\b", lambda m, t: (t.replace(day=1), t)),
        (r"\b(?:in\s+)?the\s+(?:last|past)\s+(?P<n>\d{1,3})\s+(?P<unit>day|week|month|year)s?\b",
         lambda m, t: (t - timedelta(days=int(m["n"]) * _UNIT_DAYS[m["unit"].casefold()]), t)),
        (r"\b(?:in\s+)?the\s+(?:last|past)\s+(?P<unit>week|month|year)\b",
         lambda m, t: (t - timedelta(days=_UNIT_DAYS[m["unit"].casefold()]), t)),
    )
)


def _start_of(text: str) -> date:
    m = re.fullmatch(_WHEN, text.strip(), re.IGNORECASE)
    assert m is not None  # the caller's pattern matched exactly this
    return _start(m)


def _previous_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


@dataclass(frozen=True, slots=True)
class DatedQuestion:
    question: str  # without the date phrase
    dates: DateRange


def read_dates(question: str, today: date | None = None) -> DatedQuestion:
    """The question's own date phrase as a range, and the question without it."""
    today = today or date.today()
    for pattern, rule in RULES:
        m = pattern.search(question)
        if m is None:
            continue
        try:
            after, before = rule(m, today)
        except ValueError:  # "February 2023" and the like are fine; this is a guard for the odd case
            continue
        rest = (question[: m.start()] + question[m.end():])
        rest = re.sub(r"\s+([?.!,;:])", r"\1", re.sub(r"\s{2,}", " ", rest)).strip()
        phrase = " ".join(m.group(0).split())
        log.debug("date phrase %r → %s..%s", phrase, after, before)
        return DatedQuestion(rest or question, DateRange(after, before, phrase))
    return DatedQuestion(question, DateRange())


def parse_day(value: str, *, end: bool = False) -> date:
    """A date option: "2024-03-05", "2024-03" or "2024" (the first day, or with `end` the last).

    Raises ValueError with a message fit to show."""
    v = value.strip()
    try:
        if re.fullmatch(r"\d{4}", v):
            return date(int(v), 12, 31) if end else date(int(v), 1, 1)
        if re.fullmatch(r"\d{4}-\d{1,2}", v):
            y, mo = (int(x) for x in v.split("-"))
            return _month_end(y, mo) if end else date(y, mo, 1)
        return date.fromisoformat(v)
    except ValueError:
        raise ValueError(f"“{value[:40]}” is not a date: use YYYY-MM-DD, YYYY-MM or YYYY.") from None


def document_day(value: str) -> date | None:
    """A stored document date ("2024-11-19", or whatever the source said) as a day, else None."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
