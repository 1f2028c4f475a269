"""The last check on a speaker phrase: drop what cannot be a speaker ('the city embodied the',
'two weeks ago', 'a statement') and let a document's author stand in for it."""

from __future__ import annotations

import re

from index.attribution.candidates import Who
from index.attribution.lexicon import (
    AUX,
    CAP_STOP,
    CONNECT,
    DETS,
    GROUP_NOUNS,
    PERSON,
    PREP,
    ROLE,
    STOP,
    TIME,
    words,
)
from index.attribution.noun_phrase import ISSUED
from index.attribution.phrases import ADVERBS

# Words that open a place's name and never end anyone's: 'the United' is a cut phrase.
CUT_ENDS = words("United North South East West Northern Southern Eastern Western Central New "
                 "Great Upper Lower Greater Democratic Islamic Republic")
CUT_WORDS = words("ago upon onto toward towards against")
NOT_OPENERS = words("According Asked Speaking What Which Who Whom Whose Where When Why How")
POSSESSIVE_DETS = words("their his her its our my your")
CLAUSE_WORDS = words("have has had ever is are was were be")
CAP_PREPOSITIONS = words("Alongside Despite Among Amid Unlike Like With Without Under Through "
                         "Following Including Besides Against Behind Beyond Across Per Via Like "
                         )
NAME_GLUE = words("of for at and the de van der von da del la le du al bin ibn in")


PRONOUN_IS = {"she's": "she", "he's": "he", "it's": "it"}
CONTRACTIONS = ("’m", "'m", "’re", "'re", "n’t", "n't", "’ve", "'ve", "’ll", "'ll")


# Survey respondents, not speakers: 'The vast majority of Americans say', '72 percent of Democrats'.
SHARE_OF = re.compile(r"^(?:the\s+(?:vast\s+|large\s+)?majority|half|a\s+third|two-thirds|a\s+quarter|"
                      r"\d+(?:\.\d+)?\s*(?:%|percent))\s+of\b", re.IGNORECASE)


def vet(who: Who | None) -> Who | None:
    """Drop speaker phrases that cannot be a speaker ('the city embodied the', 'a statement');
    a document's author stands in for it ("Trump's tweet" -> Trump)."""
    if who is None or who.pron or not who.speaker:
        return who
    if SHARE_OF.match(who.speaker):
        return None  # the poll's figure: its respondents are no one to quote
    toks = who.speaker.replace("\u00a0", " ").split()
    low = [t.lower().strip(",") for t in toks]
    pronoun = PRONOUN_IS.get(low[0].replace("’", "'")) if len(low) == 1 else None
    if pronoun:  # 'She’s tweeted about the “mass exodus”': she has, no one called "She’s"
        return Who(pron=pronoun, start=who.start, end=who.end, cue=who.cue)
    if len(toks) >= 3 and low[-1] in NAME_GLUE and toks[-2][:1].isupper() and toks[0][:1].isupper():
        # 'Stu Rothenberg of the non-partisan …' cut after "of": the name before it stands
        toks, low = toks[:-1], low[:-1]
        who.speaker = " ".join(toks)
        who.end = who.start + len(who.speaker)
    if not low or low[-1] in DETS or low[-1] in PREP or low[-1] in STOP or toks[0] in CAP_STOP:
        return None
    if low[-1] in CUT_WORDS or toks[0] in NOT_OPENERS:
        return None  # 'two weeks ago', 'a wave of boos upon', 'According to'
    if low[0] in POSSESSIVE_DETS and not any(w in ROLE or w in PERSON or w in GROUP_NOUNS
                                              for w in low[1:]):
        return None  # 'their ninth debate': a thing of theirs, not a speaker
    if any(t.endswith(CONTRACTIONS) for t in low):  # "I’m", not "O’Malley"
        return None
    if low[-1] in TIME or (toks[-1] in CUT_ENDS and len(toks) > 1):  # 'West said' is a name
        return None  # 'two weeks ago', 'the United': a cut phrase, not a speaker
    while len(toks) > 1 and (low[-1] in ADVERBS or (low[-1].endswith("ly") and not toks[-1][:1].isupper())):
        toks, low = toks[:-1], low[:-1]  # "Cruz openly said": the adverb is not the name ("Vesely" is)
        who.speaker = " ".join(toks)
        who.end = who.start + len(who.speaker)
    if low[-1] in ISSUED:
        owner = toks[0]
        if len(toks) >= 2 and owner[:1].isupper() and owner.endswith(("’s", "'s")):
            who.speaker = owner[:-2]
            who.end = who.start + len(owner) - 2
            return who
        issuer = toks[1:-1] if low[0] in DETS else toks[:-1]
        if issuer and all(t[:1].isupper() for t in issuer) and toks[-1].islower():  # 'the IMF report', 'a White House statement'
            who.speaker = " ".join(issuer)
            lead = len(" ".join(toks[: len(toks) - len(issuer) - 1])) + 1 if low[0] in DETS else 0
            who.start += lead
            who.end = who.start + len(who.speaker)
            return who
        return None
    if any(t.endswith("ly") and not orig[:1].isupper()  # "The Daily Caller"
           or t in AUX or t in CLAUSE_WORDS for t, orig in zip(low[1:], toks[1:], strict=True)):
        return None
    if low[-1] in CONNECT or (low[-1].endswith("ed") and not toks[-1][:1].isupper()):
        return None  # 'a court document filed', 'his district and'
    if toks[0] in CAP_PREPOSITIONS or any(t.endswith(("’", "'")) and not t.endswith(("s’", "s'"))
                                          for t in toks):
        return None  # "Of Course’ Hillary Clinton": a headline's quote mark, not a name
    return who
