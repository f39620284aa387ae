"""Folded text: case and diacritics removed, with a map from every folded character back.

Search compares folded strings (`Çavuşoğlu` and `cavusoglu` fold alike) but highlights must
land on the characters the reader sees, so a `FoldedText` keeps, for each folded character, the
offset of the original character it came from. Two foldings share that one map: `caseless`
(casefold, for lower-case queries) and `cased` (diacritics only, for smart case).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
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
    """A text in two foldings (`caseless`, `cased`) with offsets mapping back to the original.

    The map back is kept as runs, not one offset per character: within a run, folded offset
    `f` comes from original offset `f + delta`; a new run begins only where a character folds
    to more or fewer than one (`ß` -> `ss`, a combining mark dropped). A book has a handful of
    those, so the map costs a few bytes instead of eight per character (24 MB for a 3 MB book)
    and is built without a Python step per character of plain text.
    """

    __slots__ = ("_breaks", "_deltas", "_starts", "cased", "caseless", "original")

    original: str
    """The text as the reader sees it."""
    caseless: str
    """Casefolded, diacritics removed, typographic marks made plain."""
    cased: str
    """Diacritics removed and marks made plain, case kept; same length as `caseless`."""
    _breaks: list[int]
    """Folded offset where each run begins (the last run is the end of the text alone)."""
    _deltas: list[int]
    """Per run: original offset minus folded offset."""
    _starts: list[int]
    """Per run: the original offset of its first folded character."""

    def __init__(self, text: str) -> None:
        self.original = text
        self._breaks, self._deltas, self._starts = [], [], []
        if text.isascii():
            self.caseless = text.lower()
            self.cased = text
            return
        caseless: list[str] = []
        cased: list[str] = []
        folded = 0
        pos = 0
        for run in _NON_ASCII.finditer(text):
            start, end = run.span()
            if start > pos:
                chunk = text[pos:start]
                cased.append(chunk)
                caseless.append(chunk.lower())
                self._run(folded, pos - folded)
                folded += start - pos
            for index in range(start, end):
                low, keep = fold_char(text[index])
                caseless.append(low)
                cased.append(keep)
                for extra in range(len(low)):
                    self._run(folded + extra, index - folded - extra)
                folded += len(low)
            pos = end
        if pos < len(text):
            chunk = text[pos:]
            cased.append(chunk)
            caseless.append(chunk.lower())
            self._run(folded, pos - folded)
            folded += len(text) - pos
        # The end of the folded text maps to the end of the original, as its own run.
        self._breaks.append(folded)
        self._deltas.append(len(text) - folded)
        self._starts.append(len(text))
        self.caseless = "".join(caseless)
        self.cased = "".join(cased)

    def _run(self, folded: int, delta: int) -> None:
        """Let folded offsets from `folded` on map with `delta`, unless they already do."""
        if self._deltas and self._deltas[-1] == delta:
            return
        if self._breaks and self._breaks[-1] == folded:
            self._deltas[-1] = delta
            self._starts[-1] = folded + delta
            return
        self._breaks.append(folded)
        self._deltas.append(delta)
        self._starts.append(folded + delta)

    def __len__(self) -> int:
        return len(self.caseless)

    def haystack(self, smart_case: bool) -> str:
        """The folding to search: `cased` when the query has capitals, else `caseless`."""
        return self.cased if smart_case else self.caseless

    def original_offset(self, folded: int) -> int:
        """Offset in the original text of the character folded at `folded`."""
        if not self._breaks:
            return folded
        run = bisect_right(self._breaks, folded) - 1
        return folded + self._deltas[max(run, 0)]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded range back to the smallest original range that folds to cover it."""
        if not self._breaks:
            return start, end
        first = self.original_offset(start)
        if end <= start:
            return first, first
        # Past the end of the last character, and past any combining marks folded away after it.
        return first, max(self.original_offset(end), self.original_offset(end - 1) + 1)

    def folded_offset(self, original: int) -> int:
        """Folded offset of the first character at or after `original` in the original text."""
        if not self._breaks:
            return max(0, min(original, len(self.caseless)))
        run = bisect_left(self._starts, original)
        if run > 0:
            # The run before may reach `original`: it covers originals up to its last char.
            before = run - 1
            length = self._breaks[run] - self._breaks[before] if run < len(self._breaks) else 1
            if original <= self._starts[before] + length - 1:
                return original - self._deltas[before]
        if run >= len(self._breaks):
            return len(self.caseless)
        return self._breaks[run]
