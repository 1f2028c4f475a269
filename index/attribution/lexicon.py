"""Word lists for speaker detection in news text: titles, roles, organisations, function words."""

from __future__ import annotations


def words(s: str) -> frozenset[str]:
    return frozenset(s.split())


ABBREV = words(
    "mr mrs ms dr st jan feb mar apr jun jul aug sep sept oct nov dec gen sen rep gov lt col "
    "sgt capt maj prof jr sr no vs inc corp co ltd mt ft rev hon dept univ fig pp vol art adm cmdr del"
)


STARTERS = words(
    "He She It They We I The This That These Those A An But And In On At As After Before "
    "When While If His Her Its Their Our There Meanwhile However Some Many"
)


AUX = words(
    "has have had will would also previously later then repeatedly earlier further recently "
    "publicly separately again once himself herself subsequently reportedly had has could may "
    "might should did does do often always"
)


PRONOUNS = words("he she they it we i")


DETS = words("the a an its their his her")


CONNECT = words("of for and de van der von da del la le du al bin ibn dos das against")


STOP = words(
    "that which who whom whose what is was were are be been being to in on at by with from as "
    "or but not if when while after before because since than this these those there where "
    "said says told according it he she they we i you them him us me"
)


CAP_STOP = words(
    "But And In On At As After Before When While If Yet So Also Meanwhile However Still Now "
    "Today Yesterday Earlier Later Then Last Speaking Asked Since Although Though Instead Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December This That These Those It He She They We "
    "Separately Further Moreover Finally Overall Nor Or Neither Either"
)


ROLE = words(
    "spokesman spokeswoman spokesperson director minister secretary president chairman chair "
    "chairwoman ambassador commissioner envoy representative advocate expert professor analyst "
    "coordinator officer official manager counsel attorney lawyer prosecutor judge adviser "
    "advisor economist editor reporter correspondent executive investigator rapporteur doctor "
    "researcher head chief leader founder member activist journalist resident witness survivor "
    "mother father spokespeople governor mayor senator general colonel commander deputy "
    "secretary-general co-founder co-director associate counsel partner director-general "
    "high-commissioner prime premier king queen chancellor rapporteur president-elect "
    "vice-president pollster strategist consultant historian candidate nominee"
)


ROLE_MOD = words(
    "deputy senior chief executive regional acting former top lead press program programme "
    "associate assistant interim country legal policy")


TITLE = words(
    "President Prime Minister Executive Foreign Interior Defense Defence Justice Secretary "
    "Secretary-General General Gen. Sen. Rep. Gov. Judge Ambassador Commissioner Spokesman "
    "Spokeswoman Director Chief Deputy King Queen Pope Mayor Chairman Chair Lt. Col. Capt. "
    "Sgt. Prof. Professor Rev. Senator Governor Vice Attorney Special Rapporteur High U.N. UN Del."
)


ORG = words(
    "watch office ministry council committee nations organization organisation agency group "
    "groups government police commission court department union party army forces "
    "international federation foundation institute association network center centre fund bank "
    "service authority authorities officials coalition alliance mission bureau secretariat "
    "parliament assembly embassy board company corporation press media news ohchr unicef unhcr "
    "amnesty hrw prosecution administration military cabinet presidency junta"
)


GROUP_NOUNS = words(
    "police officials authorities witnesses residents activists prosecutors lawyers researchers "
    "experts sources critics analysts doctors survivors relatives families organizers protesters "
    "observers monitors groups organizations organisations investigators diplomats officers "
    "soldiers villagers refugees journalists media"
)


TIME = words(
    "today yesterday tonight monday tuesday wednesday thursday friday saturday sunday on "
    "earlier later recently this last week month year morning afternoon evening night"
)


PREP = words("in at to during after before for with from on by via of about over under into")


PERSON = words(
    "woman man girl boy mother father son daughter wife husband brother sister source resident "
    "witness teacher student child refugee detainee survivor victim relative farmer worker nurse "
    "doctor member person parent neighbor neighbour friend guard official officer lawyer "
    "staffer aide operative delegate narrator voter supporter protester donor"
)


PARTICLES = words("al- el- ad- as- an- ar- at- az- bin- abu- ibn- ben- ul- ash-")


QUANT = words("one another several some many two three four five most other others both")


# Capitalised words that open place or institution names, never a given name.
NOT_GIVEN = words(
    "North South East West Northern Southern Eastern Western Central United New Saudi Sri Costa "
    "El Los Las San Santa Human Amnesty Middle Hong Burkina Sierra Puerto Papua Islamic Republic "
    "Democratic People’s Great Upper Lower Greater Nobel Supreme Constitutional National Federal "
    "Russian Chinese Iranian Israeli Palestinian Ukrainian American European African Asian"
)


NOT_FIRST = NOT_GIVEN | CAP_STOP | TITLE | STARTERS


PASSIVE = words("was were been being is are the")


ROLE_NP_BAD = STOP - words("to from at in on with by as")

