"""The rows the library answers with: a person across the library, one thing they said.

Kept apart from `library.py` so that `lookup.py` (what `reader said` loads) needs nothing else;
named tuples, as `dataclasses` alone costs `reader said` 8 ms of imports.
"""

from __future__ import annotations

from typing import NamedTuple


class Said(NamedTuple):
    """One thing a person said, with where and when.

    A named tuple: `reader said` makes tens of thousands, and a tuple is made ten times
    faster than a frozen dataclass.
    """

    article_id: str
    """The article it is in."""
    title: str
    """The article's title."""
    date: str
    """The article's date (published, else added)."""
    kind: str
    """`direct`, `partial` or `indirect` (reported speech)."""
    text: str
    """The words."""
    paragraph: int
    """Index of its paragraph in the article."""
    start: int
    """Offset of the quote in the article's text."""


class PersonRow(NamedTuple):
    """A person across the library, with their counts."""

    id: str
    """The person's id."""
    name: str
    """Their display name."""
    organisation: bool
    """True for an organisation."""
    quotes: int
    """How many quotes they have."""
    articles: int
    """In how many articles."""
    aliases: tuple[str, ...]
    """Every name the articles used."""
