"""`quotebot said` as a subprocess: the JSON schema, the table, nobody quoted, the bundled article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.clirun import run_cli
from tests.conftest import REPO, write_corpus

QUINT = "We have raised these concerns with the ministry and we expect action"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("said-cli")
    write_corpus(home / "corpus")
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0, proc.stderr
    return home


def said_json(home: Path, *args: str) -> dict:
    proc = run_cli("said", *args, "--json", cwd=home)
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    return json.loads(line)


def test_json_lists_verbatim_quotes_with_speaker_and_source(home):
    data = said_json(home, "Mara Quint")
    assert set(data) == {"speaker", "about", "total", "message", "mentioned", "quotes", "sources"}
    texts = [q["text"] for q in data["quotes"]]
    assert QUINT in texts and data["total"] == len(texts)
    for q in data["quotes"]:
        assert q["speaker"] == "Mara Quint" and q["doc_id"] == "alpha"
        text = (home / "corpus" / "alpha.txt").read_text(encoding="utf-8")
        assert q["text"] in text  # verbatim (the stored text of a .txt is the file's)
    assert data["sources"][0]["doc_id"] == "alpha"


def test_an_organisation_lists_its_spokeswoman(home):
    assert QUINT in [q["text"] for q in said_json(home, "Eastland River Agency")["quotes"]]


def test_about_narrows(home):
    data = said_json(home, "Mara Quint", "--about", "orchestra")
    assert data["quotes"] == [] and data["message"] == "No statement from Mara Quint on orchestra in the corpus."


@pytest.mark.parametrize(
    "name, message",
    [("Nobody Atall", "No statements from Nobody Atall in the corpus."),
     ("Northern Symphony", "The corpus mentions Northern Symphony but quotes nothing from them.")],
)
def test_nobody_quoted_is_one_line(home, name, message):
    proc = run_cli("said", name, cwd=home)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == message


def test_table_shows_speaker_kind_and_words(home):
    proc = run_cli("said", "Ilse Varga", cwd=home)
    assert proc.returncode == 0, proc.stderr
    assert "Ilse Varga — " in proc.stdout and "“It breaks my heart”" in proc.stdout and "2024-03-02" in proc.stdout


def test_the_bundled_article_lists_jeremy_laurence(tmp_path):
    [article] = sorted((REPO / "corpus").glob("000_*.txt"))
    (tmp_path / "corpus").mkdir()
    shutil.copy(article, tmp_path / "corpus" / article.name)
    data = said_json(tmp_path, "Jeremy Laurence")
    texts = [q["text"] for q in data["quotes"]]
    assert "The issue remains a priority for the U.N. human rights office" in texts
    assert all(q["speaker"] == "Jeremy Laurence" for q in data["quotes"]) and len(texts) >= 4
    assert not any("unacceptable silence" in t for t in texts)  # the rights groups' words, not his
    stored = article.read_text(encoding="utf-8")
    assert all(t in stored for t in texts)
