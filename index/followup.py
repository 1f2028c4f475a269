"""Follow-up questions rewritten from the conversation's previous question, by rules, no model.

"and about torture?" after "What did OHCHR say?" asks "What did OHCHR say about torture?";
"what else did he say?" after a question about Lewis Mudge asks what else Lewis Mudge said;
"when was that?" after "What did Lewis Mudge say about the arrest of Edmond Beïna?" asks when the
arrest was. The previous turn gives a *speaker* (the person or body asked about, else the speaker
of the answer's first quote) and a *topic* (what was asked about); the rules put them where the
follow-up leaves a gap. A question that needs nothing from before is returned as it is.

The bot keeps the conversation (which turn came last); this module only reads one turn and one
new question, so every rule is a row in a test table.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from index.question import read_question, speaker_target
from index.types import Answer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Turn:
    """What a follow-up may refer back to: the previous question as the engine understood it,
    and the speaker of the answer's first quote (None when it quoted nobody)."""

    question: str
    answer_speaker: str | None = None


# Quote kinds whose speaker's words they are (an excerpt is the article's narrative: nobody's).
SPOKEN_KINDS = ("direct", "mixed", "reported", "publisher")


def turn_of(answer: Answer) -> Turn:
    """The turn an answer leaves behind: its question, and its first quote's speaker when the
    quote is someone's words (a follow-up's "he")."""
    speaker = next((q.speaker for q in answer.quotes if q.speaker and q.kind in SPOKEN_KINDS), None)
    return Turn(answer.question, speaker)


@dataclass(frozen=True, slots=True)
class Rewrite:
    question: str  # what the engine is asked
    rewritten: bool  # False: the follow-up stood on its own


@dataclass(frozen=True, slots=True)
class Context:
    speaker: str | None
    topic: str | None
    counted: str | None = None  # "how many Hindu worshippers were …": what "they" may be
    asked: bool = True  # the speaker was named in the question (False: only the answer's speaker)


_ABOUT_ONLY = re.compile(
    r"^(?:and|but|ok(?:ay)?|so)?\s*,?\s*(?:what|how)?\s*(?:about|on|regarding|concerning)\s+(?P<x>.+)$",
    re.IGNORECASE,
)
_AND_ONLY = re.compile(r"^(?:and|also|plus)\s+(?P<x>.+)$", re.IGNORECASE)
_WHAT_ELSE = re.compile(
    r"^(?:and\s+)?(?:what\s+else|anything\s+else|more|what\s+more)"
    r"(?:\s+(?:did|does|has|have|had)\s+(?P<who>\w+(?:\s+\w+)*?)\s+(?:say|said|tell|told|add|added))?"
    r"(?:\s+about\s+(?P<x>.+))?$",
    re.IGNORECASE,
)
_WHO_ELSE = re.compile(r"^(?:and\s+)?who\s+else\b(?P<rest>.*)$", re.IGNORECASE)
# Pronouns for a person or body; "they" may also be the topic when no speaker was asked about.
_PERSON = re.compile(r"\b(?P<p>he|she|him|her|his|hers|they|them|their)\b", re.IGNORECASE)
_POSSESSIVE = {"his", "her", "their", "hers"}
_THING = re.compile(r"\b(?P<p>it|its)\b", re.IGNORECASE)
_IT = re.compile(r"\b(?P<p>it)\b", re.IGNORECASE)
# "that"/"this" stand for the topic only at the end ("when was that?"), not as a determiner
# ("that bill"), and not as a conjunction ("said that …").
_THAT_END = re.compile(r"\b(?:that|this)$", re.IGNORECASE)
# The words that open a question, dropped to get its topic: "When did Gambia bring its case"
# → "Gambia bring its case".
_QUESTION_OPENING = re.compile(
    r"^(?:when|why|how\s+(?:many|much|long|often|old)|how|who|whom|which|what|where|whether)?\s*"
    r"(?:\w+\s+){0,3}?(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could)\s+",
    re.IGNORECASE,
)
_LEADING_WH_ONLY = re.compile(r"^(?:when|why|who|what|where|how)\s+", re.IGNORECASE)
_WHO_IS = re.compile(r"^who\s+(?:is|was)\s+(?P<x>[^?]+)", re.IGNORECASE)
_NARROWING = re.compile(r"^(?:in|on|at|during|for|since|after|before|from|by|under)\s", re.IGNORECASE)
_BARE_WH = re.compile(r"^(?:and\s+)?(?P<wh>when|why|where|how)$", re.IGNORECASE)
_WH_AUX = re.compile(
    r"^(?:when|why|where|how)\s+(?P<rest>(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could)\s.+)$",
    re.IGNORECASE,
)
_HOW_MANY_BARE = re.compile(
    r"^(?:and\s+)?how\s+(?P<many>many|much)\s+(?P<rest>(?:were|are|was|is|have\s+been|has\s+been|did)\b.*)$",
    re.IGNORECASE,
)
_HOW_MANY_NOUN = re.compile(
    r"^how\s+many\s+(?P<noun>(?:\w+\s+){0,3}?\w+)\s+(?:is|are|was|were|did|do|does|have|has|had)\b",
    re.IGNORECASE,
)
# A topic cut from "How many people were arrested over the protests" starts with the verb:
# what "it" stands for is the noun phrase after it ("the protests").
_VERB_LEAD = re.compile(
    r"^\w+(?:ed|en|ing)\s+(?:(?:at|in|on|over|of|for|by|from|against|to|with|during)\s+)?(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"^(?:[A-Z][\w.’'-]*|of|the|for|and)(?:\s+(?:[A-Z][\w.’'-]*|of|the|for|and))*$")


def _bare(question: str) -> str:
    return " ".join(question.split()).strip(" ?!.")


def _sentence(text: str) -> str:
    text = " ".join(text.split()).strip(" ?!.,")
    return (text[:1].upper() + text[1:] + "?") if text else text


def context_of(turn: Turn) -> Context:
    """The speaker and topic a follow-up to `turn` may refer to."""
    q = _bare(turn.question)
    intent = read_question(q)
    target, topic = speaker_target(q)
    speaker = target or intent.subject
    who_is = _WHO_IS.match(q)
    if speaker is None and who_is:
        # "who is Liz Evenson" names a person; "who is the spokesman for …" describes one, and
        # the answer's speaker (when it has one) is the better referent for "he".
        name = who_is.group("x").strip()
        described = re.match(r"^(?:the|a|an)\s", name, re.IGNORECASE)
        speaker = (turn.answer_speaker or name) if described else name
    asked = speaker is not None
    speaker = speaker or turn.answer_speaker
    if topic is None and target is None and not who_is:
        stripped = _QUESTION_OPENING.sub("", q, count=1)
        if stripped == q:
            stripped = _LEADING_WH_ONLY.sub("", q, count=1)
        if m := _VERB_LEAD.match(stripped):
            stripped = m.group("rest")
        topic = stripped or None
    counted = m.group("noun") if (m := _HOW_MANY_NOUN.match(q)) else None
    return Context(speaker=speaker, topic=topic, counted=counted, asked=asked)


def _said_about(speaker: str | None, topic: str, context: Context) -> str:
    if speaker:
        return f"What did {speaker} say about {topic}?"
    return _sentence(f"{topic}")


def _about(x: str, context: Context, previous: str) -> str:
    """"and about X?": the previous question with X as its topic."""
    if context.speaker and speaker_target(previous)[0]:
        return f"What did {context.speaker} say about {x}?"
    if context.topic and context.topic in previous:
        return _sentence(previous.replace(context.topic, x, 1))
    return _said_about(context.speaker, x, context)


def _and(x: str, context: Context, previous: str) -> str:
    """"and X?": a name swaps the speaker, "in 2020" narrows the previous question, anything
    else becomes its topic."""
    target, topic = speaker_target(previous)
    if not target and _NARROWING.match(x):
        return f"{previous} {x}"
    if target and _CAPITALISED.match(x) and x.split()[0].lower() not in {"the", "of", "for", "and"}:
        return f"What did {x} say about {topic}?" if topic else f"What did {x} say?"
    return _about(x, context, previous)


def _what_else(m: re.Match, context: Context) -> str | None:
    who = m.group("who")
    speaker = context.speaker if who is None or _PERSON.fullmatch(who) else who
    topic = m.group("x") or context.topic
    if _THING.fullmatch(topic or "") or _THAT_END.fullmatch(topic or ""):
        topic = context.topic
    if not speaker:
        return _sentence(f"What else about {topic}") if topic else None
    return f"What else did {speaker} say about {topic}?" if topic else f"What else did {speaker} say?"


def _who_else(rest: str, context: Context) -> str | None:
    """"who else commented?" → on the previous topic; "who else criticised it?" → criticised it."""
    rest = _bare(rest)
    if not context.topic:
        return None
    if re.search(r"\b(?:it|that|this)$", rest, re.IGNORECASE):
        return f"Who else {re.sub(r'(?i)(?:it|that|this)$', '', rest).strip()} {context.topic}?"
    return f"Who else {rest or 'commented'} on {context.topic}?"


def _bare_wh(wh: str, context: Context, previous: str) -> str | None:
    """"why?" after "When did Gambia bring its case?" → "Why did Gambia bring its case?"."""
    if m := _WH_AUX.match(previous):
        return f"{wh} {m.group('rest')}"
    if context.topic and wh.lower() in ("when", "where"):
        return f"{wh} was {context.topic}?"
    return None


def _replace_pronouns(q: str, context: Context) -> str:
    def person(m: re.Match) -> str:
        word = m.group("p").lower()
        who = context.speaker
        # "when were they released?" after "how many worshippers were arrested?": the
        # worshippers, not whoever the answer happened to quote.
        if word in ("they", "them", "their") and context.counted and not context.asked:
            who = None
        if who is None:
            if word in ("they", "them") and (context.counted or context.topic):
                return context.counted or context.topic
            return m.group(0)
        return f"{who}'s" if word in _POSSESSIVE and _possessive_position(q, m) else who

    def thing(m: re.Match) -> str:
        what = context.topic or context.speaker
        if what is None:
            return m.group(0)
        return f"{what}'s" if m.group("p").lower() == "its" else what

    q = _PERSON.sub(person, q)
    # One "it"/"its" is the topic — the first "it", else the first "its": "will it get its final
    # vote" and "did they admit its soldiers carried it out" keep the other.
    its_only = not re.search(r"\bit\b", q, re.IGNORECASE)
    q = (_THING if its_only else _IT).sub(thing, q, count=1)
    if context.topic:
        q = _THAT_END.sub(context.topic, q)
    return q


def _possessive_position(q: str, m: re.Match) -> bool:
    """"her" before a noun is possessive ("her report"), at the end or before a verb it is not."""
    word = m.group("p").lower()
    if word in ("his", "their", "hers"):
        return True
    after = q[m.end():].split()
    return bool(after) and after[0].lower() not in {"say", "said", "about", "on", "to", "and", "or"}


def rewrite_followup(question: str, previous: Turn | None) -> Rewrite:
    """`question` read in the light of the previous turn; unchanged when it needs nothing from it."""
    q = _bare(question)
    if previous is None or not q:
        return Rewrite(question, False)
    context = context_of(previous)
    prev = _bare(previous.question)
    out: str | None = None
    if m := _WHAT_ELSE.match(q):
        out = _what_else(m, context)
    elif m := _WHO_ELSE.match(q):
        out = _who_else(m.group("rest"), context)
    elif m := _BARE_WH.match(q):
        out = _bare_wh(m.group("wh"), context, prev)
    elif (m := _HOW_MANY_BARE.match(q)) and context.topic:
        out = f"How {m.group('many')} {context.topic} {m.group('rest')}"
    elif m := _ABOUT_ONLY.match(q):
        out = _about(m.group("x").strip(), context, prev)
    elif m := _AND_ONLY.match(q):
        rest = m.group("x").strip()
        # "and when was that?" is a question of its own after the "and".
        out = rewrite_followup(rest, previous).question if _is_question(rest) else _and(rest, context, prev)
    else:
        replaced = _replace_pronouns(q, context)
        out = replaced if replaced != q else None
    if out is None:
        return Rewrite(question, False)
    out = _sentence(out)
    return Rewrite(out, out != _sentence(q))


def _is_question(text: str) -> bool:
    return bool(re.match(r"^(?:what|when|why|who|how|where|which|did|does|do|is|was|has|have)\b", text, re.I))
