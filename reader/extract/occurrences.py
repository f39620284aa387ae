"""Where a word first occurs in a long text, asked for many words: `text.find(word, 0, end)`.

The speaker table asks it of each person met first by a surname alone (`_introduce`), to find
the full name the text introduced them by earlier. One search reads the text from its start;
a text naming hundreds of new people (PolNeAR train read as one 3.8 MB text: 562 searches over
606 MB, 13% of its extraction) reads itself hundreds of times. Once the searches have read the
text `INDEX_AFTER` times over, the positions of its capital letters are indexed by the letter
and the character after it, and a search checks only those. The answer is the same either way
(a name may sit inside a longer word, so the index is of characters, not of words).
"""

from __future__ import annotations

import re

INDEX_AFTER = 4
"""How many times over the plain searches may read the text before it is indexed: a news
article or a book never gets there (a 3 MB book makes 13 such searches)."""

_CAPITAL = re.compile(r"[A-Z]")
"""The characters indexed; a word opening with any other is searched for plainly."""


class FirstOccurrences:
    """`find(word, end)`: the offset of the first `word` wholly before `end`, or -1."""

    def __init__(self, text: str) -> None:
        self.text = text
        """The text searched."""
        self._read = 0
        """Characters the plain searches have read so far."""
        self._at: dict[str, list[int]] | None = None
        """Offsets of each capital letter, by it and the character after it, once indexed."""

    def find(self, word: str, end: int) -> int:
        """As `text.find(word, 0, end)`."""
        text = self.text
        if len(word) < 2 or not _CAPITAL.match(word):
            return text.find(word, 0, end)
        if self._at is None:
            if self._read < INDEX_AFTER * len(text):
                at = text.find(word, 0, end)
                self._read += end if at < 0 else at + len(word)
                return at
            self._at = _capitals(text)
        for at in self._at.get(word[:2], ()):
            if at + len(word) > end:
                return -1  # the offsets ascend: no later one ends before `end` either
            if text.startswith(word, at):
                return at
        return -1


def _capitals(text: str) -> dict[str, list[int]]:
    """The offsets of the capital letters of `text`, by the letter and the character after it."""
    at: dict[str, list[int]] = {}
    for match in _CAPITAL.finditer(text):
        i = match.start()
        at.setdefault(text[i : i + 2], []).append(i)
    return at
