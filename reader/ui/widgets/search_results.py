"""The ranked results under the search bar: one row per passage, matched words highlighted.

Each row says where the passage is (`¶ 12`), who speaks when it is a quote, and one line of
context cut around the first matched word so the match is on screen even at 80 columns. The
list never takes focus: the search bar moves its highlight (ctrl+n / ctrl+p), so typing is
never interrupted.

It is drawn through Textual's Line API, a row at a time, because it is redrawn on every
keystroke: rows are made only for the (at most eight) results on screen, each once per result
and width, and a new ranking repaints only the rows whose result changed. Textual's
`OptionList` it replaces made a row for each of the 20 results, drew its rows through
`Content` (2-8 ms a frame on the 3 MB book), and its first showing laid the screen out twice
more (two full frames of 33-39 ms after the first key of a query; 120x40, Dec 2026).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widget import Widget

from reader.ui import deferred

if TYPE_CHECKING:  # the search modules (and rapidfuzz) load with the index, after first paint
    from reader.search.rank import SearchHit

MAX_ROWS = 8
"""Rows the list shows at most; more results scroll."""
LEFT_CONTEXT = 14
"""Characters of context kept before the first matched word when a snippet must be cut."""


def result_label(hit: SearchHit, width: int) -> Text:
    """One result row: place, speaker, then the snippet cut to fit `width` cells."""
    label = Text(no_wrap=True, overflow="ellipsis", end="")
    if hit.kind is deferred.hit_kind().NOTE:
        label.append(f"¶{hit.paragraph_index + 1:<4} ", "bold")
        label.append("note ", "italic")
    else:
        label.append(f"¶{hit.paragraph_index + 1:<4} ", "bold")
    if hit.speaker:
        label.append(_shorten(hit.speaker, 22) + ": ", "italic")
    room = max(10, width - label.cell_len - 1)
    snippet = " ".join(hit.snippet.split("\n"))
    start = 0
    if hit.snippet_spans and len(snippet) > room:
        first = hit.snippet_spans[0][0]
        start = max(0, min(first - LEFT_CONTEXT, len(snippet) - room))
    shown = snippet[start : start + room]
    body = Text(("…" if start else "") + shown)
    shift = 1 if start else 0
    for span_start, span_end in hit.snippet_spans:
        a, b = span_start - start + shift, span_end - start + shift
        if b > shift and a < len(body.plain):
            body.stylize("bold reverse", max(shift, a), min(len(body.plain), b))
    label.append_text(body)
    return label


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SearchResultsList(Widget, can_focus=False):
    """Ranked search results; the search bar moves the highlight, `enter` jumps."""

    DEFAULT_CSS = """
    SearchResultsList {
        height: 1;
        color: $foreground;
        background: $surface;
        & > .search-results--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    SearchResultsList.-empty {
        display: none;
    }
    """

    COMPONENT_CLASSES = {"search-results--highlighted"}
    """The highlighted result's row (the one `enter` jumps to)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
    """As on every widget, but a change lays nothing out and repaints nothing: the list does not
    scroll in Textual's way (it keeps its own first row), its size is the one the layout just
    gave it, and the layout that resized it paints it whole.

    Textual's layout gives a resized widget its new virtual size, which asked for a layout
    again and a repaint: each new number of rows (the first results of a query, fewer
    results) laid the screen out twice and drew the list again in a frame of its own."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: tuple[SearchHit, ...] = ()
        """The results shown, best first."""
        self._highlighted: int | None = None
        self._top = 0  # the result on the first row: the list scrolls to keep the highlight
        self._rows: dict[tuple[SearchHit, bool, int], Strip] = {}  # made rows, by what they show

    def show(self, hits: Sequence[SearchHit], highlighted: int = 0) -> None:
        """Replace the results, highlighting one (the best by default); hide the list if empty.

        Per keystroke this is on the UI thread, so it does no more than the screen needs: no
        row is made here (`render_line` makes the rows on screen, once per result), the rows
        whose result is the same are not repainted, and the height is set only when the row
        count changes, so a new ranking repaints the changed rows alone instead of laying out
        the whole screen again.
        """
        hits = tuple(hits)
        if hits != self.hits:
            before = self._shown()
            resized = min(len(hits), MAX_ROWS) != self.rows
            self.hits = hits
            self._top = 0
            self._highlighted = min(highlighted, len(hits) - 1) if hits else None
            self.styles.height = max(1, min(len(hits), MAX_ROWS))  # a no-op when unchanged
            self.set_class(not hits, "-empty")
            # A new height is laid out, which paints the list whole: asking for its rows too
            # painted them again in a frame of their own after it (5 KB, 25-40 ms later).
            self._repaint_changed(() if resized else before)
        else:
            self.highlighted = min(highlighted, len(hits) - 1) if hits else None

    @property
    def highlighted(self) -> int | None:
        """The index of the highlighted result (None when there are none)."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index == self._highlighted:
            return
        before = self._shown()
        self._highlighted = index
        if index is not None:  # keep it on screen
            if index < self._top:
                self._top = index
            elif index >= self._top + MAX_ROWS:
                self._top = index - MAX_ROWS + 1
        self._repaint_changed(before)

    @property
    def rows(self) -> int:
        """Rows the list takes on screen (0 while hidden): it lies over the article's last rows."""
        return min(len(self.hits), MAX_ROWS)

    @property
    def selected(self) -> SearchHit | None:
        """The highlighted result, if any."""
        index = self._highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def move(self, step: int) -> SearchHit | None:
        """Highlight the result `step` rows down (up when negative), wrapping; return it."""
        if not self.hits:
            return None
        current = self._highlighted or 0
        self.highlighted = (current + step) % len(self.hits)
        return self.selected

    def _shown(self) -> list[tuple[SearchHit, bool] | None]:
        """What each row shows now: its result and whether it is highlighted."""
        return [
            (self.hits[index], index == self._highlighted) if index < len(self.hits) else None
            for index in range(self._top, self._top + MAX_ROWS)
        ]

    def _repaint_changed(self, before: Sequence[tuple[SearchHit, bool] | None]) -> None:
        """Repaint the rows that show something else than `before` (none if it is empty)."""
        width = self.size.width
        for y, (old, new) in enumerate(zip(before, self._shown(), strict=False)):
            if old != new:
                self.refresh(Region(0, y, width, 1))
        # Rows of results no longer shown, or cut for another width, will not be drawn again.
        # (A new width needs nothing else: Textual repaints a resized widget whole, and its
        # rows are made again for the width, which is part of their key.)
        shown = {(*row, width) for row in self._shown() if row is not None}
        self._rows = {key: strip for key, strip in self._rows.items() if key in shown}

    def render_line(self, y: int) -> Strip:
        """Row `y`: its result's label, cut to the width, highlighted if it is the chosen one."""
        width = self.size.width
        index = self._top + y
        if index >= len(self.hits):
            return Strip.blank(width, self.rich_style)
        key = (self.hits[index], index == self._highlighted, width)
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = self._make_row(*key)
        return row

    def _make_row(self, hit: SearchHit, highlighted: bool, width: int) -> Strip:
        style: Style = self.rich_style
        if highlighted:
            style += self.get_component_rich_style("search-results--highlighted")
        label = result_label(hit, width - 2)
        segments = Segment.apply_style(label.render(self.app.console, end=""), style)
        return Strip(segments).adjust_cell_length(width, style)
