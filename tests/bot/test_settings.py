"""bot.settings: the documented variables build the engine's config; unknown look-alikes are refused."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.settings import Settings
from index.config import DEFAULTS, EngineConfig

REPO = Path(__file__).resolve().parents[2]


def _config(**env: str) -> EngineConfig:
    return Settings(_env_file=None, **env).engine_config()


def test_no_variables_give_the_engine_defaults():
    assert _config() == DEFAULTS


def test_the_example_env_file_gives_the_engine_defaults():
    # .env.example leaves the tuning variables empty: empty means "the measured default".
    settings = Settings(_env_file=REPO / ".env.example")
    assert settings.engine_config() == replace(DEFAULTS, corpus_dir=Path("corpus"), index_dir=Path(".index"))
    assert settings.discord_token is None


@pytest.mark.parametrize(
    ("variable", "value", "read"),
    [
        ("CORPUS_DIR", "/data/c", lambda c: c.corpus_dir == Path("/data/c")),
        ("INDEX_DIR", "/data/i", lambda c: c.index_dir == Path("/data/i")),
        ("MODEL_NAME", "/models/m", lambda c: c.model == "/models/m"),
        ("BATCH_SIZE", "8", lambda c: c.batch_size == 8),
        ("MAX_FILE_MB", "2", lambda c: c.max_file_bytes == 2 * 1024 * 1024),
        ("BOILERPLATE_PATTERNS", "^a$\n^b$", lambda c: c.boilerplate_patterns == (*DEFAULTS.boilerplate_patterns, "^a$", "^b$")),
        ("APPROXIMATE_ABOVE", "10", lambda c: c.approximate_above == 10),
        ("CHUNK_MAX_CHARS", "400", lambda c: c.chunking.max_chars == 400),
        ("CHUNK_MIN_CHARS", "80", lambda c: c.chunking.min_chars == 80),
        ("DENSE_WEIGHT", "0.5", lambda c: c.retrieval.dense_weight == 0.5),
        ("LEXICAL_WEIGHT", "2", lambda c: c.retrieval.lexical_weight == 2.0),
        ("FUSION", "rrf", lambda c: c.retrieval.fusion == "rrf"),
        ("ABSTAIN_THRESHOLD", "0.3", lambda c: c.answer.abstain_threshold == 0.3),
        ("MAX_QUESTION_CHARS", "321", lambda c: c.answer.max_question_chars == 321),
    ],
)
def test_each_engine_variable_reaches_its_config_field(monkeypatch, variable, value, read):
    monkeypatch.setenv(variable, value)
    config = Settings(_env_file=None).engine_config()
    assert read(config)
    # ...and nothing else moved.
    assert sum(getattr(config, s) != getattr(DEFAULTS, s) for s in ("chunking", "retrieval", "answer")) <= 1


@pytest.mark.parametrize("variable", ["ABSTAIN_THRESHOLD", "FUSION", "RERANK_SENTENCES", "DEV_GUILD_ID"])
def test_an_empty_variable_means_the_default(monkeypatch, variable):
    monkeypatch.setenv(variable, "")
    assert _config() == DEFAULTS


def test_every_setting_is_documented_in_the_readme_table():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1] for line in readme.splitlines() if re.match(r"^\| `[A-Z_]+`", line)]
    documented = {name for row in rows for name in re.findall(r"`([A-Z][A-Z_]+)`", row)}
    assert documented == {name.upper() for name in Settings.model_fields}
