import csv
from pathlib import Path

import pytest

from index.errors import QuotebotError
from index.glossary import Entity, Glossary, GlossaryError, mine_acronyms

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "index" / "data" / "glossary.toml"
HRW_CSV = (
    Path(__file__).resolve().parents[3] / "shared" / "corpora" / "hrw_2024" / "hrw_articles.csv"
)


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load(SHIPPED)


def first_names(entities):
    return [e.names[0] for e in entities]


def test_shipped_glossary_loads(glossary):
    assert len(glossary) >= 30
    assert "OHCHR" in first_names(glossary.entities)


@pytest.mark.parametrize(
    "question",
    [
        "what did OHCHR say?",
        "what did ohchr say",
        "What did the UN rights office say",
        "What did the U.N. human rights office say?",
        "what did the Office of the United Nations High Commissioner for Human Rights say",
    ],
)
def test_ohchr_by_any_name(glossary, question):
    assert first_names(glossary.entities_in(question)) == ["OHCHR"]


@pytest.mark.parametrize(
    "question", ["what did Türk say", "what did Turk say", "what did volker turk say"]
)
def test_people_stand_for_their_entity(glossary, question):
    assert first_names(glossary.entities_in(question)) == ["OHCHR"]


@pytest.mark.parametrize(
    "question",
    [
        "what did Ahmed Hassan say",  # not Tirana Hassan
        "what did Hassan Nasrallah say",
    ],
)
def test_a_surname_inside_another_name_does_not_match(glossary, question):
    assert glossary.entities_in(question) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who is the spokesman", []),
        ("what did WHO say about cholera", ["WHO"]),
        ("WHO IS THE SPOKESMAN", []),  # shouting: capitals say nothing
        ("tell us about Gaza", []),
        ("what did the US say", ["US"]),
        ("what did the U.S. say", ["US"]),
    ],
)
def test_short_acronyms_only_in_capitals(glossary, question, expected):
    assert first_names(glossary.entities_in(question)) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("AI regulation", []),
        ("what is AI doing to jobs", []),
        ("what did AI say about torture in Syria", ["AI"]),
        ("what did Amnesty say", ["AI"]),
        ("an amnesty law for the generals", []),
    ],
)
def test_ambiguous_acronym_needs_rights_context(glossary, question, expected):
    assert first_names(glossary.entities_in(question)) == expected


def test_ai_regulation_is_not_expanded(glossary):
    expansion = glossary.expand("AI regulation")
    assert expansion.entities == []
    assert expansion.lexical_query() == "AI regulation"
    assert expansion.dense_queries() == ["AI regulation"]


def test_longest_name_wins(glossary):
    assert first_names(glossary.entities_in("the UN Human Rights Council voted")) == ["HRC"]


def test_entities_in_order_of_appearance(glossary):
    text = "HRW and the UN refugee agency disagreed"
    assert first_names(glossary.entities_in(text)) == ["HRW", "UNHCR"]


def test_extra_terms_add_aliases_and_people_not_in_the_query(glossary):
    expansion = glossary.expand("what did OHCHR say?")
    assert "U.N. human rights office" in expansion.extra_terms
    assert "Volker Türk" in expansion.extra_terms
    assert "OHCHR" not in expansion.extra_terms
    assert expansion.lexical_query().startswith("what did OHCHR say? ")
    assert "Volker Türk" in expansion.lexical_query()


def test_extra_terms_skip_folded_duplicates(glossary):
    extra = glossary.expand("what did OHCHR say?").extra_terms
    # "UN Human Rights Office" reads the same as "U.N. human rights office".
    assert "UN Human Rights Office" not in extra


def test_dense_queries_rewrite_the_name(glossary):
    queries = glossary.expand("what did OHCHR say?").dense_queries()
    assert queries[0] == "what did OHCHR say?"
    assert "what did the U.N. human rights office say?" in queries
    assert 2 <= len(queries) <= 5


def test_dense_queries_drop_the_article_before_an_acronym(glossary):
    queries = glossary.expand("What did the UN rights office say").dense_queries()
    assert "What did OHCHR say" in queries


def test_dense_queries_without_entities_is_the_question(glossary):
    assert glossary.expand("what happened in Gaza").dense_queries() == ["what happened in Gaza"]


def test_missing_file_is_an_empty_glossary(tmp_path):
    empty = Glossary.load(tmp_path / "nope.toml")
    assert len(empty) == 0
    assert empty.expand("what did OHCHR say?").extra_terms == []


def test_none_path_is_an_empty_glossary():
    assert len(Glossary.load(None)) == 0


def test_bad_toml_names_file_and_line(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_text('[[entity]]\nnames = ["OHCHR",\npeople = \n', encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        Glossary.load(path)
    assert str(path) in str(info.value)
    assert "line" in str(info.value)
    assert isinstance(info.value, QuotebotError)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('[[entity]]\npeople = ["X Y"]\n', "'names'"),
        ("[[entity]]\nnames = []\n", "at least one"),
        ('[[entity]]\nnames = ["A B"]\naliases = ["C"]\n', "unknown key"),
        ('[[entity]]\nnames = ["A B"]\nambiguous = "yes"\n', "ambiguous"),
        ('[[entities]]\nnames = ["A B"]\n', "top-level"),
    ],
)
def test_bad_schema_names_file_and_entity(tmp_path, body, fragment):
    path = tmp_path / "glossary.toml"
    path.write_text("# header\n" + body, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        Glossary.load(path)
    assert str(path) in str(info.value)
    assert fragment in str(info.value)


def test_moderator_entry_is_used(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_text('[[entity]]\nnames = ["MSF", "Doctors Without Borders"]\n', encoding="utf-8")
    expansion = Glossary.load(path).expand("what did MSF say")
    assert expansion.extra_terms == ["Doctors Without Borders"]


@pytest.mark.parametrize(
    ("text", "acronym", "long_form"),
    [
        (
            "Fighting between the army and the Rapid Support Forces (RSF) went on.",
            "RSF",
            "Rapid Support Forces",
        ),
        (
            "The ICC (International Criminal Court) issued warrants.",
            "ICC",
            "International Criminal Court",
        ),
        (
            "the Office of the High Commissioner for Human Rights (OHCHR) said",
            "OHCHR",
            "Office of the High Commissioner for Human Rights",
        ),
        ("the UN Relief and Works Agency (UNRWA) said", "UNRWA", "UN Relief and Works Agency"),
    ],
)
def test_mine_acronyms_patterns(text, acronym, long_form):
    mined = mine_acronyms([text])
    assert [e.names for e in mined.entities] == [[acronym, long_form]]


@pytest.mark.parametrize(
    "text",
    [
        "something (NOT-AN-ACRONYM) here",
        "Reporting from Beirut (AP) today",
        "the new policy (NP) says",  # lowercase long form
        "Human Rights Watch (ICC) said",  # initials do not match
    ],
)
def test_mine_acronyms_rejects(text):
    assert len(mine_acronyms([text])) == 0


def test_mine_acronyms_keeps_the_commonest_long_form():
    texts = ["Rapid Support Forces (RSF)"] * 2 + ["Rapid Support Force (RSF)"]
    assert mine_acronyms(texts).entities[0].names == ["RSF", "Rapid Support Forces"]


def test_mined_word_like_acronyms_match_only_in_capitals():
    mined = mine_acronyms(["the Democracy for Arab World Now (DAWN) group"])
    assert first_names(mined.entities_in("what did DAWN say")) == ["DAWN"]
    assert mined.entities_in("what happened at dawn") == []


def test_merged_keeps_shipped_entries(glossary):
    mined = mine_acronyms(
        [
            "Artificial Intelligence (AI) tools",
            "the Sudanese Armed Forces (SAF) said",
            "the Office of the High Commissioner for Human Rights (OHCHR) said",
        ]
    )
    merged = glossary.merged(mined)
    assert len(merged) == len(glossary) + 1  # only SAF is new
    ai = [e for e in merged.entities if e.names[0] == "AI"]
    assert ai == [e for e in glossary.entities if e.names[0] == "AI"]
    assert first_names(merged.entities_in("what did the SAF do")) == ["SAF"]
    assert merged.entities_in("AI regulation") == []


def test_merged_does_not_change_either_input(glossary):
    before = len(glossary)
    glossary.merged(Glossary([Entity(["XYZW", "Some Long Name"], [])]))
    assert len(glossary) == before


@pytest.mark.slow
def test_mine_acronyms_from_hrw_corpus():
    if not HRW_CSV.is_file():
        pytest.skip(f"shared HRW corpus not found at {HRW_CSV}")
    csv.field_size_limit(1 << 30)
    with HRW_CSV.open(newline="", encoding="utf-8") as fh:
        texts = [row["text"] for row in csv.DictReader(fh)]
    mined = {e.names[0]: e.names[1] for e in mine_acronyms(texts).entities}
    assert len(mined) >= 10
    assert mined["ICC"] == "International Criminal Court"
    assert mined["RSF"] == "Rapid Support Forces"
    assert mined["OHCHR"] == "Office of the High Commissioner for Human Rights"
    assert mined["HRW"] == "Human Rights Watch"
