"""Who the attribution credits with a quoted text, for the attribution tests."""

from __future__ import annotations

from index.attribution import attribute


def speakers_of(text: str, quoted: str) -> list[str | None]:
    """The speakers of every statement whose text is `quoted` (none when it was dropped)."""
    return [s.speaker for s in attribute(text) if text[s.start : s.end] == quoted]


def speaker_of(text: str, quoted: str) -> str | None:
    found = speakers_of(text, quoted)
    assert found, f"{quoted!r} not found as a statement of {text!r}"
    return found[0]
