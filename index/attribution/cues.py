"""Cue verbs: the words that introduce what someone said ("said", "insisted", "according to")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.attribution.lexicon import PASSIVE, PRONOUNS, QUANT, words

if TYPE_CHECKING:
    from index.attribution.segment import Tok

# Verbs of judgement, comparison and chant: cues ('Pence praised Cruz for showing “the courage of
# his convictions”', 'Tribe likened the rules to “burning the Constitution”'), and weak ones.
JUDGEMENT_VERBS = words(
    "praised praises thanked thanks hailed hails blasted blasts slammed slams lambasted attacked "
    "bemoaned bemoans decried decries derided dismissed dismisses labeled labelled dubbed "
    "branded ridiculed applauded proclaims proclaimed pondered assails assailed knocked "
    "questioned questions touted touts likened likens chanted chants accuse accuses"
)


VERB_SET = words(
    "said says say saying added adds insisted insists warned warns told tells stated noted urged "
    "urges explained explains wrote writes argued argues stressed stresses declared declares "
    "asked asks announced announces tweeted posted emphasized emphasised emphasizes recalled "
    "recalls replied responded acknowledged confirmed confirms claimed claims alleged alleges "
    "admitted testified complained commented remarked reported informed affirmed affirms "
    "highlighted observed observes reiterated reiterates demanded vowed vows pledged promised "
    "accused denied denies described describes condemned condemns criticized criticised "
    "welcomed welcomes expressed lamented recounted conceded maintained contended "
    # more reporting verbs of news prose
    "admits acknowledges adds argued asserted asserts assured boasted boasts cautioned cautions "
    "charged charges continued concluded concludes countered counters explained grumbled "
    "insisted joked jokes mused muses predicted predicts proclaimed quipped quips remembered "
    "repeated replies responds retorted retorts revealed scoffed shouted snapped suggested "
    "suggests testifies wondered wonders yelled mocked mocks opined quoted tweets wrote "
    "answered answers agreed agrees declares complains "
    "exclaimed chided bragged sighed interjected fumed marveled marvelled gushed beamed "
    "scolded scolds rebuked rebukes chastised reacted echoed echoes exhorted continues"
) | JUDGEMENT_VERBS


# Also participles and adjectives ("the goals expressed in", "the promised reforms"): their
# subject must look like a speaker, not any noun phrase.
WEAK_VERBS = words(
    "affirmed affirms highlighted observed observes demanded vowed vows pledged promised accused "
    "denied denies described describes condemned condemns criticized criticised welcomed "
    "welcomes expressed lamented recounted conceded maintained contended reported informed "
    "continued concluded concludes predicted predicts revealed suggested suggests agreed agrees "
    "answered answers remembered repeated mocked mocks quoted charged charges"
) | JUDGEMENT_VERBS


# Participles take the subject of their main clause: "X described the raid, saying, “…”".
PARTICIPLES = words(
    "saying noting adding stating explaining arguing insisting stressing writing describing "
    "telling warning emphasizing emphasising declaring recalling asking claiming urging vowing "
    "promising accusing predicting suggesting blasting demanding attacking criticizing "
    "criticising praising"
)


# Also nouns ("member states", "a call for"): verbs only when a clause or "on" follows.
COND_VERBS = {
    "called": ("on", "for", "upon"), "calls": ("on", "for", "upon"),
    # '“…,” Bozell notes.': at the end of an attribution clause too
    "states": ("that", ":", ".", ","), "notes": ("that", ":", ".", ","), "posts": (":", "."),
    "tweets": (":", "."), "pointed": ("out",),
    "points": ("out",),
    "put": ("it",), "puts": ("it",),  # 'as the prosecutor put it, “…”'
    # An estimate is a claim when a clause follows: 'The UN estimates that 10,000 children …'
    # (not 'which the Tax Foundation estimates would cost …', nor 'an estimated 10,000').
    "estimates": ("that",), "estimated": ("that",),
}


NO_INVERT = words("told tells urged urges called")


# Verbs whose bare object is the reported clause ("X said the office had ..."); others need "that".
BARE = words(
    "said says added adds warned warns insisted insists argued argues stressed noted declared "
    "explained wrote writes emphasized emphasised claimed claims alleged alleges say"
)


VERBS = "|".join(sorted(VERB_SET, key=len, reverse=True))


def is_verb(toks: list[Tok], k: int) -> bool:
    low = toks[k].low
    if low in PLURAL_NOUNS_TOO and k and not (toks[k - 1].cap or toks[k - 1].low in PRONOUNS | {"who"}
                                               or toks[k - 1].low.endswith("ly")):
        return False  # 'any tough questions', 'many thanks': nouns ('Smith questions whether': a verb)
    if low in VERB_SET:  # "were accused of", "the accused": not the speaker's verb
        return low != "accused" or not (k + 1 < len(toks) and toks[k + 1].low == "of" or (
            k and toks[k - 1].low in PASSIVE))
    if low in PROGRESSIVE and k and toks[k - 1].low in BE:  # 'Huckabee is labeling … “…”'
        return True
    nxt = COND_VERBS.get(low)
    if k and (toks[k - 1].low in QUANT or toks[k - 1].low.isdigit()):
        return False  # 'the first four states that vote', '50 states that': nouns, counted
    return bool(nxt) and k + 1 < len(toks) and toks[k + 1].low in nxt


BE = words("is are was were been")
# Cues that are as often plural nouns: a verb only after a name, a pronoun or an adverb.
PLURAL_NOUNS_TOO = words("questions thanks praises chants blasts slams touts knocks")
PROGRESSIVE = words("telling claiming pledging labeling labelling calling warning urging arguing "
                    "insisting vowing promising accusing asking predicting suggesting blasting "
                    "demanding describing")



# Nouns that carry someone's words when "from"/"by" names them: 'criticism from rights groups
# for its “unacceptable silence”'.
NOMINAL_CUES = words(
    "criticism criticisms condemnation calls call demands demand statement statements warning "
    "warnings comments comment remarks words claims accusations accusation praise complaints "
    "appeal appeals pledge promise plea pleas message testimony response reaction"
)


# Verbs whose object is what was said: 'The office expressed grave concern over …'.
OBJECT_CUES = words("expressed voiced condemned welcomed urged criticized criticised denounced "
                    "demanded reiterated")


# Verbs that name something in the speaker's words: 'what Newt Gingrich called “…”'.
NAMING_VERBS = words("called calls call termed terms dubbed dubs")
