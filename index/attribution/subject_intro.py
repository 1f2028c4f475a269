"""The sentence's own subject introducing a quotation with no cue verb the lexicon knows.

'Paul then interjected, calling Rubio's credit “a welfare transfer payment.”',
'John Cornyn, the No. 2 in the GOP leadership, put it: “…”', 'Trump finally wrapped up — “…”':
news prose introduces quotations with any verb. What these share is the shape: the sentence opens
with a named speaker, its verb phrase runs up to the quotation with no other subject of its own,
and the quotation is introduced (a colon, a dash, a comma, "that", "to"). Only a named subject
counts here (a capitalised name, not "the report" or "he"): the rule runs last, when no cue was
found, so a wrong guess would be a speaker invented from sentence shape alone.
"""

from __future__ import annotations

import re

from index.attribution.candidates import Who, skip_aux, speakerlike, subject_after
from index.attribution.cues import NOMINAL_CUES, PARTICIPLES, is_verb
from index.attribution.lexicon import CAP_STOP, DETS, GROUP_NOUNS, PERSON, PREP, ROLE, STOP, TIME
from index.attribution.noun_phrase import name_after_role, title_apart
from index.attribution.segment import Tok, tokens

# What may stand right before the quotation's opening mark.
INTRODUCERS = frozenset(":,—–")
INTRODUCING_WORDS = frozenset(("that", "to", "as"))
# Passives whose quotation is someone else's words to the subject: 'Trump was asked, “…”'.
ASKED = frozenset("asked told questioned pressed challenged".split())
BE_HAVE = frozenset("is are was were has have had".split())
# Participles that name something in the subject's words, with no mark before the quotation.
NAMING = frozenset("calling called labeling labelling dubbing terming describing".split())
CLAUSE_LINKS = frozenset("but and while as when because whereas".split())
SUBJECT_PRONOUNS = frozenset("he she they we i".split())
SUBORDINATORS = frozenset("While Although Though If Because Since Unless Whether".split())
# A party and state after a legislator's name: 'R-Ky.', 'D-N.Y.'.
PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")
# An opening phrase before the main clause, at most.
OPENING_PHRASE_WORDS = 30
# The subject's verb phrase up to the quotation, at most (longer is another clause's business).
MAX_VERB_PHRASE_WORDS = 25


def subject_intro(text: str, a: int, o: int) -> Who | None:
    """The named subject opening text[a:o] (the sentence up to the quotation opening at o)."""
    toks = tokens(text, a, o)
    if len(toks) < 3:
        return None
    for first in _clause_starts(toks):
        who = _subject_at(text, toks, first)
        if who is not None:
            return who
    return None


def _subject_at(text: str, toks: list[Tok], first: int) -> Who | None:
    who, j = subject_after(text, toks, first)
    if who is None or who.pron or not speakerlike(who):
        return None
    who, j = name_after_role(text, toks, first, who, j)
    who, j = _through_role_noun(text, toks, who, j)
    opening = who.speaker.split()[0].removesuffix("’s").removesuffix("'s")
    if opening.lower() in DETS and _described_person(who.speaker):
        pass  # 'The GOP presidential candidate sent out an email … to “…”'
    elif not opening[:1].isupper() or opening.lower() in STOP | DETS or opening in CAP_STOP:
        return None  # 'The report', 'This week': not a named speaker
    j = _skip_appositive(toks, _skip_bracket(toks, j))
    if j < len(toks) and toks[j].t == ",":
        j += 1  # the comma closing an appositive the name phrase already took in
    verb = j
    while j < len(toks) and (toks[j].low in BE_HAVE or skip_aux(toks, j) > j):
        j = max(j + 1, skip_aux(toks, j))
    if j > verb and j + 1 < len(toks) and (toks[j].low in ASKED or toks[j].low.endswith("ed") and any(
            t.low == "by" for t in toks[j + 1 : j + 3])):
        return None  # 'Sanders was asked by host Bill Maher, “…”': the agent's words
    if not _introduced(toks, j):
        return None
    if j >= len(toks) - 1 or not toks[j].word or toks[j].cap or toks[j].low in PREP | STOP:
        return None  # the name is not followed by its verb: 'Trump supporters …', 'Obama's …'
    if len(toks) - j > MAX_VERB_PHRASE_WORDS or _second_subject(toks[j:-1]):
        return None
    return title_apart(text, who)


def _through_role_noun(text: str, toks: list[Tok], who: Who, j: int) -> tuple[Who, int]:
    """'The GOP presidential candidate': a description cut at its first lowercase word runs on
    to its role noun."""
    if who.speaker.split()[0].lower() not in DETS:
        return who, j
    for k in range(j, min(len(toks), j + 3)):
        if not toks[k].word or toks[k].cap or toks[k].low in STOP | PREP:
            break
        if toks[k].low in ROLE or toks[k].low in PERSON:
            return Who(speaker=text[who.start : toks[k].e], start=who.start, end=toks[k].e), k + 1
    return who, j


def _described_person(phrase: str) -> bool:
    """'the GOP presidential candidate', 'the head of the rules committee': a person or group
    of people by role, not a thing ('the report', 'the ad')."""
    words = [w.lower().strip(",") for w in phrase.split()[1:6]]
    return any(w in ROLE or w in PERSON or w in GROUP_NOUNS for w in words)


def _introduced(toks: list[Tok], j: int) -> bool:
    """Is the quotation introduced as the subject's words? By a mark or word right before it
    ('put it: “…”', 'promising to “…”'), by "that" just before ('groused that CNN “…”'), or by a
    cue in the verb phrase ('calling the credit “…”', 'said the judge had “…”'). Other bare
    quotations after a noun are titles and scare quotes."""
    if toks[-1].t in INTRODUCERS or toks[-1].low in INTRODUCING_WORDS:
        return True
    if any(t.low == "that" for t in toks[-4:]):
        return True
    return any(t.low in NAMING or t.low in PARTICIPLES or is_verb(toks, n)
               for n, t in enumerate(toks) if n >= j)


def _clause_starts(toks: list[Tok]) -> list[int]:
    """Where the main clause may start: the sentence's start, or, after an opening phrase
    ('On Saturday, …', 'Speaking to MSNBC on Monday, …', 'Horrified at the prospect, …'),
    after each of its first commas."""
    head = toks[0]
    opener = head.low in TIME | PREP or head.t in CAP_STOP or not head.word or (
        not head.cap or head.low.endswith(("ing", "ed", "ly")))
    if not opener:
        return [0]
    lead = next((n for n, t in enumerate(toks) if t.word and t.t not in CAP_STOP), 0)
    if any(t.t in SUBORDINATORS for t in toks[:lead]):
        lead = 0  # 'While Republicans faced criticism …': that clause is not the main one
    commas = [n + 1 for n, t in enumerate(toks[:OPENING_PHRASE_WORDS]) if t.t == ","]
    return list(dict.fromkeys([0, lead, *commas[:3]]))  # '~ As Vulture put it, “…”'


def _skip_appositive(toks: list[Tok], j: int) -> int:
    """'John Cornyn, the No. 2 in the GOP leadership, put it', 'Clinton, who was speaking to the
    mayors, told them': past the appositive or relative clause to the subject's verb."""
    if j + 1 < len(toks) and toks[j].t == "," and (
            toks[j + 1].low in DETS or toks[j + 1].low in ("who", "whose")):
        close = next((n for n in range(j + 2, min(len(toks), j + 20)) if toks[n].t == ","), None)
        if close is not None:
            return close + 1
    if j + 2 < len(toks) and toks[j].t == "," and (PARTY_TAG.match(toks[j + 1].t) or (
            toks[j + 1].low == "for" and any(t.low == "part" for t in toks[j + 2 : j + 4]))):
        # 'Ana Ruiz, R-Ky., delivered', 'Ana Ruiz, for her part, is labeling'
        close = next((n for n in range(j + 2, min(len(toks), j + 6)) if toks[n].t == ","), None)
        if close is not None:
            return close + 1
    return j


def _skip_bracket(toks: list[Tok], j: int) -> int:
    """'Sen. Ted Cruz (R-Tex.) tweeted': the party bracket belongs to the name."""
    if j < len(toks) and toks[j].t == "(":
        close = next((n for n in range(j, min(len(toks), j + 8)) if toks[n].t == ")"), None)
        if close is not None:
            j = close + 1
            if j < len(toks) and toks[j].t == ",":
                j += 1
    return j


def _second_subject(toks: list[Tok]) -> bool:
    """A capitalised name followed by a verb-like lowercase word: another clause's subject
    ('… while Trump refers to …'). Possessives ("Rubio's proposed credit") and names after a
    preposition or article ("with Clinton", "the Democrats who") are objects, not subjects,
    except 'with Donald Trump tweeting that …', where the words are his."""
    for n, t in enumerate(toks[1:], 1):  # '… parliament met and she said': her words
        if t.low in SUBJECT_PRONOUNS and (toks[n - 1].low in CLAUSE_LINKS or toks[n - 1].t in ",;"):
            return True
    n = 0
    while n < len(toks):
        if not (toks[n].cap and toks[n].word) or toks[n].t in CAP_STOP:
            n += 1
            continue
        start = end = n
        while end + 1 < len(toks) and toks[end + 1].cap and toks[end + 1].word:
            end += 1
        prev = toks[start - 1] if start else None
        before_prev = toks[start - 2] if start >= 2 else None
        nxt = toks[end + 1] if end + 1 < len(toks) else None
        n = end + 1
        if nxt is None or not nxt.word or nxt.low in PREP or nxt.low in ("and", "or", "of"):
            continue
        if toks[end].t.endswith(("’s", "'s")):
            if nxt.low in NOMINAL_CUES or nxt.low in ("claim", "assertion", "view"):
                return True  # 'Donald Trump’s claim that “…”': the possessor's words
            continue
        if prev is not None and prev.low == "with" and nxt.low.endswith("ing"):
            return True
        if prev is not None and prev.low in DETS and before_prev is not None and (
                before_prev.t in ",;" or before_prev.low in CLAUSE_LINKS):
            return True  # ', but the Sanders campaign rejected it as “…”'
        if prev is not None and (prev.low in PREP or prev.low in DETS):
            continue
        return True
    return False
