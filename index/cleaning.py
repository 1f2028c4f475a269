"""Text and metadata normalisation shared by every corpus reader.

The cleaned text is what gets stored: every quote the bot shows is a verbatim substring of it,
so cleaning only removes (page furniture, metadata lines) and never rewrites article characters.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from index.attribution import sentence_spans
from index.config import ATTRIBUTION_LINE

log = logging.getLogger(__name__)

_BLANK_RUNS = re.compile(r"\n{3,}")
_ATTRIBUTION = re.compile(ATTRIBUTION_LINE)
_GDELT_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})T\d{6}Z?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_DATE_FORMATS = ("%Y/%m/%d", "%Y%m%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")

TITLE_LINE_MAX = 120
TITLE_SENTENCE_MAX = 90
# Far more than a title sentence needs; a speech with no blank line is one paragraph, and splitting
# all of it into sentences for its first one cost a third of reading the UN corpus.
TITLE_SCAN_CHARS = 2_000


def normalise_text(text: str) -> str:
    """Line endings, trailing spaces, blank-line runs, NFC; the characters themselves stay."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


@lru_cache(maxsize=16)
def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def strip_boilerplate(text: str, patterns: Iterable[str]) -> str:
    """Remove what the patterns match on each stripped line; drop lines left empty.

    Removing only the match (not the whole line) matters for HRW, where one photo caption sits
    at the end of a paragraph of article text that must survive.
    """
    compiled = _compile(tuple(patterns))
    if not compiled:
        return text
    kept: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            kept.append(line)
            continue
        cleaned = stripped
        for pattern in compiled:
            cleaned = pattern.sub("", cleaned)
        if cleaned == stripped:
            kept.append(line)
        elif cleaned.strip():
            kept.append(cleaned.rstrip())
    return "\n".join(kept)


def clean_text(text: str, patterns: Iterable[str]) -> str:
    # Normalise first so patterns see \n line ends; again after, to fold the gaps left behind.
    return normalise_text(strip_boilerplate(normalise_text(text), patterns))


def split_attribution(text: str) -> tuple[str, str]:
    """Strip trailing "Source: …" lines; return (text, attributed outlet or "")."""
    lines = text.rstrip().split("\n")
    source = ""
    while lines:
        if not lines[-1].strip():
            lines.pop()
            continue
        match = _ATTRIBUTION.match(lines[-1])
        if not match:
            break
        # The topmost line of a trailing block wins: it is the one a reader sees first.
        source = outlet_of(match.group("value").strip())
        lines.pop()
    return "\n".join(lines).rstrip(), source


def outlet_of(value: str) -> str:
    """An attribution may be a bare outlet ("abcnews.go.com") or a full link."""
    if "://" in value:
        return host_of(value) or value
    return value.removeprefix("www.")


def host_of(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def normalise_url(url: str) -> str:
    """Key for duplicate detection: the same article reached through tracking links is one."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_")
    ]
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def text_key(text: str) -> str:
    """Key for duplicate detection by content: case and whitespace differences do not count."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


def normalise_date(value: str) -> str:
    """ISO "YYYY-MM-DD" when the value is a date we recognise, else the original string."""
    value = value.strip()
    if not value:
        return ""
    for pattern in (_GDELT_STAMP, _ISO_DATE):
        match = pattern.match(value)
        if match:
            y, m, d = match.groups()
            try:
                return datetime(int(y), int(m), int(d)).date().isoformat()
            except ValueError:
                return value
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value


# "GENEVA — ", "GENEVA (AP) — ": where the story was filed, not part of a title.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}(?:\s*\([A-Za-z. ]{1,20}\))?\s*[—–-]\s+(?=[A-Z“\"])")


def derive_title(text: str) -> str:
    """A short first line that is not a sentence is a headline; else the first sentence, cut."""
    paragraph = text.strip().split("\n\n", 1)[0]
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    if not lines:
        return ""
    first = lines[0]
    # Markdown headings carry their own markers; the title should not.
    first = first.lstrip("#").strip() if first.startswith("#") else first
    # A line that the next line continues is a hard-wrapped sentence (UN speeches), not a headline.
    if len(lines) == 1 or lines[0].startswith("#"):
        if first and len(first) <= TITLE_LINE_MAX and not first.endswith("."):
            return first
    joined = " ".join([first, *lines[1:]])[:TITLE_SCAN_CHARS]
    # The abbreviation-aware splitter: "The U.N. human rights office …" is one sentence.
    spans = sentence_spans(joined)
    sentence = joined[spans[0][0] : spans[0][1]] if spans else joined
    sentence = _DATELINE.sub("", sentence, count=1).strip()
    return shorten(sentence, TITLE_SENTENCE_MAX)


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `---`-delimited `key: value` front matter off the text; (meta, body).

    Only a block made entirely of simple key/value lines counts, so a text that merely starts
    with a horizontal rule is left alone.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        stripped = line.strip()
        if stripped in ("---", "..."):
            return meta, "\n".join(lines[i + 1 :])
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()):
            return {}, text
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key.strip().lower()] = value
    return {}, text
