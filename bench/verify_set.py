"""The quote-checking set of bench/verify.py, generated from an index and PolNeAR, seeded.

Four classes, `n` items each:
- **true**: a statement's own words (direct quotes first, then the publisher's sentences) from
  an HRW document, as people retype them: straight quote marks, wrapped in quotes, lower case,
  doubled spaces or a line break, or a middle run of words left out with "…" / "...";
- **changed**: another true quote with one or two words changed: replaced by a synonym or a
  word from elsewhere in the set, deleted, or a word inserted;
- **paraphrase** (no LLM here: rules): reported speech (pronouns I/we → he/they, tenses
  backshifted, "<speaker> said that …"), synonym swaps of several words from a fixed list, and
  the two halves of a sentence swapped at a clause comma; kept when at least three words moved;
- **outside**: sentences of PolNeAR articles (2016 US political news, not in the corpus).

Every changed, paraphrased and outside item is checked not to occur verbatim in the corpus.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from index.attribution import sentence_spans
from index.store import IndexState
from index.verify_text import normalise, pieces

CLASSES = ("true", "changed", "paraphrase", "outside")
EXPECTED = {"true": "verbatim", "changed": "not verbatim", "paraphrase": "not verbatim", "outside": "not found"}

SYNONYMS = {
    "government": "authorities", "authorities": "officials", "officials": "authorities",
    "people": "individuals", "must": "should", "should": "must", "children": "minors",
    "killed": "slain", "including": "such as", "ensure": "guarantee", "protect": "safeguard",
    "rights": "freedoms", "immediately": "at once", "stop": "halt", "continue": "keep",
    "release": "free", "arrested": "detained", "detained": "held", "violations": "abuses",
    "abuses": "violations", "serious": "grave", "important": "crucial", "help": "assist",
    "country": "nation", "international": "global", "need": "require", "use": "employ",
    "many": "numerous", "also": "additionally", "however": "but", "because": "since",
    "show": "demonstrate", "women": "female", "attacks": "assaults", "end": "halt",
    "take": "adopt", "urgent": "pressing", "allow": "permit", "prevent": "stop", "said": "stated",
    "security": "safety", "forces": "troops", "civilians": "non-combatants", "law": "legislation",
    "investigate": "look into", "accountable": "answerable", "threat": "danger",
    "risk": "danger", "support": "back", "pressure": "press", "fair": "just", "free": "release",
    "clear": "obvious", "act": "move", "action": "steps", "provide": "give", "access": "entry",
    "large": "big", "small": "little", "new": "fresh", "often": "frequently", "very": "highly",
}
PRONOUNS = {"i": "he", "me": "him", "my": "his", "mine": "his", "we": "they", "us": "them",
            "our": "their", "ours": "theirs", "myself": "himself", "ourselves": "themselves"}
BACKSHIFT = {"is": "was", "are": "were", "am": "was", "will": "would", "can": "could", "has": "had",
             "have": "had", "may": "might", "shall": "should", "don't": "didn't", "won't": "wouldn't",
             "can't": "couldn't", "isn't": "wasn't", "aren't": "weren't"}
_TOKEN = re.compile(r"\S+")
_CORE = re.compile(r"^([^\w]*)([\w'’-]+)([^\w]*)$")


@dataclass
class Item:
    cls: str
    text: str
    doc_id: str = ""  # where the words come from (empty for outside)
    start: int = 0
    end: int = 0
    speaker: str | None = None
    how: list[str] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return [normalise(w).strip(" .,;:!?'()[]-–—") for w in text.split()]


def word_similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


class Corpus:
    """The normalised documents, to check a generated claim is not verbatim somewhere."""

    def __init__(self, state: IndexState) -> None:
        self.state = state
        self.folded = [normalise(d.text) for d in state.docs]

    def has_verbatim(self, claim: str) -> bool:
        parts = pieces(claim)
        return len(parts) == 1 and any(parts[0] in f for f in self.folded)


def source_quotes(state: IndexState, rng: random.Random) -> list[Item]:
    """Statements' words from HRW documents, 8-40 words, shuffled: direct quotes first."""
    direct, publisher = [], []
    seen: set[str] = set()
    for di, doc in enumerate(state.docs):
        if not doc.path.endswith("hrw_articles.csv"):
            continue
        for st in state.statements[di]:
            text = doc.text[st.start : st.end]
            n = len(text.split())
            if st.speaker and 8 <= n <= 40 and "\n" not in text and normalise(text) not in seen:
                seen.add(normalise(text))
                item = Item("true", text, doc.doc_id, st.start, st.end, st.speaker)
                (direct if st.kind == "direct" else publisher).append(item)
    rng.shuffle(direct)
    rng.shuffle(publisher)
    return direct + publisher


def retype(item: Item, rng: random.Random) -> Item:
    text, how = item.text, []
    if rng.random() < 0.6:
        text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
        how.append("straight quotes")
    words = text.split(" ")
    if len(words) >= 14 and rng.random() < 0.25:
        cut = rng.randint(4, len(words) - 8)
        text = " ".join(words[:cut]) + rng.choice([" … ", " ... ", "... "]) + " ".join(words[cut + rng.randint(3, 5):])
        how.append("ellipsis")
    if rng.random() < 0.25:
        text = text.lower()
        how.append("lower case")
    if rng.random() < 0.25:
        spaces = [m.start() for m in re.finditer(" ", text)]
        at = rng.choice(spaces)
        text = text[:at] + rng.choice(["  ", "\n", " \n "]) + text[at + 1 :]
        how.append("whitespace")
    if rng.random() < 0.5:
        text = rng.choice(["“{}”", '"{}"']).format(text)
        how.append("in quotes")
    return Item("true", text, item.doc_id, item.start, item.end, item.speaker, how)


def change_words(item: Item, rng: random.Random, vocabulary: list[str]) -> Item:
    tokens = item.text.split()
    changes = rng.choice([1, 2])
    positions = [i for i, t in enumerate(tokens) if len(_CORE.sub(r"\2", t)) >= 3]
    how = []
    for i in sorted(rng.sample(positions, min(changes, len(positions))), reverse=True):
        m = _CORE.match(tokens[i])
        pre, core, post = m.groups() if m else ("", tokens[i], "")
        roll = rng.random()
        if roll < 0.2:
            del tokens[i]
            how.append("deleted")
        elif roll < 0.35:
            tokens.insert(i, rng.choice(["really", "very", "all", "now", "clearly"]))
            how.append("inserted")
        else:
            new = SYNONYMS.get(core.lower()) or rng.choice([w for w in vocabulary if w != core.lower()])
            tokens[i] = pre + new + post
            how.append("replaced")
    return Item("changed", " ".join(tokens), item.doc_id, item.start, item.end, item.speaker, how)


def paraphrase(item: Item, rng: random.Random) -> Item:
    tokens, how = item.text.split(), []
    lowered = [_CORE.sub(r"\2", t).lower() for t in tokens]
    if any(w in PRONOUNS for w in lowered) or any(w in BACKSHIFT for w in lowered):
        for i, w in enumerate(lowered):
            new = PRONOUNS.get(w) or BACKSHIFT.get(w)
            if new:
                tokens[i] = tokens[i].replace(_CORE.sub(r"\2", tokens[i]), new)
        how.append("reported speech")
    swapped = 0
    for i, w in enumerate(lowered):
        if w in SYNONYMS and rng.random() < 0.8:
            tokens[i] = tokens[i].replace(_CORE.sub(r"\2", tokens[i]), SYNONYMS[w])
            swapped += 1
    if swapped:
        how.append(f"{swapped} synonyms")
    text = " ".join(tokens)
    halves = text.split(", ", 1)
    if len(halves) == 2 and min(len(h.split()) for h in halves) >= 3:
        first, second = halves
        text = second.rstrip(".") + ", " + first[:1].lower() + first[1:]
        how.append("clauses swapped")
    if "reported speech" in how and item.speaker:
        text = f"{item.speaker} said that {text[:1].lower()}{text[1:]}"
    return Item("paraphrase", text, item.doc_id, item.start, item.end, item.speaker, how)


def polnear_sentences(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.glob("*/text/*.txt")):
        text = path.read_text(encoding="utf-8")
        for a, b in sentence_spans(text):
            s = text[a:b].strip()
            if 8 <= len(s.split()) <= 40 and "\n" not in s:
                out.append(s)
    return out


def generate(state: IndexState, polnear: Path, n: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    corpus = Corpus(state)
    quotes = source_quotes(state, rng)
    if len(quotes) < 3 * n:
        raise ValueError(f"only {len(quotes)} HRW statements of 8-40 words; need {3 * n}")
    vocabulary = sorted({w for q in quotes for w in _words(q.text) if w.isalpha() and len(w) > 3})
    items = [retype(q, rng) for q in quotes[:n]]
    pool = iter(quotes[n:])
    changed: list[Item] = []
    while len(changed) < n:
        c = change_words(next(pool), rng, vocabulary)
        if not corpus.has_verbatim(c.text):
            changed.append(c)
    paraphrased: list[Item] = []
    for q in pool:
        if len(paraphrased) == n:
            break
        p = paraphrase(q, rng)
        if word_similarity(p.text, q.text) <= 0.85 and not corpus.has_verbatim(p.text):
            paraphrased.append(p)
    if len(paraphrased) < n:
        raise ValueError(f"only {len(paraphrased)} paraphrases could be made; need {n}")
    sentences = polnear_sentences(polnear)
    rng.shuffle(sentences)
    outside = [Item("outside", s) for s in sentences if not corpus.has_verbatim(s)][:n]
    return items + changed + paraphrased + outside
