"""The typed result of attribution: who said which words, and where the text says so."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("direct", "reported", "mixed", "publisher")


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement. Every offset indexes the analysed text verbatim."""

    start: int  # the content, quote marks excluded: text[start:end]
    end: int
    sentence_start: int  # the sentence(s) holding the content and its attribution
    sentence_end: int
    speaker: str | None  # canonical name in this document; None = unattributed
    source_start: int | None  # the mention this statement's attribution uses ("he", "Laurence")
    source_end: int | None
    cue_start: int | None  # "said", "according to", "insisted"
    cue_end: int | None
    kind: str  # one of KINDS
    role: str | None = None  # "spokesman", "High Commissioner for Human Rights"
    organisation: str | None = None  # who the speaker speaks for

    def to_json(self) -> dict:
        # (not dataclasses.asdict: its deep copy was a fifth of writing a large index's statements)
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_json(cls, data: dict) -> Statement:
        return cls(**{k: data.get(k) for k in cls.__slots__})
