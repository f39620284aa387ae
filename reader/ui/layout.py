"""Word-wrapping an article into visual rows for one width, fast enough for a 3 MB book.

`ArticleLayout` is the geometry behind `ArticleView`: which slice of `Article.text` each screen
row shows, and the mapping between rows and article offsets. It stores offsets only (no strings,
no styles), so a book of tens of thousands of paragraphs costs a few integers per row; styled
lines are built by the view for the rows on screen only. Layouts are cached per width by the view,
so resizing back and forth does not wrap twice.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

from reader.document import PARAGRAPH_SEPARATOR, Article, BlockKind
from reader.load.text import list_marker_width

# Characters one cell wide and not combining: Latin, Greek, Cyrillic, general punctuation
# (curly quotes, dashes), currency, letterlike symbols, arrows and box drawing. A paragraph made
# only of these is wrapped by a regular expression in C; anything else takes the cell-aware path.
NARROW_ONLY = re.compile(
    "[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff"
    "\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2100-\u23ff\u2500-\u25ff]*"
)
"""Matches text whose every character is one cell wide (so its width is its length)."""
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=64)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    """A pattern whose matches are the greedy lines of at most `width` narrow characters."""
    if width <= 1:
        return re.compile(r"\S")
    return re.compile(rf"\S(?:.{{0,{width - 2}}}\S)?(?=\s|$)|\S{{1,{width}}}")


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one line of `text` to `width` cells; returns (start, end) slices.

    Spaces at a break are dropped; a word longer than the width is cut. An empty or blank text
    gives one empty line, so every source line occupies at least one row.
    """
    width = max(1, width)
    if len(text) <= width and NARROW_ONLY.fullmatch(text):
        stripped = text.strip()
        if not stripped:
            return [(0, 0)]
        start = text.index(stripped[0])
        return [(start, start + len(stripped))]
    if NARROW_ONLY.fullmatch(text):
        spans = [(m.start(), m.end()) for m in _wrap_pattern(width).finditer(text)]
        return spans or [(0, 0)]
    return _wrap_cells(text, width) or [(0, 0)]


def _wrap_cells(text: str, width: int) -> list[tuple[int, int]]:
    """Cell-aware wrap for text with wide (CJK, emoji) or zero-width characters."""
    spans: list[tuple[int, int]] = []
    line_start = -1
    line_end = 0
    used = 0
    for match in _WORD.finditer(text):
        word_start, word_end = match.span()
        cells = cell_len(match.group())
        if line_start >= 0 and used + 1 + cells <= width:
            line_end = word_end
            used += 1 + cells
            continue
        if line_start >= 0:
            spans.append((line_start, line_end))
            line_start = -1
        if cells <= width:
            line_start, line_end, used = word_start, word_end, cells
            continue
        # A word wider than the line: cut it into pieces that fit.
        piece_start = word_start
        used = 0
        for index in range(word_start, word_end):
            char_cells = cell_len(text[index])
            if used + char_cells > width and index > piece_start:
                spans.append((piece_start, index))
                piece_start, used = index, 0
            used += char_cells
        line_start, line_end = piece_start, word_end
    if line_start >= 0:
        spans.append((line_start, line_end))
    return spans


@dataclass(frozen=True, slots=True)
class Row:
    """What one screen row shows."""

    paragraph: int
    """Paragraph index, or -1 for the title block and -2 for a blank separator."""
    start: int
    """Offset in `Article.text` of the first character shown (title rows: in the title)."""
    end: int
    """Offset just past the last character shown."""
    prefix: str
    """Decoration drawn before the text: a bullet, a quote bar, an indent."""
    first: bool
    """True on the first row of its paragraph."""


TITLE = -1
"""`Row.paragraph` of a title row."""
BLANK = -2
"""`Row.paragraph` of a blank separator row."""
RULE = -3
"""`Row.paragraph` of the rule under the title."""
BYLINE = -4
"""`Row.paragraph` of a row of the byline under the rule (`Row.start`/`end` in `byline`)."""


def _prefixes(kind: BlockKind, level: int, text: str) -> tuple[str, str]:
    """The (first row, following rows) prefixes of a paragraph of `kind` with `text`."""
    if kind is BlockKind.LIST_ITEM:
        # An item's own marker (`- `, `1. `, Markdown's `• `) is in its text: no second bullet
        # then, and wrapped rows hang under the first word.
        indent = "  " * max(0, level - 1)
        marker = list_marker_width(text)
        return indent + ("" if marker else "• "), indent + " " * (marker or 2)
    if kind is BlockKind.BLOCKQUOTE:
        return "▎ ", "▎ "
    if kind is BlockKind.CODE or kind is BlockKind.VERSE:
        return "  ", "  "
    return "", ""


class ArticleLayout:
    """The rows of an article wrapped to one text width, wrapped on demand.

    Paragraphs are wrapped in order, only as far as a caller needs (`row`, `row_of_offset` and
    friends extend the layout themselves), so the first screen of a book is ready at once;
    `complete()` wraps the rest. Until then `row_count` is an estimate from paragraph lengths.

    With `shown` (a filter, as `&` in less), only those paragraphs are laid out; rows still
    name real paragraph indexes, and offsets in hidden paragraphs map to the next shown one.
    """

    CHUNK = 400
    """Most paragraphs wrapped per step when extending towards a row."""

    def __init__(self, article: Article, width: int, shown: Sequence[int] | None = None) -> None:
        self.article = article
        """The article laid out."""
        self.width = max(8, width)
        """Text width in cells (without the margins the view adds)."""
        self.shown: tuple[int, ...] | None = None if shown is None else tuple(sorted(set(shown)))
        """Indexes of the paragraphs laid out (a filter), or None for every paragraph."""
        self.order: Sequence[int] = (
            range(len(article.paragraphs)) if self.shown is None else self.shown
        )
        """The paragraph indexes laid out, in reading order (position n shows `order[n]`)."""
        self.title_rows: list[tuple[int, int]] = []
        """Slices of the title, one per title row."""
        self.paragraph_rows = WrappedRows()
        """Per wrapped position: (start, end, first-of-source-line) for each of its rows."""
        self.paragraph_first_row = array("q")
        """Per wrapped position: the row where it starts."""
        self._next_row = 0
        self._unwrapped_estimate: int | None = None
        """Estimated rows of the paragraphs not wrapped yet (summed once, then decreased)."""
        self.byline = f"By {article.byline}" if article.byline else ""
        """The byline row's text, `By ...` (empty when the article names no author)."""
        self._header: list[Row] = []
        """The rows above the first paragraph: title, rule, byline (a blank row follows)."""
        if article.title:
            self.title_rows = wrap_spans(article.title, self.width)
            self._header = [
                Row(TITLE, start, end, "", number == 0)
                for number, (start, end) in enumerate(self.title_rows)
            ]
            self._header.append(Row(RULE, 0, 0, "", False))
        if self.byline:
            spans = wrap_spans(self.byline, self.width)
            self._header.extend(
                Row(BYLINE, start, end, "", number == 0)
                for number, (start, end) in enumerate(spans)
            )
        if self._header:
            self._next_row = len(self._header) + 1  # and a blank row

    @property
    def is_complete(self) -> bool:
        """True once every paragraph is wrapped (and `row_count` is exact)."""
        return len(self.paragraph_rows) == len(self.order)

    @property
    def row_count(self) -> int:
        """Total rows, including the title block and separators (estimated until complete)."""
        if self.is_complete:
            if not self.order:
                return self._next_row + 1  # room for the "empty" notice
            return self._next_row - 1
        if self._unwrapped_estimate is None:
            # Summed over a book's paragraphs once; `extend_to` takes off what it wraps.
            self._unwrapped_estimate = self._estimated_rows(len(self.paragraph_rows), None)
        return self._next_row + self._unwrapped_estimate

    def _estimated_rows(self, start: int, stop: int | None) -> int:
        """Estimated rows (with the blank after each) of positions `start:stop` of `order`."""
        per_row = self.width * 0.93  # greedy wrapping leaves about 7% of each row empty
        paragraphs = self.article.paragraphs
        stop = len(self.order) if stop is None else min(stop, len(self.order))
        if start >= stop:
            return 0
        if self.shown is None:
            # Every paragraph from `start` to `stop`: one slice of the text, counted in C (a
            # book's first screen must not wait for a loop over all of its paragraphs). Each
            # paragraph has its rows plus a blank one; rounding up its last row adds about half.
            first, last = paragraphs[start].start, paragraphs[stop - 1].end
            count = stop - start
            separators = len(PARAGRAPH_SEPARATOR) * (count - 1)
            newlines = self.article.text.count("\n", first, last) - 2 * (count - 1)
            return int((last - first - separators) / per_row + 1.5 * count) + newlines
        return sum(
            int(len(paragraph.text) / per_row) + 2 + paragraph.text.count("\n")
            for paragraph in (paragraphs[i] for i in self.order[start:stop])
        )

    def complete(self) -> None:
        """Wrap every remaining paragraph."""
        self.extend_to(len(self.order) - 1)

    def position_of(self, index: int) -> int:
        """Position in `order` of paragraph `index`, or of the next one shown (clamped)."""
        if self.shown is None:
            return max(0, min(index, len(self.order) - 1))
        return max(0, min(bisect_left(self.shown, index), len(self.order) - 1))

    def nearest(self, index: int, step: int = 1) -> int:
        """Paragraph `index` if shown, else the shown one after it (`step` 1) or before (-1)."""
        if self.shown is None or not self.shown:
            return index
        position = bisect_left(self.shown, index)
        if position < len(self.shown) and self.shown[position] == index:
            return index
        if step < 0:
            position -= 1
        return self.shown[max(0, min(position, len(self.shown) - 1))]

    def extend_to(self, index: int) -> None:
        """Make sure the paragraphs up to position `index` of `order` are wrapped."""
        paragraphs = self.article.paragraphs
        index = min(index, len(self.order) - 1)
        if index < len(self.paragraph_rows):
            return
        if self._unwrapped_estimate is not None:
            self._unwrapped_estimate -= self._estimated_rows(len(self.paragraph_rows), index + 1)
        width = self.width
        row = self._next_row
        order = self.order
        last = len(order) - 1
        for at in range(len(self.paragraph_rows), index + 1):
            paragraph = paragraphs[order[at]]
            first, rest = _prefixes(paragraph.kind, paragraph.level, paragraph.text)
            inner = width - max(len(first), len(rest))
            rows: list[tuple[int, int, bool]] = []
            text = paragraph.text
            base = paragraph.start
            code = paragraph.kind is BlockKind.CODE
            if "\n" in text:
                position = 0
                for line in text.split("\n"):
                    spans = _cut(line, inner) if code else wrap_spans(line, inner)
                    for number, (start, end) in enumerate(spans):
                        rows.append((base + position + start, base + position + end, number == 0))
                    position += len(line) + 1
            else:
                spans = _cut(text, inner) if code else wrap_spans(text, inner)
                rows = [(base + start, base + end, True) for start, end in spans[:1]]
                rows.extend((base + start, base + end, False) for start, end in spans[1:])
            self.paragraph_first_row.append(row)
            self.paragraph_rows.append(rows)
            row += len(rows)
            # A blank row after each paragraph, but a list's items sit on consecutive rows.
            if not (
                paragraph.kind is BlockKind.LIST_ITEM
                and at < last
                and paragraphs[order[at + 1]].kind is BlockKind.LIST_ITEM
            ):
                row += 1
        self._next_row = row

    def _extend_to_row(self, y: int) -> None:
        """Wrap paragraphs until row `y` is laid out (or everything is).

        An article of up to `CHUNK` paragraphs is wrapped whole at once, so its first frame
        has its exact height (and scroll bar). In a longer one a step wraps one paragraph per
        row still missing (every paragraph takes a row at least), up to `CHUNK`: the first
        frame asks for its rows one by one, so it wraps the paragraphs it shows, 12 on
        bench_ui's 3 MB book at 120x40, where a step of 400 took 2.7 ms of CPU (now 0.16).
        The rest is wrapped after the paint (`ArticleView`).
        """
        whole = len(self.order) <= self.CHUNK
        while not self.is_complete and self._next_row <= y:
            step = self.CHUNK if whole else min(self.CHUNK, y - self._next_row + 1)
            self.extend_to(len(self.paragraph_rows) + step - 1)

    def row(self, y: int) -> Row:
        """Describe row `y` (0 = top of the document)."""
        self._extend_to_row(y)
        first_rows = self.paragraph_first_row
        if not first_rows or y < first_rows[0]:
            if y < len(self._header):
                return self._header[y]
            return Row(BLANK, 0, 0, "", False)
        index = bisect_right(first_rows, y) - 1
        within = y - first_rows[index]
        if within >= self.paragraph_rows.count(index):
            return Row(BLANK, 0, 0, "", False)
        start, end, line_first = self.paragraph_rows.row(index, within)
        paragraph = self.article.paragraphs[self.order[index]]
        first, rest = _prefixes(paragraph.kind, paragraph.level, paragraph.text)
        if paragraph.kind is BlockKind.LIST_ITEM:
            prefix = first if within == 0 else rest
        else:
            prefix = first if line_first else rest
        return Row(paragraph.position, start, end, prefix, within == 0)

    def paragraph_of_row(self, y: int) -> int:
        """The paragraph shown at row `y`, or the next one after a separator (clamped)."""
        self._extend_to_row(y)
        first_rows = self.paragraph_first_row
        if not first_rows:
            return 0
        if y < first_rows[0]:
            return self.order[0]
        index = bisect_right(first_rows, y) - 1
        if y - first_rows[index] >= self.paragraph_rows.count(index):
            index = min(index + 1, len(self.order) - 1)
        return self.order[index]

    def paragraph_span(self, index: int) -> tuple[int, int]:
        """The rows (first, last inclusive) of paragraph `index` (or the next one shown)."""
        if not self.order:
            return self._next_row, self._next_row
        position = self.position_of(index)
        self.extend_to(position)
        first = self.paragraph_first_row[position]
        return first, first + self.paragraph_rows.count(position) - 1

    def row_of_offset(self, offset: int) -> int:
        """The row showing article offset `offset` (the nearest row before it in a gap)."""
        paragraph = self.article.paragraph_at(offset)
        if paragraph is None or not self.order:
            self.complete()
            return max(0, self.row_count - 1)
        position = self.position_of(paragraph.position)
        self.extend_to(position)
        if self.order[position] != paragraph.position:  # hidden by the filter
            if self.order[position] < paragraph.position:  # nothing shown after it
                return max(0, self.row_count - 1)
            return self.paragraph_first_row[position]
        within = max(0, self.paragraph_rows.rows_starting_by(position, offset) - 1)
        return self.paragraph_first_row[position] + within

    def offset_of_row(self, y: int) -> int:
        """The article offset shown first on row `y` (or of the next paragraph for a gap)."""
        row = self.row(y)
        if row.paragraph >= 0:
            return row.start
        if not self.order:
            return 0
        index = self.paragraph_of_row(y)
        return self.article.paragraphs[index].start


class WrappedRows:
    """The rows of the wrapped paragraphs, kept flat in arrays: 17 bytes a row.

    A list of (start, end, first) tuples per paragraph took about 150 bytes a row (the tuple,
    two int objects, the list slots): 9.8 MB for the 3 MB book at 74 columns, the largest part
    of the reader's memory after its modules and the article. Paragraph `i`'s rows are the
    entries `bounds[i]:bounds[i + 1]` of `starts`, `ends` (article offsets) and `firsts` (1 on
    the first row of a source line).
    """

    __slots__ = ("bounds", "ends", "firsts", "starts")

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")
        self.firsts = bytearray()
        self.bounds = array("q", [0])

    def __len__(self) -> int:
        """How many paragraphs are wrapped."""
        return len(self.bounds) - 1

    def append(self, rows: list[tuple[int, int, bool]]) -> None:
        """Add the next paragraph's rows."""
        for start, end, first in rows:
            self.starts.append(start)
            self.ends.append(end)
            self.firsts.append(first)
        self.bounds.append(len(self.starts))

    def count(self, index: int) -> int:
        """How many rows paragraph `index` (a wrapped position) has."""
        return self.bounds[index + 1] - self.bounds[index]

    def row(self, index: int, within: int) -> tuple[int, int, bool]:
        """Row `within` of paragraph `index`: (start, end, first of a source line)."""
        at = self.bounds[index] + within
        return self.starts[at], self.ends[at], bool(self.firsts[at])

    def __getitem__(self, index: int) -> list[tuple[int, int, bool]]:
        """Paragraph `index`'s rows, as tuples."""
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return [self.row(index, within) for within in range(self.count(index))]

    def rows_starting_by(self, index: int, offset: int) -> int:
        """How many of paragraph `index`'s rows start at or before article offset `offset`."""
        low, high = self.bounds[index], self.bounds[index + 1]
        return bisect_right(self.starts, offset, low, high) - low


def _cut(line: str, width: int) -> list[tuple[int, int]]:
    """Hard-cut a preformatted line into pieces of `width` characters (code is never re-flowed)."""
    width = max(1, width)
    if len(line) <= width:
        return [(0, len(line))]
    return [(start, min(len(line), start + width)) for start in range(0, len(line), width)]
