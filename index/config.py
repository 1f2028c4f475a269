"""Engine configuration: frozen dataclasses so `index` never depends on the bot's settings.

The defaults live here and only here; `bot.settings.Settings` reads them from `DEFAULTS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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


@dataclass(frozen=True, slots=True)
class ChunkingConfig:
    # Characters, not tokens: MiniLM truncates at 256 word pieces (≈1,000 chars of English).
    # Changing either re-embeds the corpus (they are part of the index manifest).
    max_chars: int = 900
    min_chars: int = 200


@dataclass(frozen=True, slots=True)
class RetrievalConfig:
    """Hybrid search; defaults picked by bench/eval_answers.py and bench/beir.py."""

    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    # "zscore": z-scored cosine + BM25 mix over the union of candidates (SciFact train nDCG@10
    # 0.891 vs 0.864 for RRF; same answer hit rate on tests/data/questions.jsonl);
    # "rrf": weighted reciprocal-rank fusion with rrf_k.
    fusion: Literal["zscore", "rrf"] = "zscore"
    rrf_k: int = 60
    candidates: int = 50
    # Each retriever's own best few chunks are reported beside the fused hits (Retrieval.side_hits).
    side_hits: int = 3
    # BM25 weight of glossary alias terms against the words the user typed: aliases help recall
    # but must not outweigh the question's own words.
    expansion_weight: float = 0.5
    # How dense search keeps to a filter's chunks: "selector" (FAISS IDSelectorBatch) or
    # "overfetch" (search more, drop the rest). Picked by `python bench/filters.py`.
    filter_method: Literal["selector", "overfetch"] = "selector"
    # FAISS threads for one question's search (0 = FAISS's default, every core). One is faster
    # for a single query: with two, a busy box turned 0.2 ms into 20 ms at p95 (bench/run.py).
    search_threads: int = 1


# --- answer scoring: fitted by bench/fit_answer.py on the tuning half of the question set --------
UNIT_FEATURES = (
    "dense", "dense_gap", "coverage", "coverage_gap", "passage", "passage_coverage", "speaker_match",
    "speaker_other", "narrative_for_target", "attributed", "direct", "answer_type", "subject",
    "lead", "answer_focus", "event",
)
ABSTAIN_FEATURES = (
    "best_unit", "best_dense", "best_chunk_coverage", "best_doc_coverage", "unknown_names",
    "best_unit_coverage", "best_unit_dense", "best_unit_focus",
)


@dataclass(frozen=True, slots=True)
class AnswerWeights:
    """Logistic-regression coefficients: a unit's score is w·features + bias (a logit), and the
    question is answered when sigmoid(a·question features + bias) ≥ the abstain threshold.

    Refit with `python bench/fit_answer.py --write`; never hand-tune these."""

    unit: tuple[float, ...] = (1.0553, 2.7230, -0.2610, 1.9021, 2.0285, 2.0078, 1.9680, -1.9179, -0.8766, -0.5130, 0.4458, 0.6783, 1.7037, 1.3794, 2.0728, 0.7616,)
    unit_bias: float = -5.9458
    abstain: tuple[float, ...] = (0.9419, 0.7893, 1.6755, 1.4592, -0.0092, 0.6540, 1.5402, -0.8983,)
    abstain_bias: float = -2.6829
    # Quotes after the first must score within this many logits of it.
    keep_within: float = 2.5
    # Passages whose sentences are candidates, out of the chunks retrieved per question.
    top_passages: int = 12
    retrieve_k: int = 16
    # Statements of the question's target taken from outside those passages (closest first).
    target_statements: int = 40
    # "Did X do Y?": sentences where X does Y are read from this many of the best documents.
    settling_documents: int = 5
    # "What did X say about Y": one of X's statements must hold this share of Y's terms (and
    # Y's most specific one), or be this close to Y's vector alone, else "no statement from X
    # on Y". The similarity is the midpoint of the tuning half's gap between topics X did not
    # speak on (at most 0.43) and those X spoke on that the words miss (at least 0.53).
    about_min_coverage: float = 0.34
    about_min_topic_dense: float = 0.48


@dataclass(frozen=True, slots=True)
class AnswerConfig:
    """Answer selection; tuned together with retrieval (bench/fit_answer.py, bench/eval_answers.py)."""

    # Answer when the fitted answer probability reaches this (bench/fit_answer.py picks it).
    abstain_threshold: float = 0.22
    weights: AnswerWeights = AnswerWeights()
    max_quotes: int = 4
    # The one question-length limit: the engine enforces it, the bot advertises it to Discord.
    max_question_chars: int = 500
    # "What did X say": the statement rows of this many recent targets are kept per loaded index
    # (looking them up was most of a warm ask's tail, bench/run.py); 0 = look up every time.
    cached_targets: int = 512
    # Folded texts of this many recently read documents, for the abstention features' phrase
    # coverage (an article is folded whole when its entity is not named by its short form).
    folded_documents: int = 128
    # Unit vectors are stored as float16; up to this many MB of them are kept as float32 too, so
    # a question's similarity to 15,000 statements is one product, not a conversion per question
    # (index/unit_similarity.py). 0 = convert the candidates' rows on every question.
    float32_units_mb: int = 256


EmbedBackend = Literal["torch", "onnx", "onnx-int8"]


@dataclass(frozen=True, slots=True)
class EmbeddingConfig:
    """How vectors are computed and kept (bench/backends.py measures each backend)."""

    # Documents: chunks and answer units at build time. Recorded in the index manifest; changing
    # it re-embeds the corpus (vectors already in the cache for that backend are reused).
    backend: EmbedBackend = "torch"
    # Questions; None = the documents' backend. Any backend of the same model may query an index:
    # the vectors share the model's space. int8: a question's encode 3.3× faster, SciFact train
    # fused nDCG@10 and the mixed set's tune hits unchanged within noise (docs/scaling.md, "Warm
    # ask latency"); its export is made once per EMBED_CACHE_DIR on the first question.
    query_backend: EmbedBackend | None = "onnx-int8"
    # Vector cache and ONNX exports; None = `<index_dir>/cache`. Outside the repo by design: it
    # is what lets a killed build resume.
    cache_dir: Path | None = None
    # Keep every computed vector, keyed by (model, backend, text hash): a rerun embeds only
    # texts it has never seen.
    vector_cache: bool = True
    # Chunks per cache write (and per progress line): the most a killed build loses.
    cache_batch: int = 256
    # Answer sentences per encode call. On stop 26's Xeon 16 was no faster than 64 (36.6 / 37.9
    # s against 36.1 / 36.8 s); on stop 28's AMD EPYC 16 ran at 105 / 106 sentences/s against
    # 97 / 95 and the encode's peak memory was 626 MB against 798 (the build's peak is in this
    # stage), so 16 (docs/scaling.md, stop 28).
    sentence_batch_size: int = 16


@dataclass(frozen=True, slots=True)
class VerifyConfig:
    """Checking a claimed quote (`Engine.verify`, index/verify.py)."""

    # A quote to check, not an essay: Discord's option is told the same limit.
    max_claim_chars: int = 1000
    # Fewer words than this occur verbatim almost anywhere ("we will"): nothing to check.
    min_claim_words: int = 3
    # "…" joins pieces of one passage: each piece must start within this many characters of
    # the end of the one before it (about two sentences), in the same document.
    max_gap_chars: int = 1000
    # Passages from the hybrid search whose wording is compared with the claim, and how far
    # beyond each passage's edges (characters) a claim may run.
    candidate_passages: int = 12
    window_margin_chars: int = 300
    # The closest wording is shown ("not verbatim") when its words are at least this similar
    # (difflib ratio) to the claim's, else "not found". Picked on `python bench/verify.py
    # --seed 1` (best balanced accuracy of the 0.30-0.80 sweep: 0.975 at 0.35, 0.923 at 0.50);
    # the figures in bench/README.md are seed 0's, a set generated apart from the one it was picked on.
    close_enough: float = 0.35


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Everything the engine reads. Frozen: derive variants with `dataclasses.replace`."""

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path(".index")
    model: str = DEFAULT_MODEL
    device: str = "cpu"
    # Chunks per encode call. Smaller batches of the builder's length-sorted chunks pad less: a
    # build of 150 UN speeches spent 31.1 / 32.4 s embedding chunks at 16 against 38.9 / 39.3 s
    # at 64, alternating on a quiet 2-core box (docs/scaling.md, stop 26). Answer sentences have
    # their own size, `EmbeddingConfig.sentence_batch_size`.
    batch_size: int = 16
    max_file_bytes: int = 50 * 1024 * 1024
    # One document's cleaned text. The longest real document in ../shared is 60 KB (a UN General
    # Debate speech); a 500-page UN report is ~1.5 M characters. 2 M ≈ 2,300 chunks to embed.
    max_document_chars: int = 2_000_000
    # A build that would drop more than this share of the indexed documents (or all of them) is
    # refused unless forced: an unmounted volume looks just like a deleted corpus.
    max_corpus_shrink: float = 0.5
    boilerplate_patterns: tuple[str, ...] = DEFAULT_BOILERPLATE
    glossary_file: str = "glossary.toml"
    # Above this many chunks FAISS switches from exact search to HNSW.
    approximate_above: int = 200_000
    chunking: ChunkingConfig = ChunkingConfig()
    embedding: EmbeddingConfig = EmbeddingConfig()
    retrieval: RetrievalConfig = RetrievalConfig()
    answer: AnswerConfig = AnswerConfig()
    verify: VerifyConfig = VerifyConfig()

    @property
    def glossary_path(self) -> Path:
        return self.corpus_dir / self.glossary_file

    @property
    def cache_dir(self) -> Path:
        return self.embedding.cache_dir or self.index_dir / "cache"

    @property
    def query_backend(self) -> str:
        return self.embedding.query_backend or self.embedding.backend


# The defaults, for `Settings` to read instead of repeating them.
DEFAULTS = EngineConfig()
