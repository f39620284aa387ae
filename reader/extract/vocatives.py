"""Vocatives: the person a quote speaks to by name (`"Come in, Elizabeth."`).

A name set off by commas inside a quote, or opening it before a comma, or closing it before
`?`, `!` or `.`, addresses someone: the one addressed is not the speaker, and in a dialogue the
next turn is theirs. Only names that the speaker table already knows as a person count, so a
place or an exclamation (`"Good God, Watson!"` counts, `"Well, London is far."` does not) is
left alone.
"""

from __future__ import annotations

import re

from reader.extract.cues import NOT_VOCATIVES, TITLES

_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lady|Lord|Madam|Captain|Colonel|Aunt|Uncle)\.?\s+)?"
_NAME = r"([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)"
VOCATIVE = re.compile(
    r"(?:^|[,;]\s+|[.!?]\s+(?=\S+,))"  # after a comma, or opening a sentence before a comma
    + _TITLE
    + _NAME
    + r"(?=\s*(?:[,!?;]|\.(?:\s|$)|$))"
)
"""A capitalised word (after an optional title) that a comma or an end mark sets off."""


def addressed_names(quote: str) -> list[str]:
    """The names a quote addresses, in order (`"Tell me, Mr. Darcy, ..."` -> `["Darcy"]`)."""
    out: list[str] = []
    for match in VOCATIVE.finditer(quote.strip("\"'“”‘’ ")):
        name = match.group(1)
        word = name.lower()
        if word in NOT_VOCATIVES or word in TITLES:
            continue
        out.append(name)
    return out
