"""What a question asks for: its type, the speaker it asks about, the topic, the yes/no subject.

Rules over the question's own words, no model: "What did OHCHR say about torture?" is a
`said` question with target "OHCHR" and topic "torture"; "Did China respond?" is `yes_no`
with subject "China"; "How many North Koreans are detained?" wants a number.

Also the one acceptance check for every question (`clean_question`): one length limit, one
message; the bot only mirrors the limit to Discord (the option's `max_length`).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace

from index.answer_types import Focus, question_focus
from index.errors import BadQuestion

log = logging.getLogger(__name__)

EMPTY_QUESTION = "Please ask a question — the message was empty."
# Pings carry no words to search for: "@everyone what did OHCHR say?" asks what the question
# without the ping asks (user, role and channel mentions alike).
DISCORD_PINGS = re.compile(r"@(?:everyone|here)\b|<(?:@[!&]?|#)\d+>", re.IGNORECASE)


def too_long(length: int, limit: int) -> str:
    return f"Questions are limited to {limit:,} characters (this one has {length:,})."


def clean_question(question: str, max_chars: int) -> str:
    """`question` with format characters dropped and whitespace collapsed; BadQuestion if it is
    empty or longer than `max_chars`."""
    # Zero-width and bidi controls (format characters) carry no words.
    q = "".join(ch for ch in (question or "") if unicodedata.category(ch) != "Cf")
    q = " ".join(DISCORD_PINGS.sub(" ", q).split())
    if not q:
        raise BadQuestion(EMPTY_QUESTION)
    if len(q) > max_chars:
        raise BadQuestion(too_long(len(q), max_chars))
    return q

_SAY_VERBS = (
    r"say|said|says|sya|think|thinks|tell|told|claim|claimed|state|stated|warn|warned|respond|"
    r"responded|comment|commented|write|wrote|announce|announced|report|reported|call|called|"
    r"argue|argued|describe|described|urge|urged|demand|demanded|ask|asked|add|added|mean|"
    r"insist|insisted|express|expressed"
)
_SPEAKER_Q = re.compile(
    rf"\b(?:what|how|did|has|have|does)\s+(?:else\s+)?(?:did|does|do|has|have|had|is|was)?\s*"
    rf"(?P<who>[^?]+?)\s+(?:(?:have|has|had)\s+)?(?:{_SAY_VERBS})\b(?P<rest>[^?]*)",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^?,.]+)", re.IGNORECASE)
# "say anything about the Asian Games": the topic follows the pronoun.
_ABOUT = re.compile(r"^\s*(?:(?:anything|something|much|publicly)\s+)?"
                    r"(?:about|on|regarding|concerning|of|in response to|to)\s+(?P<topic>.+)$",
                    re.IGNORECASE)
# A yes/no question that asks whether someone made a statement ("Did HRW say anything about
# the Asian Games?", "Has CPJ commented on Zam's execution?"), not whether something happened
# ("Did China respond?" is settled by "did not immediately respond").
_STATEMENT_PREDICATE = re.compile(
    r"^(?:(?:ever|publicly|already|yet)\s+)?(?:say|said|comment|commented|speak|spoke|spoken|talk|"
    r"talked|mention|mentioned|make\s+(?:a|any)\s+statement|made\s+(?:a|any)\s+statement)\b",
    re.IGNORECASE,
)
_YES_NO = re.compile(
    r"^\s*(?:did|does|do|has|have|had|is|was|were|are|will|would|can|could)\s+"
    # "Cameroon's government": a possessive takes the noun it possesses.
    r"(?P<subject>(?:the\s+)?[^\s?]+?(?:['’]s\s+[^\s?]+)?(?-i:(?:\s+[A-Z][\w.’'-]*)*))\s+(?P<rest>.*)$",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_NOT_SPEAKERS = re.compile(r"^(?:you|i|we|it|this|that|they|he|she|people|anyone|someone)$",
                           re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Intent:
    kind: str  # said | who | when | how_many | why | yes_no | other
    target: str | None = None  # the speaker asked about
    topic: str | None = None  # what about ("torture" in "what did X say about torture")
    subject: str | None = None  # the yes/no question's subject ("China")
    predicate: str | None = None  # what the yes/no question asks the subject did ("respond")
    focus: Focus | None = None  # what exactly the answer must hold ("how many towns" → towns)
    # A yes/no question about whether the target made a statement: its statements answer it.
    asks_statement: bool = False
    # "the" when the question wrote it before the target ("the U.N. human rights office"): the
    # target is matched without it, and answers name it as asked.
    target_article: str = ""

    @property
    def about_statements(self) -> bool:
        """The target's own statements answer this question (or their absence refuses it)."""
        return self.target is not None and (self.kind == "said" or self.asks_statement)


def _clean_name(text: str) -> str | None:
    name = _LEADING_ARTICLE.sub("", " ".join(text.split()).strip(" ,.;:"))
    if not name or len(name) > 80 or _NOT_SPEAKERS.match(name):
        return None
    return name


def speaker_target(question: str) -> tuple[str | None, str | None]:
    """(speaker, topic) of "what did X say [about Y]" / "according to X"; (None, None) else."""
    m = _SPEAKER_Q.search(question)
    if m:
        who = _clean_name(m.group("who"))
        # "how many … said", "who said": not a speaker ("WHO" in capitals is one).
        if who and not re.match(r"^(?:many|much|long|often|who|what|when|why)\b", who):
            rest = _ABOUT.match(m.group("rest") or "")
            return who, (rest.group("topic").strip(" ?.") if rest else None)
    m = _ACCORDING.search(question)
    if m:
        return _clean_name(m.group("who")), None
    return None, None


def read_question(question: str) -> Intent:
    intent = _read(question.strip())
    focus = question_focus(question, intent.kind)
    if intent.target and re.search(rf"\bthe\s+{re.escape(intent.target)}", question, re.IGNORECASE):
        intent = replace(intent, target_article="the ")
    return replace(intent, focus=focus) if focus else intent


def _read(q: str) -> Intent:
    low = q.lower()
    target, topic = speaker_target(q)
    if re.match(r"^(?:when|what (?:date|day|year|time|month))\b", low) or "since when" in low:
        return Intent("when", target, topic)
    # A number answers these too: "how long was he sentenced to", "how old is she".
    if re.search(r"\bhow (?:many|much|long|old|often|far|big|large|high)\b", low):
        return Intent("how_many", target, topic)
    if re.match(r"^(?:why|for what reason|what (?:was|is) the reason)\b", low):
        return Intent("why", target, topic)
    if re.match(r"^(?:who|which (?:person|official|group|organi[sz]ation))\b", low):
        return Intent("who", target, topic)
    yes_no = _YES_NO.match(q)
    if yes_no:
        # "Did China respond?" asks whether something happened: the answer is the sentence where
        # China is the subject ("did not immediately respond"), its statements if it made any.
        subject = target or _clean_name(yes_no.group("subject"))
        rest = yes_no.group("rest")
        if target:
            # "Did the Eastland ministry respond?": the target is the whole subject and the
            # predicate what follows it, not what follows its first word.
            after = q.lower().find(target.lower())
            if after >= 0:
                rest = q[after + len(target):]
        predicate = " ".join(rest.strip(" ?.").split()) or None
        statement = _STATEMENT_PREDICATE.match(predicate) if predicate and subject else None
        if statement and not target:
            # "Did Mara Quint speak about the harvest?": a verb the speaker pattern leaves out.
            target = subject
            about = _ABOUT.match(predicate[statement.end():])
            topic = about.group("topic").strip(" ?.") if about else None
        return Intent("yes_no", target, topic, subject, predicate, asks_statement=statement is not None)
    if target:
        return Intent("said", target, topic)
    return Intent("other")
