"""Engine configuration: a plain dataclass so `index` never depends on the bot's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "bundled:all-MiniLM-L6-v2"

# Page furniture, not article text. Each regex is applied to a stripped line; what it matches is
# removed and a line left empty is dropped (anchored ^…$ patterns drop whole lines).
DEFAULT_BOILERPLATE = (
    # HRW photo captions run to the end of their line; one sits after article text on its line.
    r"(?i)\bclick to expand image\b.*$",
    r"(?i)^(photo|image|file photo)\s*:.*©.*$",
    r"(?i)^(share this|share on|follow us on|sign up for|subscribe to)\b.{0,80}$",
    r"(?i)^advertisement$",
    r"(?i)^copyright ©? ?\d{4} the associated press\..*$",
)

# Trailing attribution lines are metadata (the outlet), never article text. "Sourse" is a typo
# that real feeds contain.
ATTRIBUTION_LINE = r"(?i)^\s*(source|sourse|via|originally published (?:at|by|on))\s*:\s*(?P<value>\S.{0,200}?)\s*$"


@dataclass(slots=True)
class EngineConfig:
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path(".index")
    model: str = DEFAULT_MODEL
    device: str = "cpu"
    batch_size: int = 64
    # Characters, not tokens: MiniLM truncates at 256 word pieces (≈1,000 chars of English).
    chunk_max_chars: int = 900
    chunk_min_chars: int = 200
    max_file_bytes: int = 50 * 1024 * 1024
    # One document's cleaned text. The longest real document in ../shared is 60 KB (a UN General
    # Debate speech); a 500-page UN report is ~1.5 M characters. 2 M ≈ 2,300 chunks to embed.
    max_document_chars: int = 2_000_000
    # A build that would drop more than this share of the indexed documents (or all of them) is
    # refused unless forced: an unmounted volume looks just like a deleted corpus.
    max_corpus_shrink: float = 0.5
    boilerplate_patterns: tuple[str, ...] = DEFAULT_BOILERPLATE
    glossary_file: str = "glossary.toml"
    # Retrieval / answer knobs; defaults picked by bench/eval_answers.py and bench/beir.py.
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    rrf_k: int = 60
    # "zscore": z-scored cosine + BM25 mix over the union of candidates (SciFact train nDCG@10
    # 0.891 vs 0.864 for RRF; same answer hit rate on tests/data/questions.jsonl);
    # "rrf": weighted reciprocal-rank fusion with rrf_k.
    fusion: str = "zscore"
    candidates: int = 50
    abstain_threshold: float = 0.48
    max_quotes: int = 4
    # Candidate sentences re-scored by embedding similarity (0 = off). 6 lifts the answer hit
    # rate 0.79 -> 0.81 on the question set but adds ~100 ms per answer on 2 cores.
    rerank_sentences: int = 0
    # Above this many chunks FAISS switches from exact search to HNSW.
    approximate_above: int = 200_000
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def glossary_path(self) -> Path:
        return self.corpus_dir / self.glossary_file
