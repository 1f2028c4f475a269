"""Build the mixed evaluation corpus for `tests/data/questions_mixed.jsonl`.

The mixed set asks about three kinds of documents at once, so that retrieval has to pick the right
one among ~490: the shipped AP article (with the repo's glossary), the HRW 2024 news releases and
the 100 HRDsAttack *test* articles. HRDsAttack ships HTML paragraphs inside JSON, which no corpus
reader takes as-is, so each article is written as one markdown file with front matter. The
questions' `expected_spans` are byte-exact substrings of the text written here, so this module is
the definition of that text: change it and run `bench/check_mixed_questions.py` again.

Everything is written to a folder the caller chooses (by default under the system temp dir), never
into the repository: `../shared/` is read-only and its files must not be committed. Files are
copied, not symlinked, so an index built over the folder never depends on where it came from.

    python bench/eval_corpus.py [DEST]      # prints the folder and its document count
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REPO_CORPUS = ROOT / "corpus"
HRW_CSV = SHARED / "corpora" / "hrw_2024" / "hrw_articles.csv"
HRDSATTACK_TEST = SHARED / "corpora" / "hrdsattack" / "test.json"

ARTICLE_DOC_ID = "000_9b4a88675f401c22"
HRDSATTACK_PREFIX = "hrdsattack_test_"
DEFAULT_DEST = Path(tempfile.gettempdir()) / "quotebot-eval-mixed" / "corpus"


@dataclass(frozen=True)
class HrdsArticle:
    """One HRDsAttack test article as written to the eval corpus."""

    event_id: int
    title: str
    date: str  # YYYY-MM-DD
    paragraphs: tuple[str, ...]

    @property
    def doc_id(self) -> str:
        return f"{HRDSATTACK_PREFIX}{self.event_id}"

    @property
    def text(self) -> str:
        """The document text, exactly as it follows the front matter in the file."""
        return "\n\n".join(self.paragraphs)

    def markdown(self) -> str:
        # Titles hold colons ("Balochistan: Iran executes …"); front matter is `key: value`
        # split at the first colon, so the title goes in verbatim on one line.
        title = " ".join(self.title.split())
        return f"---\ntitle: {title}\ndate: {self.date}\n---\n\n{self.text}\n"


class MissingSource(FileNotFoundError):
    """A shared corpus file the eval corpus needs is absent."""


def paragraphs_of(html: str) -> tuple[str, ...]:
    """The text of each `<p>`, entities decoded, whitespace runs collapsed, empty ones dropped.

    Collapsing whitespace inside a paragraph keeps a sentence on one line, as a reader sees it;
    paragraphs stay apart (blank lines) because the engine chunks by paragraph.
    """
    tree = LexborHTMLParser(html)
    texts = (" ".join(node.text(deep=True).split()) for node in tree.css("p"))
    return tuple(text for text in texts if text)


def load_hrdsattack(path: Path = HRDSATTACK_TEST) -> list[HrdsArticle]:
    if not path.is_file():
        raise MissingSource(f"HRDsAttack test set not found: {path}")
    articles = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        sample = row["sample"]
        articles.append(
            HrdsArticle(
                event_id=int(sample["Input.GLOBALEVENTID"]),
                title=sample["Input.title"],
                date=str(sample["Input.publish_date"])[:10],
                paragraphs=paragraphs_of(sample["Input.article_interface"]),
            )
        )
    return articles


def required_sources() -> list[Path]:
    return [REPO_CORPUS / f"{ARTICLE_DOC_ID}.txt", HRW_CSV, HRDSATTACK_TEST]


def missing_sources() -> list[Path]:
    return [path for path in required_sources() if not path.is_file()]


def build_eval_corpus(dest: Path = DEFAULT_DEST) -> Path:
    """Write the mixed corpus into `dest` and return it; files already right are left alone.

    Unchanged files keep their modification time, so an index cached next to the corpus sees
    nothing new and a second evaluation run embeds nothing. Files in `dest` that the corpus does
    not hold are removed. `dest` must lie outside the repository: the shared corpora may not be
    copied into it.
    """
    dest = Path(dest).resolve()
    if dest == ROOT or ROOT in dest.parents:
        raise ValueError(f"the eval corpus must be built outside the repository, not in {dest}")
    missing = missing_sources()
    if missing:
        raise MissingSource("missing: " + ", ".join(str(path) for path in missing))
    dest.mkdir(parents=True, exist_ok=True)
    wanted: dict[str, bytes] = {
        source.name: source.read_bytes() for source in sorted(REPO_CORPUS.iterdir()) if source.is_file()
    }
    wanted[HRW_CSV.name] = HRW_CSV.read_bytes()
    articles = load_hrdsattack()
    for article in articles:
        wanted[f"{article.doc_id}.md"] = article.markdown().encode("utf-8")
    written = 0
    for name, content in wanted.items():
        target = dest / name
        if target.is_symlink() or (target.is_file() and target.read_bytes() != content):
            target.unlink()
        if not target.exists():
            target.write_bytes(content)
            written += 1
    for stale in dest.iterdir():
        if stale.name not in wanted:
            shutil.rmtree(stale) if stale.is_dir() and not stale.is_symlink() else stale.unlink()
    log.info("eval corpus %s: %d files, %d written", dest, len(wanted), written)
    return dest


def document_texts(corpus_dir: Path) -> dict[str, str]:
    """doc_id → raw text of every document in a built eval corpus (for checking spans).

    This reads the files as written (the AP article without its trailing `Sourse:` line, HRW rows'
    `text`, the markdown after its front matter); it is the text the spans are written against, not
    the engine's reading of it.
    """
    import csv

    texts: dict[str, str] = {}
    article = (corpus_dir / f"{ARTICLE_DOC_ID}.txt").read_text(encoding="utf-8")
    texts[ARTICLE_DOC_ID] = article
    csv.field_size_limit(sys.maxsize)
    with (corpus_dir / HRW_CSV.name).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            # Duplicate URLs hold identical texts; the first one stands for them.
            texts.setdefault(row["url"], row["text"])
    for path in sorted(corpus_dir.glob(f"{HRDSATTACK_PREFIX}*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        texts[path.stem] = body.strip("\n")
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", nargs="?", type=Path, default=DEFAULT_DEST)
    args = parser.parse_args(argv)
    try:
        dest = build_eval_corpus(args.dest)
    except (MissingSource, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{dest}: {len(document_texts(dest))} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
