"""Quote kinds: a full utterance, a fragment of reported speech, a scare-quoted term or a title.

Decided from the quote's own words and the narration right around it by `RULES`, an ordered
table of small named rules, each reading a `KindContext` (the quote, the narration before and
after it, its attribution) and either deciding a kind or passing. The first rule that decides
wins, and its name (`KindRule`) is recorded on the quote's evidence, so `reader quotes --explain`
can show it and `benchmarks/rule_counts.py` can count how often each rule is right.

In short:

* `title`: Title-Cased words after a noun such as `report`, `film`, `book` (or `titled`), or a
  short Title-Cased quote nobody is said to have said (`"Fox News Sunday"`);
* `scare`: a term after `so-called`, `what they call`, `known as`, `dubbed`..., or a short quote
  inside a sentence with no speech cue (`a "high-risk" river`);
* `partial`: a fragment inside a sentence whose speaker is named (`called Idlib "a black hole"`),
  or a fragment used as a characterisation: the complement of `call`, `describe ... as`, a copula
  or a speech verb (`branded the plan "a disgrace"`, `the deal was "fantastic"`). Such a
  fragment predicates something of someone in somebody's words; a term used as a noun or a
  modifier (`the "super PAC" money`) does not;
* `direct`: a quote that stands as a sentence, introduced or followed by its attribution.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum, StrEnum
from typing import NamedTuple

from reader.extract.attribution import Attribution, is_cue
from reader.extract.cues import (
    CALL_VERBS,
    DETERMINERS,
    LABEL_VERBS,
    PREPOSITIONS,
    SCARE_BEFORE,
    SPEECH_VERBS,
    STANCE_VERBS,
    TITLE_NOUNS,
)
from reader.extract.model import KindRule, QuoteKind
from reader.extract.tokens import Toks, indexes_in, is_capitalised, is_word

SCARE_MAX_WORDS = 4
"""An unattributed fragment inside a sentence with at most this many words is a scare quote."""

TITLE_MAX_WORDS = 12
"""A title has at most this many words."""

_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "and",
        "or",
        "but",
        "with",
        "from",
        "as",
        "vs",
        "&",
        "is",
        "are",
        "be",
        "not",
        "nor",
        "our",
        "my",
        # particles of titles in French, Spanish, Italian, Portuguese, Dutch and German
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "del",
        "da",
        "di",
        "e",
        "et",
        "y",
        "van",
        "von",
        "der",
    ]
)


_WORD_STRIP = ".,;:!?()\"'’‘“”"
_SPLIT_AHEAD = 4 * TITLE_MAX_WORDS
"""How many words of a quote `is_title_case` reads before it knows the quote is too long."""


def _count_words(quote: str, cap: int) -> int:
    """`len(quote.split())`, or `cap + 1` when that is more than `cap` (without a full split)."""
    return len(quote.split(None, cap))


def is_title_case(quote: str) -> bool:
    """Whether most words of `quote` are capitalised (`Rivers at Risk`, `Fox News Sunday`).

    Every condition must hold, so the words are read one by one and the answer is known at the
    first lower-case word that is not a minor one (most quotes: their second or third word).
    """
    if quote.rstrip(" .,;:")[-1:] in "!?":
        return False
    # a long quote is never a title: split only its first words unless they are mostly punctuation
    head = quote.split(None, _SPLIT_AHEAD)
    rest = head.pop() if len(head) > _SPLIT_AHEAD else ""
    count = 0
    first = ""
    for parts in (head, None):
        if parts is None:
            parts = rest.split()  # only reached when the first words are mostly punctuation
        for part in parts:
            word = part.strip(_WORD_STRIP)
            if not word:
                continue
            count += 1
            if count == 1:
                first = word
            elif count > TITLE_MAX_WORDS:
                return False
            if (word == first or word.lower() not in _MINOR_WORDS) and not (
                word[:1].isupper() or word[:1].isdigit()
            ):
                return False
    return count > 0


_GENERIC_CALLERS = frozenset(
    [
        "they",
        "we",
        "you",
        "people",
        "some",
        "many",
        "others",
        "everyone",
        "locals",
        "critics",
        "supporters",
        "opponents",
    ]
)


_WORDING_NOUNS = frozenset(
    [
        "buzzword",
        "catchphrase",
        "epithet",
        "euphemism",
        "hashtag",
        "mantra",
        "motto",
        "phrase",
        "slogan",
        "term",
        "terms",
        "word",
        "words",
    ]
)
"""Scare cues that name words someone uses (`the phrase "..."`), not a name things go by."""

_USING_WORDS = frozenset(
    [
        "coin",
        "coined",
        "coining",
        "coins",
        "invoke",
        "invoked",
        "invokes",
        "invoking",
        "repeat",
        "repeated",
        "repeating",
        "repeats",
        "say",
        "said",
        "saying",
        "says",
        "use",
        "used",
        "uses",
        "using",
        "utter",
        "uttered",
        "uttering",
        "utters",
    ]
)
"""Verbs before `the phrase "..."` that make the words the user's own (`he used the term`)."""


class ScareCue(StrEnum):
    """What a scare cue before a quote says of the quoted words."""

    NAME = "name"
    """A name things go by (`so-called "..."`, `known as "..."`): nobody's words."""
    WORDING = "wording"
    """Words someone uses (`she coined the phrase "..."`): theirs when they are named."""


def _scare_cue(pre: Toks) -> ScareCue | None:
    """`so-called "..."`, `what they call "..."`, `known as "..."`, `the word "..."`.

    Returns `wording` after a noun such as `phrase` or `slogan` that someone uses or coins
    (`she coined the phrase "..."`: her words), `name` after the other cues, else None.
    """
    if not pre.texts:
        return None
    words = pre.lowers[-5:]
    if len(words) > 1 and words[-1] in ("the", "a", "an", "this", "that"):
        words = words[:-1]  # "known as the 'Buffett rule'"
    if words[-1] in SCARE_BEFORE:
        used = words[-1] in _WORDING_NOUNS and not _USING_WORDS.isdisjoint(words[:-1])
        return ScareCue.WORDING if used else ScareCue.NAME
    if words[-1] == "as" and _known_as(words):
        return ScareCue.NAME  # not "described as", "labeled as": somebody's words
    for i, w in enumerate(words):
        # "what they call": a term in use; "what she called", "what one of them called": theirs
        if w in CALL_VERBS and "what" in words[:i] and _GENERIC_CALLERS & set(words[:i]):
            return ScareCue.NAME
    if called_in_general(pre):
        return ScareCue.NAME
    return None


_CALLING_AUXILIARIES = frozenset(
    [
        "are",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "taken",
        "take",
        "takes",
        "taking",
        "begun",
        "begin",
        "started",
        "start",
        "come",
        "came",
        "to",
        "sometimes",
        "often",
        "now",
        "also",
        "widely",
        "commonly",
        "long",
        "increasingly",
        "usually",
        "generally",
        "variously",
        "once",
        "still",
        "already",
    ]
)
"""Words between `what` and a verb of calling that name no caller (`what is sometimes called`,
`what critics have taken to calling`)."""
_CALLING_READS = 8
"""How many words before a quote `called_in_general` reads (`what fashion magazines have taken
to calling "..."`)."""


_NOT_IN_GENERAL = frozenset(["had", "was", "were", "been", "once"])
"""Past and perfect forms before the verb of calling: `what had been called`, `what former
employees have called` tell of a time someone called it so, not of a term in use."""


def called_in_general(pre: Toks) -> bool:
    """`what planners call "..."`, `what is sometimes called "..."`: a name in general use.

    A verb of calling right before the quote (an article may stand between), after `what` or
    `whom` and either no caller at all (a passive) or a bare plural noun phrase: a trade or a
    crowd (`forecasters`, `health economists`, `teammates`), not a person (`what she called`,
    `what Gilbert called`, `what one analyst called`), whose words a partial quote would be.
    """
    texts, lowers = pre.texts, pre.lowers
    n = len(lowers)
    if n and lowers[n - 1] in ("a", "an", "the"):
        n -= 1
    if n < 2 or lowers[n - 1] not in CALL_VERBS:
        return False
    if n >= 3 and lowers[n - 3 : n] == ["taken", "to", "calling"]:
        return True  # "what sports radio has taken to calling": a habit of naming, a nickname
    lo = max(0, n - 1 - _CALLING_READS)
    opener = next((j for j in range(n - 2, lo - 1, -1) if lowers[j] in ("what", "whom")), -1)
    if opener < 0 or not _NOT_IN_GENERAL.isdisjoint(lowers[opener + 1 : n - 1]):
        return False
    if lowers[n - 2] in ("have", "has") and lowers[n - 1] in ("called", "dubbed"):
        return False  # "what critics have called": a time they called it so
    between = [j for j in range(opener + 1, n - 1) if lowers[j] not in _CALLING_AUXILIARIES]
    if not between:
        return opener + 1 < n - 1  # "what is called": a passive, nobody calls it so
    if set(lowers[j] for j in between) <= _GENERIC_CALLERS:
        return True
    last = lowers[between[-1]]
    return (
        all(texts[j].isalpha() and texts[j].islower() for j in between)
        and not any(lowers[j] in DETERMINERS or lowers[j] in _PERSONAL for j in between)
        and last.endswith("s")
        and not last.endswith("ss")
    )


_PERSONAL = frozenset(["he", "she", "i", "we", "you", "they", "it", "one", "his", "her", "its"])
"""Pronouns: a caller named by one is a person or a body, whose words these are."""


def _known_as(words: list[str]) -> bool:
    """`known as`, `known around the league as`, `known online as`: a name, not a role.

    Not `known for (his appearances) as`: what follows is a part someone played.
    """
    if "known" not in words:
        return False
    between = words[words.index("known") + 1 : -1]
    return "," not in between and "for" not in between


_COPULAS = frozenset(["is", "was", "were", "are", "be", "been", "being", "am"])
_OBJECT_PRONOUNS = frozenset(
    ["him", "her", "it", "them", "me", "us", "himself", "herself", "itself", "themselves"]
)
_CALL_OBJECT_WORDS = 3
"""Words allowed between a verb of calling and its quoted epithet (`called the mayor "..."`)."""

_NAMING_AS = frozenset(["known", "such", "so", "disguised", "registered", "register"])
"""Words before `as` that introduce a name or an example, not a characterisation."""


class Frame(StrEnum):
    """How the narration right before a quote makes it a characterisation."""

    CALL = "call"
    """The complement of a verb of calling or labelling (`called him "a loser"`)."""
    AS = "as"
    """After `as` (`described the plan as "a breakthrough"`)."""
    SAY = "say"
    """The object of a speech verb (`saying "too many"`)."""
    COPULA = "copula"
    """After a copula (`the claim was "true"`)."""


def characterisation(pre: Toks) -> Frame | None:
    """How the narration right before a quote makes it a characterisation, or None.

    `call` for the complement of a verb of calling or labelling (`called him "a loser"`,
    `dubbed it "the yuca primary"`), `as` for `described the plan as "a breakthrough"`, `say` for
    the object of a speech verb (`saying "too many"`), `copula` for `the claim was "true"`. One
    article may stand between (`a "disgrace"`); `known as`, `such as` name a term instead.
    """
    lowers = pre.lowers
    n = len(lowers)
    if n and lowers[-1] in ("a", "an", "the"):
        n -= 1
    if not n:
        return None
    word = lowers[n - 1]
    before = lowers[n - 2] if n > 1 else ""
    for i in range(n - 1, max(-1, n - _CALL_OBJECT_WORDS - 2), -1):
        if not is_word(pre, i):
            break  # `called for calm, and "..."`: the call is over
        if (lowers[i] in CALL_VERBS or lowers[i] in LABEL_VERBS) and not (
            i and lowers[i - 1] in DETERMINERS  # a call for "...": a noun
        ):
            return Frame.CALL  # called "...", calls people "...", branded the deal "..."
    if word == "as":
        return None if before in _NAMING_AS else Frame.AS
    if word in _COPULAS:
        return Frame.COPULA
    if is_cue(pre, n - 1) and n == len(lowers):
        return Frame.SAY
    return None


_HINTING_VERBS = frozenset(
    [
        "implied",
        "implies",
        "implying",
        "intimated",
        "intimates",
        "intimating",
        "referenced",
        "references",
        "referencing",
        "talked",
        "talking",
        "exhorted",
        "exhorting",
        "exhorts",
        "believes",
        "believed",
        "casts",
        "casting",
    ]
)
"""Verbs of saying or holding something about a matter without a quotable sentence (`he implied
the judge was "hostile"`, `talked up her "50-state strategy"`, `casts him as a man who would
"unravel" ...`): the fragment in their clause is theirs."""
_JUDGING_VERBS = SPEECH_VERBS | STANCE_VERBS | CALL_VERBS | LABEL_VERBS | _HINTING_VERBS
_NOT_A_VERB_AFTER = DETERMINERS | _COPULAS


def in_words_of_someone(pre: Toks) -> bool:
    """Whether the sentence before a quote has a verb of saying or judging.

    `blasted the firm for its "outrageous practices"`, `saying they don't want "that mess"`:
    a short fragment in such a clause is what the subject said, not a term the writer holds at a
    distance. `the report`, `a call`, `was told` are not verbs used so.
    """
    lowers = pre.lowers
    for i in indexes_in(pre, 0, len(lowers), _JUDGING_VERBS):
        if is_word(pre, i):
            prev = lowers[i - 1] if i else ""
            if prev not in _NOT_A_VERB_AFTER and not prev.endswith(("'s", "’s")):
                return True
    return False


def _title_cue(pre: Toks) -> bool:
    if not pre.texts:
        return False
    words = pre.lowers[-4:]
    if words[-1] in TITLE_NOUNS:
        return True
    if words[-1] == "," and len(words) >= 2 and words[-2] in TITLE_NOUNS:
        return True  # an apposition: its new ad, "Playing Trump,"
    # a book (on the Caro-Kann) called "...": the title noun may stand a few words back
    return words[-1] in ("called", "titled", "entitled", "named") and any(
        w in TITLE_NOUNS for w in pre.lowers[-_TITLE_NOUN_REACH:-1]
    )


_TITLE_NOUN_REACH = 7
"""How many words before a quote a title noun may stand when `called` ends them."""


def _modifies_noun(post: Toks, quote: str) -> bool:
    """Whether a lower-case noun follows the quote: `as the "establishment" candidate`."""
    if not post.texts or quote.rstrip()[-1:] in ",.;:!?":
        return False
    word = post.lowers[0]
    return (
        is_word(post, 0)
        and post.texts[0][:1].islower()
        and word not in _CLAUSE_STARTS
        and word not in _NOT_NOUNS
        and not word.endswith(("ed", "ing", "ly"))
    )


_NOT_NOUNS = DETERMINERS | frozenset(
    [
        "again",
        "already",
        "also",
        "anymore",
        "instead",
        "never",
        "now",
        "often",
        "once",
        "since",
        "soon",
        "then",
        "there",
        "today",
        "too",
        "yesterday",
    ]
)
"""Words after a quote that cannot be the noun it modifies (`used "..." often`, `as "..." a`)."""


def _nickname(pre: Toks, post: Toks, quote: str) -> bool:
    """A nickname inside a name: `Rep. Robert C. "Bobby" Scott`, `Marcia "Cia" Price`."""
    n = len(pre)
    return (
        n > 0
        and len(post) > 0
        and _count_words(quote, 2) <= 2
        and (
            is_capitalised(pre, n - 1)
            or (pre.texts[n - 1] == "." and n > 1 and is_capitalised(pre, n - 2))
        )
        and is_capitalised(post, 0)
        and is_word(post, 0)
        and quote[:1].isupper()
    )


_CLAUSE_STARTS = frozenset(
    [
        "and",
        "or",
        "but",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "that",
        "which",
        "who",
        "as",
        "to",
        "in",
        "on",
        "at",
        "for",
        "of",
        "by",
        "from",
        "with",
        "than",
        "because",
        "if",
        "when",
        "while",
    ]
)


def _spoken(pre: Toks) -> bool:
    """Whether the narration before a quote has a speech verb used as a verb."""
    return any(is_cue(pre, i) for i in indexes_in(pre, 0, len(pre.texts), SPEECH_VERBS))


def _call_before(pre: Toks) -> bool:
    """Whether a verb of calling is among the last six words before the quote."""
    return not CALL_VERBS.isdisjoint(pre.lowers[-6:])


_UNSET: object = object()


class KindContext:
    """What the kind rules read about one top-level quote, with the derived facts they share.

    The derived facts (`words`, `title_case`, `scare_cue`, `frame`) are worked out when a rule
    first asks and kept: most quotes (`"...," she said`) are decided without ever reading them.
    """

    __slots__ = (
        "_frame",
        "_scare_cue",
        "_title_case",
        "_words",
        "attribution",
        "before",
        "cued",
        "embedded",
        "in_list",
        "named",
        "nested",
        "post",
        "pre",
        "quote",
    )

    def __init__(
        self,
        quote: str,
        pre: Toks,
        post: Toks,
        attribution: Attribution | None,
        embedded: bool,
        in_list: bool,
        nested: bool = False,
    ) -> None:
        self.quote = quote
        """The quoted words, without their marks."""
        self.pre = pre
        """The narration of the quote's sentence before its opening mark."""
        self.post = post
        """The narration of the quote's sentence after its closing mark."""
        self.attribution = attribution
        """What the sentence says about who speaks (None: nothing)."""
        self.embedded = embedded
        """True when the quote sits inside a sentence of narration."""
        self.in_list = in_list
        """True when the quote is one of several quoted terms joined by commas or `and`."""
        self.nested = nested
        """True when the quote sits inside another quote, read as if the outer one narrated it."""
        self.before = pre.texts[-1] if pre.texts else ""
        """The token right before the opening mark, as written (empty at a sentence start)."""
        self.cued = attribution is not None and attribution.cue is not None
        """Whether the attribution found a cue verb."""
        self.named = attribution is not None and attribution.mention is not None
        """Whether the attribution names a speaker."""
        self._words = -1
        self._title_case: bool | None = None
        self._scare_cue: object = _UNSET
        self._frame: object = _UNSET

    @property
    def words(self) -> int:
        """How many words the quote has (counted up to one more than any rule asks about)."""
        if self._words < 0:
            self._words = _count_words(self.quote, 2 * SCARE_MAX_WORDS)
        return self._words

    @property
    def title_case(self) -> bool:
        """Whether most of the quote's words are capitalised (`is_title_case`)."""
        if self._title_case is None:
            self._title_case = is_title_case(self.quote)
        return self._title_case

    @property
    def scare_cue(self) -> ScareCue | None:
        """The scare cue right before the quote (`so-called`, `the phrase`), if any."""
        if self._scare_cue is _UNSET:
            self._scare_cue = _scare_cue(self.pre)
        return self._scare_cue  # type: ignore[return-value]

    @property
    def frame(self) -> Frame | None:
        """How an embedded quote characterises something (`called it "..."`), if it does.

        None for a quote that is not embedded or that modifies the noun after it.
        """
        if self._frame is _UNSET:
            modifies = _modifies_noun(self.post, self.quote)
            self._frame = characterisation(self.pre) if self.embedded and not modifies else None
        return self._frame  # type: ignore[return-value]


KindDecision = Callable[[KindContext], QuoteKind | None]
"""A kind rule: the kind it decides for a quote, or None to let the next rule read it."""


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
_NOT_A_NAMED_NOUN = _COPULAS | frozenset(
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
    if noun.endswith("ly") or lowers[j] in _OBJECT_PRONOUNS:
        return None
    if DETERMINERS.isdisjoint(lowers[max(0, j - 3) : j]):
        return None
    return QuoteKind.TITLE if c.title_case else QuoteKind.SCARE


def title_after_told(c: KindContext) -> QuoteKind | None:
    """`told "Fox and Friends"`, `appeared on "Meet the Press"`: a programme, a title."""
    before = c.pre.lowers[-1] if c.pre.lowers else ""
    if before in ("told", "on") and c.words >= 2 and c.title_case and c.quote[:1].isupper():
        return QuoteKind.TITLE
    return None


def markup_value(c: KindContext) -> QuoteKind | None:
    """`tweet-date="2016-06-29"`, `href="http://..."`: an attribute value left in the text.

    HTML pasted as text quotes its attribute values after `=`; they are markup, not speech.
    """
    return QuoteKind.SCARE if c.before == "=" else None


_DEFINING_WORDS = frozenset(["defined", "which"])
_DEFINED_AFTER = (("defined", "as"), ("which", "is", "defined"), ("which", "means"))
"""Words after a quoted term that explain it. Not `meaning`, which as often follows a judgement
(`the immunity was only "partial," meaning ...`: somebody's word, measured on PolNeAR dev)."""


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
        w.strip(_WORD_STRIP).replace("’", "'").lower() in _FIRST_AND_SECOND_PERSON
        for w in quote.split()
    )


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
    if _title_cue(c.pre) and (
        c.title_case
        or (c.before == "," and not _spoken(c.pre))
        or is_title_case(c.quote.rstrip(" .,;:!?"))  # the film "Hail, Caesar!"
    ):
        return QuoteKind.TITLE
    if titled_by(c.pre):
        return QuoteKind.TITLE
    return None


def titled_by(pre: Toks) -> bool:
    """Whether the narration ends `titled`, `entitled` or `under the title` (a comma allowed)."""
    lowers = pre.lowers[-4:]
    if lowers and lowers[-1] in (",", ":"):
        lowers = lowers[:-1]
    if not lowers:
        return False
    if lowers[-1] in _TITLING_WORDS:
        return True
    return lowers[-2:] == ["the", "title"] and len(lowers) >= 3 and lowers[-3] in ("under", "with")


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
        and not _call_before(c.pre)
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
        and _modifies_noun(c.post, c.quote)
    ):
        return QuoteKind.SCARE
    return None


def nickname(c: KindContext) -> QuoteKind | None:
    """`Rep. Robert C. "Bobby" Scott`: a nickname inside a name."""
    if c.embedded and _nickname(c.pre, c.post, c.quote):
        return QuoteKind.SCARE
    return None


def headline_with_byline(c: KindContext) -> QuoteKind | None:
    """`"...," by Times' Ben Sisario`: a headline with its byline, a title."""
    after = c.post.texts
    if len(after) > 1 and after[0] == "by" and is_capitalised(c.post, 1):
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


def standalone_title(c: KindContext) -> QuoteKind | None:
    """A short Title-Cased quote standing alone, not ending in `,` or `.`: a title."""
    if c.words <= 6 and c.quote.rstrip()[-1:] not in ",." and c.title_case:
        return QuoteKind.TITLE
    return None


def standalone_utterance(c: KindContext) -> QuoteKind | None:
    """Anything else is a quote that stands as a sentence: direct."""
    del c
    return QuoteKind.DIRECT


class Position(Enum):
    """Where a quote stands in its sentence: which rules can decide it."""

    EMBEDDED = "embedded"
    """Inside a sentence of narration (`called it "a farce" and left`)."""
    AFTER_NARRATION = "after-narration"
    """A sentence of its own after narration in the same sentence (`He said: "..."`)."""
    SENTENCE_START = "sentence-start"
    """A sentence of its own with nothing before it (`"...," she said`): most quotes."""


ANY = frozenset(Position)
"""Every position."""
EMBEDDED = frozenset({Position.EMBEDDED})
"""Quotes inside narration only."""
STANDALONE = frozenset({Position.AFTER_NARRATION, Position.SENTENCE_START})
"""Quotes that stand as sentences only."""
READS_BEFORE = frozenset({Position.EMBEDDED, Position.AFTER_NARRATION})
"""Quotes with narration before them: rules that read it decide nothing for the others."""


class Rule(NamedTuple):
    """One row of the kind rules' table."""

    name: KindRule
    """The name recorded on the evidence of the quotes it decides."""
    decide: KindDecision
    """The rule itself."""
    scope: frozenset[Position]
    """The positions of the quotes it can decide: the others skip it without a call."""


RULES: tuple[Rule, ...] = (
    Rule(KindRule.MARKUP_VALUE, markup_value, READS_BEFORE),
    Rule(KindRule.EXCERPT_WITH_LINK, excerpt_with_link, ANY),
    Rule(KindRule.TITLE_AFTER_TITLE_NOUN, title_after_title_noun, READS_BEFORE),
    Rule(KindRule.IN_THEIR_WORDS, in_their_words, READS_BEFORE),
    Rule(KindRule.WORDING_OF_THE_SPEAKER, wording_of_the_speaker, EMBEDDED),
    Rule(KindRule.SCARE_CUE_BEFORE, scare_cue_before, READS_BEFORE),
    Rule(KindRule.TITLE_AFTER_POSSESSIVE, title_after_possessive, READS_BEFORE),
    Rule(KindRule.TITLE_AFTER_TOLD, title_after_told, EMBEDDED),
    Rule(KindRule.NAMED_BY_PARTICIPLE, named_by_participle, EMBEDDED),
    Rule(KindRule.TERM_DEFINED_AFTER, term_defined_after, EMBEDDED),
    Rule(KindRule.TERM_INSIDE_A_QUOTE, term_inside_a_quote, EMBEDDED),
    Rule(KindRule.CHARACTERISING_FRAGMENT, characterising_fragment, EMBEDDED),
    Rule(KindRule.EMBEDDED_TITLE, embedded_title, EMBEDDED),
    Rule(KindRule.LISTED_TERM, listed_term, EMBEDDED),
    Rule(KindRule.NOUN_MODIFIER, noun_modifier, EMBEDDED),
    Rule(KindRule.NICKNAME, nickname, EMBEDDED),
    Rule(KindRule.HEADLINE_WITH_BYLINE, headline_with_byline, ANY),
    Rule(KindRule.COPULA_JUDGEMENT, copula_judgement, EMBEDDED),
    Rule(KindRule.UNSPOKEN_WORD, unspoken_word, EMBEDDED),
    Rule(KindRule.SOURCED_PHRASE, sourced_phrase, EMBEDDED),
    Rule(KindRule.ATTRIBUTED_FRAGMENT, attributed_fragment, READS_BEFORE),
    Rule(KindRule.ATTRIBUTED_UTTERANCE, attributed_utterance, ANY),
    Rule(KindRule.UNATTRIBUTED_TITLE, unattributed_title, EMBEDDED),
    Rule(KindRule.UNATTRIBUTED_TERM, unattributed_term, EMBEDDED),
    Rule(KindRule.UNATTRIBUTED_FRAGMENT, unattributed_fragment, EMBEDDED),
    Rule(KindRule.STANDALONE_TITLE, standalone_title, STANDALONE),
    Rule(KindRule.STANDALONE_UTTERANCE, standalone_utterance, STANDALONE),
)
"""The kind rules in the order they are tried; for each quote the last one it reads decides."""


def rules_for(position: Position) -> tuple[tuple[KindRule, KindDecision], ...]:
    """The rules of `RULES` that can decide a quote at `position`, in order."""
    return tuple((r.name, r.decide) for r in RULES if position in r.scope)


# One tuple per position, looked up by `classify` without hashing an enum member per quote.
# A quote reads only the rules that can decide it: 4 of 24 for a quote starting its sentence
# (the usual `"...," she said`), 10 after narration, 22 inside it.
_EMBEDDED_RULES = rules_for(Position.EMBEDDED)
_AFTER_NARRATION_RULES = rules_for(Position.AFTER_NARRATION)
_SENTENCE_START_RULES = rules_for(Position.SENTENCE_START)


def classify(
    quote: str,
    pre: Toks,
    post: Toks,
    attribution: Attribution | None,
    embedded: bool,
    in_list: bool = False,
    nested: bool = False,
) -> tuple[QuoteKind, KindRule]:
    """The kind of a top-level quote and the rule that decided it.

    `in_list` says the quote is one of several quoted terms joined only by commas or `and`
    (`words such as "ambassador," "attack," "Benghazi"`); `nested` that it sits inside another
    quote, whose words before and after it are `pre` and `post`.
    """
    context = KindContext(quote, pre, post, attribution, embedded, in_list, nested)
    if embedded:
        rules = _EMBEDDED_RULES
    else:
        rules = _AFTER_NARRATION_RULES if pre.texts else _SENTENCE_START_RULES
    for name, decide in rules:
        kind = decide(context)
        if kind is not None:
            return kind, name
    raise AssertionError("the last kind rule always decides")  # pragma: no cover


_TEASER = re.compile(
    r"(?:READ MORE|Read more|RELATED|Related|SEE ALSO|See also|ALSO READ|Also read|MORE|WATCH"
    r"|Watch|LISTEN|RECOMMENDED|DON'T MISS|PHOTOS|VIDEO)\s*:"
)
"""The label of a line that links to another article (`READ MORE: ...`), at a paragraph start."""
_FOLD_WORDS = re.compile(r"\w+")


def teaser_line(paragraph: str, title: str) -> bool:
    """`READ MORE: "We will rebuild," mayor says`: a headline linking elsewhere, not speech."""
    del title
    return _TEASER.match(paragraph) is not None


def _headline_length(paragraph: str, title: str) -> bool:
    """Whether `paragraph` is short enough to be the (non-empty) `title` written again."""
    return bool(title) and len(paragraph) <= 2 * len(title) + 8


def repeated_headline(paragraph: str, title: str) -> bool:
    """The headline again in the body (marks, case or punctuation changed): not speech here."""
    if not _headline_length(paragraph, title):
        return False
    return _FOLD_WORDS.findall(paragraph.casefold()) == _FOLD_WORDS.findall(title.casefold())


_HEADLINE_VERBS = re.compile(
    r"\b(?:says|say|warns|vows|tells|urges|calls|claims|insists|admits|promises|pledges)\b"
)
"""Present-tense speech verbs as headlines write them (`'We will rebuild,' mayor says`)."""
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)]*\s*$""")
_QUOTE_MARKS = re.compile(r"""["“”‘’«»]|(?:^|\s)'|'(?:\s|$|[,.;:!?])""")


def headline_style_line(paragraph: str, title: str) -> bool:
    """`'It doesn't bring back the graves,' elder says as members vote`: a deck, not speech.

    Under a headline, news sites print a second line in the headline's style: a present-tense
    `says` and no full stop. Its quote repeats one from the story (or stands for it); the
    article's own paragraphs end their sentences.
    """
    return (
        _headline_length(paragraph, title)
        and "\n" not in paragraph
        and _SENTENCE_END.search(paragraph) is None
        and _HEADLINE_VERBS.search(paragraph) is not None
        and _QUOTE_MARKS.search(paragraph) is not None
    )


class ParagraphRule(NamedTuple):
    """A rule that decides the kind of every top-level quote of a paragraph, read first."""

    name: KindRule
    """The name recorded on the evidence of the quotes it decides."""
    applies: Callable[[str, str], bool]
    """Whether it applies, given the paragraph's text and the article's title."""
    kind: QuoteKind
    """The kind it gives the quotes of the paragraph."""


PARAGRAPH_RULES: tuple[ParagraphRule, ...] = (
    ParagraphRule(KindRule.TEASER_LINE, teaser_line, QuoteKind.TITLE),
    ParagraphRule(KindRule.REPEATED_HEADLINE, repeated_headline, QuoteKind.TITLE),
    ParagraphRule(KindRule.HEADLINE_STYLE_LINE, headline_style_line, QuoteKind.TITLE),
)
"""Paragraphs whose quotes are parts of headlines, whatever the narration around them says."""


_TEASER_INITIALS = frozenset("RMWLSADPV")
"""First letters of the `_TEASER` labels: a paragraph starting otherwise cannot be a teaser."""


def paragraph_kind(paragraph: str, title: str) -> tuple[QuoteKind, KindRule] | None:
    """The kind and rule for every quote of a paragraph (`PARAGRAPH_RULES`), or None."""
    if paragraph[:1] not in _TEASER_INITIALS and not _headline_length(paragraph, title):
        return None  # most paragraphs of a book: no rule can apply
    for rule in PARAGRAPH_RULES:
        if rule.applies(paragraph, title):
            return rule.kind, rule.name
    return None


def rule_descriptions() -> dict[KindRule, str]:
    """What each kind rule decides, in a line: the first line of its function's docstring."""
    rows: list[tuple[KindRule, Callable[..., object]]] = [(r.name, r.decide) for r in RULES]
    rows += [(r.name, r.applies) for r in PARAGRAPH_RULES]
    return {name: (func.__doc__ or "").strip().split("\n")[0] for name, func in rows}
