"""bench/eval_corpus.py: HRDsAttack HTML to markdown, and the mixed corpus built from ../shared."""

from __future__ import annotations

import pytest

from bench.eval_corpus import (
    ROOT,
    HrdsArticle,
    build_eval_corpus,
    document_texts,
    missing_sources,
    paragraphs_of,
)

needs_shared = pytest.mark.skipif(bool(missing_sources()), reason="../shared corpora are absent")


@pytest.mark.parametrize(
    ("html", "paragraphs"),
    [
        ("<p>One &amp; two</p> <p>  </p><p>Three\n  four</p>", ("One & two", "Three four")),
        ("<p>He said &#8220;no&#8221;.</p>", ("He said “no”.",)),
        ("<p>A <a href='x'>link</a> inside</p>", ("A link inside",)),
    ],
)
def test_paragraphs_are_decoded_and_collapsed(html, paragraphs):
    assert paragraphs_of(html) == paragraphs


def test_markdown_has_front_matter_then_blank_line_separated_paragraphs():
    article = HrdsArticle(7, "Iran: a title\nsplit", "2020-04-24", ("First.", "Second."))
    assert article.doc_id == "hrdsattack_test_7"
    assert article.markdown() == (
        "---\ntitle: Iran: a title split\ndate: 2020-04-24\n---\n\nFirst.\n\nSecond.\n"
    )


def test_refuses_to_build_inside_the_repository():
    with pytest.raises(ValueError, match="outside the repository"):
        build_eval_corpus(ROOT / "tmp-eval-corpus")


@pytest.mark.slow
@needs_shared
def test_builds_copies_with_every_document(tmp_path):
    corpus = build_eval_corpus(tmp_path / "corpus")
    texts = document_texts(corpus)
    assert len([d for d in texts if d.startswith("hrdsattack_test_")]) == 100
    assert "000_9b4a88675f401c22" in texts and len(texts) == 488
    assert not any(p.is_symlink() for p in corpus.iterdir())


@pytest.mark.slow
@needs_shared
def test_a_second_build_rewrites_nothing_and_drops_strays(tmp_path):
    corpus = build_eval_corpus(tmp_path / "corpus")
    stamps = {p.name: p.stat().st_mtime_ns for p in corpus.iterdir()}
    (corpus / "stray.txt").write_text("not part of the corpus")
    build_eval_corpus(corpus)
    assert {p.name: p.stat().st_mtime_ns for p in corpus.iterdir()} == stamps
