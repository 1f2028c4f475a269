"""Small fictional articles that tests and the load benchmark index (no real outlet or statement)."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "alpha.txt": (
        "River agency warns of floods in Eastland\n\n"
        "EASTPORT — The Eastland River Agency (ERA) said on Monday it was “deeply worried” about "
        "rising water levels along the northern valley.\n\n"
        "“We have raised these concerns with the ministry and we expect action,” spokeswoman "
        "Mara Quint told reporters. She said the agency would publish daily bulletins.\n\n"
        "Farmers in the valley said their fields were already under water.\n\n"
        "Source: example-news.test\n"
    ),
    "beta.md": (
        "---\ntitle: Orchestra tour cancelled\nurl: https://example.test/orchestra\n"
        "date: 2024-03-02\nsource: Example Arts\n---\n"
        "The Northern Symphony cancelled its spring tour after a dispute over fees.\n\n"
        "“It breaks my heart,” conductor Ilse Varga said. “We will be back next year.”\n"
    ),
    "gamma.txt": (
        "Chess club opens in old library\n\n"
        "A chess club opened in the old municipal library on Saturday, with forty boards and "
        "free lessons for children. Organiser Tomas Beck said the club would meet every weekend."
    ),
}


def write_corpus(root: Path, articles: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or ARTICLES).items():
        (root / name).write_text(text, encoding="utf-8")
    return root
