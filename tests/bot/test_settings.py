"""bot.settings: the documented variables build the engine's config; unknown look-alikes are refused."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.unknown_settings import UnknownSetting
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
        ("RERANK_SENTENCES", "6", lambda c: c.answer.rerank_sentences == 6),
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


@pytest.mark.parametrize(
    ("env_file", "line"),
    [
        ("DISCORD_TOKN=abc", "unknown setting DISCORD_TOKN — did you mean DISCORD_TOKEN?"),
        ("MODERATOR_ROLE_ID=1", "unknown setting MODERATOR_ROLE_ID — did you mean MODERATOR_ROLE_IDS?"),
        ("ABSTAIN_TRESHOLD=0.3", "unknown setting ABSTAIN_TRESHOLD — did you mean ABSTAIN_THRESHOLD?"),
        ("QUOTEBOT_FUSION=rrf", "unknown setting QUOTEBOT_FUSION — did you mean FUSION?"),
        ("CHUNK_OVERLAP=50", "unknown setting CHUNK_OVERLAP — did you mean CHUNK_MAX_CHARS?"),
        ("QUOTEBOT_SHINY=1", "unknown setting QUOTEBOT_SHINY (see .env.example)"),
    ],
)
def test_an_unknown_look_alike_in_env_file_is_one_line(tmp_path, env_file, line):
    (tmp_path / ".env").write_text(env_file + "\n", encoding="utf-8")
    with pytest.raises(UnknownSetting) as caught:
        Settings(_env_file=tmp_path / ".env")
    assert str(caught.value) == line


@pytest.mark.parametrize("variable", ["COMPOSE_PROJECT_NAME", "HF_HUB_OFFLINE", "TZ"])
def test_other_programs_variables_in_env_file_are_left_alone(tmp_path, variable):
    (tmp_path / ".env").write_text(f"{variable}=x\nDISCORD_TOKEN=abc\n", encoding="utf-8")
    assert Settings(_env_file=tmp_path / ".env").discord_token.get_secret_value() == "abc"


def test_a_misspelt_setting_in_the_environment_is_refused(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKN", "abc")
    with pytest.raises(UnknownSetting, match="DISCORD_TOKN — did you mean DISCORD_TOKEN"):
        Settings(_env_file=None)


@pytest.mark.parametrize("variable", ["MAX_JOBS", "INDEX_URL", "MODEL_CACHE", "LOGNAME", "DEV_MODE"])
def test_the_environment_is_shared_so_known_prefixes_alone_are_not_ours(monkeypatch, variable):
    # Only a `.env` is Quotebot's own: in the environment, MAX_… or DEV_… may belong to anyone.
    monkeypatch.setenv(variable, "x")
    assert _config() == DEFAULTS


def test_cli_reports_a_misspelt_token_in_env_file_as_one_line(tmp_path):
    (tmp_path / ".env").write_text("DISCORD_TOKN=tok-SECRET-123\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert proc.stderr == "quotebot: unknown setting DISCORD_TOKN — did you mean DISCORD_TOKEN?\n"
    assert "tok-SECRET-123" not in proc.stdout + proc.stderr
