"""Word lists and name heuristics for index/quotes.py (speaker detection in news text)."""

from __future__ import annotations

import re


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_ABBREV = _words(
    "mr mrs ms dr st jan feb mar apr jun jul aug sep sept oct nov dec gen sen rep gov lt col "
    "sgt capt maj prof jr sr no vs inc corp co ltd mt ft rev hon dept univ fig pp vol art adm cmdr"
)
_STARTERS = _words(
    "He She It They We I The This That These Those A An But And In On At As After Before "
    "When While If His Her Its Their Our There Meanwhile However Some Many"
)
_AUX = _words(
    "has have had will would also previously later then repeatedly earlier further recently "
    "publicly separately again once himself herself subsequently reportedly had has could may "
    "might should did does do often always"
)
_PRONOUNS = _words("he she they it we i")
_DETS = _words("the a an its their his her")
_CONNECT = _words("of for and de van der von da del la le du al bin ibn dos das against")
_STOP = _words(
    "that which who whom whose what is was were are be been being to in on at by with from as "
    "or but not if when while after before because since than this these those there where "
    "said says told according it he she they we i you them him us me"
)
_CAP_STOP = _words(
    "But And In On At As After Before When While If Yet So Also Meanwhile However Still Now "
    "Today Yesterday Earlier Later Then Last Speaking Asked Since Although Though Instead Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December This That These Those It He She They We "
    "Separately Further Moreover Finally Overall"
)
_ROLE = _words(
    "spokesman spokeswoman spokesperson director minister secretary president chairman chair "
    "chairwoman ambassador commissioner envoy representative advocate expert professor analyst "
    "coordinator officer official manager counsel attorney lawyer prosecutor judge adviser "
    "advisor economist editor reporter correspondent executive investigator rapporteur doctor "
    "researcher head chief leader founder member activist journalist resident witness survivor "
    "mother father spokespeople governor mayor senator general colonel commander deputy "
    "secretary-general co-founder co-director associate counsel partner director-general "
    "high-commissioner prime premier king queen chancellor rapporteur president-elect "
    "vice-president"
)
_ROLE_MOD = _words(
    "deputy senior chief executive regional acting former top lead press program programme "
    "associate assistant interim country legal policy")
_TITLE = _words(
    "President Prime Minister Executive Foreign Interior Defense Defence Justice Secretary "
    "Secretary-General General Gen. Sen. Rep. Gov. Judge Ambassador Commissioner Spokesman "
    "Spokeswoman Director Chief Deputy King Queen Pope Mayor Chairman Chair Lt. Col. Capt. "
    "Sgt. Prof. Professor Rev. Senator Governor Vice Attorney Special Rapporteur High U.N. UN"
)
_ORG = _words(
    "watch office ministry council committee nations organization organisation agency group "
    "groups government police commission court department union party army forces "
    "international federation foundation institute association network center centre fund bank "
    "service authority authorities officials coalition alliance mission bureau secretariat "
    "parliament assembly embassy board company corporation press media news ohchr unicef unhcr "
    "amnesty hrw prosecution administration military cabinet presidency junta"
)
_GROUP_NOUNS = _words(
    "police officials authorities witnesses residents activists prosecutors lawyers researchers "
    "experts sources critics analysts doctors survivors relatives families organizers protesters "
    "observers monitors groups organizations organisations investigators diplomats officers "
    "soldiers villagers refugees journalists media"
)
_TIME = _words(
    "today yesterday tonight monday tuesday wednesday thursday friday saturday sunday on "
    "earlier later recently this last week month year morning afternoon evening night"
)
_PREP = _words("in at to during after before for with from on by via of about over under into")

_VERB_SET = _words(
    "said says say saying added adds insisted insists warned warns told tells stated noted urged "
    "urges explained explains wrote writes argued argues stressed stresses declared declares "
    "asked asks announced announces tweeted posted emphasized emphasised emphasizes recalled "
    "recalls replied responded acknowledged confirmed confirms claimed claims alleged alleges "
    "admitted testified complained commented remarked reported informed affirmed affirms "
    "highlighted observed observes reiterated reiterates demanded vowed vows pledged promised "
    "accused denied denies described describes condemned condemns criticized criticised "
    "welcomed welcomes expressed lamented recounted conceded maintained contended"
)
# Also participles and adjectives ("the goals expressed in", "the promised reforms"): their
# subject must look like a speaker, not any noun phrase.
_WEAK_VERBS = _words(
    "affirmed affirms highlighted observed observes demanded vowed vows pledged promised accused "
    "denied denies described describes condemned condemns criticized criticised welcomed "
    "welcomes expressed lamented recounted conceded maintained contended reported informed"
)
# Participles take the subject of their main clause: "X described the raid, saying, “…”".
_PARTICIPLES = _words(
    "saying noting adding stating explaining arguing insisting stressing writing describing "
    "telling warning emphasizing emphasising declaring recalling asking"
)
# Also nouns ("member states", "a call for"): verbs only when a clause or "on" follows.
_COND_VERBS = {
    "called": ("on", "for", "upon"), "calls": ("on", "for", "upon"), "states": ("that", ":"),
    "notes": ("that", ":"), "posts": (":",), "tweets": (":",), "pointed": ("out",),
    "points": ("out",),
}

_NO_INVERT = _words("told tells urged urges called")
# Verbs whose bare object is the reported clause ("X said the office had ..."); others need "that".
_BARE = _words(
    "said says added adds warned warns insisted insists argued argues stressed noted declared "
    "explained wrote writes emphasized emphasised claimed claims alleged alleges"
)
_PERSON = _words(
    "woman man girl boy mother father son daughter wife husband brother sister source resident "
    "witness teacher student child refugee detainee survivor victim relative farmer worker nurse "
    "doctor member person parent neighbor neighbour friend guard official officer lawyer"
)
_PARTICLES = _words("al- el- ad- as- an- ar- at- az- bin- abu- ibn- ben- ul- ash-")
_QUANT = _words("one another several some many two three four five most other others both")

# Capitalised words that open place or institution names, never a given name.
_NOT_GIVEN = _words(
    "North South East West Northern Southern Eastern Western Central United New Saudi Sri Costa "
    "El Los Las San Santa Human Amnesty Middle Hong Burkina Sierra Puerto Papua Islamic Republic "
    "Democratic People’s Great Upper Lower Greater Nobel Supreme Constitutional National Federal "
    "Russian Chinese Iranian Israeli Palestinian Ukrainian American European African Asian"
)
_NOT_FIRST = _NOT_GIVEN | _CAP_STOP | _TITLE | _STARTERS
_CAP_SEQ = re.compile(r"\b[A-Z][\w\-]*(?:[ \u00a0]+[A-Z][\w\-]*){1,2}\b")
_CAP_WORD = re.compile(r"\b[A-Z][\w\-]*\b")
_CAP_AFTER = re.compile(r"[ \u00a0]+[A-Z]")
_POSSESSIVE = re.compile(r"\b([A-Z][\w\-]+)[’']s\b")


def person_surnames(text: str) -> frozenset[str]:
    """Surnames of people named in `text`: written once in full ('Narges Mohammadi') and
    elsewhere on their own ('Mohammadi said', 'Mohammadi’s lawyer')."""
    cands: set[str] = set()
    for m in _CAP_SEQ.finditer(text):
        words = m.group().split()
        last = words[-1]
        if (words[0] in _NOT_FIRST
                or any(w.lower() in _ORG or w.lower() in _ROLE for w in words)
                or last.isupper() or len(last) < 3 or last in _CAP_STOP):
            continue
        cands.add(last)
    out = set()
    for m in _CAP_WORD.finditer(text):
        name = m.group()
        if name not in cands or name in out or _CAP_AFTER.match(text, m.end()):
            continue
        prev = text[max(0, m.start() - 40) : m.start()].split()
        p = prev[-1] if prev and m.start() and text[m.start() - 1].isspace() else ""
        if not p or not p[0].isupper() or p[-1] in ",.;:)”\"" or p in _CAP_STOP:
            out.add(name)
    return frozenset(out)


def possessive_mentions(text: str, surnames: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, surname) of 'Mohammadi’s'-style mentions of known people, in order."""
    return [(m.start(), m.group(1)) for m in _POSSESSIVE.finditer(text) if m.group(1) in surnames]
