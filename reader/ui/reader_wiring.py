"""The reading screen's parts, made from one another: its widgets, its flows and their ports.

`ReaderParts` makes the widgets the reader screen composes (the article, the row that holds it
and the side panes, the status line) and the plain flows that decide (extraction and quotes,
visual mode, notes with their storage, the side panes, and search on first use), handing each
flow the widgets and the typed ports (`reader.ui.ports`) it needs. The screen is given here
only to take its public methods (`run_worker`, `notify`, `query`, `mount`...) as those ports:
no flow is handed the screen, and this module does not import the reader screen. Kept apart so
the screen holds composing and routing only, and a new flow is wired in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from textual.widget import AwaitMount, Widget

from reader.document import Article
from reader.ui import deferred
from reader.ui.background import BackgroundExtractor
from reader.ui.notes_controller import NotesController
from reader.ui.notes_storage import NotesStorage
from reader.ui.ports import Reading
from reader.ui.quotes_controller import Extractor, QuotesController
from reader.ui.side_panes import SidePanes
from reader.ui.typeahead import Typeahead
from reader.ui.visual_mode import VisualSelection
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NotesPane
from reader.ui.widgets.panes import QuotesPane, SpeakersPane
from reader.ui.widgets.reading_body import ReadingBody
from reader.ui.widgets.status import StatusLine

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.search.history import SearchHistory
    from reader.ui.search_controller import SearchController
    from reader.ui.widgets.search_bar import SearchBar

W = TypeVar("W", bound=Widget)


class ReaderOptions(TypedDict, total=False):
    """How a reader screen is set up: its keywords, handed on to `ReaderParts`."""

    extractor: Extractor | None
    """Who said what is found by it (by default in a worker thread, `BackgroundExtractor`)."""
    line_width: int
    """The article's widest line, in columns."""
    side_panes: bool
    """Whether the side panes show at first (`s` toggles them)."""
    pending: bool
    """True when the article is the first screens of a book still being read."""
    search_history: Callable[[], SearchHistory] | None
    """The searches typed before, loaded on the first search."""
    notes_dir: str | None
    """Where the notes files are (by default the data directory's)."""


class ReaderParts:
    """The reader screen's widgets and flows, each given the others it needs."""

    def __init__(
        self,
        screen: Screen[Any],
        article: Article,
        *,
        extractor: Extractor | None = None,
        line_width: int = 76,
        side_panes: bool = True,
        pending: bool = False,
        search_history: Callable[[], SearchHistory] | None = None,
        notes_dir: str | None = None,
    ) -> None:
        self.reading = Reading(article, pending=pending)
        """The article being read and what extraction found, shared with the flows."""
        self.view = ArticleView(article, max_width=line_width, id="article")
        """The article pane."""
        self.status_line = StatusLine(id="status")
        """The status line."""
        self.typeahead = Typeahead(screen.app.post_message)
        """Keys typed while the search bar mounts, held for it (the app asks it first)."""
        self._screen = screen
        self._search_history = search_history
        self._search: SearchController | None = None
        self._search_bar: SearchBar | None = None
        app, focused = screen.app, lambda: screen.focused
        self.quotes = QuotesController(
            self.reading,
            extractor=extractor or BackgroundExtractor(),
            view=self.view,
            status=self.status_line,
            speakers_panes=partial(self._all, SpeakersPane),
            quotes_panes=partial(self._all, QuotesPane),
            focused=focused,
            focus_article=self.focus_article,
            dark=lambda: app.current_theme.dark if app.current_theme else True,
            run_worker=screen.run_worker,
            notify=screen.notify,
            copy=app.copy_to_clipboard,
            alive=self.attached,
            speaker_chosen=lambda: self.search.end_search(),
        )
        """Extraction, speakers and quotes."""
        self.visual = VisualSelection(
            self.reading,
            view=self.view,
            focused=focused,
            notify=screen.notify,
            copy=app.copy_to_clipboard,
            keys_changed=screen.refresh_bindings,
        )
        """Visual mode."""
        self.notes = NotesController(
            self.reading,
            storage=NotesStorage(
                self.reading,
                notes_dir=notes_dir,
                run_worker=screen.run_worker,
                dialogs=app,
                notify=screen.notify,
                alive=self.attached,
                changed=lambda: self.notes.show(),
            ),
            visual=self.visual,
            view=self.view,
            notes_pane=lambda: next(iter(self._all(NotesPane)), None),
            focused=focused,
            dialogs=app,
            notify=screen.notify,
        )
        """Highlights and notes."""
        self.body = ReadingBody(self.visual, id="body")
        """The article's row, with visual mode's keys; the side panes are mounted into it."""
        self.side_panes = SidePanes(
            self.reading,
            body=self.body,
            view=self.view,
            mount_search_bar=self._mount_search_bar,
            set_screen_class=screen.set_class,
            narrow=lambda: screen.has_class("-narrow"),
            focused=focused,
            filled=self._panes_filled,
            notify=screen.notify,
            shown=side_panes,
        )
        """The side panes and the search bar: mounting, showing, focusing."""

    @property
    def search(self) -> SearchController:
        """Search, filter and n/N, made on first use (the first screen needs none of it)."""
        if self._search is None:
            screen = self._screen
            self._search = deferred.search_controller()(
                self.reading,
                view=self.view,
                status=self.status_line,
                bar=self._find_search_bar,
                focused=lambda: screen.focused,
                focus_article=self.focus_article,
                notify=screen.notify,
                run_worker=screen.run_worker,
                call_from_thread=screen.app.call_from_thread,
                mount_panes=self.side_panes.mount,
                typeahead=self.typeahead,
                notes=self.notes.storage.note_records,
                history=self._search_history,
            )
        return self._search

    @property
    def search_made(self) -> SearchController | None:
        """The search flow if a search key has made it, else None (nothing to update yet)."""
        return self._search

    def complete_article(self, article: Article, start_offset: int | None) -> None:
        """Put the whole book in place of its first screens (at `start_offset` when saved).

        Then its quotes are found, its notes loaded and a search runs on it, as for any article.
        """
        self.reading.article = article
        self.reading.pending = False
        self.view.replace_article(article)
        if start_offset:
            self.view.scroll_to_offset(start_offset, center=False)
        self.status_line.paragraphs = len(article.paragraphs)
        self.status_line.complete = True
        self.notes.storage.load()
        self.quotes.start()
        if self._search is not None:
            self._search.article_completed()

    def focus_article(self) -> None:
        """Give the article the focus now, so keys typed next are the article's."""
        self._screen.set_focus(self.view)

    def attached(self) -> bool:
        """False once the reader is closing: late workers then draw nothing."""
        return self.view.is_attached

    def _mount_search_bar(self, bar: Widget) -> AwaitMount:
        """Mount the search bar, then make the search flow when the screen is next idle.

        The bar goes first among the screen's children: Textual numbers siblings' painting
        order from the last, so a bar placed before them changes no other widget's place when
        it shows, and opening it repaints the bar alone (it lies on its own layer). The flow is
        made after the bar's frame, not by the first `/` (importing it took ~6 ms of that key).
        """
        mounting = self._screen.mount(bar, before=self.body)
        self._screen.call_after_refresh(lambda: self.search)
        return mounting

    def _find_search_bar(self) -> SearchBar | None:
        """The search bar once mounted, found once.

        The search asks for it several times a keystroke; a query of the screen took ~1 ms.
        """
        if self._search_bar is None:
            self._search_bar = next(iter(self._all(deferred.search_bar())), None)
        return self._search_bar

    def _all(self, kind: type[W]) -> list[W]:
        """The mounted widgets of `kind` (none before the panes are mounted)."""
        return list(self._screen.query(kind))

    def _panes_filled(self) -> None:
        """Fill the side panes, just mounted, with what is known."""
        self.quotes.fill_panes()
        self.notes.show()
