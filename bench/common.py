"""Helpers for bench/run.py: corpora, subsets, questions, percentiles, memory, sub-processes."""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

CORPORA = {
    "ap": ROOT / "corpus",
    "hrw": SHARED / "corpora" / "hrw_2024",
    "ungdc": SHARED / "corpora" / "ungdc_2000_2024",
}
QUESTIONS_FILE = ROOT / "tests" / "data" / "questions.jsonl"

# A few UNGDC country codes with their names, so templated questions read like real ones.
COUNTRIES = {
    "AFG": "Afghanistan", "ARG": "Argentina", "AUS": "Australia", "BGD": "Bangladesh",
    "BRA": "Brazil", "CAN": "Canada", "CHN": "China", "COL": "Colombia", "CUB": "Cuba",
    "DEU": "Germany", "EGY": "Egypt", "ESP": "Spain", "ETH": "Ethiopia", "FJI": "Fiji",
    "FRA": "France", "GBR": "the United Kingdom", "GHA": "Ghana", "IDN": "Indonesia",
    "IND": "India", "IRN": "Iran", "IRQ": "Iraq", "ISR": "Israel", "ITA": "Italy",
    "JPN": "Japan", "KEN": "Kenya", "KOR": "the Republic of Korea", "MDV": "Maldives",
    "MEX": "Mexico", "NGA": "Nigeria", "NOR": "Norway", "NZL": "New Zealand", "PAK": "Pakistan",
    "PHL": "the Philippines", "POL": "Poland", "RUS": "Russia", "SAU": "Saudi Arabia",
    "SWE": "Sweden", "SYR": "Syria", "TUR": "Turkey", "TUV": "Tuvalu", "UKR": "Ukraine",
    "USA": "the United States", "VEN": "Venezuela", "ZAF": "South Africa",
}
TOPICS = ("climate change", "terrorism", "nuclear weapons", "sustainable development",
          "Security Council reform", "peacekeeping")
_STOP = {"a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "with", "at", "by", "is",
         "are", "be", "should", "must", "from", "as", "its", "their", "new", "over", "after"}


# --- corpora -------------------------------------------------------------------------------
def resolve_corpus(name: str) -> tuple[str, Path]:
    """A known short name or a path → (label, folder)."""
    if name in CORPORA:
        return name, CORPORA[name]
    p = Path(name).expanduser().resolve()
    return p.name, p


def corpus_files(root: Path) -> list[Path]:
    from index.documents import iter_corpus_files

    return iter_corpus_files(root)


def copy_corpus(src: Path, dst: Path, limit_docs: int | None = None) -> dict:
    """A private, editable copy of a corpus (files are copied: the engine does not follow
    symlinks that lead out of the corpus folder).

    With `limit_docs`, the first N files in sorted order, or for a corpus made of one CSV the
    first N rows: a deterministic subset.
    """
    dst.mkdir(parents=True, exist_ok=True)
    files = corpus_files(src)
    info = {"source": str(src), "files": len(files), "limit_docs": limit_docs}
    if (src / "glossary.toml").is_file():  # the moderator glossary shapes queries: keep it
        shutil.copy2(src / "glossary.toml", dst / "glossary.toml")
    if len(files) == 1 and files[0].suffix.lower() == ".csv":
        rows = read_csv(files[0])
        if limit_docs:
            rows = rows[:limit_docs]
        write_csv(dst / files[0].name, rows)
        info["rows"] = len(rows)
        return info
    chosen = files[:limit_docs] if limit_docs else files
    for f in chosen:
        rel = f.relative_to(src)
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, dst / rel)
    info["files_used"] = len(chosen)
    info["spare"] = [str(f) for f in files[len(chosen) : len(chosen) + 1]]
    return info


def read_csv(path: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, rows: list[dict]) -> None:
    fields = list(rows[0].keys()) if rows else ["title", "text"]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def mutate_corpus(root: Path, spare: list[str] | None = None, change_only: bool = False) -> dict:
    """Change one document, delete one, add one — the three cases of an incremental reindex.

    `change_only`: change one document and nothing else (issue 16's "one changed speech")."""
    files = corpus_files(root)
    stamp = "Benchmark edit: this sentence was added to change the document."
    if change_only:
        changed = files[len(files) // 2]
        text = changed.read_text(encoding="utf-8", errors="replace")
        changed.unlink()  # a copy of a read-only file: replace it rather than write through it
        changed.write_text(text + "\n\n" + stamp + "\n", encoding="utf-8")
        return {"changed": changed.name}
    if len(files) == 1 and files[0].suffix.lower() == ".csv":
        rows = read_csv(files[0])
        rows[0]["text"] = rows[0]["text"] + "\n\n" + stamp
        deleted = rows.pop(1)
        write_csv(files[0], rows)
        added = root / "bench_added.txt"
        added.write_text(
            "Benchmark Added Article\n\nThe benchmark added this short article to the corpus "
            "to measure an incremental reindex. It has two paragraphs so that it makes a chunk.\n\n"
            "A spokesperson said the addition was deliberate and would be removed afterwards.\n",
            encoding="utf-8",
        )
        return {"changed": rows[0].get("url") or "row 0", "deleted": deleted.get("url") or "row 1",
                "added": added.name}
    changed, deleted = files[0], files[1]
    text = changed.read_text(encoding="utf-8", errors="replace")
    changed.unlink()  # a copy of a read-only file: replace it rather than write through it
    changed.write_text(text + "\n\n" + stamp + "\n", encoding="utf-8")
    deleted.unlink()
    if spare:
        src = Path(spare[0])
        added = root / "added" / src.name
        added.parent.mkdir(exist_ok=True)
        shutil.copyfile(src, added)
    else:
        added = root / "bench_added.txt"
        added.write_text(text[: len(text) // 2] + "\n\n" + stamp + "\n", encoding="utf-8")
    return {"changed": changed.name, "deleted": deleted.name, "added": added.name}


# --- questions -----------------------------------------------------------------------------
def _title_words(title: str, n: int = 6) -> str:
    words = [w.strip(":,.;!?'\"()") for w in title.split()]
    words = [w for w in words if w and w.lower() not in _STOP]
    return " ".join(words[:n])


def make_questions(docs: list, label: str, n: int, seed_file: Path = QUESTIONS_FILE) -> list[str]:
    """≥ n questions, deterministic: the HRW test questions, templates over titles and (UNGDC)
    countries, and about 10 % exact repeats (a real channel asks the same thing twice)."""
    base: list[str] = []
    if label == "hrw" and seed_file.exists():
        for line in seed_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                base.append(json.loads(line)["question"])
    countries = []
    for d in docs:
        code = Path(getattr(d, "path", "") or "").name.split("_")[0]
        if code in COUNTRIES and code not in countries:
            countries.append(code)
    for i, code in enumerate(countries):
        base.append(f"What did {COUNTRIES[code]} say about {TOPICS[i % len(TOPICS)]}?")
    titled = [d for d in docs if _title_words(d.title)]
    who = "Human Rights Watch" if label == "hrw" else "the speaker"
    i = 0
    unique_target = max(1, n - n // 10)
    while len(base) < unique_target and titled and i < 4 * len(titled):
        d = titled[(i * 7919) % len(titled)]  # a fixed stride: spread over the corpus
        words = _title_words(d.title, 4 + i % 3)
        base.append(f"What did {who} say about {words}?" if i % 2 == 0 else f"{words}?")
        i += 1
    while len(base) < unique_target:  # a tiny corpus: fall back to fixed topics
        base.append(f"What was said about {TOPICS[len(base) % len(TOPICS)]}?")
    base = list(dict.fromkeys(base))[:unique_target] or ["What was said?"]
    repeats = [base[(j * 13) % len(base)] for j in range(max(n - len(base), n // 10))]
    out = base + repeats
    return out[: max(n, len(out))]


# --- figures -------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def peak_rss_mb() -> float:
    # Linux reports kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file() and not p.is_symlink())


def load_average() -> float:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return -1.0


class Timer:
    def __init__(self) -> None:
        self.t = time.perf_counter()

    def lap(self) -> float:
        now = time.perf_counter()
        dt, self.t = now - self.t, now
        return dt


def run_worker(script: Path, task: str, spec: dict, log_path: Path | None = None,
               timeout: float = 4 * 3600) -> dict:
    """Run one measurement in a fresh process (own peak RSS, own model load); JSON back."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
               BENCH_T0=repr(time.time()))
    cmd = [sys.executable, str(script), "--worker", task, "--spec", json.dumps(spec)]
    err = open(log_path, "a") if log_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=err, text=True,
                              timeout=timeout, cwd=str(ROOT), env=env)
        wall = time.perf_counter() - t0
    finally:
        if log_path:
            err.close()
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": f"worker {task} exited {proc.returncode}; see {log_path or 'stderr'}"}
    out = json.loads(lines[-1])
    out["process_wall_s"] = round(wall, 3)
    return out
