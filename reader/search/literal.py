"""Literal matches for the highlight layer: every occurrence of the query, found in C.

Counting and stepping use `str.count` / `str.find` on the folded text, so a keystroke costs
a few milliseconds even on a book; positions are mapped back to the original text only for
what is asked (the visible lines, the current match), never for all 300 000 `e`s at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.search.fold import FoldedText, fold, fold_cased, has_capitals


@dataclass(frozen=True, slots=True)
class LiteralMatch:
    """One occurrence of the query: its rank among all occurrences and where it is."""

    ordinal: int
    """Zero-based position among all matches (show `ordinal + 1` in a `12/340` counter)."""
    start: int
    """Offset of the first character in `Article.text`."""
    end: int
    """Offset just past the last character in `Article.text`."""


@dataclass(frozen=True)
class LiteralMatches:
    """All occurrences of one query in one text, with smart case and without diacritics."""

    query: str
    """The text searched for, as typed (after any scope prefix and quotes were removed)."""
    count: int
    """How many non-overlapping occurrences there are."""
    case_sensitive: bool
    """True when the query has a capital letter (smart case)."""
    _text: FoldedText = field(repr=False)
    _needle: str = field(repr=False)
    _all: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)

    @property
    def _haystack(self) -> str:
        return self._text.haystack(self.case_sensitive)

    def spans_between(self, start: int, end: int) -> list[tuple[int, int]]:
        """Original spans of the matches that start inside `[start, end)` (the visible part)."""
        if not self.count:
            return []
        haystack, needle = self._haystack, self._needle
        stop = self._text.folded_offset(end)
        pos = haystack.find(needle, self._text.folded_offset(start), stop)
        spans: list[tuple[int, int]] = []
        while pos != -1:
            spans.append(self._text.original_span(pos, pos + len(needle)))
            pos = haystack.find(needle, pos + len(needle), stop)
        return spans

    def spans(self) -> list[tuple[int, int]]:
        """Original spans of every match, in order (computed once, then cached)."""
        if self.count and not self._all:
            self._all.extend(self.spans_between(0, len(self._text.original)))
        return list(self._all)

    def first_from(self, offset: int) -> tuple[int, int] | None:
        """Original span of the first match starting at or after `offset` (no ordinal: cheap)."""
        if not self.count:
            return None
        pos = self._haystack.find(self._needle, self._text.folded_offset(offset))
        return None if pos == -1 else self._text.original_span(pos, pos + len(self._needle))

    def next_after(self, offset: int, *, wrap: bool = True) -> LiteralMatch | None:
        """The first match starting at or after `offset` (for `n`), wrapping to the first."""
        if not self.count:
            return None
        haystack, needle = self._haystack, self._needle
        folded = self._text.folded_offset(offset)
        pos = haystack.find(needle, folded)
        if pos == -1:
            if not wrap:
                return None
            pos = haystack.find(needle)
        return self._match_at(pos)

    def previous_before(self, offset: int, *, wrap: bool = True) -> LiteralMatch | None:
        """The last match starting before `offset` (for `N`), wrapping to the last."""
        if not self.count:
            return None
        haystack = self._haystack
        pos = self._last_before(self._text.folded_offset(offset))
        if pos == -1:
            if not wrap:
                return None
            pos = self._last_before(len(haystack))
        return self._match_at(pos)

    def _last_before(self, folded: int) -> int:
        """Folded start of the last match beginning before `folded`, or -1."""
        haystack, needle = self._haystack, self._needle
        limit = folded + len(needle) - 1
        before = haystack.count(needle, 0, limit)
        if not before:
            return -1
        pos = haystack.rfind(needle, 0, limit)
        if haystack.count(needle, 0, pos + len(needle) - 1) != before - 1:
            # A self-overlapping needle ("aa" in "aaa"): keep to the matches `count` sees.
            pos = self._nth_from(before - 1)
        return pos

    def _nth_from(self, ordinal: int) -> int:
        """Folded start of the match numbered `ordinal` (linear, only used for odd needles)."""
        haystack, needle = self._haystack, self._needle
        pos = haystack.find(needle)
        for _ in range(ordinal):
            pos = haystack.find(needle, pos + len(needle))
        return pos

    def _match_at(self, pos: int) -> LiteralMatch:
        ordinal = self._haystack.count(self._needle, 0, pos)
        start, end = self._text.original_span(pos, pos + len(self._needle))
        return LiteralMatch(ordinal, start, end)

    def ordinal_before(self, offset: int) -> int:
        """How many matches start before `offset` (the counter's position for the cursor)."""
        if not self.count:
            return 0
        folded = self._text.folded_offset(offset)
        return self._haystack.count(self._needle, 0, folded + len(self._needle) - 1)


def find_literal(text: FoldedText, query: str) -> LiteralMatches:
    """Find every occurrence of `query` in `text`: smart case, diacritics ignored."""
    case_sensitive = has_capitals(query)
    needle = fold_cased(query) if case_sensitive else fold(query)
    count = text.haystack(case_sensitive).count(needle) if needle else 0
    return LiteralMatches(query, count, case_sensitive, text, needle)
