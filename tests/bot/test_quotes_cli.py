"""`quotebot quotes`: statements of files and folders, no index, no model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "corpus" / "000_9b4a88675f401c22.txt"
SHORT = ("“We will reopen the bridge in May,” Mayor Ana Costa said on Monday.\n\n"
         "Critics were not convinced. The council said it would “review the plan.”\n")


def run_json(capsys, *paths: str) -> tuple[int, list[dict], str]:
    code = main(["quotes", "--json", *paths])
    out = capsys.readouterr()
    return code, [json.loads(line) for line in out.out.splitlines()], out.err


def test_json_offsets_index_the_files_own_text(capsys) -> None:
    code, docs, _ = run_json(capsys, str(ARTICLE))
    text = ARTICLE.read_bytes().decode("utf-8")
    assert code == 0 and len(docs) == 1
    assert docs[0]["doc_id"] == ARTICLE.stem and docs[0]["path"] == str(ARTICLE)
    assert docs[0]["statements"]
    for s in docs[0]["statements"]:
        assert s["text"] == text[s["start"] : s["end"]]
        assert set(s) == {"text", "start", "end", "speaker", "source_start", "source_end",
                          "cue_start", "cue_end", "kind", "role", "organisation"}


def test_json_names_the_spokesman_of_the_bundled_article(capsys) -> None:
    _, docs, _ = run_json(capsys, str(ARTICLE))
    by_text = {s["text"]: s for s in docs[0]["statements"]}
    s = by_text["gravely concerned"]
    assert (s["speaker"], s["role"], s["organisation"]) == (
        "Jeremy Laurence", "spokesman", "the U.N. human rights office")


def test_a_folder_gives_one_line_per_document(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(SHORT, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"not a supported type")
    code, docs, _ = run_json(capsys, str(tmp_path))
    assert code == 0
    assert sorted(d["doc_id"] for d in docs) == ["a", "b"]
    speakers = [s["speaker"] for s in docs[0]["statements"]]
    assert speakers == ["Ana Costa", "The council"]


@pytest.mark.parametrize(("name", "message"), [("missing.txt", "no such file or folder"),
                                                ("notes.docx", "unsupported file type .docx")])
def test_a_bad_path_is_one_line_and_the_rest_is_still_listed(tmp_path, capsys, name, message):
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"x")
    code, docs, err = run_json(capsys, str(tmp_path / name), str(tmp_path / "a.txt"))
    assert code == 1
    assert [d["doc_id"] for d in docs] == ["a"]
    assert err.strip() == f"quotebot: {tmp_path / name}: {message}"


def test_table_shows_speaker_and_verbatim_words(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    assert main(["quotes", str(tmp_path / "a.txt")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Ana Costa" in out and "We will reopen the bridge in May" in out


def test_quotes_loads_no_model(tmp_path, capsys) -> None:
    import sys

    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    before = "sentence_transformers" in sys.modules
    main(["quotes", "--json", str(tmp_path)])
    assert before or "sentence_transformers" not in sys.modules
