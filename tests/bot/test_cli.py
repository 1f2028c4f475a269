"""The `quotebot` CLI as a subprocess, one test per row of the newcomer's / adversary's probe
(issue 10): wrong folders, concurrent or read-only indexes, markup in corpus text, symlinks,
huge files, damaged indexes, flags out of range."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.clirun import assert_clean_failure, assert_no_traceback, cli_env, run_cli
from tests.conftest import ARTICLES, write_corpus

QUESTION = "What did the river agency say?"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A user's working folder: ./corpus with three articles, the default relative ./.index."""
    write_corpus(tmp_path / "corpus")
    return tmp_path


def built(home: Path) -> Path:
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0, proc.stderr
    return home / ".index"


def generations(index: Path) -> list[Path]:
    return sorted(index.glob("gen-*"))


def documents(home: Path, *args: str) -> int:
    proc = run_cli("stats", *args, cwd=home)
    assert proc.returncode == 0, proc.stderr
    [line] = [ln for ln in proc.stdout.splitlines() if " documents " in ln]
    return int(line.split("│")[2].strip())


# --- a corpus folder that is wrong, missing or shrinking ---------------------------------------
def test_a_missing_corpus_folder_is_refused_and_the_index_keeps_serving(home):
    index = built(home)
    before = generations(index)
    proc = run_cli("index", "--corpus", "no_such_dir", cwd=home)
    assert_clean_failure(proc, 2, "no_such_dir", "does not exist")
    assert generations(index) == before
    assert documents(home) == 3


def test_a_rebuild_with_a_relative_index_dir_keeps_the_previous_generation(home):
    index = built(home)
    first = generations(index)
    (home / "corpus" / "gamma.txt").write_text(ARTICLES["gamma.txt"] + "\n\nA late addition.", encoding="utf-8")
    assert run_cli("index", cwd=home).returncode == 0
    gens = generations(index)
    assert len(gens) == 2 and first[0] in gens
    assert (index / "current").resolve() == gens[-1].resolve()


@pytest.mark.parametrize(
    ("remove", "flags", "code"),
    [
        (["alpha.txt", "beta.md", "gamma.txt"], [], 1),  # shrinks to nothing
        (["alpha.txt", "beta.md"], [], 1),  # loses 67% > the 50% default
        (["alpha.txt"], [], 0),  # loses 33%: an ordinary edit
        (["alpha.txt", "beta.md", "gamma.txt"], ["--allow-empty"], 0),
        (["alpha.txt", "beta.md"], ["--force"], 0),
    ],
)
def test_a_corpus_that_shrinks_too_much_is_refused_unless_forced(home, remove, flags, code):
    built(home)
    for name in remove:
        (home / "corpus" / name).unlink()
    proc = run_cli("index", *flags, cwd=home)
    assert_no_traceback(proc)
    assert proc.returncode == code, proc.stderr
    if code:
        assert "Refusing to replace an index of 3 documents" in proc.stderr and "--force" in proc.stderr
    assert documents(home) == (3 if code else 3 - len(remove))


def test_max_corpus_shrink_is_a_setting(home):
    built(home)
    (home / "corpus" / "alpha.txt").unlink()
    proc = run_cli("index", cwd=home, env=cli_env(MAX_CORPUS_SHRINK="0.2"))
    assert proc.returncode == 1 and "more than 20% would disappear" in proc.stderr


# --- ask while the index cannot be updated ----------------------------------------------------
def _change_corpus(home: Path) -> None:
    (home / "corpus" / "delta.txt").write_text(
        "Library extends opening hours\n\nThe municipal library will open on Sundays from May, "
        "its director said, after a petition signed by two thousand readers.", encoding="utf-8")


def test_ask_while_another_process_reindexes_answers_from_the_current_index(home):
    from index.builder import BuildLock

    index = built(home)
    _change_corpus(home)
    with BuildLock(index, "another process"):
        proc = run_cli("ask", QUESTION, cwd=home)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "Eastland River Agency" in proc.stdout or "Mara Quint" in proc.stdout
    assert "may be out of date" in proc.stderr and "A reindex is already running" in proc.stderr
    assert len([ln for ln in proc.stderr.splitlines() if "A reindex is already running" in ln]) == 1


def _can_mount_read_only() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--mount", "--", "mount", "--bind", "-o", "ro", "/tmp", "/tmp"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs `unshare --mount` to make a real read-only folder")
def test_ask_with_a_read_only_index_folder_answers_from_the_current_index(home):
    index = built(home)
    _change_corpus(home)
    # A private mount namespace: the folder is read-only for the CLI only, even for root.
    wrap = ("unshare", "--mount", "--", "sh", "-c", f'mount --bind -o ro "{index}" "{index}" && exec "$@"', "sh")
    proc = run_cli("ask", QUESTION, cwd=home, prefix=wrap)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "Mara Quint" in proc.stdout or "Eastland River Agency" in proc.stdout
    assert "may be out of date" in proc.stderr and "read-only" in proc.stderr
    assert len([ln for ln in proc.stderr.splitlines() if "read-only" in ln]) == 1


# --- INDEX_DIR / CORPUS_DIR that are files --------------------------------------------------------
@pytest.mark.parametrize("command", [["index"], ["ask", QUESTION], ["stats"]])
def test_index_dir_pointing_at_a_file_is_one_line_exit_2(home, command):
    (home / "not-a-folder").write_text("x")
    proc = run_cli(*command, cwd=home, env=cli_env(INDEX_DIR="not-a-folder"))
    assert_clean_failure(proc, 2, "not-a-folder", "is a file")


def test_corpus_dir_pointing_at_a_file_is_one_line_exit_2(home):
    proc = run_cli("index", "--corpus", "corpus/alpha.txt", cwd=home)
    assert_clean_failure(proc, 2, "alpha.txt", "is a file")


# --- corpus text and file names are never console markup -----------------------------------------
MARKUP_TEXT = (
    "Harbour notes\n\nThe harbour master [/dim] logged the tide [citation needed] at dawn, and the "
    "[bold red]ferry[/] crew reported [link=file:///etc/passwd]fog[/link] near the pier."
)


def test_markup_like_corpus_text_prints_as_written_in_closest_passages(home):
    (home / "corpus" / "harbour.txt").write_text(MARKUP_TEXT, encoding="utf-8")
    built(home)
    proc = run_cli("ask", "harbour master tide pier ferry zebra quantum saxophone", cwd=home,
                   env=cli_env(ABSTAIN_THRESHOLD="0.99"))  # abstain: passages are shown as "closest"
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "Closest passages" in proc.stdout
    assert "[/dim]" in proc.stdout and "[citation needed]" in proc.stdout and "[bold red]ferry[/]" in proc.stdout


def test_markup_like_file_names_print_as_written_in_the_build_summary(home):
    (home / "corpus" / "[red]notes[dim].xyz").write_text("x")
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0, proc.stderr
    assert "[red]notes[dim].xyz: unsupported file type .xyz" in proc.stdout


# --- symlinks -------------------------------------------------------------------------------------
def test_a_symlink_out_of_the_corpus_is_not_followed_and_is_reported(home):
    secret = home / "private.txt"
    secret.write_text("Payroll memo\n\nThe treasurer said the zanzibarite bonus stays secret.", encoding="utf-8")
    (home / "corpus" / "memo.txt").symlink_to(secret)
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0, proc.stderr
    assert "memo.txt: symlink to a file outside the corpus folder: not followed" in proc.stdout
    answer = json.loads(run_cli("ask", "zanzibarite bonus", "--json", cwd=home).stdout)
    assert all("zanzibarite" not in q["text"] for q in answer.get("quotes", []) + answer.get("closest", []))


def test_a_symlink_inside_the_corpus_is_followed(home):
    (home / "corpus" / "sub").mkdir()
    (home / "corpus" / "sub" / "epsilon.txt").write_text("Ferry timetable\n\nThe ferry leaves at nine, the captain said.")
    (home / "corpus" / "epsilon-link.txt").symlink_to(home / "corpus" / "sub" / "epsilon.txt")
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0 and "not followed" not in proc.stdout
    assert documents(home) == 4  # the link and its target are one document (a duplicate)


def test_a_symlink_loop_is_skipped_with_one_line(home):
    (home / "corpus" / "loop.txt").symlink_to("loop.txt")
    proc = run_cli("index", cwd=home)
    assert_no_traceback(proc)
    assert proc.returncode == 0
    assert "loop.txt: symlink loop: not followed" in proc.stdout
    assert len([ln for ln in proc.stderr.splitlines() if "loop.txt" in ln]) == 1


# --- size limit and progress on a non-terminal --------------------------------------------------
def test_a_huge_one_line_text_file_is_skipped_by_the_document_limit(home):
    (home / "corpus" / "huge.txt").write_text("word " * 500_000, encoding="utf-8")  # 2.5 M characters
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0, proc.stderr
    assert "huge.txt: too long: 2,499,999 characters > 2,000,000 limit for one document" in proc.stdout


def test_progress_is_reported_in_lines_when_stderr_is_not_a_terminal(home):
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0
    assert "loading corpus…" in proc.stderr
    assert "embedding chunks: " in proc.stderr and "(100%)" in proc.stderr


# --- damaged index: say which file and what check -------------------------------------------------
def test_a_damaged_index_file_is_named_with_the_failed_check(home):
    index = built(home)
    docs = (index / "current").resolve() / "docs.jsonl"
    data = bytearray(docs.read_bytes())
    data[10] ^= 0x01
    docs.write_bytes(bytes(data))
    proc = run_cli("index", cwd=home)
    assert proc.returncode == 0, proc.stderr
    assert "docs.jsonl fails its checksum" in proc.stderr and "rebuilding it" in proc.stderr
    assert documents(home) == 3


# --- flags and messages ---------------------------------------------------------------------------
@pytest.mark.parametrize("k", ["0", "9", "-1", "two"])
def test_k_outside_1_to_4_is_an_error_not_silently_clamped(home, k):
    proc = run_cli("ask", QUESTION, "-k", k, cwd=home)
    assert proc.returncode == 2 and "argument -k" in proc.stderr and "Traceback" not in proc.stderr


def test_stderr_messages_are_not_wrapped_at_80_columns(home):
    long_name = "a-corpus-folder-whose-name-is-long-enough-to-pass-eighty-columns-on-its-own-for-sure"
    proc = run_cli("index", "--corpus", long_name, cwd=home, env={**cli_env(), "COLUMNS": "80"})
    assert_clean_failure(proc, 2, long_name)


def test_bm25s_debug_lines_do_not_leak_into_cli_output(home):
    proc = run_cli("-v", "index", cwd=home)
    assert proc.returncode == 0
    assert "Building index from tokens" not in proc.stderr + proc.stdout


def test_env_example_names_the_code_s_default_fusion():
    from index.config import EngineConfig
    from tests.conftest import REPO

    text = (REPO / ".env.example").read_text(encoding="utf-8")
    [comment] = [ln for ln in text.splitlines() if "(default)" in ln and "rrf" in ln]
    assert f"{EngineConfig().retrieval.fusion} (default)" in comment


# --- the model is loaded only by commands that embed something (real model) ---------------------
@pytest.mark.slow
def test_only_commands_that_embed_load_the_model(home):
    # Logged by whichever backend module loads it (index/backends/).
    loading = ": loading embedding model"
    first = run_cli("-v", "index", cwd=home, real_model=True)
    assert first.returncode == 0 and loading in first.stderr  # three new documents to embed
    for command in (["stats"], ["index"]):  # nothing to embed
        proc = run_cli("-v", *command, cwd=home, real_model=True)
        assert proc.returncode == 0, proc.stderr
        assert loading not in proc.stderr, command
    ask = run_cli("-v", "ask", QUESTION, cwd=home, real_model=True)
    assert ask.returncode == 0 and "Mara Quint" in ask.stdout
    assert loading in ask.stderr
