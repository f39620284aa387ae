"""Quote-mark scanning: find every mark in a paragraph and say whether it can open or close.

Each mark gets a *level* (double marks ``"“”„«»`` plus ```` `` ```` and ``''``/``’’``, or single
marks ``‘’'‚‹›``), a *bias* from its shape (``“`` leans to opening, ``”`` to closing, ``"`` to
neither) and a *context* role from its neighbours (space before and a word after looks like an
opening). Single marks that sit inside a word or before a decade (``don’t``, ``Erdogan’s``,
``’90s``) are apostrophes and never reach the pairing stage. One pass, constant work per mark.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum

_MARK = re.compile(r"[\"“”„«»‘’'‚‹›`]{5,}|``|''|’’|[\"“”„«»‘’'‚‹›]")
"""A mark, or a run of five or more marks (a rule line or noise, skipped as a whole)."""
_MARK_SCAN = re.compile(r"[\"“”„«»‘’'‚‹›`](?:[\"“”„«»‘’'‚‹›`]{4,}|(?<=`)`|(?<=')'|(?<=’)’|(?<!`))")
"""`_MARK` spelt to open with one character class, which the regex engine scans for several times
faster than for the alternation: the same matches at the same places (a lone backquote fails)."""


class Level(Enum):
    """Which family of marks a mark belongs to: a quote closes with a mark of its own level."""

    DOUBLE = "double"
    """Double marks (the usual quotation marks of news text)."""
    SINGLE = "single"
    """Single marks (nested quotes, British style, headlines)."""


_DOUBLE_OPENERS = frozenset({"“", "„", "«", "``"})
_DOUBLE_CLOSERS = frozenset({"”", "»", "''", "’’"})
_SINGLE_OPENERS = frozenset({"‘", "‚", "‹"})
_SINGLE_CLOSERS = frozenset({"›"})
_ALL_MARK_CHARS = "\"“”„«»‘’'‚‹›`"
_ELISIONS = frozenset({"em", "til", "tis", "twas", "cause", "n", "round", "bout", "s"})


class Role(Enum):
    """What a mark's surroundings say it does."""

    OPEN = "open"
    """Space (or an opening bracket) before it, a word after it."""
    CLOSE = "close"
    """A word or punctuation before it, space or punctuation after it."""
    EITHER = "either"
    """Surroundings do not tell (both sides space, or both sides words)."""


class Bias(Enum):
    """What a mark's shape says it does."""

    OPEN = "open"
    """Shaped to open: “ „ « `` ‘ ‚ ‹."""
    CLOSE = "close"
    """Shaped to close: ” » '' ’’ ›."""
    NEUTRAL = "neutral"
    """Typewriter marks that look the same on both sides: " ' and ’ used as a quote."""


@dataclass(slots=True)  # not frozen: cheaper to build, and a page can hold hundreds
class Mark:
    """One quotation mark found in the text."""

    start: int
    """Offset of the mark's first character."""
    end: int
    """Offset just past the mark (two characters for `` and '')."""
    mark: str
    """The mark as written."""
    level: Level
    """Double or single."""
    bias: Bias
    """What the mark's shape suggests."""
    role: Role
    """What the characters around it suggest."""
    weak: bool = False
    """True for a single mark that may be a plural possessive (`teammates’`): closes only last."""


def _is_open_side(char: str) -> bool:
    return char.isspace() or char in "([{—–-/\u00a0" or char in _ALL_MARK_CHARS


def _is_close_side(char: str) -> bool:
    return char.isspace() or char in ".,;:!?)]}—–-…\u00a0" or char in _ALL_MARK_CHARS


@functools.lru_cache(maxsize=4096)
def _role(before: str, after: str) -> Role:
    """The role the characters either side of a mark give it (cached: few pairs recur)."""
    open_side = _is_open_side(before)
    close_side = _is_close_side(after)
    if open_side and not close_side:
        return Role.OPEN
    if close_side and not open_side:
        return Role.CLOSE
    return Role.EITHER


_MARK_TEXTS = {mark: mark for mark in "\"“”„«»‘’'‚‹›`"} | {"``": "``", "''": "''", "’’": "’’"}
"""Each mark's text, shared: a mark outside Latin-1 sliced from the text is a new str each
time, and a book's quotes keep their marks (1.5 MB of the extraction child, 3 MB book)."""


def scan_marks(text: str, start: int, end: int) -> list[Mark]:
    """Return the quotation marks in `text[start:end]` (one paragraph), apostrophes left out."""
    marks: list[Mark] = []
    for match in _MARK_SCAN.finditer(text, start, end):
        s, e = match.span()
        if e - s > 2:
            continue
        mark = match.group()
        mark = _MARK_TEXTS.get(mark, mark)  # one str per kind of mark, not one per mark
        before = text[s - 1] if s > start else " "
        after = text[e] if e < end else " "
        role = _role(before, after)
        if before.isdigit() and mark in ('"', "”", "''", "’’") and _is_inches(text, s, start):
            continue  # 6'3": feet and inches, not a closing mark
        if mark in ('"', "''", "’’", "``", "“", "”", "„", "«", "»"):
            if mark in _DOUBLE_OPENERS:
                bias = Bias.OPEN
            elif mark in _DOUBLE_CLOSERS:
                bias = Bias.CLOSE
            else:
                bias = Bias.NEUTRAL
            marks.append(Mark(s, e, mark, Level.DOUBLE, bias, role))
            continue
        single = _single(text, s, start, end, mark, before, after, role)
        if single is not None:
            marks.append(single)
    return marks


def _is_inches(text: str, s: int, start: int) -> bool:
    """Whether the mark at s ends a height such as `6'3"` or `5’11”` (feet, then inches)."""
    i = s - 1
    while i > start and i > s - 3 and text[i - 1].isdigit():
        i -= 1  # the inches: one or two digits
    return i - 2 >= start and text[i - 1] in "'’" and text[i - 2].isdigit()


def _beside_double(before: str, after: str) -> Role:
    """The role of a `’` or `'` glued to a double mark: `,”’ she said` closes, `‘“Love` opens.

    British style nests double marks in single ones (`‘I said to him, “Love, ...,”’ she
    said`): the outer single mark touches the inner double one, so a mark is on both of its
    sides and `_role` cannot tell. A double closer before it and a space or a stop after it
    close both quotes; a space before it and a double opener after it open both.
    """
    if before in _INNER_DOUBLE_CLOSERS and _is_close_side(after) and after not in _ALL_MARK_CHARS:
        return Role.CLOSE
    if after in _INNER_DOUBLE_OPENERS and _is_open_side(before) and before not in _ALL_MARK_CHARS:
        return Role.OPEN
    return Role.EITHER


_INNER_DOUBLE_CLOSERS = frozenset({"”", '"'})
_INNER_DOUBLE_OPENERS = frozenset({"“", '"'})


def _single(
    text: str, s: int, start: int, end: int, mark: str, before: str, after: str, role: Role
) -> Mark | None:
    """Classify a single mark, or return None for an apostrophe."""
    if before.isalnum() and after.isalnum():
        return None  # don’t, Erdogan’s, O'Brien
    if after.isdigit() and not before.isalnum():
        return None  # ’90s, '08
    if role is Role.OPEN and mark in ("’", "'", "‘"):
        word_end = s + 1
        while word_end < end and word_end - s < 8 and text[word_end].isalpha():
            word_end += 1
        if text[s + 1 : word_end].lower() in _ELISIONS and (
            word_end >= end or not text[word_end].isalpha()
        ):
            return None  # ’em, 'til, rock ’n’ roll
    if mark in _SINGLE_OPENERS:
        bias = Bias.OPEN
    elif mark in _SINGLE_CLOSERS:
        bias = Bias.CLOSE
    else:
        bias = Bias.NEUTRAL
    if mark == "‘" and role is Role.CLOSE:
        return None  # a turned comma used as an apostrophe after a word
    weak = False
    if mark in ("’", "'") and role is Role.CLOSE and before in "sS" and s - 1 > start:
        weak = text[s - 2].isalpha()  # teammates’ / the Joneses'
    if mark in ("’", "'") and role is Role.EITHER:
        role = _beside_double(before, after)
        if role is Role.EITHER:
            return None  # space on both sides or glued on both sides: not a quotation mark
    return Mark(s, s + len(mark), mark, Level.SINGLE, bias, role, weak)
