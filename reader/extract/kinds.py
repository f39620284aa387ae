"""Quote kinds: a full utterance, a fragment of reported speech, a scare-quoted term or a title.

Decided from the quote's own words and the narration right around it:

* `title`: Title-Cased words after a noun such as `report`, `film`, `book` (or `titled`), or a
  short Title-Cased quote nobody is said to have said (`"Fox News Sunday"`);
* `scare`: a term after `so-called`, `what they call`, `known as`, `dubbed`..., or a short quote
  inside a sentence with no speech cue (`a "high-risk" river`);
* `partial`: a fragment inside a sentence whose speaker is named (`called Idlib "a black hole"`);
* `direct`: a quote that stands as a sentence, introduced or followed by its attribution.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.extract.attribution import Attribution, is_cue
from reader.extract.cues import CALL_VERBS, DETERMINERS, SCARE_BEFORE, SPEECH_VERBS, TITLE_NOUNS
from reader.extract.model import QuoteKind
from reader.extract.tokens import Token, indexes_in

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


def _strip_word(word: str) -> str:
    return word.strip(_WORD_STRIP)


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


def _scare_cue(pre: Sequence[Token]) -> bool:
    """`so-called "..."`, `what they call "..."`, `known as "..."`, `the word "..."`."""
    if not pre:
        return False
    words = [t.text.lower() for t in pre[-5:]]
    if len(words) > 1 and words[-1] in ("the", "a", "an", "this", "that"):
        words = words[:-1]  # "known as the 'Buffett rule'"
    if words[-1] in SCARE_BEFORE:
        return True
    if (
        words[-1] == "as"
        and len(words) >= 2
        and words[-2]
        in ("known", "referred", "described", "labelled", "labeled", "branded", "billed", "dubbed")
    ):
        return True
    for i, w in enumerate(words):
        # "what they call": a term in use; "what she called", "what one of them called": theirs
        if w in CALL_VERBS and "what" in words[:i] and _GENERIC_CALLERS & set(words[:i]):
            return True
    return False


def _title_cue(pre: Sequence[Token]) -> bool:
    if not pre:
        return False
    words = [t.text.lower() for t in pre[-4:]]
    if words[-1] in TITLE_NOUNS:
        return True
    if words[-1] == "," and len(words) >= 2 and words[-2] in TITLE_NOUNS:
        return True  # an apposition: its new ad, "Playing Trump,"
    return words[-1] in ("called", "titled", "entitled", "named") and any(
        w in TITLE_NOUNS for w in words[:-1]
    )


def _modifier(pre: Sequence[Token], post: Sequence[Token], quote: str, *, strict: bool) -> bool:
    """A quoted term used inside a noun phrase: `the "top secret" level`, `"quack" cures`.

    `strict` also wants a determiner before the quote (for sentences that have a speech cue).
    """
    if not pre or not post or quote.rstrip()[-1:] in ",.;:!?":
        return False
    before = pre[-1].text.lower()
    after = post[0]
    if strict and before not in DETERMINERS and before not in ("-", "so"):
        return False
    return (
        after.is_word
        and after.text[:1].islower()
        and after.text.lower() not in _CLAUSE_STARTS
        and not after.text.lower().endswith(("ed", "ing", "ly"))
    )


def _nickname(pre: Sequence[Token], post: Sequence[Token], quote: str) -> bool:
    """A nickname inside a name: `Rep. Robert C. "Bobby" Scott`, `Marcia "Cia" Price`."""
    return (
        bool(pre)
        and bool(post)
        and _count_words(quote, 2) <= 2
        and (
            pre[-1].is_capitalised
            or (pre[-1].text == "." and len(pre) > 1 and pre[-2].is_capitalised)
        )
        and post[0].is_capitalised
        and post[0].is_word
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


def _call_before(pre: Sequence[Token]) -> bool:
    return any(t.text.lower() in CALL_VERBS for t in pre[-6:])


def classify(
    text: str,
    quote: str,
    pre: Sequence[Token],
    post: Sequence[Token],
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
    title_case = is_title_case(quote)
    spoken = any(is_cue(pre, i) for i in indexes_in(pre, 0, len(pre), SPEECH_VERBS))
    if (title_case or (pre and pre[-1].text == "," and not spoken)) and _title_cue(pre):
        return QuoteKind.TITLE
    if _scare_cue(pre) and words <= 2 * SCARE_MAX_WORDS:
        return QuoteKind.SCARE
    cued = attribution is not None and attribution.cue is not None
    if title_case and pre and pre[-1].is_capitalised and pre[-1].text.endswith(("'s", "’s")):
        return QuoteKind.TITLE  # NBC's "Nightly News", DuVernay's "13th"
    said_just_before = bool(pre) and is_cue(pre, len(pre) - 1)  # He said "The Hispanics"
    if embedded and title_case and words >= 2 and not _call_before(pre) and not said_just_before:
        return QuoteKind.TITLE
    if embedded and not cued and in_list and words <= SCARE_MAX_WORDS:
        return QuoteKind.SCARE
    if embedded and words <= 3 and _modifier(pre, post, quote, strict=cued):
        return QuoteKind.SCARE
    if embedded and _nickname(pre, post, quote):
        return QuoteKind.SCARE
    if post and len(post) > 1 and post[0].text == "by" and post[1].is_capitalised:
        return QuoteKind.TITLE  # a headline with its byline: "...," by Times' Ben Sisario
    if (
        embedded
        and not cued
        and words <= 2
        and attribution is not None
        and (attribution.rule == "sentence-subject")
    ):
        return QuoteKind.SCARE  # a word or two in quotes, and nobody said to say it
    if attribution is not None and attribution.mention is not None:
        if embedded or (pre and quote[:1].islower() and pre[-1].text not in (":",)):
            return QuoteKind.PARTIAL
        return QuoteKind.DIRECT
    if embedded:
        if title_case and words <= 6:
            return QuoteKind.TITLE
        if words <= SCARE_MAX_WORDS:
            return QuoteKind.SCARE
        return QuoteKind.PARTIAL
    if title_case and words <= 6 and quote.rstrip()[-1:] not in ",.":
        return QuoteKind.TITLE
    return QuoteKind.DIRECT
