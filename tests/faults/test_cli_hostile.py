"""Property-style: every CLI command against generated hostile inputs and environments.

Each case draws (seeded, so a failure replays) a command, a corpus, an index state, settings and a
question from the tables below, runs `quotebot` in-process in its own folder and checks the three
promises of the README: no traceback, a clear message when it fails, nothing lost (the corpus and
`.env` byte for byte; a failed command leaves the current index in place and loadable).
"""

from __future__ import annotations

import json
import logging
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from index import store
from index.builder import BuildLock
from tests.conftest import ARTICLES, write_corpus
from tests.fakes import FakeEmbedder

SETTINGS = ("CORPUS_DIR", "INDEX_DIR", "DISCORD_TOKEN", "MODEL_NAME", "MAX_FILE_MB", "LOG_LEVEL",
            "FUSION", "BATCH_SIZE", "CHUNK_MAX_CHARS", "MAX_CORPUS_SHRINK", "MAX_DOCUMENT_CHARS",
            "DEV_GUILD_ID", "ABSTAIN_THRESHOLD")

ODD_NAMES = ["[red]x[dim].txt", "-rf.txt", "--help.md", "a b\tc.txt", "ünïcødé 文件.md", "line\nbreak.txt",
             "\u202etxt.exe.txt", "%s%n{0}.txt", "semi;colon&$(id).txt", "x" * 200 + ".txt", " lead.txt"]
MARKUP = ("Harbour notes\n\nThe harbour master [/dim] logged the tide [citation needed], the "
          "[bold red]ferry[/] crew saw [link=file:///etc/passwd]fog[/link] and \x1b[31mred\x1b[0m lights.")


# --- corpus variants: (home) -> None; the corpus is home/corpus -----------------------------------
def c_good(home: Path) -> None:
    write_corpus(home / "corpus")


def c_odd_names(home: Path) -> None:
    c_good(home)
    for i, name in enumerate(ODD_NAMES):
        (home / "corpus" / name).write_text(f"Odd file {i}\n\n{ARTICLES['gamma.txt']} Number {i}.", encoding="utf-8")


def c_markup(home: Path) -> None:
    c_good(home)
    (home / "corpus" / "harbour.txt").write_text(MARKUP, encoding="utf-8")


def c_garbage(home: Path) -> None:
    c_good(home)
    corpus = home / "corpus"
    (corpus / "random.txt").write_bytes(random.Random(7).randbytes(4096))
    (corpus / "nul.md").write_bytes(b"Title\n\nSome \x00 text")
    (corpus / "empty.txt").write_text("")
    (corpus / "fake.pdf").write_bytes(b"%PDF-1.4 not really")
    (corpus / "rows.jsonl").write_text('{"text": 42}\n[1, 2]\n{"text": {"a": 1}}\nnot json\n')
    (corpus / "rows.csv").write_text("headline,link\nA,B\n")
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")


def c_symlinks(home: Path) -> None:
    c_good(home)
    (home / "outside.txt").write_text("Private\n\nThe treasurer said the bonus stays secret.")
    (home / "corpus" / "out.txt").symlink_to(home / "outside.txt")
    (home / "corpus" / "loop.txt").symlink_to("loop.txt")
    (home / "corpus" / "dangling.txt").symlink_to(home / "corpus" / "gone.txt")
    (home / "corpus" / "etc").symlink_to("/etc", target_is_directory=True)


def c_missing(home: Path) -> None:
    pass


def c_file(home: Path) -> None:
    (home / "corpus").write_text("I am a file, not a folder")


def c_empty(home: Path) -> None:
    (home / "corpus").mkdir()


CORPORA: dict[str, Callable[[Path], None]] = {
    "good": c_good, "odd-names": c_odd_names, "markup": c_markup, "garbage": c_garbage,
    "symlinks": c_symlinks, "missing": c_missing, "file": c_file, "empty": c_empty,
}


# --- index variants: (home) -> context object or None; built from a good corpus first -------------
def _build_good(home: Path) -> Path:
    good = home / "good-corpus"
    write_corpus(good)
    assert main(["index", "--corpus", str(good)]) == 0
    return (home / ".index" / store.CURRENT).resolve()


def i_none(home: Path):
    return None


def i_good(home: Path):
    _build_good(home)


def i_damaged(home: Path):
    gen = _build_good(home)
    data = bytearray((gen / "docs.jsonl").read_bytes())
    data[5] ^= 0x20
    (gen / "docs.jsonl").write_bytes(bytes(data))


def i_truncated(home: Path):
    gen = _build_good(home)
    with open(gen / "vectors.faiss", "r+b") as f:
        f.truncate(10)


def i_dangling(home: Path):
    (home / ".index").mkdir()
    (home / ".index" / store.CURRENT).symlink_to("gen-gone")


def i_is_file(home: Path):
    (home / ".index").write_text("not a folder")


def i_locked(home: Path):
    _build_good(home)
    lock = BuildLock(home / ".index", "another moderator")
    lock.__enter__()
    return lock


def i_garbage_lock(home: Path):
    _build_good(home)
    (home / ".index" / ".reindex.lock").write_bytes(b"\xff\xfe{not json")


INDEXES: dict[str, Callable[[Path], object]] = {
    "none": i_none, "good": i_good, "damaged": i_damaged, "truncated": i_truncated,
    "dangling": i_dangling, "is-file": i_is_file, "locked": i_locked, "garbage-lock": i_garbage_lock,
}

# --- settings variants: environment and .env contents --------------------------------------------
ENVS: dict[str, tuple[dict[str, str], bytes | None]] = {
    "defaults": ({}, None),
    "bad-number": ({"MAX_FILE_MB": "-1"}, None),
    "bad-choice": ({"FUSION": "bogus"}, None),
    "not-a-number": ({"BATCH_SIZE": "many"}, None),
    "tiny-chunks": ({"CHUNK_MAX_CHARS": "5"}, None),
    "bad-level": ({"LOG_LEVEL": "LOUD"}, None),
    "token-newline": ({"DISCORD_TOKEN": "MTIz.first-half\nsecond-half"}, None),
    "binary-dotenv": ({}, b"\xff\xfe\x00garbage=\x00\n=novalue\nMAX_FILE_MB\n"),
    "dotenv-bad-shrink": ({}, b"MAX_CORPUS_SHRINK=2\n"),
    "strict-shrink": ({"MAX_CORPUS_SHRINK": "0"}, None),
}

QUESTIONS = ["What did the river agency say?", "", "   ", "[/dim] [citation needed]", "@everyone",
             "\x00\x01\x02", "?" * 5000, "a" * 3000, "\u200b\u202e", "<@123> [bold]who[/bold]?"]

COMMANDS = [["index"], ["index", "--full"], ["index", "--force"], ["ask", "{q}"], ["ask", "{q}", "--json"],
            ["ask", "{q}", "-k", "2"], ["stats"], ["run"], ["sync"], ["ask"], ["index", "--corpus", ""]]


@dataclass(frozen=True)
class Case:
    command: tuple[str, ...]
    corpus: str
    index: str
    env: str
    question: str

    def argv(self) -> list[str]:
        return [a.replace("{q}", self.question) for a in self.command]


def generate(n: int, seed: int = 10) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    # Every value of every table at least once, then random mixes.
    tables = [COMMANDS, list(CORPORA), list(INDEXES), list(ENVS), QUESTIONS]
    for i in range(max(len(t) for t in tables)):
        picks = [t[i % len(t)] for t in tables]
        cases.append(Case(tuple(picks[0]), *picks[1:]))
    while len(cases) < n:
        cases.append(Case(tuple(rng.choice(COMMANDS)), rng.choice(list(CORPORA)), rng.choice(list(INDEXES)),
                          rng.choice(list(ENVS)), rng.choice(QUESTIONS)))
    return cases


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under root, links as their target text (never followed)."""
    if not root.exists() and not root.is_symlink():
        return {}
    if not root.is_dir():
        return {"": root.read_bytes()}
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            out[rel] = f"-> {os.readlink(p)}" if p.is_symlink() else (p.read_bytes() if p.is_file() else "dir")
    return out


def current_generation(home: Path) -> Path | None:
    link = home / ".index" / store.CURRENT
    return link.resolve() if link.exists() else None


@pytest.fixture(autouse=True)
def fresh_root_logger():
    """main() calls basicConfig; in-process, its handler would outlive this test's stderr."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in root.handlers[:]:
        if h not in handlers:
            root.removeHandler(h)
    root.setLevel(level)


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    import index.engine

    monkeypatch.setattr(index.engine, "LazyEmbedder", lambda model, device="cpu", on_load=None, **backends: FakeEmbedder(name=model))


@pytest.mark.parametrize("case", generate(150), ids=lambda c: f"{'-'.join(c.command[:1])}|{c.corpus}|{c.index}|{c.env}")
def test_no_traceback_a_clear_message_nothing_lost(case: Case, tmp_path, monkeypatch, capsys, caplog):
    home = tmp_path
    monkeypatch.chdir(home)
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    held = INDEXES[case.index](home)
    CORPORA[case.corpus](home)
    env, dotenv = ENVS[case.env]
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    if dotenv is not None:
        (home / ".env").write_bytes(dotenv)
    corpus_before, dotenv_before = snapshot(home / "corpus"), snapshot(home / ".env")
    gen_before = current_generation(home)
    good_before = gen_before is not None and case.index in ("good", "locked", "garbage-lock")
    capsys.readouterr()

    try:
        with caplog.at_level(logging.WARNING):
            try:
                code = main(case.argv())
            except SystemExit as e:  # argparse, or a bad setting: what the interpreter would print
                code = e.code if isinstance(e.code, int) else 1
                if isinstance(e.code, str):
                    print(e.code, file=__import__("sys").stderr)
    finally:
        if held is not None:
            held.__exit__(None, None, None)
    out, err = capsys.readouterr()

    # No traceback: nothing escaped main, nothing logged a stack to the user.
    assert "Traceback" not in out + err
    assert not [r for r in caplog.records if r.exc_info and r.levelno >= logging.WARNING], caplog.text
    # A clear message: a failure ends with one "quotebot: …" (or argparse usage) line.
    if code != 0:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        assert last.startswith(("quotebot", "usage:")), (code, err[-2000:])
        assert "unexpected" not in last.lower()
    elif "--json" in case.command:
        json.loads(out)
    # Nothing lost: corpus and .env untouched; a failed command leaves the index as it was.
    assert snapshot(home / "corpus") == corpus_before
    assert snapshot(home / ".env") == dotenv_before
    if good_before:
        gen_after = current_generation(home)
        assert gen_after is not None and (gen_after / "manifest.json").exists()
        store.load_generation(gen_after)
        if code != 0:
            assert gen_after == gen_before
