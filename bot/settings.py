"""Settings from the environment and `.env` (pydantic-settings). Built only in `main`, never at import."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from index.config import DEFAULT_MODEL, EngineConfig

log = logging.getLogger(__name__)


def _int_list(value: object) -> list[int]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [int(v) for v in value]
    return [int(p) for p in str(value).replace(";", ",").split(",") if p.strip()]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Discord
    discord_token: SecretStr | None = Field(default=None, description="Bot token (secret).")
    dev_guild_id: int | None = Field(default=None, description="Sync commands to this guild at start.")
    moderator_role_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    # Empty: moderator commands work in every server the bot has joined (the corpus is shared).
    moderator_guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    listen_channel_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    ask_cooldown_seconds: float = Field(default=10.0, ge=0)
    ask_cooldown_rate: int = Field(default=3, ge=1)
    max_question_chars: int = Field(default=500, ge=10, le=4000)
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1)
    answer_workers: int = Field(default=2, ge=1, le=16)
    answer_queue: int = Field(default=32, ge=1)

    # Engine
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path(".index")
    model_name: str = DEFAULT_MODEL
    batch_size: int = Field(default=64, ge=1)
    chunk_max_chars: int = Field(default=900, ge=100)
    chunk_min_chars: int = Field(default=200, ge=0)
    max_file_mb: float = Field(default=50.0, gt=0)
    max_document_chars: int = Field(default=2_000_000, ge=1000)
    max_corpus_shrink: float = Field(default=0.5, ge=0, le=1)
    boilerplate_patterns: Annotated[list[str], NoDecode] = Field(default_factory=list)
    abstain_threshold: float | None = None
    dense_weight: float | None = None
    lexical_weight: float | None = None
    approximate_above: int | None = None
    fusion: Literal["rrf", "zscore"] | None = None
    rerank_sentences: int | None = Field(default=None, ge=0, le=50)
    log_level: str = "INFO"

    @field_validator("moderator_role_ids", "moderator_guild_ids", "listen_channel_ids", mode="before")
    @classmethod
    def _split_ids(cls, v: object) -> list[int]:
        return _int_list(v)

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
        cfg = EngineConfig(
            corpus_dir=self.corpus_dir,
            index_dir=self.index_dir,
            model=self.model_name,
            batch_size=self.batch_size,
            chunk_max_chars=self.chunk_max_chars,
            chunk_min_chars=self.chunk_min_chars,
            max_file_bytes=int(self.max_file_mb * 1024 * 1024),
            max_document_chars=self.max_document_chars,
            max_corpus_shrink=self.max_corpus_shrink,
        )
        if self.boilerplate_patterns:
            cfg.boilerplate_patterns = (*cfg.boilerplate_patterns, *self.boilerplate_patterns)
        for name in ("abstain_threshold", "dense_weight", "lexical_weight", "approximate_above",
                     "fusion", "rerank_sentences"):
            value = getattr(self, name)
            if value is not None:
                setattr(cfg, name, value)
        return cfg
