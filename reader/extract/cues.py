"""Word lists the attribution rules consult: speech verbs, titles, pronouns, scare and title cues.

Kept apart from the rules so the vocabulary can grow without touching the logic; every set holds
lower-case words (compare with `word.lower()`).
"""

from __future__ import annotations

_REGULAR_SPEECH_VERBS = (
    "lament fume press marvel concur gush plead sneer "
    "accuse acknowledge add admit advise affirm agree allege announce answer argue ask assert "
    "assure chant "
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


def _words(text: str) -> frozenset[str]:
    """The white-space separated words of `text`, as a set."""
    return frozenset(text.split())


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
    | {"pleaded", "pled", "snapped", "quipped", "admitted", "blurted", "blurts"}
)
"""Verb forms that introduce speech (`said`, `told`, `warns`, `promised`, `tweeted`)."""

TURN_VERBS: frozenset[str] = frozenset(
    form
    for base in _words(
        """
        blurt chuckle cry enquire gasp groan grumble inquire interject interrupt laugh moan
        mumble murmur mutter persist pursue reflect resume return shriek smile snarl sob stammer
        stutter beam chide gripe riff
        assent bawl bluster boom chorus echo ejaculate entreat falter growl hazard implore
        interpose pipe roar screech sputter squeak venture wail whimper whine
        """
    )
    for form in _inflect(base)
    if form not in {"cryed", "crys", "echos"}
) | {"cried", "cries", "began", "went", "sang", "echoes", "deadpanned"}
"""Verbs that report a turn of speech only right after a quote's closing mark
(`"...," cried Alice`, `"...," he returned`): elsewhere they are mostly not speech. The
last two lines' tags of 19th-century fiction (`interposed`, `ejaculated`, `assented`) turned 28
speakers of the PDNC development novels right (12292 -> 12320) and changed none in news."""

CALL_VERBS: frozenset[str] = frozenset({"call", "calls", "called", "calling", "dubbed", "dubs"})
"""Verbs that introduce a quoted name or epithet (`called Idlib "a black hole"`)."""

LABEL_VERBS: frozenset[str] = _words(
    """
    branded branding considered deemed deeming deems dubbing labeled labelled labeling labelling
    pronounced pronounces termed
    """
)
"""Verbs that, like `call`, apply a quoted epithet to something (`branded the deal "a fraud"`).

Only forms that are not also nouns (`labels`, `brand`, `terms` name things)."""

STANCE_VERBS: frozenset[str] = frozenset(
    form
    for base in _words(
        """
        applaud attack bash blame blast chide condemn criticise criticize decry defend denounce
        dismiss hail lambaste liken portray praise refer reject ridicule scold slam tout
        characterise characterize
        """
    )
    for form in _inflect(base)
    if form not in {"decryed", "slamed", "slaming", "refered", "refering"}
) | {"slammed", "slamming", "referred", "referring", "decried"}
"""Verbs of judging someone in words (`blasted`, `praised`, `denounced`): what an embedded quote
in their clause says is the subject's wording, as with a speech verb."""

CLAUSE_VERBS: frozenset[str] = frozenset(
    form
    for base in _words(
        """
        say acknowledge add admit agree allege announce argue assert assure caution charge claim
        complain concede conclude confirm contend declare deny disclose emphasise emphasize
        estimate explain insist maintain note predict promise reckon recall remind reiterate
        report reveal state stress suggest testify vow warn write tell believe think
        """
    )
    for form in _inflect(base)
    | {
        "said",
        "says",
        "told",
        "tells",
        "wrote",
        "writes",
        "believes",
        "believed",
        "thinks",
        "thought",
    }
    if form not in {"saied", "sayed", "telled", "writed", "thinked", "telles", "writeed"}
)
"""Verb forms that take reported speech (`said that ...`, `assured that ...`)."""


PRONOUNS_MALE: frozenset[str] = frozenset({"he"})
"""Subject pronouns for a man."""
PRONOUNS_FEMALE: frozenset[str] = frozenset({"she"})
"""Subject pronouns for a woman."""
PRONOUNS_ORG: frozenset[str] = frozenset({"it"})
"""Subject pronouns for an organisation."""
PRONOUNS_GROUP: frozenset[str] = frozenset({"they", "we"})
"""Subject pronouns for a group (resolved to an organisation if one fits)."""
PRONOUNS_NARRATOR: frozenset[str] = frozenset({"i"})
"""The narrator of a first-person text (`"Yes," I said`)."""
SUBJECT_PRONOUNS: frozenset[str] = (
    PRONOUNS_MALE | PRONOUNS_FEMALE | PRONOUNS_ORG | PRONOUNS_GROUP | PRONOUNS_NARRATOR
)
"""Every pronoun that can be the speaker of an attribution."""

TITLES: frozenset[str] = _words(
    """
    adm admiral adviser advisor aide alderman ambassador archbishop assemblyman assemblywoman
    attorney ayatollah bishop brother candidate capt captain cardinal ceo cfo chair chairman
    chairwoman challenger chancellor chief cmdr coach col colonel commander commissioner
    congressman congresswoman constable coo coun councillor councilman councilor councilwoman
    cpl cst dame dean defence defense deputy det detective director dr economy emir envoy father
    finance foreign founder fr gen general gov governor head health host house imam insp
    inspector interior judge justice king labor labour lady leader lieutenant lord lt maj major
    majority manager marshal mayor minister minister-president minority miss mla moderator mp mpp
    mr mrs ms mx nominee officer opponent pope premier president president-elect presidential prime
    prince princess prof professor queen rabbi reeve rep representative rev reverend rival
    secretary sen senate senator sergeant sgt sheikh sheriff sir sister speaker spokesman
    spokesperson spokeswoman state superintendent supt trade treasurer vice warden whip
    const elder mna
    """
)
"""Words of a title or role that precede a name (`Turkish President`, `Mayor`, `Sen.`)."""

MALE_TITLES: frozenset[str] = _words(
    """
    assemblyman brother chairman congressman councilman emir father fr king lord mr prince
    sheikh sir spokesman
    """
)
"""Titles that tell a man (used to resolve `he`)."""
FEMALE_TITLES: frozenset[str] = _words(
    """
    assemblywoman chairwoman congresswoman councilwoman dame lady miss mrs ms princess queen
    sister spokeswoman
    """
)
"""Titles that tell a woman (used to resolve `she`)."""

ABBREVIATIONS: frozenset[str] = _words(
    """
    adm ala approx apr ariz ark aug ave blvd calif capt cmdr co col colo conn corp coun cpl cst
    dec del dept det dr est feb fla fr ft ga gen gov hon ill inc ind insp jan jr kan ky la lt
    ltd maj mar mass md mich minn miss mo mr mrs ms mt neb nev no nov oct okla ore penn prof rep
    rev sen sep sept sgt sr st ste supt tenn tex univ va vs vt wash wis wisc wyo
    alta const nfld ont que sask
    """
)
"""Words that end with a full stop without ending the sentence (`Mr.`, `Sen.`, `Calif.`; the
Canadian provinces' `Sask.`, `Ont.`: `Man.` is left out, it ends sentences as `man.`; `Ste.`, Sainte
in a place name: `Ste. Rose`)."""

NAME_CONNECTORS: frozenset[str] = _words(
    """
    al bin bint da das de del della den der di dos du el ibn la le ter van von y
    """
)
"""Lower-case particles inside personal names (`Ursula von der Leyen`, `Luiz Inácio da Silva`)."""

SENTENCE_OPENERS: frozenset[str] = _words(
    """
    a according after all also although american an and another ap april as asked at august because
    before both but by conservative december democratic despite doing during earlier eastern
    either european even every february federal finally first for friday from furthermore getty
    he her here his how however i if image in indeed inside instead into it its january july
    june just last later liberal like many march may maybe meanwhile middle monday moreover most
    mostly my national neither next no northern not november now october often oh on one only or
    our over partial perhaps photo please private progressive public rather read related
    republican reuters saturday second separately september several she since so some sometimes
    southern speaking still such sunday that the their then there these they third this those though
    three thursday to today tomorrow tonight tuesday two under unlike update video watch we
    wednesday well western what whatever when where while who why with without yes yesterday yet
    you your
    about above across afterward afterwards again ago almost already always amid among anyway
    around away back behind below besides between beyond born certainly clearly consider currently
    days decades each else elsewhere enough especially eventually ever everybody everyone
    everything few focus following former fortunately hours imagine largely least less let look
    lots minutes months more much nearly never nevertheless nobody none nonetheless nothing once
    other others overall plus previously probably quite recently regardless remember seconds shortly
    similarly somehow someone something soon surely thanks thereafter think thus together too
    total toward towards until unfortunately upon very weeks whether within years given
    did does do is was were has have had could would should
    unless likewise otherwise therefore hence whereas
    """
)
"""Capitalised words at a sentence start that are never part of a name (the second block: the
adverbs, time words and imperatives read as speakers or pronoun antecedents on real news,
`Somehow, ...`, `Hours later, she ...`, `Back in Washington, ...`)."""

NEVER_NAMES: frozenset[str] = _words(
    """
    anybody anyone anything any did do does can could should would might must shall
    five six seven eight nine ten eleven twelve twenty dozens hundreds thousands half
    three four thirteen fourteen fifteen sixteen seventeen eighteen nineteen thirty forty fifty
    sixty seventy eighty ninety hundred thousand million millions
    """
)
"""Single capitalised words never read as a person's name, wherever they stand: auxiliaries
(`Did that mean ...?`), indefinite pronouns (`Anyone who ...`) and numbers (`Eight years ago`),
taken for speakers or pronoun antecedents on PolNeAR train. Prepositions are refused too
(`Throughout the night, ...`), by the rule that reads a name (`mentions._name_mention`)."""

CONTRACTION_ENDINGS = ("'ve", "’ve", "'re", "’re", "'ll", "’ll", "'d", "’d", "'m", "’m")
"""Endings of a contracted pronoun (`They've`, `We're`): such a word is never a name."""

PLACES: frozenset[str] = frozenset(
    line.strip().lower()
    for line in """
    Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho
    Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan
    Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico
    New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island
    South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Washington|West Virginia|Wisconsin
    Wyoming|America|United States|Afghanistan|Albania|Algeria|Angola|Argentina|Armenia|Australia
    Austria|Azerbaijan|Bahrain|Bangladesh|Belarus|Belgium|Bolivia|Bosnia|Brazil|Britain|Bulgaria
    Cambodia|Cameroon|Canada|Chile|China|Colombia|Congo|Croatia|Cuba|Cyprus|Denmark|Ecuador|Egypt
    England|Eritrea|Estonia|Ethiopia|Europe|Finland|France|Germany|Ghana|Greece|Guatemala|Haiti
    Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Italy|Japan|Kazakhstan|Kenya
    Korea|North Korea|South Korea|Kosovo|Kuwait|Laos|Latvia|Lebanon|Libya|Lithuania|Malaysia
    Mali|Mexico|Moldova|Mongolia|Morocco|Mozambique|Myanmar|Nepal|Netherlands|New Zealand
    Nicaragua|Niger|Nigeria|Norway|Oman|Pakistan|Palestine|Panama|Paraguay|Peru|Philippines
    Poland|Portugal|Qatar|Romania|Russia|Rwanda|Saudi Arabia|Scotland|Senegal|Serbia|Singapore
    Slovakia|Slovenia|Somalia|South Africa|Spain|Sri Lanka|Sudan|Sweden|Switzerland|Syria|Taiwan
    Tanzania|Thailand|Tunisia|Turkey|Uganda|Ukraine|United Kingdom|Uruguay|Uzbekistan|Venezuela
    Vietnam|Wales|Yemen|Zambia|Zimbabwe|Africa|Asia|Baghdad|Beijing|Berlin|Boston|Brussels|Cairo
    Chicago|Damascus|Detroit|Gaza|Iowa City|Jerusalem|Kabul|Kyiv|Kiev|London|Los Angeles|Madrid
    Manhattan|Miami|Moscow|New Orleans|Ottawa|Paris|Philadelphia|Rome|Seoul|Tehran|Tokyo|Toronto
    Washington D.C.
    """.replace("\n", "|").split("|")
    if line.strip()
)
"""Countries, US states, continents and a few capitals and large cities, lower-case: a name
that is one of them is a place, never a speaker or a pronoun's antecedent (`In Colorado, she
...`). Places that are also common given names (Georgia, Virginia, Jordan, Chad) are left out."""

PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "yst")
"""Endings of nouns for people (`organizer`, `senator`, `economist`, `resident`, `analyst`)."""

THING_NOUNS: frozenset[str] = _words(
    """
    paper letter number order matter chapter quarter border water computer answer error sector
    factor motor center centre poster power offer cover filter tower comment statement
    government department event moment agreement argument document element amendment
    """
)
"""Nouns with those endings that name things, not people (`the paper`, `the statement`)."""

NOT_VOCATIVES: frozenset[str] = _words(
    """
    yes no oh ah well now come sir madam there here why what how good dear god heaven heavens
    indeed really nonsense thanks please alas pray hush look listen stop wait
    """
)
"""Capitalised words that stand between commas in speech without addressing anyone
(`"Oh, Heavens, no!"`): never read as the name a quote speaks to (`vocatives`)."""

PLACE_HEADS: frozenset[str] = _words(
    """
    airport avenue bay beach bridge city county falls harbor harbour heights hills island lake
    mountain park river road springs square station street township valley village
    """
)
"""Last words of a capitalised run that make it a place (`Mason City`, `Cole County`), even
when its first word is a given name."""

GOVERNED_PLACE_HEADS: frozenset[str] = _words("city county township village")
"""Place heads that also name the body governing the place: `the city said` is its council."""

MUTE_PLACE_HEADS: frozenset[str] = PLACE_HEADS - GOVERNED_PLACE_HEADS
"""Heads of a lower-case noun phrase that is a place and never a speaker (`their railway
station`, `the bridge`): such a phrase is no mention (`mentions._role_mention`)."""

ORG_WORDS: frozenset[str] = _words(
    """
    administration agency agency's alliance army assembly association authority bank board
    bureau cabinet campaign center centre channel church club coalition college commission
    committee company congress consulate corp corporation council courier court daily department
    embassy federation force forces foundation front fund gazette government group guardian
    herald hospital house inc institute institution journal kremlin league llc ltd magazine
    ministry monitor movement navy network news observer office organisation organization
    parliament party pentagon plc police post press radio reuters review school secretariat
    senate service services society team telegraph television times tribunal tribune trust union
    university
    """
)
"""Words that make a capitalised name an organisation (`Foreign Ministry`, `New York Times`)."""

ORG_NOUNS: frozenset[str] = _words(
    """
    administration agency airline army association authority bank board bureau campaign church
    club commission committee company consulate council court department embassy federation firm
    government group hospital institute kremlin league magazine manufacturer military ministry
    network newspaper office organisation organization parliament party police prosecutor's
    prosecutors' regulator report school statement team union university watchdog white
    """
)
"""Head nouns of a lower-case noun phrase that names an organisation (`the ministry`)."""

GROUP_NOUNS: frozenset[str] = _words(
    """
    activists aides analysts authorities campaigners critics democrats diplomats doctors
    economists employees executives experts fans insiders investigators lawmakers lawyers
    leaders legislators members neighbors neighbours observers officers officials opponents
    organisers organizers parents people players police prosecutors protesters republicans
    researchers residents scientists sources spokesmen spokespeople staff students supporters
    teachers voters witnesses workers
    """
)
"""Plural nouns that can stand alone as a speaker (`officials said`, `Critics say`)."""

ROLE_STOP_WORDS: frozenset[str] = _words(
    """
    about added after also although and are as at because before but can could during earlier
    from had has have if in into is later may might not on or said says should since than that
    then though to told was were when where which while who whom whose will with without would
    """
)
"""Words that end a lower-case noun phrase (`a spokesman [for the firm] | in a statement`)."""

DETERMINERS: frozenset[str] = _words(
    """
    a an another both each four her his its many most one other our several some that the their
    these this those three two
    """
)
"""Words that start a lower-case noun phrase speaker (`the ministry`, `a spokesman`)."""

PREPOSITIONS: frozenset[str] = _words(
    """
    about above across after against along amid amidst among at before behind below beside
    between beyond by despite during for from in inside into near of off on onto outside over
    since than through throughout toward towards under unlike until upon via with within without
    """
)
"""Prepositions: the noun phrase right after one is its object, never the subject of a verb, and
a word right after one is not a finite verb (`a line of attack`, `in Ohio`)."""

ADVERB_SKIP: frozenset[str] = _words(
    """
    again allegedly already also are could earlier even finally first further had has have
    herself himself initially is itself just last later never often once previously recently
    repeatedly reportedly since still subsequently themselves then today tonight ultimately was
    were will would yesterday
    """
)
"""Words allowed between a speaker and the cue verb (`Erdogan also said`)."""

SCARE_BEFORE: frozenset[str] = _words(
    """
    brand buzzword catchphrase epithet euphemism hashtag known label mantra moniker motto
    nickname nicknamed phrase slogan so-called term terms word words
    """
)
"""Words just before a quote that make it a quoted term, not an utterance (`so-called "..."`).

Verbs that apply an epithet (`dubbed`, `branded`, `labeled`) are not here: what they apply is
somebody's characterisation (`LABEL_VERBS`), quoted as theirs."""

TITLE_NOUNS: frozenset[str] = _words(
    """
    ad advert album anthem article bill biography book collection column commentary commercial
    documentary
    drama editorial entitled episode essay exhibition film headline headlined hit manifesto
    memoir movie musical novel op-ed opera painting paper plan play podcast poem program
    programme report sculpture series show single sitcom song spot strategy study thriller
    titled track tune white
    """
)
"""Nouns that, right before a Title-Cased quote, make it a title (`its report "Rivers at Risk"`)."""
