"""The named kind rules: each reads a `KindContext` and decides a quote's kind or passes.

Their order, and which quotes each may decide, is the table `reader.extract.kinds.RULES`; the
first line of each docstring is what `reader quotes --explain` shows for it.
"""

from __future__ import annotations

from reader.extract.attribution import is_cue
from reader.extract.cues import (
    DETERMINERS,
    PREPOSITIONS,
)
from reader.extract.kind_context import KindContext
from reader.extract.kind_signs import (
    COPULAS,
    OBJECT_PRONOUNS,
    SCARE_MAX_WORDS,
    TITLE_MAX_WORDS,
    WORD_STRIP,
    Frame,
    ScareCue,
    call_before,
    in_words_of_someone,
    is_title_case,
    modifies_noun,
    reads_as_nickname,
    spoken,
    title_cue,
)
from reader.extract.model import QuoteKind
from reader.extract.tokens import Toks, is_capitalised

_POSSESSIVES = frozenset(["her", "his", "their", "its", "my", "our", "your"])
_OWN_WORDS_VERBS = frozenset(["put", "puts", "putting", "phrased", "phrases"])


def in_their_words(c: KindContext) -> QuoteKind | None:
    """`in her words, "unhealthy."`, `as he put it, "..."`: a fragment of someone's speech.

    Read before the scare cues, which take `words` and `phrase` for a term held at a distance.
    """
    lowers = c.pre.lowers[-6:]
    if lowers and lowers[-1] in (",", ":"):
        lowers = lowers[:-1]
    if len(lowers) >= 3 and lowers[-1] == "words":
        owner = lowers[-3] if lowers[-2] == "own" and len(lowers) >= 4 else lowers[-2]
        at = lowers[-4] if lowers[-2] == "own" and len(lowers) >= 4 else lowers[-3]
        if at == "in" and (owner in _POSSESSIVES or owner.endswith(("'s", "’s"))):
            return QuoteKind.PARTIAL
    if (
        len(lowers) >= 3
        and lowers[-1] == "it"
        and lowers[-2] in _OWN_WORDS_VERBS
        and "as" in lowers
    ):
        return QuoteKind.PARTIAL  # as she put it, "..."
    return None


_NAMING_PARTICIPLES = frozenset(
    ["called", "dubbed", "named", "nicknamed", "titled", "entitled", "termed", "labeled"]
)
"""Participles that give a thing its name after a noun (`a group called "..."`)."""
_NOT_A_NAMED_NOUN = COPULAS | frozenset(
    ["who", "which", "that", "also", "once", "then", "publicly", "repeatedly", "has", "have", "had"]
)


def named_by_participle(c: KindContext) -> QuoteKind | None:
    """`a phenomenon called "differential nonresponse"`, `a play called "Los Hijos"`: a name.

    The participle follows a common noun (after a determiner) and the quote follows it; with a
    speaker who calls something so (`she called "..."`, `critics called it "..."`) it is theirs.
    """
    pre = c.pre
    lowers = pre.lowers
    n = len(lowers)
    if n and lowers[-1] in ("the", "a", "an"):
        n -= 1  # a blog, called the "Feed"
    if n < 3 or lowers[n - 1] not in _NAMING_PARTICIPLES:
        return None
    j = n - 2
    if lowers[j] == "," and j > 0:
        j -= 1
    noun = pre.texts[j]
    if not noun[0].isalpha() or not noun[0].islower() or lowers[j] in _NOT_A_NAMED_NOUN:
        return None
    if noun.endswith("ly") or lowers[j] in OBJECT_PRONOUNS:
        return None
    if DETERMINERS.isdisjoint(lowers[max(0, j - 3) : j]):
        return None
    return QuoteKind.TITLE if c.title_case else QuoteKind.SCARE


_PASSIVE_NAMING = frozenset(["called", "named", "nicknamed", "dubbed", "titled", "entitled"])
"""Participles that, after `is`/`has been`, give the name something goes by."""
_NAMING_ADVERB_REACH = 2
"""Words allowed between the copula and the participle (`has long been called`, `is now named`)."""


def name_given_passively(c: KindContext) -> QuoteKind | None:
    """`has been called "The Hammer" since junior`, `is called "Inheritance"`: a name, scare.

    A Title-Cased quote right after a passive verb of naming is what a person or a thing goes
    by, not anybody's words about it (`has been called "reckless"`, in lower case, is still a
    characterisation). The copula must be in lower case: a Title-Case headline line (`About
    Being Called "A Real Woman"`) tells nothing.
    """
    lowers = c.pre.lowers
    n = len(lowers)
    if n < 2 or lowers[-1] not in _PASSIVE_NAMING or not c.title_case or c.words > 6:
        return None
    for k in range(n - 2, max(-1, n - 3 - _NAMING_ADVERB_REACH), -1):
        if lowers[k] in COPULAS:
            return QuoteKind.SCARE if c.pre.texts[k].islower() else None
    return None


def title_after_told(c: KindContext) -> QuoteKind | None:
    """`told "Fox and Friends"`, `appeared on "Meet the Press"`: a programme, a title."""
    before = c.pre.lowers[-1] if c.pre.lowers else ""
    if before in ("told", "on") and c.words >= 2 and c.title_case and c.quote[:1].isupper():
        return QuoteKind.TITLE
    return None


def markup_value(c: KindContext) -> QuoteKind | None:
    """`tweet-date="2016-06-29"`, `href="http://..."`: an attribute value left in the text.

    HTML pasted as text quotes its attribute values after `=`; they are markup, not speech.
    A quote that opens with `>` or `<` runs from the closing mark of such a value over the
    rest of the tag (`<tweet date="May 2" >I love ...`): markup paired with the next mark.
    """
    if c.before == "=" or c.quote[:1] in ("<", ">"):
        return QuoteKind.SCARE
    return None


_BRACKET_REACH = 10
"""How many words a bracket after a quote may hold before its year (`(election poster 2003)`)."""


def dated_work(c: KindContext) -> QuoteKind | None:
    """`"Jaws" (1975)`, `"No to Schengen" (2005)`: a quote with its year in brackets, a title.

    Films, albums, books and campaign posters are dated so; speech is dated by its sentence
    (`she said in 2005`), never by a year in brackets right after its closing mark.
    """
    post = c.post.lowers
    if not post or post[0] != "(":
        return None
    for i in range(2, min(len(post), _BRACKET_REACH)):
        if post[i] == ")":
            year = post[i - 1]
            if len(year) == 4 and year.isdigit() and year[:2] in ("18", "19", "20"):
                return QuoteKind.TITLE
            return None
    return None


_DEFINING_WORDS = frozenset(["defined", "which"])
_DEFINED_AFTER = (("defined", "as"), ("which", "is", "defined"), ("which", "means"))
"""Words after a quoted term that explain it. Not `meaning`, which as often follows a judgement
(`the immunity was only "partial," meaning ...`: somebody's word, measured on PolNeAR dev)."""


_WORN_THINGS = frozenset(
    [
        "badge",
        "badges",
        "button",
        "buttons",
        "cap",
        "caps",
        "hat",
        "hats",
        "hoodie",
        "hoodies",
        "jersey",
        "jerseys",
        "pin",
        "pins",
        "shirt",
        "shirts",
        "sweatshirt",
        "sweatshirts",
        "t-shirt",
        "t-shirts",
    ]
)
"""Things worn with words printed on them (`a T-shirt that read "..."`)."""
_PRINTED_VERBS = frozenset(["read", "reads", "reading", "said", "says", "saying", "bearing"])
"""Verbs that give the words printed on a thing (`a button that read`, `shirts reading`)."""


def worn_slogan(c: KindContext) -> QuoteKind | None:
    """`wearing a T-shirt that read "..."`, `a button saying "..."`: printed words, a title.

    What a shirt, cap or button says is a slogan its wearer shows, quoted as a sign's words
    are when nobody holds the sign up: not speech, and not theirs to be credited with.
    """
    lowers = c.pre.lowers[-5:]
    if lowers and lowers[-1] in (",", ":"):
        lowers = lowers[:-1]
    if len(lowers) < 2 or lowers[-1] not in _PRINTED_VERBS:
        return None
    k = len(lowers) - 2
    if lowers[k] in ("that", "which") and k > 0:
        k -= 1
    return QuoteKind.TITLE if lowers[k] in _WORN_THINGS else None


def excerpt_with_link(c: KindContext) -> QuoteKind | None:
    """`"The museum will reopen in May." http://nyti.ms/...`: an excerpt of a linked article.

    News round-ups quote a line of another outlet's story and give its link: the words are that
    story's, quoted as a title is, not anybody's speech.
    """
    lowers = c.post.lowers[:4]
    if lowers[:1] in (["http"], ["https"]) and lowers[1:4] == [":", "/", "/"]:
        return QuoteKind.TITLE
    return None


def term_defined_after(c: KindContext) -> QuoteKind | None:
    """`a "targeted employment area," which is defined as ...`: a term the writer explains."""
    lowers = c.post.lowers
    if not c.embedded or c.words > SCARE_MAX_WORDS or not lowers:
        return None
    rest = lowers[1:5] if lowers[0] == "," else lowers[:4]
    if c.quote.rstrip()[-1:] == ",":
        rest = lowers[:4]
    if not rest or rest[0] not in _DEFINING_WORDS:
        return None
    for words in _DEFINED_AFTER:
        if tuple(rest[: len(words)]) == words:
            return QuoteKind.SCARE
    return None


NESTED_TERM_MAX_WORDS = 3
"""A quote inside someone's quote with at most this many words, not addressed to anyone, is a
term they hold at a distance (`They said 'scale' about forty times`)."""

_FIRST_AND_SECOND_PERSON = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "i'll",
        "i'd",
        "me",
        "my",
        "we",
        "we're",
        "we've",
        "we'll",
        "us",
        "our",
        "you",
        "you're",
        "you've",
        "you'll",
        "your",
    ]
)


def _addresses_someone(quote: str) -> bool:
    """Whether the quote speaks as `I`/`we` or to `you`: somebody's words, not a term."""
    return any(
        w.strip(WORD_STRIP).replace("’", "'").lower() in _FIRST_AND_SECOND_PERSON
        for w in quote.split()
    )


_MEANING_VERBS = frozenset(["mean", "means", "meant"])
"""Verbs that tell what words mean: words next to them are discussed, not said."""
_MEANING_HEDGES = frozenset(["both", "either", "only", "just", "simply", "really", "actually"])
"""Words between `meant` and the words whose meaning it gives (`meant both "late" and ...`)."""


def words_and_meaning(c: KindContext) -> QuoteKind | None:
    """`"'Under review' means no"`, `a word that meant both "late" and ...`: scare.

    Short quoted words that are the subject of `mean` (`I know what 'we'll call you' means`),
    or what a word `meant`, are words talked about, not anybody's speech.
    """
    post = c.post.lowers
    if not (post[:1] and post[0] in _MEANING_VERBS):
        pre = c.pre.lowers
        k = len(pre) - 1
        while k >= 0 and pre[k] in _MEANING_HEDGES:
            k -= 1
        if k < 0 or pre[k] != "meant":
            return None
    # the words are counted last: most quotes of every position come here, and few `mean`
    return QuoteKind.SCARE if c.words <= SCARE_MAX_WORDS else None


def term_inside_a_quote(c: KindContext) -> QuoteKind | None:
    """`"They said 'scale' forty times," he says`: a word or three quoted inside a quote.

    A speaker who quotes a short fragment inside their own sentence is holding a word at a
    distance (`They call me 'the influencer' now`), unless the fragment speaks as `I` or to
    `you`, or ends a sentence right after a verb of saying (`The bank says 'wait.'`), which
    make it a line of dialogue they report.
    """
    if not c.nested or c.words > NESTED_TERM_MAX_WORDS or _addresses_someone(c.quote):
        return None
    if c.quote.rstrip()[-1:] in ".!?" and c.pre.texts and is_cue(c.pre, len(c.pre.texts) - 1):
        return None  # "The bank says 'wait.'": a whole utterance they report
    return QuoteKind.SCARE


_TITLING_WORDS = frozenset(["titled", "entitled", "headlined", "subtitled"])
"""Words that give a work its title whatever its case (`a study titled "Thermal history ..."`)."""


def title_after_title_noun(c: KindContext) -> QuoteKind | None:
    """`the report "Rivers at Risk"`, `its new ad, "Playing Trump,"`: a title.

    After `titled` or `under the title` the quote is a title in any case: scientific papers and
    reports are titled in sentence case (`a paper titled "Low-dose aspirin after stroke"`).
    """
    if title_cue(c.pre) and (
        c.title_case
        or (c.before == "," and not spoken(c.pre))
        or is_title_case(c.quote.rstrip(" .,;:!?"))  # the film "Hail, Caesar!"
    ):
        return QuoteKind.TITLE
    if titled_by(c.pre):
        return QuoteKind.TITLE
    return None


_TITLE_HEADS = frozenset(["title", "headline"])
"""Nouns after `under the` / `with the` that give a title in any case (`under the headline`).
Not `caption`: a post's caption is its poster's words (`posted a video with the caption "..."`)."""


def titled_by(pre: Toks) -> bool:
    """Whether the narration ends `titled`, `entitled`, `under the title` or `with the headline`.

    A comma or colon may follow.
    """
    lowers = pre.lowers[-4:]
    if lowers and lowers[-1] in (",", ":"):
        lowers = lowers[:-1]
    if not lowers:
        return False
    if lowers[-1] in _TITLING_WORDS:
        return True
    return (
        len(lowers) >= 3
        and lowers[-2] == "the"
        and lowers[-1] in _TITLE_HEADS  # under the headline 'Who will stay?'
        and lowers[-3] in ("under", "with")
    )


def wording_of_the_speaker(c: KindContext) -> QuoteKind | None:
    """`she coined the phrase "..."`, her name in the sentence: her words, a partial quote."""
    if c.scare_cue is ScareCue.WORDING and c.named and c.embedded:
        return QuoteKind.PARTIAL
    return None


_SLOGAN_NOUNS = frozenset(["slogan", "motto", "mantra", "hashtag", "catchphrase"])
"""Scare cues naming words a crowd or a campaign repeats: they run longer than a term."""


def scare_cue_before(c: KindContext) -> QuoteKind | None:
    """`so-called "..."`, `known as "..."`, `what they call "..."`: a short term, a scare quote.

    After `the slogan` or `the motto` the words may run as long as a title (`banners bearing
    the slogan "Greening transport for a clean capital, for a healthy city"`).
    """
    if c.scare_cue is None:
        return None
    longest = 2 * SCARE_MAX_WORDS
    if not _SLOGAN_NOUNS.isdisjoint(c.pre.lowers[-2:]):
        longest = TITLE_MAX_WORDS
    return QuoteKind.SCARE if c.words <= longest else None


def title_after_possessive(c: KindContext) -> QuoteKind | None:
    """`NBC's "Nightly News"`, `DuVernay's "13th"`: a Title-Cased quote after a possessive name."""
    before = c.before
    if before[:1].isupper() and before.endswith(("'s", "’s")) and c.title_case:
        return QuoteKind.TITLE
    return None


_PROGRAMME_NOUNS = frozenset(
    [
        "bylaw",
        "bylaws",
        "clause",
        "designation",
        "fleet",
        "framework",
        "fund",
        "initiative",
        "initiatives",
        "pilot",
        "policies",
        "policy",
        "powers",
        "program",
        "programme",
        "programmes",
        "programs",
        "project",
        "projects",
        "regime",
        "scheme",
        "schemes",
        "strategy",
        "zone",
        "zones",
    ]
)
"""Nouns of schemes, rules and funds that a quoted name goes before (`"super mayor" powers`)."""


def programme_name(c: KindContext) -> QuoteKind | None:
    """`a "safe routes" program`, `"super mayor" powers`: a scheme's name, scare.

    A short quote right before a noun of a programme, policy, fund or power names it, even in a
    sentence with a speech verb (`said any "rental freeze" bylaw would need ...`): the name
    is an official label, not the speaker's wording. Measured on the fresh sets (fifteen such
    quotes, all non-quotes) and PolNeAR dev (none among its partial quotes).
    """
    post = c.post.lowers
    if (
        c.embedded
        and c.words <= SCARE_MAX_WORDS
        and post[:1]
        and post[0] in _PROGRAMME_NOUNS
        and c.quote.rstrip()[-1:] not in ",.;:!?"
    ):
        return QuoteKind.SCARE
    return None


def characterising_fragment(c: KindContext) -> QuoteKind | None:
    """`called Idlib "a black hole"`, `described it as "..."`, `saying "too many"`: partial."""
    if c.frame in (Frame.CALL, Frame.AS, Frame.SAY):
        return QuoteKind.PARTIAL
    return None


def embedded_title(c: KindContext) -> QuoteKind | None:
    """Title-Cased words inside narration with no verb of calling or saying right before."""
    if (
        c.embedded
        and c.words >= 2
        and c.title_case
        and not call_before(c.pre)
        and not (c.before and is_cue(c.pre, len(c.pre.texts) - 1))  # He said "The Hispanics"
    ):
        return QuoteKind.TITLE
    return None


def listed_term(c: KindContext) -> QuoteKind | None:
    """`words such as "ambassador," "attack" and "Libya"`: one of a list of short terms."""
    if c.embedded and not c.cued and c.in_list and c.words <= SCARE_MAX_WORDS:
        return QuoteKind.SCARE
    return None


def noun_modifier(c: KindContext) -> QuoteKind | None:
    """`the "top secret" level`, `"quack" cures`: a term modifying a noun, no speech cue."""
    if (
        c.embedded
        and c.words <= 3
        and not c.cued  # with a speech cue, `said the "top secret" level` is reported
        and c.pre.texts
        and modifies_noun(c.post, c.quote)
    ):
        return QuoteKind.SCARE
    return None


def nickname(c: KindContext) -> QuoteKind | None:
    """`Rep. Robert C. "Bobby" Scott`: a nickname inside a name."""
    if c.embedded and reads_as_nickname(c.pre, c.post, c.quote):
        return QuoteKind.SCARE
    return None


def headline_with_byline(c: KindContext) -> QuoteKind | None:
    """`"...," by Times' Ben Sisario`: a headline with its byline, a title.

    A fragment before `by` is more often passive (`been "arbitrarily detained" by Britain`,
    `a "hit piece" by the Times`, `"If there had not been that intervention" by NATO`): the
    byline needs the comma that closes a headline, a title in Title Case (`"This Kind of War"
    by T.R. Fehrenbach`), or a capital opening a title inside a sentence (`the most anticipated
    title is "Ce qui reste de l'été" by ...`).
    """
    after = c.post.texts
    if len(after) < 2 or after[0] != "by":
        return None
    if not is_capitalised(c.post, 1) and not (
        len(after) > 2 and c.post.lowers[1] == "the" and is_capitalised(c.post, 2)
    ):
        return None
    closes = c.quote.rstrip(" '’\"”")[-1:] == ","  # `"... leaving 'Neverland,'" by ...`
    if closes or c.title_case or (c.embedded and c.quote[:1].isupper()):
        return QuoteKind.TITLE
    return None


def copula_judgement(c: KindContext) -> QuoteKind | None:
    """`the deal was "fantastic"`: a judgement in somebody's words, partial."""
    if c.frame is Frame.COPULA:
        return QuoteKind.PARTIAL
    return None


def unspoken_word(c: KindContext) -> QuoteKind | None:
    """A word or two in quotes in a sentence whose subject is not said to say it: scare."""
    att = c.attribution
    if (
        c.embedded
        and not c.cued
        and c.words <= 2
        and att is not None
        and att.rule == "sentence-subject"
        and not in_words_of_someone(c.pre)
    ):
        return QuoteKind.SCARE
    return None


def sourced_phrase(c: KindContext) -> QuoteKind | None:
    """A short phrase opened by a preposition, credited only by `according to`: scare.

    `According to people in the talks, the Greens want coal to end "by 2030"`: `according to`
    names who told the reporter about the talks, not who worded the phrase; a phrase such as
    `by 2030` or `in principle` is the wording being negotiated, not anyone's speech.
    """
    att = c.attribution
    if (
        c.embedded
        and att is not None
        and att.rule == "according-to"
        and c.words <= SCARE_MAX_WORDS
        and c.quote.split(maxsplit=1)[0] in PREPOSITIONS
    ):
        return QuoteKind.SCARE
    return None


def attributed_fragment(c: KindContext) -> QuoteKind | None:
    """A named speaker, and the quote inside narration or starting lower case: partial."""
    if c.named:
        before = c.before
        if c.embedded or (before and c.quote[:1].islower() and before != ":"):
            return QuoteKind.PARTIAL
    return None


def attributed_utterance(c: KindContext) -> QuoteKind | None:
    """A named speaker and a quote that stands as a sentence: direct."""
    return QuoteKind.DIRECT if c.named else None


def unattributed_title(c: KindContext) -> QuoteKind | None:
    """A short Title-Cased quote inside narration, nobody named: a title."""
    if c.embedded and c.words <= 6 and c.title_case:
        return QuoteKind.TITLE
    return None


def unattributed_term(c: KindContext) -> QuoteKind | None:
    """A short quote inside narration with no verb of saying or judging: a scare quote."""
    if c.embedded and c.words <= SCARE_MAX_WORDS and not in_words_of_someone(c.pre):
        return QuoteKind.SCARE
    return None


def unattributed_fragment(c: KindContext) -> QuoteKind | None:
    """A longer quote inside narration, nobody named: partial (a speaker may be continued)."""
    return QuoteKind.PARTIAL if c.embedded else None


_DESCRIBED_AFTER = frozenset(
    ["which", "whose", "a", "an", "the", "on", "in", "published", "released", "starring"]
)
"""Words that open what a sentence says about a title it starts with (`"Billions," on Showtime,
is ...`, `"Cold Town," a film about ...`, `"Quiet Hours," which opens ...`)."""


def title_opening_sentence(c: KindContext) -> QuoteKind | None:
    """`"Harbor Lights," on Channel 4, is a drama`: a Title-Cased quote the sentence describes.

    A short Title-Cased quote that ends in a comma, after which the sentence goes on with an
    apposition or a relative clause and names nobody who says it, is the sentence's subject:
    a show, a book, a film. Speech so short is followed by who said it (`"Thank You," she
    said`), which names a speaker and is decided before this rule.
    """
    if c.quote.rstrip()[-1:] != "," or c.named or c.words > 6:
        return None  # the last character first: most quotes that stand alone end in `.`
    if c.before not in ("", ","):
        return None
    post = c.post.lowers
    if not post or post[0] not in _DESCRIBED_AFTER or not c.title_case:
        return None
    if post[0] in _ARTICLES and not _apposition_after(c.post):
        return None  # `"Good Morning, Leeds," a presenter called out`
    return QuoteKind.TITLE


_ARTICLES = frozenset(["a", "an", "the"])
_APPOSITION_LINKS = frozenset(
    [
        "about",
        "of",
        "that",
        "which",
        "from",
        "by",
        "for",
        "on",
        "in",
        "with",
        "starring",
        ",",
        "directed",
        "written",
        "produced",
        "published",
        "released",
        "set",
    ]
)
"""Words that go on describing the noun after `a`/`the` (`a film about`, `an HBO series that`)."""
_APPOSITION_REACH = 8
"""How many words after `a`/`the` the description must have begun by."""


def _apposition_after(post: Toks) -> bool:
    """Whether `a`/`the` opens a description (`a film about ...`), not a speaker (`a man said`).

    A verb of saying or a past form (`a presenter called out`) before any describing word makes
    the noun the subject of a sentence that reports speech.
    """
    for i in range(1, min(len(post.lowers), _APPOSITION_REACH)):
        word = post.lowers[i]
        if word in _APPOSITION_LINKS:
            return True
        if word.endswith("ed") or is_cue(post, i):
            return False
    return False


def standalone_title(c: KindContext) -> QuoteKind | None:
    """A short Title-Cased quote standing alone, not ending in `,` or `.`: a title."""
    # the last character first: the words are counted only for quotes that end in neither
    if c.quote.rstrip()[-1:] not in ",." and c.words <= 6 and c.title_case:
        return QuoteKind.TITLE
    return None


def standalone_utterance(c: KindContext) -> QuoteKind | None:
    """Anything else is a quote that stands as a sentence: direct."""
    del c
    return QuoteKind.DIRECT
