"""The main screen: it composes the article, the side panes and the status line, and routes.

Widgets below post messages (`SpeakersPane.SpeakerSelected`, `QuotesPane.QuoteSelected`,
`ArticleView.PositionChanged`, the search bar's); this screen hands them, and its keys, to the
flows that decide: `SidePanes` (mounting, showing and focusing the panes), `QuotesController`
(extraction, speakers, quotes), `NotesController` with `NotesStorage` (highlights and notes),
`VisualSelection` (visual mode) and `SearchController` (search, filter, n/N). None of them is
given the screen: `reader_wiring.ReaderParts` makes them, handing each the widgets and the
typed ports it needs (`reader.ui.ports`). The first frame shows the quotes that are known at
once (cached, or a short text's); the rest are found after it, the panes saying "finding…".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.events import DescendantFocus
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker

from reader.document import Article
from reader.ui import messages as bar_messages
from reader.ui.messages import ReadingPositionChanged
from reader.ui.notes_keys import HIDDEN_IN_VISUAL, NOTES_BINDINGS
from reader.ui.quotes_controller import Extractor
from reader.ui.reader_keys import READER_BINDINGS
from reader.ui.reader_wiring import ReaderOptions, ReaderParts
from reader.ui.widgets.article_view import ArticleView, ViewPosition
from reader.ui.widgets.keys_footer import KeysFooter
from reader.ui.widgets.notes_pane import NotesPane
from reader.ui.widgets.panes import ContentsPane, Pane, QuotesPane, SpeakersPane

if TYPE_CHECKING:
    from reader.ui.search_controller import SearchController

__all__ = ["WIDE", "Extractor", "ReaderScreen"]

WIDE = 120
"""Columns from which the side panes sit beside the article instead of over it."""


class ReaderScreen(Screen[None]):
    """Reading one article, with speakers, quotes, contents and notes beside it."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    """Below 120 columns the side panes become an overlay opened on demand."""

    BINDINGS = [*NOTES_BINDINGS, *READER_BINDINGS]
    """The notes keys, then the reader's; visual mode's are on the article's row."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """The focused widget, as on every screen, but a change repaints only what it restyles.

    Textual's screen repaints itself whole on each focus change, although the widgets that look
    different focused repaint themselves (on Focus and Blur, and through their `:focus` styles):
    `/`, esc and tab each drew a second full frame of 13 KB at 120x40 (Dec 2026)."""

    def __init__(
        self, article: Article, *, start_offset: int | None = None, **options: Unpack[ReaderOptions]
    ) -> None:
        super().__init__()
        parts = ReaderParts(self, article, **options)
        self.parts = parts
        """The widgets and flows below, made from one another by `reader_wiring`."""
        self.reading, self.view, self.status_line = parts.reading, parts.view, parts.status_line
        self.body, self.side_panes = parts.body, parts.side_panes
        self.quotes, self.visual, self.notes = parts.quotes, parts.visual, parts.notes
        self._start_offset = start_offset

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        """Article and side panes above the status line and footer."""
        # Apply the width class now, so the first frame is laid out for the real terminal.
        wide = self.app.size.width >= WIDE
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")
        with self.body:
            yield self.view
            yield self.side_panes.compose()  # in the first frame; the search bar comes after it
        yield self.status_line
        yield KeysFooter()

    @property
    def search(self) -> SearchController:
        """Search, filter and n/N, made on first use (`ReaderParts.search`)."""
        return self.parts.search

    def on_mount(self) -> None:
        """Fill what is known now; start extraction and load the notes once the article shows."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.quotes.recolour())
        status = self.status_line
        status.title = self.reading.article.title
        status.paragraphs = len(self.reading.article.paragraphs)
        status.complete = not self.reading.pending
        status.counts = "finding quotes…"
        self.set_class(not self.side_panes.shown, "-panes-hidden")
        self.watch(self.view, "position", self._show_position, init=False)
        if self._start_offset:
            self.view.scroll_to_offset(self._start_offset, center=False)
        self.view.focus()
        self.quotes.find_known()  # the cache's, or a short text's found now: in the first frame
        self.side_panes.fill()
        self.notes.storage.peek()  # the notes' first screen as kept last time, in the first frame
        self.call_after_refresh(self.side_panes.mount)
        self.call_after_refresh(self.quotes.start)
        if not self.reading.pending:
            self.call_after_refresh(self.notes.storage.load)

    def complete_article(self, article: Article, start_offset: int | None = None) -> None:
        """Read on in the whole of the book whose first screens are shown (at `start_offset`)."""
        self.parts.complete_article(article, start_offset)

    def on_unmount(self) -> None:
        """Stop an extraction still running, and write the notes not written yet, on quit."""
        self.quotes.stop()
        if (search := self.parts.search_made) is not None:
            search.close()
        failed = self.notes.storage.flush()
        if failed:  # said after the screen is gone, literally
            self.app.exit(return_code=2, message=Text(f"reader: error: notes not saved: {failed}"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the extraction when its worker finishes."""
        self.quotes.worker_changed(event.worker, event.state)

    # ----------------------------------------------------------------- routing messages

    def _show_position(self, position: ViewPosition) -> None:
        """Show where the view is in the status line, in the same frame as the text moves."""
        self.status_line.paragraph = position.paragraph
        self.status_line.percent = round(position.fraction * 100)

    @on(ArticleView.PositionChanged)
    def _position_changed(self, event: ArticleView.PositionChanged) -> None:
        self.post_message(ReadingPositionChanged(event.offset, event.paragraph))
        if (search := self.parts.search_made) is not None:  # nothing to mark before a search
            search.view_moved()

    # The bar's messages are defined in `reader.ui.messages`: its own module loads after the paint.
    @on(bar_messages.QueryChanged)
    @on(bar_messages.ResultHighlighted)
    @on(bar_messages.Submitted)
    @on(bar_messages.Cancelled)
    def _search_bar_message(self, event: bar_messages.SearchBarMessage) -> None:
        """The search bar's query changed, a result was highlighted, or it closed."""
        self.search.handle(event)

    @on(SpeakersPane.SpeakerSelected)
    def _speaker_selected(self, event: SpeakersPane.SpeakerSelected) -> None:
        self.quotes.select_speaker(event.speaker_id)

    @on(QuotesPane.QuoteSelected)
    def _quote_selected(self, event: QuotesPane.QuoteSelected) -> None:
        self.quotes.jump_to_quote(event.index)

    @on(ContentsPane.HeadingSelected)
    def _heading_selected(self, event: ContentsPane.HeadingSelected) -> None:
        self.jump_to_paragraph(event.paragraph)

    @on(NotesPane.NoteSelected)
    def _note_selected(self, event: NotesPane.NoteSelected) -> None:
        self.notes.jump_to(event.note_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/`, `&` and `a` typed into a text field are text; visual mode hides some keys."""
        if action in ("search", "filter", "note") and _typing_into(self.app.focused):
            return False
        if action == "close_search":
            return (search := self.parts.search_made) is not None and search.bar_focused
        if action in HIDDEN_IN_VISUAL and self.visual.selection is not None:
            return False
        return super().check_action(action, parameters)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Narrow terminals: open the overlay when a side pane gets focus, close it after."""
        self.side_panes.set_open(isinstance(event.widget, Pane))

    # ----------------------------------------------------------------- commands

    def jump_to_paragraph(self, index: int) -> None:
        """Bring paragraph `index` to the top of the article pane."""
        self.view.scroll_to_paragraph(index)
        self.set_focus(self.view)

    # ----------------------------------------------------------------- panes

    def action_next_pane(self) -> None:
        """Focus the next pane (article, speakers, quotes, contents, notes)."""
        self.side_panes.cycle(1)

    def action_previous_pane(self) -> None:
        """Focus the previous pane."""
        self.side_panes.cycle(-1)

    def action_focus_pane(self, number: int) -> None:
        """Focus pane `number` (1 article, 2 speakers, 3 quotes, 4 contents, 5 notes)."""
        self.side_panes.focus(number)

    def action_toggle_panes(self) -> None:
        """Show or hide the side panes."""
        self.side_panes.toggle()

    # ----------------------------------------------------------------- the other keys

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
        """Leave a pane for the article; in the article, clear the search, then the speaker."""
        if isinstance(self.focused, Pane):
            self.view.focus()
        elif not self.search.back():
            self.quotes.clear_speaker()

    def action_next_quote(self) -> None:
        """Jump to the next quote after the current one (or after the top of the page)."""
        self.quotes.step(1)

    def action_previous_quote(self) -> None:
        """Jump to the quote before the current one."""
        self.quotes.step(-1)

    def action_next_speaker_quote(self) -> None:
        """Next match of the active search, else the selected speaker's (or any) next quote."""
        if not self.search.step(1):
            self.quotes.step(1, by_speaker=True)

    def action_previous_speaker_quote(self) -> None:
        """Previous match of the active search, else the selected speaker's previous quote."""
        if not self.search.step(-1):
            self.quotes.step(-1, by_speaker=True)

    def action_copy(self) -> None:
        """Copy a quote or the paragraph to the clipboard (OSC 52)."""
        self.quotes.copy()

    def action_visual(self) -> None:
        """Start visual mode on the current sentence (or leave it)."""
        self.visual.toggle()

    def action_visual_paragraph(self) -> None:
        """Start visual mode on the whole current paragraph."""
        self.visual.start_paragraph()

    def action_highlight(self) -> None:
        """Highlight the quote in the Quotes pane, the selection, or the current paragraph."""
        self.notes.highlight_here()

    def action_note(self) -> None:
        """Write the note of the highlight here (making one first) in the note editor."""
        self.notes.write_note()

    def action_note_in_editor(self) -> None:
        """Write the note of the highlight here in `$VISUAL` / `$EDITOR`."""
        self.notes.write_note_in_editor()

    def action_cycle_colour(self) -> None:
        """Give the highlight here the next colour."""
        self.notes.cycle_colour()

    def action_delete_note(self) -> None:
        """Delete the highlight here with its note (u brings it back)."""
        self.notes.delete()

    def action_undo_note(self) -> None:
        """Undo the last highlight, note, colour or delete of this session."""
        self.notes.undo()


def _typing_into(widget: Widget | None) -> bool:
    """True when `widget` takes printable keys as text (an input, the note editor's text area).

    Asked through Textual's public `check_consume_key`, so no text widget need be imported
    here: importing TextArea costs ~10 ms that the first screen need not pay.
    """
    return widget is not None and widget.check_consume_key("slash", "/")
