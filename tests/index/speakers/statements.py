"""Statements and a glossary for the speaker tests (fictional names)."""

from __future__ import annotations

from index.attribution import Statement
from index.glossary import Entity, Glossary

GLOSSARY = Glossary([
    Entity(["ERA", "Eastland River Agency", "river agency"], ["Mara Quint", "Olek Brand"]),
])


def said(speaker, organisation=None, role=None, start=0, end=5, kind="direct") -> Statement:
    return Statement(start=start, end=end, sentence_start=start, sentence_end=end, speaker=speaker,
                     source_start=None, source_end=None, cue_start=None, cue_end=None,
                     kind=kind, role=role, organisation=organisation)
