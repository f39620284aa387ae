"""What a search query asks for: its scope, exact phrases and loose words.

`@ines budget` searches what Ines said about the budget, `#todo` searches notes, and
`"open by spring"` in double quotes must appear as written (case and diacritics aside).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from reader.search.fold import fold

WORD = re.compile(r"\w+")
"""A word, as both the index and queries split folded text."""

_PHRASE = re.compile(r'"([^"]*)"?')


class Scope(StrEnum):
    """Where a search looks."""

    ALL = "all"
    """Every paragraph (and notes, when the caller passes them)."""
    QUOTES = "quotes"
    """Only the quoted words the extractor found."""
    SPEAKERS = "speakers"
    """Only quotes by the speakers whose name matches (`@name`)."""
    NOTES = "notes"
    """Only the reader's notes (`#`)."""

    def next(self) -> Scope:
        """The scope after this one, for a key that cycles through them."""
        members = list(Scope)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query."""

    raw: str
    """The query as typed."""
    scope: Scope
    """Where to look."""
    speaker: str
    """The speaker name asked for with `@name` (or the whole text in the speakers scope)."""
    phrases: tuple[str, ...]
    """Folded exact phrases (the parts in double quotes)."""
    words: tuple[str, ...]
    """Folded loose words, matched with typos, prefixes and in any order."""
    literal: str
    """The text to highlight literally: the query without scope prefix and quote marks."""
    complete: bool
    """False while the last word may still be being typed (no trailing space or quote)."""
    open_phrase: bool = False
    """True when the last phrase has no closing quote yet (its last word may grow)."""

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to look for."""
        return not (self.phrases or self.words or self.speaker)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every folded word of the query, phrases first, in the order typed."""
        phrase_words = tuple(w for p in self.phrases for w in WORD.findall(p))
        return phrase_words + self.words


def parse_query(text: str, scope: Scope = Scope.ALL) -> Query:
    """Parse `text`; a `@name` or `#` prefix overrides `scope`."""
    body = text.strip()
    speaker = ""
    if body.startswith("@"):
        scope = Scope.SPEAKERS
        name, _, body = body[1:].partition(" ")
        speaker = name.strip()
        body = body.strip()
    elif body.startswith("#"):
        scope = Scope.NOTES
        body = body[1:].strip()
    elif scope is Scope.SPEAKERS:
        speaker, body = body, ""
    phrases = tuple(
        phrase
        for m in _PHRASE.finditer(body)
        if (phrase := " ".join(WORD.findall(fold(m.group(1)))))
    )
    loose = _PHRASE.sub(" ", body)
    words = tuple(WORD.findall(fold(loose)))
    literal = body.replace('"', "").strip()
    open_phrase = bool(body.count('"') % 2) and bool(phrases) and not text.endswith(" ")
    complete = text.endswith((" ", '"')) and not open_phrase
    return Query(text, scope, speaker, phrases, words, literal, complete, open_phrase)
