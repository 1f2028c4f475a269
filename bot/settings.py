"""Settings from the environment and `.env` (pydantic-settings). Built only in `main`, never at import.

The variable names are the documented ones (README, .env.example); the engine's defaults are read
from `index.config.DEFAULTS`, never repeated here. `engine_config()` builds the frozen
`EngineConfig` section by section.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.unknown_settings import check_unknown
from index.config import (
    DEFAULTS,
    AnswerConfig,
    ChunkingConfig,
    EmbeddingConfig,
    EngineConfig,
    RetrievalConfig,
)

log = logging.getLogger(__name__)

MIB = 1024 * 1024
ENV_FILE = ".env"


def _int_list(value: object) -> list[int]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [int(v) for v in value]
    return [int(p) for p in str(value).replace(";", ",").split(",") if p.strip()]


def parse_channel_collections(value: object) -> dict[int, list[str]]:
    """CHANNEL_COLLECTIONS: "123:un;456:hrw,press", or a JSON object of id → list."""
    if value is None or value == "":
        return {}
    if isinstance(value, str) and value.strip().startswith("{"):
        value = json.loads(value)
    if isinstance(value, dict):
        items = [(k, v if isinstance(v, (list, tuple)) else str(v).split(",")) for k, v in value.items()]
    else:
        items = []
        for entry in str(value).split(";"):
            if not entry.strip():
                continue
            channel, sep, names = entry.partition(":")
            if not sep:
                raise ValueError(f"“{entry.strip()}” should be CHANNEL_ID:collection[,collection]")
            items.append((channel, names.split(",")))
    out: dict[int, list[str]] = {}
    for channel, names in items:
        cleaned = [str(n).strip() for n in names if str(n).strip()]
        if not cleaned:
            raise ValueError(f"channel {channel} lists no collection")
        out[int(str(channel).strip())] = cleaned
    return out


class Settings(BaseSettings):
    # env_ignore_empty: `ABSTAIN_THRESHOLD=` (as in .env.example) means "the default".
    model_config = SettingsConfigDict(
        env_file=ENV_FILE, env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    # Discord
    discord_token: SecretStr | None = Field(default=None, description="Bot token (secret).")
    dev_guild_id: int | None = Field(default=None, description="Sync commands to this guild at start.")
    moderator_role_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    # Empty: moderator commands work in every server the bot has joined (the corpus is shared).
    moderator_guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    listen_channel_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    ask_cooldown_seconds: float = Field(default=10.0, ge=0)
    ask_cooldown_rate: int = Field(default=3, ge=1)
    max_upload_bytes: int = Field(default=10 * MIB, ge=1)
    # Channel id → the collections questions there search; a thread follows its parent channel.
    # "123:un;456:hrw,press" (or JSON {"123": ["un"]}). Channels not listed search everything.
    channel_collections: Annotated[dict[int, list[str]], NoDecode] = Field(default_factory=dict)
    # /add url: and `quotebot add`: download limits, and hosts allowed although private.
    add_max_bytes: int = Field(default=10 * MIB, ge=1024)
    add_timeout_seconds: float = Field(default=20.0, gt=0)
    add_max_redirects: int = Field(default=5, ge=0, le=20)
    add_allow_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    answer_workers: int = Field(default=2, ge=1, le=16)
    answer_queue: int = Field(default=32, ge=1)
    log_level: str = "INFO"
    # Conversations: follow-ups in threads and reply chains, remembered in memory only.
    thread_answers: bool = False
    followup_turns: int = Field(default=5, ge=1, le=50)
    followup_minutes: float = Field(default=30.0, gt=0)
    # The question log (SQLite, one file in DATA_DIR): what was asked, answered and voted.
    data_dir: Path = Path("data")
    log_questions: bool = True
    question_log_days: float = Field(default=90.0, gt=0)

    # Engine: defaults from index.config
    corpus_dir: Path = DEFAULTS.corpus_dir
    index_dir: Path = DEFAULTS.index_dir
    model_name: str = DEFAULTS.model
    batch_size: int = Field(default=DEFAULTS.batch_size, ge=1)
    embed_backend: Literal["torch", "onnx", "onnx-int8"] = DEFAULTS.embedding.backend
    # Empty: the documents' backend.
    query_embed_backend: Literal["torch", "onnx", "onnx-int8"] | None = DEFAULTS.embedding.query_backend
    # Empty: <INDEX_DIR>/cache (vector cache and ONNX exports).
    embed_cache_dir: Path | None = DEFAULTS.embedding.cache_dir
    max_file_mb: float = Field(default=DEFAULTS.max_file_bytes / MIB, gt=0)
    max_document_chars: int = Field(default=DEFAULTS.max_document_chars, ge=1000)
    max_corpus_shrink: float = Field(default=DEFAULTS.max_corpus_shrink, ge=0, le=1)
    # Extra patterns, added to the built-in ones.
    boilerplate_patterns: Annotated[list[str], NoDecode] = Field(default_factory=list)
    approximate_above: int = Field(default=DEFAULTS.approximate_above, ge=0)
    chunk_max_chars: int = Field(default=DEFAULTS.chunking.max_chars, ge=100)
    chunk_min_chars: int = Field(default=DEFAULTS.chunking.min_chars, ge=0)
    dense_weight: float = Field(default=DEFAULTS.retrieval.dense_weight, ge=0)
    lexical_weight: float = Field(default=DEFAULTS.retrieval.lexical_weight, ge=0)
    fusion: Literal["rrf", "zscore"] = DEFAULTS.retrieval.fusion
    abstain_threshold: float = DEFAULTS.answer.abstain_threshold
    max_question_chars: int = Field(default=DEFAULTS.answer.max_question_chars, ge=10, le=4000)

    def __init__(self, **values: object) -> None:
        # A misspelt variable would otherwise be ignored silently and its default used.
        env_file = values.get("_env_file", self.model_config.get("env_file"))
        check_unknown(set(type(self).model_fields), env_file if isinstance(env_file, (str, Path)) else None)
        super().__init__(**values)

    @field_validator("moderator_role_ids", "moderator_guild_ids", "listen_channel_ids", mode="before")
    @classmethod
    def _split_ids(cls, v: object) -> list[int]:
        return _int_list(v)

    @field_validator("add_allow_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, v: object) -> list[str]:
        if v is None or v == "":
            return []
        if isinstance(v, (list, tuple)):
            return [str(h).strip() for h in v if str(h).strip()]
        return [h.strip() for h in str(v).replace(";", ",").split(",") if h.strip()]

    @field_validator("channel_collections", mode="before")
    @classmethod
    def _channel_map(cls, v: object) -> dict[int, list[str]]:
        return parse_channel_collections(v)

    def collections_for(self, channel_id: int | None) -> tuple[str, ...]:
        """The collections a channel (or a thread's parent channel) searches; () = all."""
        if channel_id is None:
            return ()
        return tuple(self.channel_collections.get(channel_id, ()))

    @field_validator("boilerplate_patterns", mode="before")
    @classmethod
    def _split_patterns(cls, v: object) -> list[str]:
        if v is None or v == "":
            return []
        if isinstance(v, (list, tuple)):
            return [str(p) for p in v]
        # One regex per line: commas and semicolons are legal inside regexes.
        return [p for p in str(v).splitlines() if p.strip()]

    def engine_config(self) -> EngineConfig:
        # Only what a variable sets; everything else keeps the dataclasses' own defaults.
        return EngineConfig(
            corpus_dir=self.corpus_dir,
            index_dir=self.index_dir,
            model=self.model_name,
            batch_size=self.batch_size,
            max_file_bytes=int(self.max_file_mb * MIB),
            max_document_chars=self.max_document_chars,
            max_corpus_shrink=self.max_corpus_shrink,
            boilerplate_patterns=(*DEFAULTS.boilerplate_patterns, *self.boilerplate_patterns),
            approximate_above=self.approximate_above,
            chunking=ChunkingConfig(max_chars=self.chunk_max_chars, min_chars=self.chunk_min_chars),
            embedding=EmbeddingConfig(
                backend=self.embed_backend, query_backend=self.query_embed_backend,
                cache_dir=self.embed_cache_dir,
            ),
            retrieval=RetrievalConfig(
                dense_weight=self.dense_weight, lexical_weight=self.lexical_weight, fusion=self.fusion
            ),
            answer=AnswerConfig(
                abstain_threshold=self.abstain_threshold,
                max_question_chars=self.max_question_chars,
            ),
        )
