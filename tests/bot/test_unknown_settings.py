"""bot.unknown_settings: a variable that looks like a setting but is not one is refused with one
line naming it and, when there is one, the setting it was probably meant to be."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.unknown_settings import UnknownSetting, edit_distance
from index.config import DEFAULTS

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("a", "b", "distance"), [("DISCORD_TOKN", "DISCORD_TOKEN", 1), ("FUSION", "FUSION", 0),
                                                  ("ABSTAIN_TRESHOLD", "ABSTAIN_THRESHOLD", 1), ("AB", "BA", 2)])
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize(
    ("env_file", "line"),
    [
        ("DISCORD_TOKN=abc", "unknown setting DISCORD_TOKN — did you mean DISCORD_TOKEN?"),
        ("MODERATOR_ROLE_ID=1", "unknown setting MODERATOR_ROLE_ID — did you mean MODERATOR_ROLE_IDS?"),
        ("ABSTAIN_TRESHOLD=0.3", "unknown setting ABSTAIN_TRESHOLD — did you mean ABSTAIN_THRESHOLD?"),
        ("QUOTEBOT_FUSION=rrf", "unknown setting QUOTEBOT_FUSION — did you mean FUSION?"),
        ("CHUNK_OVERLAP=50", "unknown setting CHUNK_OVERLAP — did you mean CHUNK_MAX_CHARS?"),
        ("QUOTEBOT_SHINY=1", "unknown setting QUOTEBOT_SHINY (see .env.example)"),
        ("LOGLEVEL=DEBUG", "unknown setting LOGLEVEL — did you mean LOG_LEVEL?"),
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


@pytest.mark.parametrize("variable", ["MAX_JOBS", "INDEX_URL", "MODEL_CACHE", "LOGNAME", "DEV_MODE", "LOGLEVEL"])
def test_the_environment_is_shared_so_known_prefixes_alone_are_not_ours(monkeypatch, variable):
    # Only a `.env` is Quotebot's own: in the environment, MAX_… or DEV_… may belong to anyone.
    monkeypatch.setenv(variable, "x")
    assert Settings(_env_file=None).engine_config() == DEFAULTS


def test_cli_reports_a_misspelt_token_in_env_file_as_one_line(tmp_path):
    (tmp_path / ".env").write_text("DISCORD_TOKN=tok-SECRET-123\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert proc.stderr == "quotebot: unknown setting DISCORD_TOKN — did you mean DISCORD_TOKEN?\n"
    assert "tok-SECRET-123" not in proc.stdout + proc.stderr
