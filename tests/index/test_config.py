"""index.config: one frozen config of sections; variants are derived, never mutated."""

from __future__ import annotations

import dataclasses

import pytest

from index.config import DEFAULTS, AnswerConfig, ChunkingConfig, EngineConfig, RetrievalConfig


@pytest.mark.parametrize("config", [DEFAULTS, DEFAULTS.chunking, DEFAULTS.retrieval, DEFAULTS.answer])
def test_every_section_is_frozen(config):
    name = dataclasses.fields(config)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(config, name, getattr(config, name))


def test_a_variant_changes_only_its_section():
    variant = dataclasses.replace(DEFAULTS, retrieval=dataclasses.replace(DEFAULTS.retrieval, fusion="rrf"))
    assert variant.retrieval.fusion == "rrf" and DEFAULTS.retrieval.fusion == "zscore"
    assert (variant.chunking, variant.answer) == (DEFAULTS.chunking, DEFAULTS.answer)


def test_sections_default_independently():
    assert EngineConfig(chunking=ChunkingConfig(max_chars=400)).chunking == ChunkingConfig(400, DEFAULTS.chunking.min_chars)
    assert EngineConfig().retrieval == RetrievalConfig() and EngineConfig().answer == AnswerConfig()
