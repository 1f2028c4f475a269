"""bot.service: the engine, the tests' in-memory engine and the not-ready stand-in all are
AnswerServices — same members, same parameters — so the bot can be given any of them."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from bot.service import AnswerService, NotReady
from doubles.engine import FakeEngine
from index.config import EngineConfig
from index.engine import Engine
from index.errors import QuotebotError

MEMBERS = [name for name in dir(AnswerService) if not name.startswith("_") and callable(getattr(AnswerService, name))]


@pytest.fixture(params=["engine", "fake", "not ready"])
def service(request, tmp_path: Path):
    config = EngineConfig(corpus_dir=tmp_path, index_dir=tmp_path / "index")
    return {"engine": lambda: Engine(config), "fake": lambda: FakeEngine(tmp_path),
            "not ready": lambda: NotReady(config)}[request.param]()


def test_protocol_lists_what_the_bot_calls():
    assert set(MEMBERS) == {"ask", "search", "verify", "document_meta", "documents", "stats", "reindex_status", "reindex",
                            "facets", "find_url", "document_report", "speakers", "said"}


def test_each_implementation_is_an_answer_service(service):
    assert isinstance(service, AnswerService)
    assert isinstance(service.config, EngineConfig)


@pytest.mark.parametrize("member", MEMBERS)
def test_each_method_takes_the_protocols_parameters(service, member):
    def shape(fn) -> list[tuple[str, object]]:
        return [(p.name, p.default) for p in inspect.signature(fn).parameters.values() if p.name != "self"]

    assert shape(getattr(service, member)) == shape(getattr(AnswerService, member))


@pytest.mark.parametrize("call", [lambda s: s.ask("what did OHCHR say?"), lambda s: s.search("OHCHR"),
                                  lambda s: s.verify("civilians must be protected"),
                                  lambda s: s.said("OHCHR"),
                                  lambda s: s.reindex()])
def test_not_ready_says_so_instead_of_answering(tmp_path, call):
    with pytest.raises(QuotebotError, match="not loaded yet"):
        call(NotReady(EngineConfig(corpus_dir=tmp_path)))
