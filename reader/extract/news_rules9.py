"""Ninth-round news rules: named speakers that the narration around a quote already gives.

Read from the wrong and missing speakers of named people on PolNeAR train without coreference;
each is a general shape of news writing, not one article's quirk:

* `introduced_and_closed`: `Police Chief Ana Ruiz lobbied for a ban, saying, "Fewer guns is
  better." The province is one of nine that allow it.`: a quote that its own sentence
  introduces (a cue and a comma, or `that`, right before the opening mark) and that closes its
  sentence (a full stop, `?` or `!` inside the closing mark) belongs to the one who introduced
  it; a speech verb in the sentence after it (`states`, `later said`) is a new sentence's.

Functions over tokens and text; they read no speaker table.
"""

from __future__ import annotations

from reader.extract.attribution import Attribution
from reader.extract.mentions import ORG, PERSON, PRONOUN, Mention, np_ending_at
from reader.extract.tokens import Toks

_INTRODUCERS = frozenset({",", "that", "—", "–"})
"""What stands right before an opening mark when the sentence introduces the quote."""
_FULL_STOPS = frozenset(".!?")
"""Marks that close a sentence inside a quote's closing mark."""


def introduced_and_closed(toks: Toks, lo: int, open_i: int, quote_text: str) -> bool:
    """Whether narration `toks[lo:open_i]` introduces the quote and the quote ends the sentence.

    `quote_text` is the quoted words (without their marks); the sentence is closed when its last
    character that is not a quote mark or a space is `.`, `?` or `!`.
    """
    if open_i - lo < 2 or toks.lowers[open_i - 1] not in _INTRODUCERS:
        return False
    tail = quote_text.rstrip(" \"'“”‘’\u00a0")
    return bool(tail) and tail[-1] in _FULL_STOPS


WORDS_OWNER_RULE = "words-owner"
"""The speaker rule recorded when `words_owner` named a quote's speaker."""
_WORD_NOUNS = frozenset(
    {
        "response",
        "reply",
        "answer",
        "retort",
        "claim",
        "remark",
        "remarks",
        "comment",
        "comments",
        "assertion",
        "statement",
        "message",
        "argument",
        "suggestion",
        "warning",
        "pledge",
        "promise",
        "advice",
        "verdict",
        "explanation",
        "words",
    }
)
"""Nouns for what someone said, whose owner (`Reed's response`) is the one speaking."""
_LINKS = frozenset({":", ",", "that", "is", "was", "has", "been", "simply", "then", "this"})
"""What may stand between such a noun and the opening mark (`response was:`, `claim is that`)."""
_MAX_LINKS = 4
_MAX_MODIFIERS = 2
"""Lower-case words read between the owner and the noun (`most explosive claim`)."""
_OWNER_PRONOUNS = {"his": ("he", "m"), "her": ("she", "f")}


def words_owner(text: str, toks: Toks, lo: int, open_i: int) -> Attribution | None:
    """The owner of a noun for words that introduces the quote at token `open_i`, or None.

    `Reed's response was: "..."`: read back from the opening mark over a few linking tokens
    (`was`, `is that`, a colon) to a noun in `_WORD_NOUNS`, then over at most two lower-case
    words to a possessive: a person's or a body's name (`Reed's`), or `his` / `her`, resolved
    like `he` / `she`. At least one linking token is required: `Reed's "..." claim` is
    `possessive_owner`'s.
    """
    lowers, texts = toks.lowers, toks.texts
    k = open_i - 1
    while k > lo and open_i - 1 - k < _MAX_LINKS and lowers[k] in _LINKS:
        k -= 1
    if k == open_i - 1 or k <= lo or lowers[k] not in _WORD_NOUNS:
        return None
    noun = k
    k -= 1
    while k > lo and noun - 1 - k < _MAX_MODIFIERS and texts[k][0].islower():
        if lowers[k] in _OWNER_PRONOUNS:
            break
        k -= 1
    owner = lowers[k]
    if owner in _OWNER_PRONOUNS:
        name, sex = _OWNER_PRONOUNS[owner]
        mention = Mention(texts[k], toks.starts[k], toks.ends[k], PRONOUN, name, gender=sex)
        return Attribution(WORDS_OWNER_RULE, mention, toks.token(noun))
    if not texts[k][0].isupper() or not owner.endswith(("'s", "’s")):
        return None
    found = np_ending_at(text, toks, lo, k + 1)
    if found is None or found.kind not in (PERSON, ORG):
        return None
    return Attribution(WORDS_OWNER_RULE, found, toks.token(noun))
