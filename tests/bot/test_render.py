"""bot.render / bot.text: Discord limits, clean splitting, escaping."""

from __future__ import annotations

import pytest

from bot.render import (
    CLOSEST_TITLE,
    NOT_FOUND,
    Message,
    progress_line,
    render_about,
    render_answer,
    render_search,
    render_sources_page,
    render_summary,
)
from bot.text import escape, link, shorten
from index.types import (
    Answer,
    BuildSummary,
    Chunk,
    DocMeta,
    DocumentInfo,
    Hit,
    Quote,
    Skipped,
    Source,
)


def quote(i: int, text: str, speaker: str | None = "Volker Türk", kind: str = "direct") -> Quote:
    meta = DocMeta(title=f"Title {i}", url=f"https://example.org/{i}", source="Outlet", date="2024-01-02")
    return Quote(text=text, doc_id=f"d{i}", start=0, end=len(text), meta=meta, speaker=speaker,
                 citation=i, kind=kind if speaker else "excerpt")


def answer(quotes: list[Quote], n_sources: int | None = None) -> Answer:
    n = len(quotes) if n_sources is None else n_sources
    sources = [Source(i, f"d{i}", DocMeta(f"Title {i} " + "t" * 150, f"https://example.org/{i}", "Outlet", "2024-01-02"))
               for i in range(1, n + 1)]
    return Answer(question="q", abstained=False, answer="", quotes=quotes, sources=sources)


def assert_within_limits(messages: list[Message]) -> None:
    for m in messages:
        assert len(m.content) <= 2000
        assert len(m.embeds) <= 10
        total = 0
        for e in m.embeds:
            assert len(e.get("title", "")) <= 256
            assert len(e.get("description", "")) <= 4096
            assert len(e.get("fields", [])) <= 25
            for f in e.get("fields", []):
                assert len(f["name"]) <= 256 and len(f["value"]) <= 1024
            total += len(e.get("title", "")) + len(e.get("description", "")) + len(e.get("footer", {}).get("text", ""))
            total += sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", []))
        assert total <= 6000


def test_huge_answer_respects_every_limit():
    quotes = [quote(i, f"Sentence number {i} " + "word " * 300) for i in range(1, 40)]
    messages = render_answer(answer(quotes, n_sources=200))
    assert len(messages) > 1
    assert_within_limits(messages)
    shown = "".join(m.embeds[0].get("description", "") for m in messages)
    for q in quotes:  # every quote is there, whole, in exactly one message
        assert sum(q.text.strip() in m.embeds[0].get("description", "") for m in messages) == 1
    assert shown.count("[39]") == 1


def test_split_never_cuts_inside_a_quote():
    quotes = [quote(i, f"Q{i} start " + "lorem ipsum " * 120 + f"Q{i} end.") for i in range(1, 12)]
    for m in render_answer(answer(quotes)):
        description = m.embeds[0].get("description", "")
        assert description.count("start") == description.count("end.")


def test_single_oversized_quote_is_shortened_at_a_word_with_a_mark():
    text = "alpha beta gamma " * 600
    [message] = render_answer(answer([quote(1, text)]))
    assert_within_limits([message])
    description = message.embeds[0]["description"]
    body = description.split("\n— ")[0].removeprefix("> ")
    assert body.endswith(" …")
    assert text.startswith(body.removesuffix(" …"))  # verbatim up to the cut
    assert body.removesuffix(" …").split(" ")[-1] in {"alpha", "beta", "gamma"}


def test_quote_has_speaker_citation_and_source_link():
    [message] = render_answer(answer([quote(1, "Civilians must be protected.")]))
    embed = message.embeds[0]
    assert "> Civilians must be protected." in embed["description"]
    assert "— **Volker Türk** [1]" in embed["description"]
    assert embed["fields"][0]["value"].startswith("[1] [Title 1 ")
    assert "](https://example.org/1) — Outlet, 2024-01-02" in embed["fields"][0]["value"]


def test_a_hard_wrapped_quote_is_one_blockquote_line():
    [message] = render_answer(answer([quote(1, "We were never asked whether we \nagreed to any of this.")]))
    assert "> We were never asked whether we agreed to any of this.\n— **Volker Türk** [1]" in (
        message.embeds[0]["description"])


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("direct", "— **Volker Türk** [1]"),
        ("mixed", "— **Volker Türk**, as reported by the article [1]"),
        ("reported", "— **Volker Türk**, as reported by the article [1]"),
        ("publisher", "— **Volker Türk** (own publication) [1]"),
    ],
)
def test_only_direct_quotes_read_as_the_speakers_own_words(kind, label):
    [message] = render_answer(answer([quote(1, "Civilians must be protected.", kind=kind)]))
    assert label in message.embeds[0]["description"]


def test_narrative_is_labelled_as_the_articles_text():
    [message] = render_answer(answer([quote(1, "The office issued a report.", speaker=None)]))
    assert "— from the article [1]" in message.embeds[0]["description"]


def test_abstention_shows_the_engines_reason():
    ans = Answer("q", True, "The corpus mentions Volker Türk but quotes nothing from them.")
    [message] = render_answer(ans)
    assert message.content == "The corpus mentions Volker Türk but quotes nothing from them."


@pytest.mark.parametrize(
    ("raw", "forbidden"),
    [
        ("hello @everyone", "@everyone"),
        ("hi @here now", "@here"),
        ("role <@&123> ping", "<@&123>"),
        ("user <@456> ping", "<@456>"),
        ("user <@!12345678901234567> ping", "<@!"),
        ("channel <#789>", "<#789>"),
        ("a [click](https://evil.example) b [two](https://x.example)", "](https"),
        ("||spoiler||", "||spoiler||"),
        ("`code`", "`code`"),
        ("**bold**", "**bold**"),
    ],
)
def test_escape_neutralises_mentions_and_markdown(raw, forbidden):
    assert forbidden not in escape(raw)


@pytest.mark.parametrize("raw", ["# Heading", "> quoted", "- item"])
def test_escape_line_start_markdown(raw):
    assert escape(raw).startswith("\\")


def test_quote_text_with_markdown_is_escaped_in_answer():
    [message] = render_answer(answer([quote(1, "# Big\n**loud** @everyone [x](https://e.example)")]))
    description = message.embeds[0]["description"]
    assert "> \\# Big" in description and "\\*\\*loud\\*\\*" in description
    assert "@everyone" not in description


def test_link_sanitises_title_and_url():
    assert link("a [b] c", "https://e.example/x y)") == "[a (b) c](https://e.example/x%20y%29)"
    assert link("t", "javascript:alert(1)") == "**t**"


def test_shorten_keeps_short_text():
    assert shorten("short", 10) == "short"
    assert shorten("one two three four", 12) == "one two …"


def test_abstention_says_so_and_labels_closest():
    closest = [quote(1, "Loosely related words.")]
    messages = render_answer(Answer(question="q", abstained=True, answer="", closest=closest))
    assert messages[0].content == NOT_FOUND
    assert messages[0].embeds[0]["title"] == CLOSEST_TITLE
    bare = render_answer(Answer(question="q", abstained=True, answer=""))
    assert bare == [Message(content=NOT_FOUND)]


def test_search_results_within_limits():
    hits = [Hit(Chunk("d1", i, 0, 10, "passage " * 400), 1.0) for i in range(8)]
    metas = {"d1": DocMeta(title="Doc", url="https://e.example", source="Outlet", date="2024")}
    messages = render_search("q", hits, metas)
    assert_within_limits(messages)
    assert "[Doc](https://e.example) — Outlet, 2024" in messages[0].embeds[0]["description"]


def test_sources_page_clamps_and_counts():
    docs = [DocumentInfo(f"d{i}", DocMeta(title=f"T{i}", source="S", date="2024"), chunks=1) for i in range(25)]
    m = render_sources_page(docs, page=7, per_page=10)
    assert m.embeds[0]["footer"]["text"] == "Page 3/3 · 25 documents"
    assert "**21.** **T20** — S, 2024" in m.embeds[0]["description"]
    assert render_sources_page([], 0, query="x").content.startswith("No documents")


def test_about_and_progress():
    m = render_about({"documents": 1200, "chunks": 3400, "model": "m", "built_at": "2024-01-01", "built_by": "mod"})
    values = {f["name"]: f["value"] for f in m.embeds[0]["fields"]}
    assert values["Documents"] == "1,200" and values["Last reindex"] == "2024-01-01 by mod"
    assert progress_line("embedding", 1200, 3400) == "Reindex: embedding 1,200 / 3,400 chunks"


def test_summary_is_truncated_and_lists_reasons():
    s = BuildSummary(added=[f"doc{i}" for i in range(50)], skipped=[Skipped(f"bad{i}.pdf", "x" * 300) for i in range(40)],
                     documents=50, chunks=99)
    text = render_summary(s)
    assert len(text) <= 2000
    assert "**Added (50):**" in text and "and 40 more" in text
    assert "- bad0.pdf: " in text
