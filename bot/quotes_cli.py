"""`quotebot quotes PATH... [--json]`: every statement in files or folders, with its speaker.

Attribution is text analysis: no index is read and no model is loaded, so a folder of articles
takes seconds. For .txt and .md files the offsets index the file's own decoded text
(`text == file_text[start:end]`, file_text being the file's bytes decoded as the corpus loader
decodes them); for other formats (HTML, PDF, CSV, JSONL) they index the document text as the
index stores it, one JSON line per document in the file.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from index.attribution import Statement, attribute
from index.documents import build_document, iter_corpus_files
from index.readers import READERS, ReadError, decode

log = logging.getLogger(__name__)

PLAIN_SUFFIXES = (".txt", ".md")
JSON_FIELDS = ("start", "end", "speaker", "source_start", "source_end", "cue_start", "cue_end",
               "kind", "role", "organisation")


@dataclass(frozen=True, slots=True)
class Analysed:
    path: str
    doc_id: str
    text: str
    statements: list[Statement]

    def to_json(self) -> dict:
        return {"path": self.path, "doc_id": self.doc_id, "statements": [
            {"text": self.text[s.start : s.end], **{k: getattr(s, k) for k in JSON_FIELDS}}
            for s in self.statements]}


def add_parser(sub: argparse._SubParsersAction) -> None:
    sp = sub.add_parser("quotes", help="list every statement in files or folders, with its speaker")
    sp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    sp.add_argument("--json", action="store_true", help="one JSON object per document per line")


def _files(paths: list[Path], err: Console) -> tuple[list[Path], int]:
    files, problems = [], 0
    for p in paths:
        if p.is_dir():
            files.extend(iter_corpus_files(p))
        elif p.is_file() and p.suffix.lower() in READERS:
            files.append(p)
        elif p.is_file():
            err.print(f"quotebot: {p}: unsupported file type {p.suffix or '(none)'}", markup=False, soft_wrap=True)
            problems += 1
        else:
            err.print(f"quotebot: {p}: no such file or folder", markup=False, soft_wrap=True)
            problems += 1
    return files, problems


def analyse_file(path: Path) -> Iterator[Analysed]:
    """Statements of every document in one file (raises ReadError, OSError)."""
    if path.suffix.lower() in PLAIN_SUFFIXES:
        text = decode(path.read_bytes())
        yield Analysed(str(path), path.stem, text, attribute(text))
        return
    for raw in READERS[path.suffix.lower()](path).docs:
        doc_id = path.stem if raw.row is None else (raw.url.strip() or f"{path.stem}:{raw.row}")
        doc = build_document(raw, doc_id, str(path), ())
        if doc is not None:
            yield Analysed(str(path), doc_id, doc.text, attribute(doc.text))


def _table(doc: Analysed) -> Table:
    t = Table(title=Text(f"{doc.path} — {len(doc.statements)} statements"), show_lines=False)
    t.add_column("speaker", style="bold", overflow="fold")
    t.add_column("kind")
    t.add_column("words", overflow="fold")
    for s in doc.statements:
        who = s.speaker or "(unattributed)"
        if s.role or s.organisation:
            who += " (" + ", ".join(x for x in (s.role, s.organisation) if x) + ")"
        t.add_row(Text(who), Text(s.kind), Text(f"“{doc.text[s.start : s.end]}”"))
    return t


def cmd_quotes(args: argparse.Namespace, out: Console, err: Console) -> int:
    files, problems = _files(args.paths, err)
    for path in files:
        try:
            docs = list(analyse_file(path))
        except (ReadError, OSError, UnicodeError) as e:
            err.print(f"quotebot: {path}: {e}", markup=False, highlight=False, soft_wrap=True)
            problems += 1
            continue
        for doc in docs:
            if args.json:
                sys.stdout.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
            else:
                out.print(_table(doc))
    return 1 if problems else 0
