"""Vocatives: the person a quote speaks to by name (`"Come in, Elizabeth."`).

A name set off by commas inside a quote, or opening it before a comma, or closing it before
`?`, `!` or `.`, addresses someone: the one addressed is not the speaker, and in a dialogue the
next turn is theirs. Only names that the speaker table already knows as a person count, so a
place or an exclamation (`"Good God, Watson!"` counts, `"Well, London is far."` does not) is
left alone.
"""

from __future__ import annotations

import functools
import re

from reader.extract.cues import NOT_VOCATIVES, SENTENCE_OPENERS, TITLES
from reader.extract.gender import is_given_name

_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lady|Lord|Madam|Captain|Colonel|Aunt|Uncle)\.?\s+)?"
_NAME = r"([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)"
VOCATIVE = re.compile(
    r"(?:^|[,;]\s+|[.!?]\s+(?=\S+,))"  # after a comma, or opening a sentence before a comma
    + _TITLE
    + _NAME
    + r"(?=\s*(?:[,!?;]|\.(?:\s|$)|$))"
)
"""A capitalised word (after an optional title) that a comma or an end mark sets off."""


@functools.lru_cache(maxsize=64)
def addressed_names(quote: str) -> tuple[str, ...]:
    """The names a quote addresses, in order (`"Tell me, Mr. Darcy, ..."` -> `("Darcy",)`).

    Cached: the turn rules ask of one quote as the turn before, the turn itself and the turn
    after (a few recent quotes suffice).
    """
    out: list[str] = []
    for match in VOCATIVE.finditer(quote.strip("\"'“”‘’ ")):
        name = match.group(1)
        word = name.lower()
        if word in NOT_VOCATIVES or word in TITLES:
            continue
        out.append(name)
    return tuple(out)


_CALLED = re.compile(r",\s+" + _TITLE + _NAME + r"(?=\s*(?:[,!?;]|\.(?:\s|$)|$))")
"""A name after a comma and before a comma or an end mark: `"Come in, Hastings."`."""


def called_names(quote: str) -> list[str]:
    """The names a quote calls after a comma (`"You think so, Hastings?"`), not at its start.

    Stricter than `addressed_names`: a capitalised word opening a quote before a comma is as
    often an interjection (`"Still, ..."`, `"Exactly, ..."`) as a name; after a comma it is a
    name far more often. Used where the name is not checked against people already met.
    """
    out: list[str] = []
    for match in _CALLED.finditer(quote):
        word = match.group(1).lower()
        if word not in NOT_VOCATIVES and word not in TITLES and word not in SENTENCE_OPENERS:
            out.append(match.group(1))
    return out


_OPENING = re.compile(r"[\"'“‘]?(" + _TITLE + r")" + _NAME + r"(?=[,!?]|\.(?:\s|[\"'”’]|$))")
"""A name that opens a quote and is set off at once: `"Louisa," he said`, `"Mr. Hastings."`."""


def opening_name(quote: str) -> str | None:
    """The name a quote opens with to call someone (`"Louisa," and his hand ...`), else None.

    A capitalised word opening a quote before a comma or an end mark is as often an
    interjection (`"Impossible!"`, `"Hullo, ..."`, `"Bath!"`) as a name: it counts only after
    a title (`"Mr. Hastings."`) or when it is a given name on the list
    (`gender.is_given_name`). A possessive (`"Inglethorp's ..."`) calls no one.
    """
    match = _OPENING.match(quote)
    if match is None:
        return None
    name = match.group(2)
    word = name.lower()
    if word in NOT_VOCATIVES or word in TITLES or word in SENTENCE_OPENERS:
        return None
    if name[-2:] in ("'s", "’s"):
        return None
    return name if match.group(1) or is_given_name(name) else None
