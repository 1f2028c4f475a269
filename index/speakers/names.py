"""Names as keys: when two spellings name the same speaker, and when a shared surname does not.

"The U.N. Human Rights Office" and "UN human rights office" share one key; "Laurence" (as a
text calls him after the first mention) is "Jeremy Laurence"; "President Biden" is "Joe Biden";
but "Ahmet Türk" is not "Volker Türk" (a namesake: same surname, another given name).
Pure functions, no state.
"""

from __future__ import annotations

import re
import unicodedata

# Words before a name that are not part of it ("Mr. Morgan", "spokesman Jeremy Laurence").
TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame sen senator rep gov governor gen general col lt capt
    president vice secretary minister premier chancellor king queen prince sheikh judge justice
    spokesman spokeswoman spokesperson ambassador commissioner chief director mayor pope rev
    organiser organizer founder leader conductor""".split()
)
# A name holding one of these words is an organisation's or a group's, never a person's.
_ORG_WORD = re.compile(
    r"\b(?:office|agency|council|committee|group|groups|ministry|government|organi[sz]ation|watch|"
    r"international|union|nations|court|fund|department|commission|association|institute|party|"
    r"police|army|forces|military|bank|company|corporation|foundation|network|center|centre|"
    r"coalition|alliance|federation|assembly|parliament|senate|congress|board|authority|"
    r"authorities|programme|program|mission|embassy|service|services|news|"
    r"university|school|hospital|red cross|amnesty|un|eu)\b"
)
_ARTICLE = re.compile(r"^(?:(?:the|a|an)\s+)?")
# Name words after which a person's name may go on (lower-case particles: "Ursula von der Leyen").
_PARTICLES = frozenset("de del della der di da van von al el bin ibn le la du".split())
MAX_PERSON_WORDS = 5


def name_key(name: str) -> str:
    """'The U.N. Human Rights Office' and 'UN human rights office' share one key:
    accent-free, casefolded, no dots in abbreviations, no possessive, no leading article."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"(?<=\w)\.(?=\w|\s|$)", "", s)  # U.N. -> un, Mr. -> mr
    s = re.sub(r"[’']s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    return _ARTICLE.sub("", " ".join(s.split()))


def is_org_name(name: str) -> bool:
    """'the U.N. human rights office', 'Human Rights Watch', 'rights groups'."""
    return bool(_ORG_WORD.search(name_key(name)))


def person_words(name: str) -> list[str]:
    """The words of a person's name, titles off: 'President Joe Biden' → ['joe', 'biden'];
    [] when the name is an organisation's or a description's ('the spokesman')."""
    return _person_words(name_key(name))


def _person_words(key: str) -> list[str]:
    if _ORG_WORD.search(key):
        return []
    words = key.split()
    while words and words[0] in TITLES:
        words = words[1:]
    if not words or len(words) > MAX_PERSON_WORDS:
        return []
    return words


def surname(name: str) -> str | None:
    """The last word of a person's name of two words or more ('Jeremy Laurence' → 'laurence')."""
    words = person_words(name)
    return words[-1] if len(words) >= 2 else None


def looks_like_person(name: str) -> bool:
    """What a user typed could be a person's name: a few words, no organisation word."""
    return bool(person_words(name))


def _given_names_agree(a: list[str], b: list[str]) -> bool:
    """'jeremy' and 'j' agree; 'ahmet' and 'volker' do not."""
    ga, gb = a[0], b[0]
    if ga == gb:
        return True
    return (len(ga) == 1 or len(gb) == 1) and ga[0] == gb[0]


def same_person(speaker: str, person: str) -> bool:
    """Is `speaker` (a statement's speaker as attribution gave it) the person named `person`
    (as a user or the glossary spells it)? Same words; or one side is the other's surname alone
    ('Laurence' / 'Jeremy Laurence', when the text or the user gives only that); never a
    namesake ('Ahmet Türk' is not 'Volker Türk'). A text may name someone by their given name
    alone ('As Tirana says'): that counts; a user's one word is a surname ('Hassan' is not
    'Hassan Nasrallah' but is 'Tirana Hassan')."""
    said_key, person_key = name_key(speaker), name_key(person)
    if said_key == person_key:
        return True
    a, b = _person_words(said_key), _person_words(person_key)
    if len(b) >= 2 and f" {' '.join(b)} " in f" {said_key} ":
        return True  # "UN High Commissioner for Human Rights Volker Türk" for "Volker Türk"
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        # One word: only a name the text capitalised ('a farmer' is nobody's surname), not too short.
        if not speaker[:1].isupper() or len(a[0] if len(a) == 1 else b[0]) < 4:
            return False
        if len(a) == 1:  # the text names them by one word: the surname, or the given name
            return a[0] in (b[0], b[-1])  # ('said Meenakshi Ganguly' attributed to 'Meenakshi')
        return b[0] == a[-1]  # the user typed a surname
    if a[-1] != b[-1] or len(a[-1]) < 3:
        return False
    return _given_names_agree(a, b)
