"""Ninth fresh round (tune9): places that look like names, callers, replies, documents.

Read from the speaker errors on the ninth fresh set (mostly Canadian news); each is a general
pattern of news writing, not one article's quirk:

* `place_named`: `a student from Ho Chi Minh City`, `Quebec City`, `Cole County`: a capitalised
  run ending in a place head is a place, even when a word of it is a given name (`Minh`,
  `Rose`), so a later `she said` never stands for it.

Functions over tokens; `mentions` and `attribution` call them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.extract.vocatives import called_names

PLACE_ENDINGS = frozenset(
    [
        *("city", "county", "township", "village", "heights", "falls", "springs", "avenue"),
        *("road", "square", "station", "airport", "harbour", "harbor", "valley", "island"),
    ]
)
"""Last words that make a capitalised run of two or more words a place (`Mexico City`).

Narrower than `cues.PLACE_HEADS`: `Park`, `Lake`, `Hill`, `Street`, `Bridge` and `Bay` end
people's names too (`Grace Park`, `Ricki Lake`)."""


def place_named(lowers: Sequence[str], s: int, e: int) -> bool:
    """Whether the capitalised run of tokens s..e-1 names a place (`Ho Chi Minh City`)."""
    return e - s >= 2 and lowers[e - 1] in PLACE_ENDINGS


_OBJECT_PREPOSITIONS = frozenset(["for", "of", "at", "with", "from", "to", "in"])
"""Prepositions whose object a following apposition may name (`a planner for the developer`)."""


def names_an_object(lowers: Sequence[str], texts: Sequence[str], a: int, b: int) -> bool:
    """Whether the role chunk a..b-1 ends in a preposition's lower-case object.

    `Olu Ade, a planner for the developer, Ridge Homes, told ...`: the name after such a role
    (`Ridge Homes`) is the developer's, in apposition to `the developer`; the subject is the
    name before the role. `attribution` drops the name when a person's name opens the chain.
    """
    if b - a < 3 or not texts[b - 1][:1].islower() or not texts[b - 1][:1].isalpha():
        return False
    return not _OBJECT_PREPOSITIONS.isdisjoint(lowers[a + 1 : b - 1])


_FROM_PLACE = frozenset(["in", "from"])
"""Words between a caller's name and their town (`Kevin in Spryfield`, `Pat from Bedford`)."""


def may_be_from_place(lowers: Sequence[str], a: int, b: int) -> bool:
    """Whether the chunk a..b-1 has an `in` or `from` after its first word.

    Read before `where_from`, which needs where the name ends: most chunks have neither.
    """
    return not _FROM_PLACE.isdisjoint(lowers[a + 1 : b])


def where_from(lowers: Sequence[str], texts: Sequence[str], end: int, b: int) -> bool:
    """Whether tokens end..b-1 say where the one just named is from: `in Spryfield`.

    Phone-in shows and streeters name people by first name and town (`Kevin in Spryfield, the
    last caller, said`): the name is the subject, the place only where they live.
    """
    return (
        end + 1 < b
        and lowers[end] in _FROM_PLACE
        and all(t[:1].isupper() for t in texts[end + 1 : b])
    )


_LIST_GLUE = frozenset(["and", "or", "&", ",", "nor"])
"""Words after a second name that make `A, B and C` a list, not `Backstage, B was asked`."""


def fronted_word(texts: Sequence[str], lowers: Sequence[str], lo: int, e: int, hi: int) -> bool:
    """Whether `texts[lo]` is a fronted adverb before the subject named at lo+2..e-1.

    `Backstage, Kaskamin was asked ...`, `Outside, Rivera said ...`: one capitalised word and a
    comma open the sentence, and a name follows that a lower-case word (its verb) continues;
    the word is where or when, not a person. `Smith, Jones and Lee were asked` is a list.
    """
    return (
        lo + 2 < e < hi
        and texts[lo + 1] == ","
        and texts[e][:1].islower()
        and texts[e][:1].isalpha()
        and lowers[e] not in _LIST_GLUE
    )


_GERUND_PREPOSITIONS = frozenset(["by", "after", "before", "while", "when", "without", "in"])
"""Words before a speech verb's `-ing` form that make it part of an adverbial phrase."""


def gerund_phrase(lowers: Sequence[str], lo: int, c: int) -> bool:
    """Whether the cue at c is an `-ing` form after `by`, `after`, `while`...: `by asking`.

    `Host Anil Rao opened the show by asking a question: "..."`: the one asking is the main
    clause's subject, not the words right before `by` (`the show`).
    """
    return c - 1 > lo and lowers[c].endswith("ing") and lowers[c - 1] in _GERUND_PREPOSITIONS


_DOCUMENTS = frozenset(
    ["statement", "release", "letter", "email", "e-mail", "memo", "notice", "post", "tweet"]
)
"""Heads of `the statement said`: a document quoted, whose words are its issuer's."""


def document_role(words: Sequence[str]) -> bool:
    """Whether a role is a document (`the statement`, `the news release`), not a person.

    `In a statement, Northland said ... "...," the statement said.`: the words are those of
    whoever issued the statement, the speaker quoted just before (`SpeakerTable._role`).
    """
    return len(words) >= 2 and words[0].lower() == "the" and words[-1].lower() in _DOCUMENTS


_REPLY_CUES = frozenset(
    ["replied", "replies", "answered", "answers", "responded", "responds", "retorted", "retorts"]
)
"""Cues saying a quote answers the one before it: its speaker is not the one who asked."""


def replies(cue: str) -> bool:
    """Whether a cue says its quote answers the speech before it (`"...," she replied`).

    `"That's it?" the reporter asked. "That's after six years," she replied.`: the one who
    replies is not the one who asked, whatever the pronoun's nearest fitting person is
    (`pipeline` then takes the latest other person of a fitting sex, as `inner_quotes` does).
    """
    return cue.lower() in _REPLY_CUES


def addresses(quote: str, names: Sequence[str]) -> bool:
    """Whether `quote` calls one of `names` after a comma (`"It's not funny, Einar," she said`).

    The one a quote speaks to is not its speaker: `pipeline` gives `he` / `she` to the latest
    other person of a fitting sex instead. Each name counts by any of its words (`Einar` for
    `Einar Jónsson`).
    """
    words = {w for name in names for w in name.split()}
    if not any(w in quote for w in words):
        return False  # most quotes: no word of the name in them, no need to read for vocatives
    return any(name in words for name in called_names(quote))


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+$", re.IGNORECASE)
"""An auxiliary right before `asked`: the subject is the one asked, not the asker."""
_QUOTE_END = " \t\n,\"'“”‘’"
"""What may follow a question mark at the end of a quote's span."""


_ASKED_AFTER = re.compile(r"\s+ask(?:ed|s)\b")
"""`asked` right after a sentence's subject (`Varma asked her if ...`)."""


def asks(text: str, speech: str | None, cue: str | None, at: int) -> bool:
    """Whether the speech before a reply asked something of someone else.

    A quote that ends in a question mark (`speech`: its words), or narration whose cue is an
    active `asked` (`Varma asked her if ...`, not `Holt was asked ...`, whose subject is the
    one who answers): `at` is the cue's offset in `text`, or, with no cue, where the sentence's
    subject ends (`asked` may follow it).
    """
    if speech is not None:
        return speech.rstrip(_QUOTE_END).endswith("?")
    if cue is None:
        return _ASKED_AFTER.match(text, at) is not None
    if cue.lower() not in ("asked", "asks"):
        return False
    return _PASSIVE.search(text, max(0, at - 12), at) is None


_VOX_POP_NOUNS = frozenset(
    [
        *("caller", "listener", "viewer", "reader", "resident", "neighbour", "neighbor"),
        *("homeowner", "tenant", "shopper", "commuter", "passenger", "customer", "farmer"),
        *("grandmother", "grandfather", "widow", "widower", "retiree", "volunteer", "fan"),
    ]
)
"""What a person asked in the street or on the phone is called in the next sentence."""


def vox_pop_role(words: Sequence[str]) -> bool:
    """Whether a role is `the caller`, `the farmer`: a person met a sentence before, by role.

    `Pat from Bedford wasn't convinced. "...," the caller said.`: phone-ins and streeters name
    someone, then call them by what they are. `SpeakerTable._role` gives such a role to the
    latest person named in the same paragraph, when nobody holds it already.
    """
    return len(words) == 2 and words[0].lower() == "the" and words[1].lower() in _VOX_POP_NOUNS


_JOURNALISTS = frozenset(
    ["reporter", "correspondent", "journalist", "columnist", "photographer", "producer"]
)
"""Posts of the people who write the news, not of the people it quotes."""


def journalist(aliases: Sequence[str]) -> bool:
    """Whether a person is the outlet's own journalist (`Our reporter Sean Caley`).

    `the 34-year-old said` after `Our reporter Sean Caley caught her`: an age describes the
    one interviewed, not the reporter (`SpeakerTable._described`).
    """
    for alias in aliases:
        words = alias.lower().split()
        if len(words) > 2 and not _JOURNALISTS.isdisjoint(words[:-1]):
            return True
    return False
