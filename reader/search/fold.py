"""Folded text: case and diacritics removed, with a map from every folded character back.

Search compares folded strings (`Çavuşoğlu` and `cavusoglu` fold alike) but highlights must
land on the characters the reader sees, so a `FoldedText` keeps, for each folded character, the
offset of the original character it came from. Two foldings share that one map: `caseless`
(casefold, for lower-case queries) and `cased` (diacritics only, for smart case).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from functools import lru_cache

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

_LETTERS = {
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "ø": "o",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
}
"""Letters NFKD does not decompose but a reader without the key would type as plain Latin."""

_PUNCTUATION = {
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
}
"""Typographic marks folded to what a keyboard types, so `don't` finds `don’t`."""


def _strip(text: str) -> str:
    """NFKD-decompose `text`, drop combining marks and apply the letter and mark tables."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            continue
        lower = char.lower()
        if lower in _LETTERS:
            plain = _LETTERS[lower]
            out.append(plain.upper() if char != lower else plain)
        else:
            out.append(_PUNCTUATION.get(char, char))
    return "".join(out)


@lru_cache(maxsize=4096)
def fold_char(char: str) -> tuple[str, str]:
    """Return the caseless and the cased folding of one character (equal lengths)."""
    caseless = _strip(char.casefold()).casefold()
    cased = _strip(char)
    if len(cased) != len(caseless):
        # ß -> ss, İ -> i: case cannot be kept character for character; fall back to caseless.
        cased = caseless
    return caseless, cased


def fold(text: str) -> str:
    """Return the caseless folding of `text` (what lower-case queries are compared with)."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(char)[0] for char in text)


def fold_cased(text: str) -> str:
    """Return the folding of `text` that keeps case (for queries with capitals)."""
    if text.isascii():
        return text
    return "".join(fold_char(char)[1] for char in text)


def has_capitals(query: str) -> bool:
    """True when `query` asks for case-sensitive matching (smart case: any capital letter)."""
    return any(char.isupper() for char in query)


class FoldedText:
    """A text in two foldings (`caseless`, `cased`) with offsets mapping back to the original."""

    __slots__ = ("_map", "cased", "caseless", "original")

    original: str
    """The text as the reader sees it."""
    caseless: str
    """Casefolded, diacritics removed, typographic marks made plain."""
    cased: str
    """Diacritics removed and marks made plain, case kept; same length as `caseless`."""
    _map: array[int] | None

    def __init__(self, text: str) -> None:
        self.original = text
        if text.isascii():
            self.caseless = text.lower()
            self.cased = text
            self._map = None
            return
        caseless: list[str] = []
        cased: list[str] = []
        offsets: array[int] = array("l")
        pos = 0
        for run in _NON_ASCII.finditer(text):
            start, end = run.span()
            if start > pos:
                chunk = text[pos:start]
                cased.append(chunk)
                caseless.append(chunk.lower())
                offsets.extend(range(pos, start))
            for index in range(start, end):
                low, keep = fold_char(text[index])
                caseless.append(low)
                cased.append(keep)
                if len(low) == 1:
                    offsets.append(index)
                else:
                    offsets.extend([index] * len(low))
            pos = end
        if pos < len(text):
            chunk = text[pos:]
            cased.append(chunk)
            caseless.append(chunk.lower())
            offsets.extend(range(pos, len(text)))
        offsets.append(len(text))
        self.caseless = "".join(caseless)
        self.cased = "".join(cased)
        self._map = offsets

    def __len__(self) -> int:
        return len(self.caseless)

    def haystack(self, smart_case: bool) -> str:
        """The folding to search: `cased` when the query has capitals, else `caseless`."""
        return self.cased if smart_case else self.caseless

    def original_offset(self, folded: int) -> int:
        """Offset in the original text of the character folded at `folded`."""
        if self._map is None:
            return folded
        return self._map[folded]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded range back to the smallest original range that folds to cover it."""
        if self._map is None:
            return start, end
        first = self._map[start]
        if end <= start:
            return first, first
        # Past the end of the last character, and past any combining marks folded away after it.
        return first, max(self._map[end], self._map[end - 1] + 1)

    def folded_offset(self, original: int) -> int:
        """Folded offset of the first character at or after `original` in the original text."""
        if self._map is None:
            return max(0, min(original, len(self.caseless)))
        return bisect_left(self._map, original, 0, len(self._map) - 1)
