"""Word lists the attribution rules consult: speech verbs, titles, pronouns, scare and title cues.

Kept apart from the rules so the vocabulary can grow without touching the logic; every set holds
lower-case words (compare with `word.lower()`).
"""

from __future__ import annotations

_REGULAR_SPEECH_VERBS = (
    "accuse acknowledge add admit advise affirm agree allege announce answer argue ask assert assure "
    "boast brag caution charge cite claim comment complain concede conclude confirm contend "
    "continue counter declare demand deny describe disclose emphasise emphasize estimate exclaim "
    "explain insist instruct joke maintain mention mock muse note object observe plead pledge "
    "point post predict proclaim promise propose protest question quip reason recall reckon "
    "recount reiterate rejoin remark remind repeat reply report respond retort reveal scoff "
    "scream shout sigh snap state stress suggest testify thunder tweet urge vow warn whisper "
    "wonder yell"
)
_IRREGULAR_SPEECH_FORMS = (
    "say says said saying tell tells told telling write writes wrote writing written "
    "tweeted tweeting"
)


def _inflect(base: str) -> set[str]:
    """The regular inflections of an English verb (`note` -> notes, noted, noting)."""
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    elif base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    if base in {"snap", "quip", "plead", "admit", "object"}:
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


SPEECH_VERBS: frozenset[str] = frozenset(
    {form for base in _REGULAR_SPEECH_VERBS.split() for form in _inflect(base)}
    | set(_IRREGULAR_SPEECH_FORMS.split())
    | {"pleaded", "pled", "snapped", "quipped", "admitted"}
)
"""Verb forms that introduce speech (`said`, `told`, `warns`, `promised`, `tweeted`)."""

CALL_VERBS: frozenset[str] = frozenset({"call", "calls", "called", "calling", "dubbed", "dubs"})
"""Verbs that introduce a quoted name or epithet (`called Idlib "a black hole"`)."""

CLAUSE_VERBS: frozenset[str] = frozenset(
    form
    for base in (
        "say acknowledge add admit agree allege announce argue assert assure caution charge "
        "claim complain concede conclude confirm contend declare deny disclose emphasise "
        "emphasize estimate explain insist maintain note predict promise reckon recall "
        "remind reiterate report reveal state stress suggest testify vow warn write tell "
        "believe think"
    ).split()
    for form in _inflect(base) | {"said", "says", "told", "tells", "wrote", "writes", "believes",
                                 "believed", "thinks", "thought"}
    if form not in {"saied", "sayed", "telled", "writed", "thinked", "telles", "writeed"}
)
"""Verb forms that take reported speech (`said that ...`, `assured that ...`)."""

NON_FINITE_SUFFIXES = ("ing",)
"""A cue verb ending like this is a participle, not the verb of an attribution clause."""

PRONOUNS_MALE: frozenset[str] = frozenset({"he"})
"""Subject pronouns for a man."""
PRONOUNS_FEMALE: frozenset[str] = frozenset({"she"})
"""Subject pronouns for a woman."""
PRONOUNS_ORG: frozenset[str] = frozenset({"it"})
"""Subject pronouns for an organisation."""
PRONOUNS_GROUP: frozenset[str] = frozenset({"they", "we"})
"""Subject pronouns for a group (resolved to an organisation if one fits)."""
SUBJECT_PRONOUNS: frozenset[str] = PRONOUNS_MALE | PRONOUNS_FEMALE | PRONOUNS_ORG | PRONOUNS_GROUP
"""Every pronoun that can be the speaker of an attribution."""

TITLES: frozenset[str] = frozenset(
    (
        "mr mrs ms miss mx dr sir dame lord lady sen senator rep representative gov governor "
        "president vice prime minister secretary chancellor mayor councillor councilor "
        "councilwoman councilman alderman judge justice gen general col colonel capt captain "
        "lt lieutenant sgt sergeant maj major adm admiral cmdr commander prof professor rev "
        "reverend fr father sister brother rabbi imam bishop archbishop cardinal pope king "
        "queen prince princess sheikh emir ayatollah chief director ambassador envoy commissioner "
        "chairman chairwoman chair spokesman spokeswoman spokesperson coach officer detective "
        "inspector superintendent constable sheriff attorney deputy speaker leader premier "
        "president-elect ceo cfo coo founder dean head manager minister-president "
        "presidential assemblyman assemblywoman congressman congresswoman treasurer state "
        "foreign defense defence interior finance health justice economy trade labour labor "
        "house senate majority minority whip nominee candidate adviser advisor aide"
    ).split()
)
"""Words of a title or role that precede a name (`Turkish President`, `Mayor`, `Sen.`)."""

MALE_TITLES: frozenset[str] = frozenset(
    "mr sir lord king prince father fr brother congressman councilman assemblyman chairman "
    "spokesman sheikh emir".split()
)
"""Titles that tell a man (used to resolve `he`)."""
FEMALE_TITLES: frozenset[str] = frozenset(
    "mrs ms miss dame lady queen princess sister congresswoman councilwoman assemblywoman "
    "chairwoman spokeswoman".split()
)
"""Titles that tell a woman (used to resolve `she`)."""

ABBREVIATIONS: frozenset[str] = frozenset(
    (
        "mr mrs ms dr sen rep gov gen col capt lt sgt maj adm cmdr prof rev fr st jr sr hon "
        "inc corp co ltd no vs jan feb mar apr aug sept sep oct nov dec ave blvd mt ft "
        "calif fla mass penn wash conn ariz colo ill ind kan mich minn miss mo neb nev okla "
        "ore tenn tex va vt wis wyo ala ark del ga ky la md est approx dept univ"
    ).split()
)
"""Words that end with a full stop without ending the sentence (`Mr.`, `Sen.`, `Calif.`)."""

NAME_CONNECTORS: frozenset[str] = frozenset(
    "de da di du del della der den van von ter bin ibn bint al el le la dos das y".split()
)
"""Lower-case particles inside personal names (`Ursula von der Leyen`, `Luiz Inácio da Silva`)."""

SENTENCE_OPENERS: frozenset[str] = frozenset(
    (
        "the a an but and or so yet meanwhile however in on at by for from with without "
        "yesterday today tonight tomorrow asked when if as after before later earlier also "
        "still then this that these those now speaking while although though because since "
        "during under over into speaking instead indeed moreover furthermore separately "
        "monday tuesday wednesday thursday friday saturday sunday january february march "
        "april may june july august september october november december last next "
        "what why how where who there here it its his her their our my your we i they he she "
        "according despite unlike like both one two three several many some most all every "
        "no not only even just mostly rather "
    ).split()
)
"""Capitalised words at a sentence start that are never part of a name."""

ORG_WORDS: frozenset[str] = frozenset(
    (
        "ministry department committee council agency commission office party union "
        "association institute university college bank corporation corp inc ltd plc llc "
        "company group authority court police army navy force forces government administration "
        "campaign foundation times post journal news press network television radio reuters "
        "service services board bureau federation organisation organization league club team "
        "school hospital church assembly parliament congress senate house kremlin pentagon "
        "cabinet secretariat commission tribunal fund trust society center centre alliance "
        "coalition movement front institution embassy consulate agency's daily herald tribune "
        "gazette guardian telegraph observer courier monitor magazine review channel"
    ).split()
)
"""Words that make a capitalised name an organisation (`Foreign Ministry`, `New York Times`)."""

ORG_NOUNS: frozenset[str] = frozenset(
    (
        "ministry department committee council agency commission office party union "
        "association institute university company government administration campaign "
        "authority court police army military board bureau federation organisation "
        "organization league club team school hospital church parliament firm bank group "
        "embassy consulate white kremlin statement report newspaper magazine network "
        "prosecutor's prosecutors' regulator watchdog airline manufacturer"
    ).split()
)
"""Head nouns of a lower-case noun phrase that names an organisation (`the ministry`)."""

GROUP_NOUNS: frozenset[str] = frozenset(
    (
        "officials sources critics analysts experts residents witnesses observers aides "
        "people authorities investigators prosecutors lawyers activists protesters supporters "
        "opponents economists scientists researchers doctors police officers diplomats "
        "lawmakers legislators democrats republicans voters members leaders organisers "
        "organizers campaigners teachers parents students workers employees executives "
        "insiders spokesmen spokespeople staff neighbours neighbors fans players"
    ).split()
)
"""Plural nouns that can stand alone as a speaker (`officials said`, `Critics say`)."""

ROLE_STOP_WORDS: frozenset[str] = frozenset(
    (
        "in on at after during while when as because since before who whom whose which that "
        "to and but or with without from into about than if although though where says said "
        "told added is was are were has had have will would could should can may might "
        "not also later earlier then"
    ).split()
)
"""Words that end a lower-case noun phrase (`a spokesman [for the firm] | in a statement`)."""

DETERMINERS: frozenset[str] = frozenset(
    (
        "the a an his her its their our one another two three four several some many "
        "this that these those each both most other"
    ).split()
)
"""Words that start a lower-case noun phrase speaker (`the ministry`, `a spokesman`)."""

ADVERB_SKIP: frozenset[str] = frozenset(
    (
        "also later then again once further previously recently repeatedly reportedly "
        "has had have was is were are will would could had just allegedly never since "
        "already still even often last first initially subsequently ultimately finally "
        "earlier yesterday today tonight herself himself themselves itself"
    ).split()
)
"""Words allowed between a speaker and the cue verb (`Erdogan also said`)."""

SCARE_BEFORE: frozenset[str] = frozenset(
    (
        "so-called term terms word words phrase label labelled labeled dubbed known "
        "nicknamed termed slogan motto"
    ).split()
)
"""Words just before a quote that make it a quoted term, not an utterance (`so-called "..."`)."""

TITLE_NOUNS: frozenset[str] = frozenset(
    (
        "report book film movie album song show series documentary article novel play poem "
        "essay study paper column op-ed editorial headline programme program podcast "
        "exhibition opera musical single episode memoir biography titled entitled "
        "headlined painting sculpture collection strategy plan manifesto white paper bill "
        "spot ad advert commercial column thriller drama sitcom hit tune anthem track"
    ).split()
)
"""Nouns that, right before a Title-Cased quote, make it a title (`its report "Rivers at Risk"`)."""

CONTINUATION_WORDS: frozenset[str] = frozenset({"continued", "continues", "added", "adds"})
"""Cues that say the same speaker goes on."""
