"""Run the `quotebot` CLI as a user would: a subprocess, its own working folder, its own env."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

# Settings a developer's shell may carry: a test states every setting it relies on.
_SETTINGS = ("CORPUS_DIR", "INDEX_DIR", "DISCORD_TOKEN", "MODEL_NAME", "MAX_FILE_MB", "LOG_LEVEL",
             "MAX_CORPUS_SHRINK", "MAX_DOCUMENT_CHARS", "FUSION", "DEV_GUILD_ID")


def cli_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SETTINGS}
    env.update(HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO), COLUMNS="200")
    env.update(settings)
    return env


def run_cli(*args: str, cwd: Path, real_model: bool = False, env: dict[str, str] | None = None,
            timeout: float = 300, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`quotebot ARGS` in `cwd`; the fake embedder stands in for the model unless `real_model`."""
    entry = ["-m", "bot.cli"] if real_model else ["-m", "tests.cli_fake_model"]
    return subprocess.run(
        [*prefix, sys.executable, *entry, *args], cwd=cwd, env=env or cli_env(),
        capture_output=True, text=True, timeout=timeout,
    )


def assert_clean_failure(proc: subprocess.CompletedProcess, code: int, *words: str) -> str:
    """Failed with `code`, one line on stderr naming `words`, no traceback; returns that line."""
    err = proc.stderr.strip()
    assert proc.returncode == code, (proc.returncode, proc.stdout[-2000:], err[-3000:])
    assert "Traceback" not in proc.stderr + proc.stdout, err[-3000:]
    assert len(err.splitlines()) == 1, err
    for w in words:
        assert w in err, (w, err)
    return err


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]
