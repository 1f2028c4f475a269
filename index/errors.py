"""Domain errors: each carries a message fit to show a user as is."""

from __future__ import annotations


class QuotebotError(Exception):
    """Base for errors whose message is safe and useful to show to a user."""

    exit_code = 1  # what the CLI exits with; 2 = fix a setting or an argument


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


class BadLocation(QuotebotError):
    """CORPUS_DIR or INDEX_DIR names something unusable: a settings problem (CLI exit 2)."""

    exit_code = 2


class CorpusShrank(QuotebotError):
    """A build would have dropped most (or all) of the indexed documents: refused, not swapped in.

    An unmounted volume or a typo in CORPUS_DIR looks exactly like a corpus deleted on purpose;
    only the person reindexing can tell them apart (`--force`).
    """

    def __init__(self, before: int, after: int, corpus_dir: object, limit: float) -> None:
        self.before, self.after = before, after
        what = "no documents" if after == 0 else f"{after:,} documents"
        super().__init__(
            f"Refusing to replace an index of {before:,} documents with {what} from {corpus_dir} "
            f"(more than {limit:.0%} would disappear); the current index keeps serving. Check "
            "CORPUS_DIR / --corpus, or run `quotebot index --force` if the documents were removed on purpose."
        )
