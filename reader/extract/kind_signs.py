"""What the narration around a quote says about its kind: the signs the kind rules read.

Word counts and Title Case, scare cues (`so-called`, `the phrase`), characterising frames
(`called it`, `described ... as`), calls in general, titles, nicknames and the tests of who is
speaking. Each is a small function of the quote's words and the tokens before (`pre`) or after
(`post`) it; the rules in `reader.extract.kind_rules` combine them.
"""

from __future__ import annotations

from enum import StrEnum

from reader.extract.attribution import is_cue
from reader.extract.cues import (
    CALL_VERBS,
    DETERMINERS,
    LABEL_VERBS,
    SCARE_BEFORE,
    SPEECH_VERBS,
    STANCE_VERBS,
    TITLE_NOUNS,
)
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


WORD_STRIP = ".,;:!?()\"'’‘“”"
_SPLIT_AHEAD = 4 * TITLE_MAX_WORDS
"""How many words of a quote `is_title_case` reads before it knows the quote is too long."""


def count_words(quote: str, cap: int) -> int:
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
            word = part.strip(WORD_STRIP)
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


def find_scare_cue(pre: Toks) -> ScareCue | None:
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


COPULAS = frozenset(["is", "was", "were", "are", "be", "been", "being", "am"])
OBJECT_PRONOUNS = frozenset(
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
    if word in COPULAS:
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
_NOT_A_VERB_AFTER = DETERMINERS | COPULAS


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


_WORK_NOUNS = TITLE_NOUNS | frozenset(
    ["autobiography", "miniseries", "newsletter", "sequel", "trilogy", "anthology"]
)
"""`TITLE_NOUNS` and more nouns of works that their titles follow (`his autobiography, "..."`)."""


def title_cue(pre: Toks) -> bool:
    """Whether a title noun (`report`, `film`, `the book called`) ends the narration before."""
    if not pre.texts:
        return False
    words = pre.lowers[-4:]
    if words[-1] in _WORK_NOUNS:
        return True
    if words[-1] == "," and len(words) >= 2 and words[-2] in _WORK_NOUNS:
        return True  # an apposition: its new ad, "Playing Trump,"
    # a book (on the Caro-Kann) called "...": the title noun may stand a few words back
    return words[-1] in ("called", "titled", "entitled", "named") and any(
        w in TITLE_NOUNS for w in pre.lowers[-_TITLE_NOUN_REACH:-1]
    )


_TITLE_NOUN_REACH = 7
"""How many words before a quote a title noun may stand when `called` ends them."""


def modifies_noun(post: Toks, quote: str) -> bool:
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


def reads_as_nickname(pre: Toks, post: Toks, quote: str) -> bool:
    """A nickname inside a name: `Rep. Robert C. "Bobby" Scott`, `Marcia "Cia" Price`."""
    n = len(pre)
    return (
        n > 0
        and len(post) > 0
        and count_words(quote, 2) <= 2
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


def spoken(pre: Toks) -> bool:
    """Whether the narration before a quote has a speech verb used as a verb."""
    return any(is_cue(pre, i) for i in indexes_in(pre, 0, len(pre.texts), SPEECH_VERBS))


def call_before(pre: Toks) -> bool:
    """Whether a verb of calling is among the last six words before the quote."""
    return not CALL_VERBS.isdisjoint(pre.lowers[-6:])
