"""The side panes: in the first frame, shown beside or over the article, focused by key.

`SidePanes` makes the Speakers, Quotes, Contents (a text with headings) and Notes panes that the
reader screen composes beside the article, so that they are in its first frame (filled with
what is known by then, `fill`), and mounts the search bar just after the first paint, or earlier
when a key needs it. The panes cost the first frame 25-30 ms of CPU (parsing their CSS and
drawing them; the 4 KB article at 120x40, Dec 2026); mounted after it, they came about 150 ms
after the article (600 ms for a 3 MB book), whose text then jumped sideways. It moves the
focus between the article and the panes (`tab`, `1`-`5`) and shows or hides them (`s`):
beside the article on a wide terminal, as an overlay on a narrow one, through the screen's CSS
classes `-panes-open` and `-panes-hidden` (`app.tcss`). It is not a widget: the reader screen
keeps the keys.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import Vertical
from textual.widget import AwaitMount, Widget

from reader.ui import deferred
from reader.ui.ports import Notify, Reading
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NotesPane
from reader.ui.widgets.panes import ContentsPane, Pane, QuotesPane, SpeakersPane
from reader.ui.widgets.reading_body import ReadingBody


class SidePanes:
    """Which side panes exist, whether they show, and moving the focus between them."""

    def __init__(
        self,
        reading: Reading,
        *,
        body: ReadingBody,
        view: ArticleView,
        mount_search_bar: Callable[[Widget], AwaitMount],
        set_screen_class: Callable[[bool, str], object],
        narrow: Callable[[], bool],
        focused: Callable[[], Widget | None],
        filled: Callable[[], None],
        notify: Notify,
        shown: bool,
    ) -> None:
        self.reading = reading
        """The article (its headings make the Contents pane)."""
        self.open = False
        """Narrow terminals: whether the side-pane overlay is showing."""
        self.shown = shown
        """Wide terminals: whether the side panes are shown beside the article."""
        self._body = body
        self._view = view
        self._mount_search_bar = mount_search_bar
        self._set_screen_class = set_screen_class
        self._narrow = narrow
        self._focused = focused
        self._filled = filled
        self._notify = notify
        self._mounted = self._ready = False

    def panes(self) -> list[Pane]:
        """The side panes mounted (none before the screen is)."""
        return list(self._body.query(Pane))

    def compose(self) -> Widget:
        """The side panes, for the screen to compose beside the article (filled by `fill`)."""
        panes: list[Widget] = [SpeakersPane(2, id="speakers"), QuotesPane(3, id="quotes")]
        if self.reading.article.headings():
            panes.append(ContentsPane(4, id="contents"))
        panes.append(NotesPane(5, id="notes"))
        return Vertical(*panes, id="sidebar")

    def fill(self) -> None:
        """Fill the composed panes with what is known (before the first frame is drawn)."""
        for contents in self._body.query(ContentsPane):
            contents.show(self.reading.article.headings())
        self._filled()

    def mount(self) -> bool:
        """Mount the search bar (the panes were composed with the screen).

        Runs after the first paint, or earlier if a key needs it first. Returns True while it is
        not ready (mounted just now, or still mounting: retry after a refresh), False once it
        is; a key pressed during the mounting must not reach a half-built widget.
        """
        if self._ready or not self._body.is_attached:
            return False
        if self._mounted:
            return True
        self._mounted = True
        mounting = self._mount_search_bar(deferred.search_bar()(id="search"))

        async def ready() -> None:
            await mounting
            self._ready = True

        self._body.call_next(ready)
        return True

    def set_open(self, open_: bool) -> None:
        """Narrow terminals: show or hide the overlay."""
        self.open = open_
        self._set_screen_class(open_, "-panes-open")

    def set_shown(self, shown: bool) -> None:
        """Wide terminals: show or hide the side column."""
        self.shown = shown
        self._set_screen_class(not shown, "-panes-hidden")

    def cycle(self, step: int) -> None:
        """Focus the next (1) or previous (-1) pane, the article counted first."""
        panes: list[Widget] = [self._view, *self.panes()]
        focused = self._focused()
        current = panes.index(focused) if focused in panes else 0
        self._focus(panes[(current + step) % len(panes)])

    def focus(self, number: int) -> None:
        """Focus pane `number` (1 article, 2 speakers, 3 quotes, 4 contents, 5 notes)."""
        if number == 1:
            self._focus(self._view)
            return
        for pane in self.panes():
            if pane.number == number:
                self._focus(pane)
                return
        if number == 4:  # the Contents pane is made only for a text with headings
            self._notify(
                "No contents: this text has no headings (] and [ step through its paragraphs).",
                title="Contents",
                timeout=4,
            )

    def _focus(self, widget: Widget) -> None:
        if isinstance(widget, Pane):
            self.set_open(True)
            if not self.shown:
                self.set_shown(True)
            self._body.call_after_refresh(widget.focus)
        else:
            widget.focus()

    def toggle(self) -> None:
        """`s`: show or hide the side panes (on a narrow terminal, open or close the overlay)."""
        if self._narrow():
            if self.open:
                self._view.focus()
            else:
                self.focus(2)
            return
        self.set_shown(not self.shown)
        if not self.shown:
            self._view.focus()
