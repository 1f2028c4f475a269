"""`quotebot verify` as a subprocess: the JSON schema for each verdict, the plain text, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clirun import assert_clean_failure, run_cli
from tests.conftest import write_corpus

QUINT = "We have raised these concerns with the ministry and we expect action"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("verify-cli")
    write_corpus(home / "corpus")
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0, proc.stderr
    return home


def verify_json(home: Path, text: str) -> dict:
    proc = run_cli("verify", text, "--json", cwd=home)
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    return json.loads(line)


def test_verbatim_json(home):
    data = verify_json(home, f"“{QUINT.lower()}”")
    assert data["verdict"] == "verbatim" and data["closest"] is None and data["diff"] == []
    [quote] = data["quote"]
    assert (quote["text"], quote["speaker"], quote["kind"], quote["citation"]) == (QUINT, "Mara Quint", "direct", 1)
    assert data["sources"][0]["doc_id"] == quote["doc_id"] == "alpha"


def test_not_verbatim_json_has_the_closest_wording_and_the_diff(home):
    data = verify_json(home, QUINT.replace("ministry", "government"))
    assert data["verdict"] == "not verbatim" and data["quote"] == []
    assert data["closest"]["text"] == QUINT and data["closest"]["speaker"] == "Mara Quint"
    assert {"op": "changed", "claimed": "government", "corpus": "ministry"} in data["diff"]


def test_not_found_json(home):
    data = verify_json(home, "Quantum zebras dance on the moon every Thursday evening")
    assert data["verdict"] == "not found"
    assert (data["quote"], data["closest"], data["diff"]) == ([], None, [])


def test_plain_text_quotes_only_corpus_words(home):
    proc = run_cli("verify", QUINT.replace("ministry", "government"), cwd=home)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Not verbatim. The closest wording in the corpus:"
    assert lines[1].startswith(f"“{QUINT}” — Mara Quint")
    assert lines[2] == "Your text differs: government → ministry"


def test_a_too_short_claim_is_one_line(home):
    assert_clean_failure(run_cli("verify", "two words", cwd=home), 1, "at least 3 words")
