"""The main screen: the article, the side panes, the status line; it decides what keys mean.

Widgets below post messages (`SpeakersPane.SpeakerSelected`, `QuotesPane.QuoteSelected`,
`ArticleView.PositionChanged`); this screen reacts by setting attributes on the others, so
siblings never reach into each other. Extraction runs in a thread worker after the first paint;
the panes say "finding…" until it is done.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState

from reader.document import Article
from reader.ui.background import SubprocessExtractor
from reader.ui.counts import counted
from reader.ui.messages import ReadingPositionChanged
from reader.ui.notes_controller import NotesScreen
from reader.ui.palette import speaker_colour
from reader.ui.widgets.article_marks import MarkSpan
from reader.ui.widgets.article_view import ArticleView, ViewPosition
from reader.ui.widgets.notes_pane import NotesPane
from reader.ui.widgets.panes import ContentsPane, Pane, QuotesPane, SpeakersPane
from reader.ui.widgets.status import StatusLine

if TYPE_CHECKING:
    # Imported lazily at run time: the extractor loads only after the first paint.
    from reader.extract.model import Extraction, Quote
    from reader.ui.search_controller import SearchController

WIDE = 120
"""Columns from which the side panes sit beside the article instead of over it."""

Extractor = Callable[[Article], "Extraction"]
"""What finds quotes and speakers (the real extractor, or a stub in tests)."""


class ReaderScreen(NotesScreen):
    """Reading one article, with speakers, quotes and contents beside it."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    """Below 120 columns the side panes become an overlay opened on demand."""

    BINDINGS = [
        Binding("tab", "next_pane", "Panes", id="screen.next_pane"),
        Binding(
            "shift+tab", "previous_pane", "Previous pane", show=False, id="screen.previous_pane"
        ),
        Binding("1", "focus_pane(1)", "Article", show=False, id="screen.pane_1"),
        Binding("2", "focus_pane(2)", "Speakers", show=False, id="screen.pane_2"),
        Binding("3", "focus_pane(3)", "Quotes", show=False, id="screen.pane_3"),
        Binding("4", "focus_pane(4)", "Contents", show=False, id="screen.pane_4"),
        Binding(
            "right_parenthesis", "next_quote", "Next quote", show=False, id="screen.next_quote"
        ),
        Binding(
            "left_parenthesis",
            "previous_quote",
            "Previous quote",
            show=False,
            id="screen.previous_quote",
        ),
        Binding(
            "n",
            "next_speaker_quote",
            "Next search match, or quote of the speaker (whichever was chosen last)",
            show=False,
            id="screen.next_match",
        ),
        Binding(
            "N",
            "previous_speaker_quote",
            "Previous search match, or quote of the speaker",
            show=False,
            id="screen.previous_match",
        ),
        Binding("y", "copy", "Copy", show=False, id="screen.copy"),
        Binding("s", "toggle_panes", "Side panes", show=False, id="screen.toggle_panes"),
        Binding("escape", "back", "Back", show=False, id="screen.back"),
        # Esc in the search bar (the bar's own key, made priority here and enabled only while
        # the bar has focus): the bar closes and the article takes focus at once, so a key
        # typed right after esc, queued in the same burst, acts on the reader.
        Binding("escape", "close_search", "Back", priority=True, id="search.cancel"),
        # Priority: the bar must have focus before the keys typed just after `/` (queued in
        # the same burst) are handed out, or they would drive the article instead.
        Binding("slash", "search", "Search", priority=True, id="screen.search"),
        Binding("ampersand", "filter", "Filter", show=False, priority=True, id="screen.filter"),
    ]

    selected_speaker: reactive[str | None] = reactive(None, init=False)
    """Id of the speaker whose quotes are highlighted and stepped through with n/N."""

    panes_open: reactive[bool] = reactive(False, init=False)
    """Narrow terminals: whether the side-pane overlay is showing."""

    panes_shown: reactive[bool] = reactive(True, init=False)
    """Wide terminals: whether the side panes are shown beside the article."""

    def __init__(
        self,
        article: Article,
        *,
        extractor: Extractor | None = None,
        line_width: int = 76,
        side_panes: bool = True,
        start_offset: int | None = None,
        pending: bool = False,
    ) -> None:
        super().__init__()
        self.article = article
        """The article being read."""
        self.pending = pending
        self.extraction: Extraction | None = None
        """What extraction found, once it is done."""
        self._first_screens: Extraction | None = None
        self.colours: dict[str, str] = {}
        """Speaker id to colour."""
        self._extractor: Extractor = extractor or SubprocessExtractor()
        self._line_width = line_width
        self._start_offset = start_offset
        self._current_quote: int | None = None
        self._search: SearchController | None = None
        self._headings = article.headings()
        self.set_reactive(ReaderScreen.panes_shown, side_panes)
        self._panes_mounted = False
        self._panes_ready = False

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        """Article and side panes above the status line and footer."""
        # Apply the width class now, so the first frame is laid out for the real terminal.
        wide = self.app.size.width >= WIDE
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")
        with Horizontal(id="body"):
            yield ArticleView(self.article, max_width=self._line_width, id="article")
        # The side panes and the search bar are mounted just after the first paint
        # (`mount_panes`): styling their two dozen widgets would delay the article.
        yield StatusLine(id="status")
        yield Footer()

    def mount_panes(self) -> bool:
        """Mount the side panes and the search bar; fill them with what is known once mounted.

        Runs after the first paint, or earlier if a key needs them first. Returns True while
        they are not ready (mounted just now, or still mounting: retry after a refresh), False
        once they are; a key pressed during the mounting must not reach half-built widgets.
        """
        if self._panes_ready or not self.is_attached:
            return False
        if self._panes_mounted:
            return True
        self._panes_mounted = True
        from reader.ui.widgets.search_bar import SearchBar  # not needed for the first paint

        panes: list[Widget] = [SpeakersPane(2, id="speakers"), QuotesPane(3, id="quotes")]
        if self._headings:
            panes.append(ContentsPane(4, id="contents"))
        panes.append(NotesPane(5, id="notes"))
        mounts = [
            self.query_one("#body").mount(Vertical(*panes, id="sidebar")),
            self.mount(SearchBar(id="search"), before=self.query_one(StatusLine)),
        ]

        async def fill() -> None:
            for mounting in mounts:
                await mounting
            if self.extraction is not None:
                self.show_extraction(self.extraction)
            else:
                self.query_one(SpeakersPane).show(None, {})
                self.query_one(QuotesPane).show(None, {})
            if self._headings:
                self.query_one(ContentsPane).show(self._headings)
            self.notes_pane_mounted()
            self._panes_ready = True

        self.call_next(fill)
        return True

    @property
    def search(self) -> SearchController:
        """Search, filter and n/N (the logic lives there, not in this screen).

        Made on first use, after the first paint: the first screen needs none of it.
        """
        if self._search is None:
            from reader.ui.search_controller import SearchController

            self._search = SearchController(self)
        return self._search

    @property
    def view(self) -> ArticleView:
        """The article pane."""
        return self.query_one("#article", ArticleView)

    def panes(self) -> list[Widget]:
        """The panes in number-key order: article first, then the side panes present."""
        found: list[Widget] = [self.view]
        found.extend(self.query(Pane))
        return found

    def on_mount(self) -> None:
        """Fill what is known now; start extraction once the article is on screen."""
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        status = self.query_one(StatusLine)
        status.title = self.article.title
        status.paragraphs = len(self.article.paragraphs)
        status.complete = not self.pending
        status.counts = "finding quotes…"
        self.set_class(not self.panes_shown, "-panes-hidden")
        self.watch(self.view, "position", self._show_position, init=False)
        if self._start_offset:
            self.view.scroll_to_offset(self._start_offset, center=False)
        self.view.focus()
        self.call_after_refresh(self.mount_panes)
        self.call_after_refresh(self._start_extraction)

    def complete_article(self, article: Article, start_offset: int | None = None) -> None:
        """Read on in the whole of the book whose first screens are shown.

        At `start_offset` when a position was saved; then its quotes are found and its notes
        loaded, as for any article.
        """
        self.article = article
        self.pending = False
        self._headings = article.headings()
        self.view.replace_article(article)
        if start_offset:
            self.view.scroll_to_offset(start_offset, center=False)
        status = self.query_one(StatusLine)
        status.paragraphs = len(article.paragraphs)
        status.complete = True
        self.load_notes()
        self._start_extraction()
        if self._search is not None:
            self._search.article_completed()

    def on_unmount(self) -> None:
        """Stop an extraction still running when the reader quits."""
        stop = getattr(self._extractor, "stop", None)
        if callable(stop):
            stop()

    def _extract(self) -> Extraction:
        """Worker body: run the extractor (in a thread; the default one uses a child process)."""
        return self._extractor(self.article)

    def _theme_changed(self, theme: object) -> None:
        """Re-colour speakers for a dark or light theme."""
        del theme
        if self.extraction is not None:
            self.show_extraction(self.extraction)

    def _start_extraction(self) -> None:
        # A small article is extracted here at once, so its panes appear filled. The first
        # screens of a book still being read are extracted in a thread of this process (keys
        # stay live meanwhile), and fill the panes until the whole book's quotes, found in a
        # worker from the cache or a child process (`reader.ui.background`), replace them.
        if isinstance(self._extractor, SubprocessExtractor):
            if self.pending:
                self.run_worker(
                    partial(self._extractor.at_once, self.article),
                    name="extract-first-screens",
                    description="find the first screens' quotes",
                    group="extract-first-screens",
                    thread=True,
                    exit_on_error=False,  # the whole book's extraction follows anyway
                )
                return
            found = self._extractor.at_once(self.article)
            if found is not None:
                self.show_extraction(found)
                return
        if self.pending:
            return
        self.run_worker(
            self._extract,
            name="extract",
            description="find quotes and speakers",  # the default repr would print the article
            group="extract",
            thread=True,
            exclusive=True,
            exit_on_error=False,  # a failed extraction leaves the article readable
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the extraction when its worker finishes."""
        from reader.extract.model import Extraction

        result = event.worker.result
        if event.worker.name == "extract-first-screens":
            found = event.state is WorkerState.SUCCESS and isinstance(result, Extraction)
            if found and self.extraction is None:  # unless the whole book's quotes came first
                assert isinstance(result, Extraction)
                self._first_screens = result
                self.show_extraction(result)
            return
        if event.worker.name != "extract":
            return
        if event.state is WorkerState.SUCCESS and isinstance(result, Extraction):
            self.show_extraction(result)
        elif event.state is WorkerState.ERROR and self.is_attached:
            self.notify("Could not find quotes in this article.", severity="warning")
            self.show_extraction(Extraction())

    def show_extraction(self, extraction: Extraction) -> None:
        """Colour speakers, tint their quotes and fill the panes with `extraction`."""
        self.extraction = extraction
        dark = self.app.current_theme.dark if self.app.current_theme else True
        self.colours = {
            speaker.id: speaker_colour(rank, dark=dark)
            for rank, speaker in enumerate(extraction.speakers)
        }
        spans: list[MarkSpan] = []
        for quote in extraction.quotes:
            colour = self.colours.get(quote.speaker or "")
            style = Style(color=colour, italic=True) if colour else Style(italic=True)
            spans.extend((start, end, style) for start, end in _pieces(quote))
        self.view.set_marks("quotes", spans, priority=0)
        for pane in self.query(SpeakersPane):  # none before the panes are mounted
            pane.show(extraction, self.colours)
        for quotes_pane in self.query(QuotesPane):
            quotes_pane.show(extraction, self.colours)
        status = self.query_one(StatusLine)
        quotes = len(extraction.quotes)
        speakers = len(extraction.speakers)
        status.counts = (
            f"{counted(quotes, 'quote')} · {counted(speakers, 'speaker')}"
            + " so far" * (extraction is self._first_screens)  # the whole book's follow
        )
        if self.selected_speaker:
            self.watch_selected_speaker()

    # ----------------------------------------------------------------- reacting

    def _show_position(self, position: ViewPosition) -> None:
        """Show where the view is in the status line, in the same frame as the text moves."""
        status = self.query_one(StatusLine)
        status.paragraph = position.paragraph
        status.percent = round(position.fraction * 100)

    @on(ArticleView.PositionChanged)
    def _position_changed(self, event: ArticleView.PositionChanged) -> None:
        self.post_message(ReadingPositionChanged(event.offset, event.paragraph))
        if self._search is not None:  # nothing to highlight before the first search
            self._search.view_moved()

    def _search_bar_message(self, event: Message) -> None:
        """The search bar's query changed, a result was highlighted, or it closed."""
        self.search.handle(event)

    # Bound by handler name, not `@on(SearchBar....)`: the bar's module loads after the paint.
    on_search_bar_query_changed = _search_bar_message
    on_search_bar_result_highlighted = _search_bar_message
    on_search_bar_submitted = _search_bar_message
    on_search_bar_cancelled = _search_bar_message

    @on(SpeakersPane.SpeakerSelected)
    def _speaker_selected(self, event: SpeakersPane.SpeakerSelected) -> None:
        self.select_speaker(event.speaker_id)

    @on(QuotesPane.QuoteSelected)
    def _quote_selected(self, event: QuotesPane.QuoteSelected) -> None:
        self.jump_to_quote(event.index)

    @on(ContentsPane.HeadingSelected)
    def _heading_selected(self, event: ContentsPane.HeadingSelected) -> None:
        self.jump_to_paragraph(event.paragraph)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/`, `&` and `a` typed into a text field are text, not a search or a note."""
        if action in ("search", "filter", "note") and _typing_into(self.app.focused):
            return False
        if action == "close_search":
            return self._search is not None and self._search.bar_focused
        return super().check_action(action, parameters)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Narrow terminals: open the overlay when a side pane gets focus, close it after."""
        self.panes_open = isinstance(event.widget, Pane)

    def watch_panes_open(self, open_: bool) -> None:
        """Show or hide the overlay."""
        self.set_class(open_, "-panes-open")

    def watch_panes_shown(self, shown: bool) -> None:
        """Show or hide the side column."""
        self.set_class(not shown, "-panes-hidden")

    def watch_selected_speaker(self) -> None:
        """Highlight the selected speaker's quotes and name them in the status line."""
        speaker = self.extraction.speaker(self.selected_speaker) if self.extraction else None
        status = self.query_one(StatusLine)
        if speaker is None or self.extraction is None:
            self.view.clear_marks("speaker")
            status.speaker = ""
            return
        quotes = self.extraction.quotes_by(speaker.id)
        self.view.set_marks(
            "speaker",
            [(s, e, "article-view--selected") for q in quotes for s, e in _pieces(q)],
            priority=10,
        )
        status.speaker = f"{speaker.name} (n/N)"

    # ----------------------------------------------------------------- commands

    def select_speaker(self, speaker_id: str) -> None:
        """Highlight `speaker_id`'s quotes and jump to their first one after the position."""
        if self.extraction is None or self.extraction.speaker(speaker_id) is None:
            return
        self.search.end_search()  # n/N follow whichever was chosen last
        self.selected_speaker = speaker_id
        quotes = self._quote_indexes(speaker_id)
        if quotes:
            after = [i for i in quotes if self.extraction.quotes[i].start >= self.view.top_offset]
            self.jump_to_quote((after or quotes)[0])
        else:
            self.view.focus()

    def jump_to_quote(self, index: int) -> None:
        """Show quote `index` in the middle of the article pane and flash it."""
        if self.extraction is None or not 0 <= index < len(self.extraction.quotes):
            return
        quote = self.extraction.quotes[index]
        self._current_quote = index
        view = self.view
        view.scroll_to_offset(quote.start, center=True)
        view.flash(quote.start, quote.end)
        for pane in self.query(QuotesPane):  # its cursor follows ) and ( (none before mounting)
            pane.highlight_quote(index)
        self.set_focus(view)  # now, not after the queue: keys typed next move the article

    def jump_to_paragraph(self, index: int) -> None:
        """Bring paragraph `index` to the top of the article pane."""
        self.view.scroll_to_paragraph(index)
        self.set_focus(self.view)

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The reader's actions for the command palette: (title, help, callback)."""
        return [
            ("Help: show all keys", "?", self.app.action_help),  # type: ignore[attr-defined]
            ("Go to top", "g", self.view.action_top),
            ("Go to bottom", "G", self.view.action_bottom),
            ("Next quote", ")", self.action_next_quote),
            ("Previous quote", "(", self.action_previous_quote),
            ("Copy quote or paragraph", "y", self.action_copy),
            ("Toggle side panes", "s", self.action_toggle_panes),
            ("Search", "/", self.action_search),
            ("Filter paragraphs", "&", self.action_filter),
            ("Clear speaker selection", "esc", self._clear_speaker),
            ("Speakers pane", "2", partial(self.action_focus_pane, 2)),
            ("Quotes pane", "3", partial(self.action_focus_pane, 3)),
            ("Notes pane", "5", partial(self.action_focus_pane, 5)),
            *self.notes_palette_commands(),
        ]

    # ----------------------------------------------------------------- actions

    def action_next_pane(self) -> None:
        """Focus the next pane (article, speakers, quotes, contents)."""
        self._cycle(1)

    def action_previous_pane(self) -> None:
        """Focus the previous pane."""
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        if self.mount_panes():  # a key before the first paint: once the panes are there
            self.call_after_refresh(self._cycle, step)
            return
        panes = self.panes()
        focused = self.focused
        current = panes.index(focused) if focused in panes else 0
        self._focus(panes[(current + step) % len(panes)])

    def action_focus_pane(self, number: int) -> None:
        """Focus pane `number` (1 article, 2 speakers, 3 quotes, 4 contents)."""
        if number == 1:
            self._focus(self.view)
        elif self.mount_panes():  # a key before the first paint: once the panes are there
            self.call_after_refresh(self.action_focus_pane, number)
            return
        for pane in self.query(Pane):
            if pane.number == number:
                self._focus(pane)
                return
        if number == 4:  # the Contents pane is made only for a text with headings
            self.notify(
                "No contents: this text has no headings (] and [ step through its paragraphs).",
                title="Contents",
                timeout=4,
            )

    def _focus(self, widget: Widget) -> None:
        if isinstance(widget, Pane):
            self.panes_open = True
            if not self.panes_shown:
                self.panes_shown = True
            self.call_after_refresh(widget.focus)
        else:
            widget.focus()

    def action_toggle_panes(self) -> None:
        """Show or hide the side panes."""
        if self.has_class("-narrow"):
            if self.panes_open:
                self.view.focus()
            else:
                self.action_focus_pane(2)
            return
        self.panes_shown = not self.panes_shown
        if not self.panes_shown:
            self.view.focus()

    def action_search(self) -> None:
        """Open the search bar (`/`, as in less and vim)."""
        self.search.open("search")

    def action_filter(self) -> None:
        """Open the bar to show only the paragraphs that match (`&`, as in less)."""
        self.search.open("filter")

    def action_close_search(self) -> None:
        """Close the search bar and go back to where the search started (esc in the bar)."""
        self.search.cancel()

    def action_back(self) -> None:
        """Leave a pane for the article; in the article, clear the selected speaker."""
        if isinstance(self.focused, Pane):
            self.view.focus()
        elif self.search.back():
            return
        elif self.selected_speaker is not None:
            self._clear_speaker()

    def _clear_speaker(self) -> None:
        self.selected_speaker = None

    def action_next_quote(self) -> None:
        """Jump to the next quote after the current one (or after the top of the page)."""
        self._step_quote(1, None)

    def action_previous_quote(self) -> None:
        """Jump to the quote before the current one."""
        self._step_quote(-1, None)

    def action_next_speaker_quote(self) -> None:
        """Next match of the active search, else the selected speaker's (or any) next quote."""
        if not self.search.step(1):
            self._step_quote(1, self.selected_speaker)

    def action_previous_speaker_quote(self) -> None:
        """Previous match of the active search, else the selected speaker's previous quote."""
        if not self.search.step(-1):
            self._step_quote(-1, self.selected_speaker)

    def _quote_indexes(self, speaker_id: str | None) -> list[int]:
        if self.extraction is None:
            return []
        quotes = self.extraction.quotes
        if speaker_id is None:
            return list(range(len(quotes)))
        return [i for i, quote in enumerate(quotes) if quote.speaker == speaker_id]

    def _anchor(self) -> int:
        """Offset that 'next' and 'previous' count from: the current quote if on screen."""
        if self.extraction is not None and self._current_quote is not None:
            quote = self.extraction.quotes[self._current_quote]
            if self.view.is_offset_visible(quote.start):
                return quote.start
        return self.view.top_offset - 1

    def _step_quote(self, step: int, speaker_id: str | None) -> None:
        if self.extraction is None:
            self.notify("Still finding quotes…", timeout=2)
            return
        indexes = self._quote_indexes(speaker_id)
        if not indexes:
            self.notify("No quotes found in this article.", timeout=2)
            return
        anchor = self._anchor()
        quotes = self.extraction.quotes
        if step > 0:
            following = [i for i in indexes if quotes[i].start > anchor]
            if not following:
                self.notify("No more quotes below.", timeout=2)
                return
            self.jump_to_quote(following[0])
        else:
            before = [i for i in indexes if quotes[i].start < anchor]
            if not before:
                self.notify("No more quotes above.", timeout=2)
                return
            self.jump_to_quote(before[-1])

    def action_copy(self) -> None:
        """Copy a quote or the paragraph to the clipboard (OSC 52).

        In the Quotes pane, the quote under its cursor; elsewhere the current quote if it is on
        screen, else the current paragraph.
        """
        text = ""
        what = "paragraph"
        extraction = self.extraction
        focused = self.focused
        chosen = focused.highlighted_quote if isinstance(focused, QuotesPane) else None
        current = self._current_quote
        if chosen is None and extraction is not None and current is not None:
            on_screen = self.view.is_offset_visible(extraction.quotes[current].start)
            chosen = current if on_screen else None
        if extraction is not None and chosen is not None:
            text, what = extraction.quotes[chosen].text, "quote"
        if not text and self.article.paragraphs:
            index = min(self.view.cursor, len(self.article.paragraphs) - 1)
            text = self.article.paragraphs[index].text
        if not text:
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied the {what} ({counted(len(text), 'character')}).", timeout=2)


def _pieces(quote: Quote) -> list[tuple[int, int]]:
    """The ranges of `Article.text` a quote covers (its segments, or start to end)."""
    if quote.segments:
        return [(span.start, span.end) for span in quote.segments]
    return [(quote.start, quote.end)]


def _typing_into(widget: Widget | None) -> bool:
    """True when `widget` is a text field, where `/` is a character like any other.

    TextArea (the note editor) is looked up only if its module was imported: importing it costs
    ~10 ms that the first screen need not pay, and none can have focus before it is imported.
    """
    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)
