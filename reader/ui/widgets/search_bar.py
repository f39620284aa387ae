"""The search bar: `/` to search, `&` to filter, as in less; ranked results above it.

The bar only edits the query and says so: it posts `QueryChanged` on every keystroke,
`ResultHighlighted` when ctrl+n / ctrl+p move through the results, `Submitted` on enter and
`Cancelled` on escape. The screen decides what they mean (searching runs in a worker there) and
sets what the bar shows: the results, the `12/340` counter, "indexing…".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Self

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widgets import Input, Static

from reader.search.history import HistoryCursor
from reader.search.query import Scope
from reader.ui import messages as search_messages
from reader.ui.frame_hold import FrameHold
from reader.ui.widgets.search_results import SearchResultsList

if TYPE_CHECKING:  # the ranking (and rapidfuzz) loads with the index, after first paint
    from textual.geometry import Region

    from reader.search.rank import SearchHit

SearchMode = Literal["search", "filter"]
"""What the bar is for: searching (`/`) or filtering paragraphs (`&`)."""

PROMPTS: dict[SearchMode, str] = {"search": "/", "filter": "&"}
"""The character shown before the query, as less shows it."""


class SearchInput(Input, inherit_bindings=False):
    """The query field (an `Input` the app recognises, so it may keep ctrl+p).

    It keeps the editing keys of `Input` but not the scrolling keys every widget inherits, so
    up and down reach the bar (history) and the footer shows them.
    """

    BINDINGS = [*Input.BINDINGS]

    def on_mount(self) -> None:
        """A steady cursor: a blinking one redraws twice a second, a round trip over SSH."""
        self.cursor_blink = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """Repaint the field, never lay the screen out again for it: its size is fixed.

        `Input` asks for a layout on every keystroke (its scrollable width follows the text),
        which reflows the whole screen (3-10 ms on a book) and repaints every scrollbar in a
        second frame. The field is one row of whatever width its row leaves (CSS below,
        focused or not), so nothing it holds can change the layout.
        """
        del layout
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)

    DEFAULT_CSS = """
    SearchInput, SearchInput:focus {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
        background: $surface;
    }
    """


class SearchBar(Vertical):
    """Query field, scope and counter on one row, with the ranked results above it."""

    DEFAULT_CSS = """
    SearchBar {
        /* Over the status line and the article's last rows, on a layer of its own (the screen
           names it; see app.tcss): opening the bar and a new number of results lay out and
           repaint the bar alone, not the article and panes under it. */
        layer: search;
        dock: bottom;
        margin-bottom: 1;
        height: auto;
        display: none;
        background: $surface;
    }
    SearchBar.-open {
        display: block;
    }
    SearchBar #search-row {
        height: 1;
    }
    SearchBar #search-prompt {
        width: 2;
        color: $accent;
        text-style: bold;
        padding-left: 1;
    }
    SearchBar #search-info {
        /* A fixed width, the longest counter's (`[speakers] no exact match · 12/20 close`):
           a counter that grew laid the screen out again, and each layout repainted every
           scrollbar on screen in two more frames, 50-150 ms after the key's own. */
        width: 41;
        max-width: 50%;  /* a narrow terminal keeps half its row for the query */
        text-align: right;
        color: $text-muted;
        padding-right: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Back", id="search.cancel"),
        Binding("ctrl+n", "next_result", "Next result", key_display="^n", id="search.next_result"),
        Binding(
            "ctrl+p",
            "previous_result",
            "Prev result",
            key_display="^p",
            show=False,  # the footer shows it in the palette's corner already
            id="search.previous_result",
        ),
        Binding("up", "older", "History", key_display="↑↓", id="search.older"),
        Binding("down", "newer", "Newer search", show=False, id="search.newer"),
        Binding("tab", "cycle_scope", "Scope", id="search.cycle_scope"),
        Binding(
            "shift+tab",
            "cycle_scope(-1)",
            "Previous scope",
            show=False,
            id="search.previous_scope",
        ),
    ]
    """Keys while the bar has focus; `enter` jumps to the highlighted result."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
    """As on every widget, but a change lays nothing out and repaints nothing (as
    `SearchResultsList.virtual_size`): the bar does not scroll, its height follows its rows in
    the layout that resized it, and that layout paints it whole."""

    mode: reactive[SearchMode] = reactive("search", init=False)
    """Searching (`/`) or filtering (`&`)."""

    scope: reactive[Scope] = reactive(Scope.ALL, init=False)
    """Where to search unless the query starts with `@` or `#`."""

    # The bar's messages are defined in `reader.ui.messages`, which loads before the first
    # paint, so the screen routes them with `@on` while this module loads after it.
    QueryChanged = search_messages.QueryChanged
    """The query or its scope changed: search again."""
    ResultHighlighted = search_messages.ResultHighlighted
    """Another result was highlighted (ctrl+n / ctrl+p): preview it."""
    Submitted = search_messages.Submitted
    """`enter`: jump to the highlighted result (search) or keep the filter (filter)."""
    Cancelled = search_messages.Cancelled
    """`escape`: close and go back to where the reader was."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._history = HistoryCursor(())
        self._info = Text()
        self._frame = FrameHold(self)

    def on_mount(self) -> None:
        """Hold the frame from each edit of the query until its answer is set (`answered`)."""
        self.watch(self.input, "value", self._edited, init=False)

    def _edited(self) -> None:
        # Called as the field's value changes, before the field asks to be repainted: the
        # echo then waits for the counter and results (one frame, not two 17-33 ms apart).
        if self.is_open:
            self._frame.hold()

    def answered(self) -> None:
        """The answer to the latest query is set (or none is coming): draw the frame now."""
        self._frame.release()

    def compose(self) -> ComposeResult:
        """Results above the query row (prompt, field, scope and counter)."""
        yield SearchResultsList(id="search-results", classes="-empty")
        with Horizontal(id="search-row"):
            yield Static("/", id="search-prompt")
            yield SearchInput(placeholder="search  (@name quotes · # notes)", id="search-input")
            yield Static("", id="search-info")

    @property
    def input(self) -> SearchInput:
        """The query field."""
        return self.query_one(SearchInput)

    @property
    def results(self) -> SearchResultsList:
        """The ranked results."""
        return self.query_one(SearchResultsList)

    @property
    def is_open(self) -> bool:
        """True while the bar is showing."""
        return self.has_class("-open")

    def open(self, mode: SearchMode, history: HistoryCursor, text: str = "") -> None:
        """Show the bar for `mode` holding `text`, focused, with `history` for up and down."""
        self._history = history
        self.mode = mode
        self.query_one("#search-prompt", Static).update(PROMPTS[mode])
        self.input.placeholder = (
            "filter (enter keeps, empty clears)"
            if mode == "filter"
            else "search  (@name quotes · # notes)"
        )
        self.results.show(())
        self.add_class("-open")
        with self.input.prevent(Input.Changed):
            self.input.value = text
        self.input.cursor_position = len(text)
        # Focus now, not via `focus()` (deferred behind the queue): keys typed in one burst
        # after `/` are already queued and must reach the bar, not the article.
        self.screen.set_focus(self.input)
        self.set_info("")
        self.post_message(self.QueryChanged(self, text, self.scope, mode))

    def close(self) -> None:
        """Hide the bar and its results (a frame held for an answer is let go with them)."""
        covered = self.region
        self.remove_class("-open")
        self.results.show(())
        self._frame.release()
        # What lies under the bar is drawn again: the layout that hides it did not always say
        # so (pty, the bar opened by keys typed before it was mounted: esc left its rows on
        # screen in 1 of 6-10 runs under load).
        self.screen.refresh(covered)

    def set_info(self, text: str | Text, scope: Scope | None = None) -> None:
        """Show `text` (the counter, "indexing…") after the scope searched, right of the query.

        `scope` is where the search looked when a `@name` or `#` prefix overrode the bar's.
        """
        info = Text(no_wrap=True, end="")
        scope = scope or self.scope
        if self.mode == "search" or scope is not Scope.ALL:
            info.append(f"[{scope.value}] ", "dim")
        info.append_text(Text(text) if isinstance(text, str) else text)
        if info == self._info:
            return
        self._info = info
        # Its width is fixed (CSS above): a new counter repaints the counter alone.
        self.query_one("#search-info", Static).update(info, layout=False)

    def show_results(self, hits: tuple[SearchHit, ...]) -> None:
        """Show ranked results (the best highlighted)."""
        self.results.show(hits if self.mode == "search" else ())

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(self, event.value, self.scope, self.mode))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        hit = self.results.selected if self.mode == "search" else None
        self.post_message(self.Submitted(self, event.value, self.scope, self.mode, hit))

    def action_cancel(self) -> None:
        """Close and go back to where the reader was."""
        self.post_message(self.Cancelled(self, self.mode))

    def action_next_result(self) -> None:
        """Highlight the next result and preview it."""
        self._move(1)

    def action_previous_result(self) -> None:
        """Highlight the previous result and preview it."""
        self._move(-1)

    def _move(self, step: int) -> None:
        hit = self.results.move(step)
        if hit is not None:
            self.post_message(self.ResultHighlighted(self, hit))

    def action_older(self) -> None:
        """Put the previous search of this article in the field."""
        self._recall(self._history.older(self.input.value))

    def action_newer(self) -> None:
        """Put the next search (or what was being typed) back in the field."""
        self._recall(self._history.newer(self.input.value))

    def _recall(self, text: str) -> None:
        if text != self.input.value:
            self.input.value = text  # posts Input.Changed: searched again
            self.input.cursor_position = len(text)

    def action_cycle_scope(self, step: int = 1) -> None:
        """Search everything, then only quotes, speakers, notes, and round again (or back)."""
        scopes = list(Scope)
        self.scope = scopes[(scopes.index(self.scope) + step) % len(scopes)]

    def watch_scope(self) -> None:
        """Search again in the new scope."""
        if self.is_open:
            self.set_info("")
            self.post_message(self.QueryChanged(self, self.input.value, self.scope, self.mode))
