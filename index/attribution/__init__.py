"""Temporary adapter over index.quotes (replaced by the attribution package on merge)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from index.quotes import find_statements, sentence_spans

__all__ = ["Statement", "attribute", "sentence_spans"]


@dataclass(frozen=True, slots=True)
class Statement:
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    speaker: str | None
    source_start: int | None = None
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    kind: str = "direct"
    role: str | None = None
    organisation: str | None = None

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> Statement:
        return cls(**d)


def attribute(text: str, *, publisher: str | None = None) -> list[Statement]:
    return [
        Statement(s.start, s.end, s.sentence_start, s.sentence_end, s.speaker, kind=s.kind,
                  role=s.speaker_role, organisation=s.affiliation)
        for s in find_statements(text)
    ]
