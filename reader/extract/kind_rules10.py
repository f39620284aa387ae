"""Tenth-round kind rules: terms and names that a sentence owns, names or defines, nobody says.

Read from the scare quotes and terms reported as quotes on PolNeAR train and the fresh sets;
each is a general shape of a quoted term in news, not one article's quirk:

* `possessive_term`: `Holt's "runners"`, `the premier's "reset"`: one word whose only link
  to anybody is a possessive is a thing they have or a policy they run, held at a distance;
* `term_named_after`: `"the Professor," a nickname he picked up`, `"a PR break," a phrase fans
  used`: the sentence itself says the quoted words are a name or a phrase in use;
* `name_in_habitual_call`: `regulars call it simply "the Dar"`: what a plural subject habitually
  calls something, in a name's capitals, is the name it goes by;
* `term_as_subject`: `"Red zone" is the highest level of ...`: a short quote that opens a
  sentence defining it is a term talked about;
* `term_offered_as_equivalent`: `It suggests "burger écrasé" as an equivalent`: words offered
  in place of other words are words talked about.

Each rule reads a `KindContext` and decides a kind or passes; `kinds.RULES` orders them.
"""

from __future__ import annotations

from reader.extract.kind_context import KindContext
from reader.extract.kind_signs import COPULAS, OBJECT_PRONOUNS, SCARE_MAX_WORDS, Frame
from reader.extract.model import QuoteKind


def possessive_term(c: KindContext) -> QuoteKind | None:
    """`Holt's "runners"`, `the premier's "reset"`: one word owned by a possessive, scare.

    A possessive is the only link of such a word to anybody (the attribution rule
    `possessive`): no verb says its owner said it. One word so owned names a thing the owner
    has or a policy they run (`the premier's "reset" on trade`), quoted at a distance; a longer
    fragment (`Holt's "grand bargain"`) may be their wording and stays theirs.
    Measured on PolNeAR train: four such one-word quotes, all non-quotes.
    """
    att = c.attribution
    if att is None or att.rule != "possessive" or c.words != 1:
        return None
    return QuoteKind.SCARE


_NAME_APPOSITIONS = frozenset(["nickname", "moniker", "sobriquet", "nicknames"])
"""Nouns after a quote that make it a name somebody goes by (`"Ace," a nickname ...`)."""
_WORDING_APPOSITIONS = _NAME_APPOSITIONS | frozenset(
    [
        "buzzword",
        "catchphrase",
        "coinage",
        "epithet",
        "euphemism",
        "expression",
        "label",
        "mantra",
        "motto",
        "phrase",
        "shorthand",
        "slogan",
        "term",
        "word",
    ]
)
"""Nouns after a quote that make it words in use (`"a PR break," a phrase fans used`).
Not `reference`: `"keep eyes on it," a reference to cameras` glosses what a speaker meant."""
_ARTICLES = frozenset(["a", "an", "the"])


def term_named_after(c: KindContext) -> QuoteKind | None:
    """`"the Professor," a nickname he picked up`, `"a PR break," a phrase fans used`: scare.

    A short quote followed, after a comma, by `a phrase`, `a term`, `the slogan`, `a
    nickname`... is words the sentence talks about as words in use, not the speech of whoever
    the sentence names. After a verb of calling or saying (`called them "..."`) the words are
    the caller's unless the apposition makes them a name (`a nickname`), which may also follow
    a short phrase (`calling him "The Wall" in practice, a nickname ...`). Not after a dash:
    `offer "patience" — a word he used twice —` is an aside on the speaker's
    own wording (PolNeAR train: two such partial quotes).
    """
    post = c.post.lowers
    if len(post) < 2:
        return None
    if post[0] == ",":
        at = 1
    elif c.quote.rstrip()[-1:] == ",":
        at = 0
    else:  # `"The Wall" in practice, a nickname`: a name's apposition after a short phrase
        comma = next((i for i in range(1, min(len(post), _NICKNAME_REACH)) if post[i] == ","), 0)
        if not comma or not all(c.post.texts[i][:1].isalnum() for i in range(comma)):
            return None
        at = comma + 1
    if len(post) < at + 2 or post[at] not in _ARTICLES:
        return None
    noun = post[at + 1]
    if noun not in _WORDING_APPOSITIONS or c.words > SCARE_MAX_WORDS:
        return None
    if noun not in _NAME_APPOSITIONS and (at > 1 or c.frame in _SPEAKERS_FRAMES):
        return None
    return QuoteKind.TITLE if c.title_case else QuoteKind.SCARE


_NICKNAME_REACH = 5
"""How many words after a quote its `, a nickname` apposition may come (`in practice`)."""
_SPEAKERS_FRAMES = (Frame.CALL, Frame.AS, Frame.SAY)


_HABITUAL_CALL = "call"
"""The plain present of `call`: what a plural subject calls something by habit."""
_NOT_HABITUAL_BEFORE = frozenset(
    [
        *("to", "would", "will", "could", "should", "might", "may", "can", "must", "did"),
        *("didn't", "don't", "does", "do", "not", "never", "i", "you", "please"),
    ]
)
"""Words before `call` that make it an infinitive, a modal's verb, an order or one speaker's
own usage (`the media would call him "..."`, `I call it "..."`): not a name in general use."""
_CALLING_ADVERBS = frozenset(
    ["simply", "just", "only", "affectionately", "fondly", "still", "now", "often", "also"]
)


def _a_name(quote: str) -> bool:
    """Whether a quote reads as a name: Title Case, or `the` and a capitalised word."""
    words = quote.split(None, 2)
    if not words or not words[0][:1].isupper():
        return len(words) >= 2 and words[0].lower() == "the" and words[1][:1].isupper()
    return all(w[:1].isupper() or w.lower() in ("of", "the", "and", "de") for w in words[:2])


def name_in_habitual_call(c: KindContext) -> QuoteKind | None:
    """`regulars call it simply "the Dar"`, `locals call him "the Sarge"`: a name, scare.

    `call` in its plain present after a plural subject, an object pronoun and at most one
    adverb, with a quote that reads as a name, gives what the thing goes by among a crowd,
    not one speaker's words (`called it "a disgrace"`, `she calls it "..."` stay theirs). Not
    in a Title-Case headline, where every word is capitalised and a name cannot be told from a
    phrase (`Riders Call It "The Longest Wait"`: the riders' words).
    """
    lowers = c.pre.lowers
    n = len(lowers)
    if n and lowers[-1] in _CALLING_ADVERBS:
        n -= 1
    if n < 3 or lowers[n - 1] not in OBJECT_PRONOUNS or lowers[n - 2] != _HABITUAL_CALL:
        return None
    if lowers[n - 3] in _NOT_HABITUAL_BEFORE or not _a_name(c.quote):
        return None
    if c.pre.texts[n - 2] != _HABITUAL_CALL:
        return None  # a Title-Case headline (`Commuters Call It "..."`) capitalises every word
    return QuoteKind.SCARE if c.words <= SCARE_MAX_WORDS else None


_DEFINING_COPULAS = COPULAS - {"be", "been", "being", "am"}
_DEFINING_ARTICLES = frozenset(["a", "an", "the"])


def term_as_subject(c: KindContext) -> QuoteKind | None:
    """`"Red zone" is the highest level of ...`: a term that opens its own definition.

    A short quote with no closing punctuation of its own, standing as the subject of `is a` /
    `was the` ..., is words the sentence explains; speech so short ends in a comma or a full
    stop before its attribution (`"No," she said`). Read only for quotes nobody is named for.
    """
    post = c.post.lowers
    if len(post) < 2 or post[0] not in _DEFINING_COPULAS or post[1] not in _DEFINING_ARTICLES:
        return None  # the words after first: most quotes that stand alone end the sentence
    if c.quote.rstrip()[-1:] in ",.;:!?" or c.words > SCARE_MAX_WORDS:
        return None
    return QuoteKind.SCARE


_EQUIVALENT_NOUNS = frozenset(["equivalent", "synonym", "translation"])
"""Nouns after `as a` that offer the quoted words in place of others (`as an equivalent`).
Not `alternative` or `replacement`: `proposed "a two-year pilot" as an alternative` offers an
idea in the proposer's words."""


def term_offered_as_equivalent(c: KindContext) -> QuoteKind | None:
    """`It suggests "burger écrasé" as an equivalent`: words offered in place of others, scare.

    Words proposed as the equivalent, the translation or a synonym of other words are talked
    about as words (a language office's ruling, a style guide's advice), even when a
    speech verb offers them: nobody says them as speech.
    """
    post = c.post.lowers
    if len(post) < 3 or post[0] != "as" or post[1] not in _ARTICLES:
        return None  # the word after the quote first: almost no quote is followed by `as a`
    if post[2] not in _EQUIVALENT_NOUNS or c.words > SCARE_MAX_WORDS:
        return None
    return QuoteKind.SCARE
