import pytest

from index.normalize import (
    STOPWORDS,
    TypoFixer,
    content_words,
    damerau_levenshtein,
    fix_typos,
    fold,
    tokens,
    word_spans,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Türk", "Turk"),
        ("TÜRK", "turk"),
        ("Tu\u0308rk", "Turk"),  # already decomposed
        ("Tü\u200brk", "Turk"),  # zero-width space inside the word
        ("\u202bTürk\u202c", "Turk"),  # bidi embedding marks
        ("Volker Türk’s “statement”", 'volker turk\'s "statement"'),
        ("Gaza — Rafah", "gaza - rafah"),
        ("  many \t\n spaces  ", "many spaces"),
        ("Łódź Øresund Straße", "lodz oresund strasse"),
    ],
)
def test_fold_makes_typed_variants_equal(a, b):
    assert fold(a) == fold(b)


def test_fold_output_is_plain():
    assert fold("Türk’s\u200b — “Office”") == 'turk\'s - "office"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.N. experts", ["un", "experts"]),
        ("the U.S. said", ["the", "us", "said"]),
        ("U.N.-backed", ["un", "backed"]),
        ("Türk's office", ["turk", "office"]),
        ("Türk’s office", ["turk", "office"]),
        ("O'Brien", ["obrien"]),
        ("1,000 people", ["1000", "people"]),
        ("waht did HRW say about gaza", ["waht", "did", "hrw", "say", "about", "gaza"]),
        ("hrw.org", ["hrw", "org"]),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "text", ["Volker Tu\u0308rk’s U.N. office", "plain ascii U.S. text", "æsir"]
)
def test_word_spans_point_into_the_original(text):
    spans = word_spans(text)
    assert [s.word.casefold() for s in spans] == tokens(text)
    for span in spans:
        assert text[span.start : span.end].strip()
        assert fold(text[span.start : span.end])[:1] == span.word.casefold()[:1]


@pytest.mark.parametrize(
    "word", ["what", "did", "say", "said", "about", "tell", "me", "please", "the"]
)
def test_chat_words_are_stopwords(word):
    assert word in STOPWORDS


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did OHCHR say about Gaza?", ["ohchr", "gaza"]),
        ("what did ohchr sya", ["ohchr"]),  # "sya" is a mistyped "say"
        ("waht did hrw say about gaza", ["hrw", "gaza"]),
        ("what did the US say", ["us"]),  # capitals: the acronym, not the pronoun
        ("tell us what they said", []),
        ("who is the spokesman", ["spokesman"]),
        ("WHAT DID THE US SAY", []),  # shouting: capitals say nothing
    ],
)
def test_content_words(question, expected):
    assert content_words(question) == expected


def test_content_words_keeps_a_swap_that_the_vocabulary_knows():
    assert content_words("what did Sadi say", vocabulary={"sadi"}) == ["sadi"]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("say", "sya", 1), ("gaza", "gazza", 1), ("kitten", "sitting", 3), ("abc", "abc", 0)],
)
def test_damerau_levenshtein(a, b, distance):
    assert damerau_levenshtein(a, b) == distance


VOCAB = {
    "say": 900,
    "gaza": 120,
    "gauze": 2,
    "international": 60,
    "commissioner": 40,
    "sudan": 80,
    "sedan": 1,
    "war": 300,
}


@pytest.fixture(scope="module")
def fixer():
    return TypoFixer(VOCAB)


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [
        ("sya", "say"),  # three letters: adjacent swap only
        ("gazza", "gaza"),  # insertion
        ("gaza", "gaza"),  # known word untouched
        ("sudna", "sudan"),  # swap
        ("sudan", "sudan"),
        ("internatoinal", "international"),  # long word: swap
        ("comissionr", "commissioner"),  # long word: two edits
        ("xylophonist", "xylophonist"),  # unknown, nothing near: kept
        ("wat", "wat"),  # three letters, not a swap of a known word: kept
        ("2024", "2024"),
    ],
)
def test_typo_fixer(fixer, typed, fixed):
    assert fixer.fix(typed) == fixed


def test_typo_fixer_prefers_the_frequent_word():
    # "sadan" is one edit from both "sudan" (80) and "sedan" (1).
    assert TypoFixer(VOCAB).fix("sadan") == "sudan"


def test_typo_fixer_short_words_get_one_edit_only(fixer):
    assert fixer.fix("gazzza") == "gazzza"


def test_fix_typos_maps_a_list():
    assert fix_typos(["sya", "gazza", "unknownword"], VOCAB) == ["say", "gaza", "unknownword"]
