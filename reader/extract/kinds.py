"""Quote kinds: a full utterance, a fragment of reported speech, a scare-quoted term or a title.

Decided from the quote's own words and the narration right around it:

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

from reader.extract.attribution import Attribution, is_cue
from reader.extract.cues import (
    CALL_VERBS,
    DETERMINERS,
    LABEL_VERBS,
    SCARE_BEFORE,
    SPEECH_VERBS,
    STANCE_VERBS,
    TITLE_NOUNS,
)
from reader.extract.model import QuoteKind
from reader.extract.tokens import Toks, indexes_in

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
        "is",
        "are",
        "be",
        "not",
        "nor",
        "our",
        "my",
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


def _scare_cue(pre: Toks) -> str | None:
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
        return "wording" if used else "name"
    if words[-1] == "as" and len(words) >= 2 and words[-2] == "known":
        return "name"  # but "described as", "labeled as": somebody's words (`characterisation`)
    for i, w in enumerate(words):
        # "what they call": a term in use; "what she called", "what one of them called": theirs
        if w in CALL_VERBS and "what" in words[:i] and _GENERIC_CALLERS & set(words[:i]):
            return "name"
    return None


_COPULAS = frozenset(["is", "was", "were", "are", "be", "been", "being", "am"])
_OBJECT_PRONOUNS = frozenset(
    ["him", "her", "it", "them", "me", "us", "himself", "herself", "itself", "themselves"]
)
_CALL_OBJECT_WORDS = 3
"""Words allowed between a verb of calling and its quoted epithet (`called the mayor "..."`)."""

_NAMING_AS = frozenset(["known", "such", "so", "disguised", "registered", "register"])
"""Words before `as` that introduce a name or an example, not a characterisation."""


def characterisation(pre: Toks) -> str | None:
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
        if not pre.texts[i][0].isalnum():
            break  # `called for calm, and "..."`: the call is over
        if (lowers[i] in CALL_VERBS or lowers[i] in LABEL_VERBS) and not (
            i and lowers[i - 1] in DETERMINERS  # a call for "...": a noun
        ):
            return "call"  # called "...", calls people "...", branded the deal "..."
    if word == "as":
        return None if before in _NAMING_AS else "as"
    if word in _COPULAS:
        return "copula"
    if is_cue(pre, n - 1) and n == len(lowers):
        return "say"
    return None


_JUDGING_VERBS = SPEECH_VERBS | STANCE_VERBS | CALL_VERBS | LABEL_VERBS
_NOT_A_VERB_AFTER = DETERMINERS | _COPULAS


def in_words_of_someone(pre: Toks) -> bool:
    """Whether the sentence before a quote has a verb of saying or judging.

    `blasted the firm for its "outrageous practices"`, `saying they don't want "that mess"`:
    a short fragment in such a clause is what the subject said, not a term the writer holds at a
    distance. `the report`, `a call`, `was told` are not verbs used so.
    """
    lowers = pre.lowers
    for i in indexes_in(pre, 0, len(lowers), _JUDGING_VERBS):
        if pre.texts[i][0].isalnum():
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
    return words[-1] in ("called", "titled", "entitled", "named") and any(
        w in TITLE_NOUNS for w in words[:-1]
    )


def _modifier(pre: Toks, post: Toks, quote: str, *, strict: bool) -> bool:
    """A quoted term used inside a noun phrase: `the "top secret" level`, `"quack" cures`.

    `strict` also wants a determiner before the quote (for sentences that have a speech cue).
    """
    if not pre.texts:
        return False
    before = pre.lowers[-1]
    if strict and before not in DETERMINERS and before not in ("-", "so"):
        return False
    return _modifies_noun(post, quote)


def _modifies_noun(post: Toks, quote: str) -> bool:
    """Whether a lower-case noun follows the quote: `as the "establishment" candidate`."""
    if not post.texts or quote.rstrip()[-1:] in ",.;:!?":
        return False
    after = post.texts[0]
    word = post.lowers[0]
    return (
        after[0].isalnum()
        and after[:1].islower()
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
    before, after = pre.texts, post.texts
    return (
        bool(before)
        and bool(after)
        and _count_words(quote, 2) <= 2
        and (
            before[-1][0].isupper()
            or (before[-1] == "." and len(before) > 1 and before[-2][0].isupper())
        )
        and after[0][0].isupper()
        and after[0][0].isalnum()
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
    return not CALL_VERBS.isdisjoint(pre.lowers[-6:])


def classify(
    text: str,
    quote: str,
    pre: Toks,
    post: Toks,
    attribution: Attribution | None,
    embedded: bool,
    in_list: bool = False,
) -> QuoteKind:
    """The kind of a top-level quote given its sentence context and attribution.

    `in_list` says the quote is one of several quoted terms joined only by commas or `and`
    (`words such as "ambassador," "attack," "Benghazi"`).
    """
    del text
    words = _count_words(quote, 2 * SCARE_MAX_WORDS)  # no threshold below is higher
    # Whether the quote is title-cased is read only on some paths (not for the usual
    # `"...," she said`): worked out when first asked, like the other tests of the context.
    title_cased: list[bool] = []

    def title_case() -> bool:
        if not title_cased:
            title_cased.append(is_title_case(quote))
        return title_cased[0]

    if _title_cue(pre) and (title_case() or (pre.texts[-1] == "," and not _spoken(pre))):
        return QuoteKind.TITLE
    cued = attribution is not None and attribution.cue is not None
    named = attribution is not None and attribution.mention is not None
    scare_cue = _scare_cue(pre)
    if scare_cue == "wording" and named and embedded:
        return QuoteKind.PARTIAL  # `he used the phrase "..."`: his words
    if scare_cue and words <= 2 * SCARE_MAX_WORDS:
        return QuoteKind.SCARE
    before = pre.texts[-1] if pre.texts else ""
    if before[:1].isupper() and before.endswith(("'s", "’s")) and title_case():
        return QuoteKind.TITLE  # NBC's "Nightly News", DuVernay's "13th"
    frame = characterisation(pre) if embedded and not _modifies_noun(post, quote) else None
    if frame in ("call", "as", "say"):
        return QuoteKind.PARTIAL
    if (
        embedded
        and words >= 2
        and title_case()
        and not _call_before(pre)
        and not (before and is_cue(pre, len(pre.texts) - 1))  # He said "The Hispanics"
    ):
        return QuoteKind.TITLE
    if embedded and not cued and in_list and words <= SCARE_MAX_WORDS:
        return QuoteKind.SCARE
    if embedded and words <= 3 and not cued and _modifier(pre, post, quote, strict=False):
        return QuoteKind.SCARE  # with a speech cue, `said the "top secret" level` is reported
    if embedded and _nickname(pre, post, quote):
        return QuoteKind.SCARE
    after = post.texts
    if after and len(after) > 1 and after[0] == "by" and after[1][0].isupper():
        return QuoteKind.TITLE  # a headline with its byline: "...," by Times' Ben Sisario
    if frame == "copula":
        return QuoteKind.PARTIAL  # the deal was "fantastic": a judgement in somebody's words
    if (
        embedded
        and not cued
        and words <= 2
        and attribution is not None
        and (attribution.rule == "sentence-subject")
        and not in_words_of_someone(pre)
    ):
        return QuoteKind.SCARE  # a word or two in quotes, and nobody said to say it
    if attribution is not None and attribution.mention is not None:
        if embedded or (before and quote[:1].islower() and before not in (":",)):
            return QuoteKind.PARTIAL
        return QuoteKind.DIRECT
    if embedded:
        if words <= 6 and title_case():
            return QuoteKind.TITLE
        if words <= SCARE_MAX_WORDS and not in_words_of_someone(pre):
            return QuoteKind.SCARE
        return QuoteKind.PARTIAL
    if words <= 6 and quote.rstrip()[-1:] not in ",." and title_case():
        return QuoteKind.TITLE
    return QuoteKind.DIRECT
