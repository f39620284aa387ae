"""The ranked results under the search bar: one row per passage, matched words highlighted.

Each row says where the passage is (`¶ 12`), who speaks when it is a quote, and one line of
context cut around the first matched word so the match is on screen even at 80 columns. The
list never takes focus: the search bar moves its highlight (ctrl+n / ctrl+p), so typing is
never interrupted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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


class SearchResultsList(OptionList, can_focus=False):
    """Ranked search results; the search bar moves the highlight, `enter` jumps."""

    DEFAULT_CSS = """
    SearchResultsList {
        height: 1;
        border: none;
        padding: 0;
        background: $surface;
        /* Rows are cut to the width already (`result_label`): measuring them for wrapping
           was half the list's cost per keystroke. */
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SearchResultsList.-empty {
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.hits: tuple[SearchHit, ...] = ()
        """The results shown, best first."""
        self._width = 0

    def show(self, hits: Sequence[SearchHit], highlighted: int = 0) -> None:
        """Replace the results, highlighting one (the best by default); hide the list if empty.

        Per keystroke this is on the UI thread, so it does no more than the rows need: the same
        results at the same width keep their rows; new ones replace the rows in one step (no
        empty list in between, whose scrollbar would come and go); and the height is set only
        when the row count changes, so a new ranking repaints the list alone instead of laying
        out the whole screen again.
        """
        hits = tuple(hits)
        width = self.size.width or self.app.size.width
        if hits != self.hits or width != self._width:
            self.hits = hits
            self._width = width
            self.styles.height = max(1, min(len(hits), MAX_ROWS))  # a no-op when unchanged
            self.set_options(
                [Option(result_label(hit, width - 2), id=str(n)) for n, hit in enumerate(hits)]
            )
            self.set_class(not hits, "-empty")
        self.highlighted = min(highlighted, len(hits) - 1) if hits else None

    @property
    def rows(self) -> int:
        """Rows the list takes on screen (0 while hidden): it lies over the article's last rows."""
        return min(len(self.hits), MAX_ROWS)

    def on_resize(self) -> None:
        """Cut the snippets again for the new width."""
        if self.hits and self.size.width != self._width:
            self.show(self.hits, self.highlighted or 0)

    @property
    def selected(self) -> SearchHit | None:
        """The highlighted result, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def move(self, step: int) -> SearchHit | None:
        """Highlight the result `step` rows down (up when negative), wrapping; return it."""
        if not self.hits:
            return None
        current = self.highlighted or 0
        self.highlighted = (current + step) % len(self.hits)
        return self.selected
