"""`quotebot ask --collection --source --after --before` and `quotebot add URL` as a user runs them."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import pytest

from tests.clirun import assert_clean_failure, cli_env, run_cli
from tests.index.test_filters import CORPUS
from tests.pages import PageServer

QUESTION = "What did they say about the flood in the valley?"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    for rel, text in CORPUS.items():
        path = tmp_path / "corpus" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def ask_json(home: Path, *args: str) -> dict:
    proc = run_cli("ask", QUESTION, "--json", *args, cwd=home)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_no_filter_gives_null_filters(home):
    assert ask_json(home)["filters"] is None


@pytest.mark.parametrize(
    ("args", "allowed", "shown"),
    [
        (("--collection", "hrw"), {"flood"}, {"collections": ["hrw"]}),
        (("--collection", "un", "--collection", "default"), {"flood-2024", "flood-2023", "press"},
         {"collections": ["un", "default"]}),
        (("--source", "un.org"), {"flood-2024", "flood-2023"}, {"sources": ["un.org"]}),
        (("--after", "2024-05"), {"flood"}, {"after": "2024-05-01"}),
        (("--before", "2023"), {"flood-2023"}, {"before": "2023-12-31"}),
    ],
)
def test_filters_restrict_the_answer_and_are_in_the_json(home, args, allowed, shown):
    out = ask_json(home, *args)
    cited = {s["doc_id"] for s in out["sources"]} | {q["doc_id"] for q in out["closest"]}
    assert cited <= allowed
    assert out["filters"] == {**{"collections": [], "sources": [], "after": None, "before": None,
                                 "from_question": None}, **shown}
    assert set(out) >= {"question", "abstained", "answer", "quotes", "sources", "closest", "timings_ms"}


def test_a_filter_matching_nothing_says_so(home):
    out = ask_json(home, "--collection", "un", "--after", "2019", "--before", "2019")
    assert out["abstained"] and out["answer"] == "No documents from 2019 in un."


def test_a_bad_date_is_an_argument_error(home):
    proc = run_cli("ask", QUESTION, "--after", "last tuesday", cwd=home)
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr and "Traceback" not in proc.stderr


def test_an_unknown_collection_is_one_line(home):
    assert run_cli("index", cwd=home).returncode == 0
    proc = run_cli("ask", QUESTION, "--collection", "unn", cwd=home)
    assert_clean_failure(proc, 1, "No collection named “unn”", "default, hrw, un")


@pytest.fixture
def pages():
    """The fixture web server in a thread of its own, for a CLI running in a subprocess."""
    loop = asyncio.new_event_loop()
    server = PageServer()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield server
    asyncio.run_coroutine_threadsafe(server.close(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_add_saves_the_article_in_its_collection_and_indexes_it(home, pages):
    env = cli_env(ADD_ALLOW_HOSTS="127.0.0.1")
    proc = run_cli("add", pages.url("/article"), "--collection", "press", cwd=home, env=env)
    assert proc.returncode == 0, proc.stderr
    saved = home / "corpus" / "press" / "valley-rights-office-alarmed-by-flood-evictions.md"
    assert saved.read_text(encoding="utf-8").startswith(f'---\nurl: "{pages.url("/article")}"\n')
    assert "Added: Valley rights office alarmed by flood evictions — Example Ledger, 2024-03-05" in proc.stdout
    assert "collection press" in proc.stdout and "Mara Quint" in proc.stdout
    out = json.loads(run_cli("ask", "What did Mara Quint say about evictions?", "--json", "--collection",
                             "press", cwd=home, env=env).stdout)
    assert {s["doc_id"] for s in out["sources"]} == {"valley-rights-office-alarmed-by-flood-evictions"}

    again = run_cli("add", pages.url("/article"), cwd=home, env=env)
    assert_clean_failure(again, 1, "Already in the corpus", "press/valley-rights-office-alarmed-by-flood-evictions.md")


def test_add_refuses_a_private_address_without_the_setting(home, pages):
    proc = run_cli("add", pages.url("/article"), cwd=home)
    assert_clean_failure(proc, 1, "127.0.0.1 is a private or local address")
    assert not list((home / "corpus").rglob("valley-*"))
