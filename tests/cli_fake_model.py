"""`python -m tests.cli_fake_model ARGS…` runs `quotebot ARGS…` with the deterministic fake
embedder in place of the model, so subprocess tests see the real CLI (exit codes, stderr,
files on disk) without paying ~10 s of model loading per call."""

from __future__ import annotations

import sys

from index import engine
from tests.fakes import FakeEmbedder


def _fake(model: str, device: str = "cpu", on_load=None, **backends) -> FakeEmbedder:
    # Named like the configured model, so indexes it writes look like the real model's.
    return FakeEmbedder(name=model)


engine.LazyEmbedder = _fake  # type: ignore[misc, assignment]
if hasattr(engine, "SentenceTransformerEmbedder"):  # engines that load the model eagerly
    engine.SentenceTransformerEmbedder = _fake  # type: ignore[misc, assignment]

if __name__ == "__main__":
    from bot.cli import main

    raise SystemExit(main(sys.argv[1:]))
