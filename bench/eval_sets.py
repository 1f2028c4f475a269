"""The question sets and their corpora, shared by bench/eval_answers.py and bench/fit_answer.py.

- `hrw`: tests/data/questions.jsonl (87 questions) over the shipped corpus + HRW 2024.
- `mixed`: tests/data/questions_mixed.jsonl (tune/report halves) over the shipped article, HRW
  2024 and the HRDsAttack test articles (bench/eval_corpus.py).
Corpora are copied into a folder under the system temp dir, never into the repository.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
FILES = {"hrw": DATA / "questions.jsonl", "mixed": DATA / "questions_mixed.jsonl"}
HRW_CSV = ROOT.parent / "shared" / "corpora" / "hrw_2024" / "hrw_articles.csv"


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def question_set(name: str, split: str = "all") -> list[dict] | None:
    """The questions of a set (one split of it), or None when its corpus is absent."""
    from bench.eval_corpus import missing_sources

    if missing_sources():
        return None
    questions = load_questions(FILES[name])
    if split != "all":
        questions = [q for q in questions if q.get("split", "report") == split]
    return questions


def build_corpus(name: str, dest: Path) -> Path:
    from bench.eval_corpus import build_eval_corpus

    if name == "mixed":
        return build_eval_corpus(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for p in (ROOT / "corpus").iterdir():
        if p.is_file():
            shutil.copyfile(p, dest / p.name)
    shutil.copyfile(HRW_CSV, dest / HRW_CSV.name)
    return dest


def default_index(name: str) -> Path:
    return Path(tempfile.gettempdir()) / f"quotebot-eval-{name}" / "index"


def open_engine(name: str, index_dir: Path | None = None):
    """An engine over the set's corpus; the index is cached and updated incrementally."""
    from index.config import EngineConfig
    from index.engine import Engine

    index_dir = index_dir or default_index(name)
    corpus = build_corpus(name, index_dir.parent / "corpus")
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=index_dir), update_if_stale=True)
    engine.wait_ready(120)
    return engine
