"""Domain errors: each carries a message fit to show a user as is."""

from __future__ import annotations


class QuotebotError(Exception):
    """Base for errors whose message is safe and useful to show to a user."""


class BadQuestion(QuotebotError, ValueError):
    """Empty, too long or otherwise unusable question."""


class ReindexRunning(QuotebotError):
    def __init__(self, started_by: str = "", started_at: str = "") -> None:
        self.started_by = started_by
        self.started_at = started_at
        who = f", started by {started_by}" if started_by else ""
        when = f" at {started_at}" if started_at else ""
        super().__init__(f"A reindex is already running{who}{when}.")


class IndexMismatch(QuotebotError):
    """The index on disk was built with another model/dimension/format: reindex."""


class IndexCorrupt(QuotebotError):
    """Files of the index on disk are missing or inconsistent."""


class EmptyCorpus(QuotebotError):
    """There is nothing to index."""
