"""Quotes and speakers on the reading screen: finding them, showing them, stepping through them.

`QuotesController` takes what is known before the first frame (the cache's quotes, or those of
a text's first screens found at once), runs the extractor for the rest after the first paint
(a small article at once, a book in a worker: `reader.ui.background`), colours the speakers,
tints their quotes in the article and fills the Speakers and Quotes panes; it keeps the
selected speaker and the current quote, which `)`/`(`, `n`/`N` and `y` start from. It is not a
widget: the reader screen routes the panes' messages and its keys here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from rich.style import Style
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from reader.document import Article
from reader.ui import deferred
from reader.ui.background import BackgroundExtractor
from reader.ui.counts import counted
from reader.ui.palette import speaker_colour
from reader.ui.ports import Notify, Reading, RunWorker
from reader.ui.widgets.article_marks import MarkSpan
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.panes import QuotesPane, SpeakersPane
from reader.ui.widgets.status import StatusLine

if TYPE_CHECKING:
    from reader.extract.model import Extraction, Quote

Extractor = Callable[[Article], "Extraction"]
"""What finds quotes and speakers (the real extractor, or a stub in tests)."""


class QuotesController:
    """The extraction of one reading screen, its colours and marks, and moving between quotes."""

    def __init__(
        self,
        reading: Reading,
        *,
        extractor: Extractor,
        view: ArticleView,
        status: StatusLine,
        speakers_panes: Callable[[], Sequence[SpeakersPane]],
        quotes_panes: Callable[[], Sequence[QuotesPane]],
        focused: Callable[[], Widget | None],
        focus_article: Callable[[], None],
        dark: Callable[[], bool],
        run_worker: RunWorker,
        notify: Notify,
        copy: Callable[[str], None],
        alive: Callable[[], bool],
        speaker_chosen: Callable[[], None],
    ) -> None:
        self.reading = reading
        """The article and what extraction found in it."""
        self.colours: dict[str, str] = {}
        """Speaker id to colour."""
        self.selected_speaker: str | None = None
        """Id of the speaker whose quotes are highlighted and stepped through with n/N."""
        self._extractor = extractor
        self._current_quote: int | None = None
        self._view = view
        self._status = status
        self._speakers_panes = speakers_panes
        self._quotes_panes = quotes_panes
        self._focused = focused
        self._focus_article = focus_article
        self._dark = dark
        self._run_worker = run_worker
        self._notify = notify
        self._copy = copy
        self._alive = alive
        self._speaker_chosen = speaker_chosen

    # ----------------------------------------------------------------- finding

    def find_known(self) -> None:
        """Before the first frame: take the quotes the cache holds, or a short text's found now.

        What is found here is shown when the panes are filled (`fill_panes`); for the first
        screens of a book still being read, it stands for the whole book's until `start`.
        """
        if not isinstance(self._extractor, BackgroundExtractor):
            return  # another extractor (tests) runs in a worker only
        reading = self.reading
        found = self._extractor.before_paint(reading.article)
        if found is None:
            return
        extraction, covered = found
        if reading.pending or covered is not reading.article:
            reading.first_screens = extraction  # the whole text's are found after the paint
        reading.extraction = extraction

    def start(self) -> None:
        """Find the quotes not found yet: a small article here at once, a book in a worker."""
        # A small article is extracted here at once, so its panes appear filled. The first
        # screens of a book still being read are extracted in a thread of this process (keys
        # stay live meanwhile), and fill the panes until the whole book's quotes, found in a
        # worker thread from the cache or found there (`reader.ui.background`), replace them.
        reading = self.reading
        if reading.extraction is not None and reading.extraction is not reading.first_screens:
            return  # found before the first frame (`find_known`)
        if reading.pending and reading.first_screens is not None:
            return  # the first screens' are shown; the whole book's follow once it is read
        if isinstance(self._extractor, BackgroundExtractor):
            if reading.pending:
                self._run_worker(
                    partial(self._extractor.at_once, reading.article),
                    name="extract-first-screens",
                    description="find the first screens' quotes",
                    group="extract-first-screens",
                    thread=True,
                    exit_on_error=False,  # the whole book's extraction follows anyway
                )
                return
            found = self._extractor.at_once(reading.article)
            if found is not None:
                self.show(found)
                return
        if reading.pending:
            return
        self._run_worker(
            partial(self._extractor, reading.article),
            name="extract",
            description="find quotes and speakers",  # the default repr would print the article
            group="extract",
            thread=True,
            exclusive=True,
            exit_on_error=False,  # a failed extraction leaves the article readable
        )

    def stop(self) -> None:
        """Stop an extraction still running (the reader quits)."""
        if isinstance(self._extractor, BackgroundExtractor):  # the others run in a thread
            self._extractor.stop()

    def worker_changed(self, worker: Worker[object], state: WorkerState) -> None:
        """Show the extraction when its worker finishes."""
        if worker.name not in ("extract", "extract-first-screens"):
            return  # not ours; and the import below may wait for another thread's imports
        extraction_type = deferred.extraction_type()
        result = worker.result
        if worker.name == "extract-first-screens":
            found = state is WorkerState.SUCCESS and isinstance(result, extraction_type)
            if found and self.reading.extraction is None:  # unless the whole book's came first
                assert isinstance(result, extraction_type)
                self.reading.first_screens = result
                self.show(result)
            return
        if worker.name != "extract":
            return
        if state is WorkerState.SUCCESS and isinstance(result, extraction_type):
            self.show(result)
        elif state is WorkerState.ERROR and self._alive():
            self._notify("Could not find quotes in this article.", severity="warning")
            self.show(extraction_type())

    # ----------------------------------------------------------------- showing

    def show(self, extraction: Extraction) -> None:
        """Colour speakers, tint their quotes and fill the panes with `extraction`."""
        self.reading.extraction = extraction
        dark = self._dark()
        self.colours = {
            speaker.id: speaker_colour(rank, dark=dark)
            for rank, speaker in enumerate(extraction.speakers)
        }
        spans: list[MarkSpan] = []
        styles: dict[str | None, Style] = {}  # one per colour: a book has tens of thousands
        for quote in extraction.quotes:
            colour = self.colours.get(quote.speaker or "")
            style = styles.get(colour)
            if style is None:
                style = styles[colour] = (
                    Style(color=colour, italic=True) if colour else Style(italic=True)
                )
            spans.extend((start, end, style) for start, end in _pieces(quote))
        self._view.set_marks("quotes", spans, priority=0)
        for pane in self._speakers_panes():  # none before the panes are mounted
            pane.show(extraction, self.colours)
        for quotes_pane in self._quotes_panes():
            quotes_pane.show(extraction, self.colours)
        quotes = len(extraction.quotes)
        speakers = len(extraction.speakers)
        self._status.counts = (
            f"{counted(quotes, 'quote')} · {counted(speakers, 'speaker')}"
            + " so far" * (extraction is self.reading.first_screens)  # the whole book's follow
        )
        if self.selected_speaker:
            self._show_speaker()

    def fill_panes(self) -> None:
        """Fill panes mounted after the screen with what is known."""
        if self.reading.extraction is not None:
            self.show(self.reading.extraction)
            return
        for pane in self._speakers_panes():
            pane.show(None, {})
        for quotes_pane in self._quotes_panes():
            quotes_pane.show(None, {})

    def recolour(self) -> None:
        """Re-colour speakers for a dark or light theme."""
        if self.reading.extraction is not None:
            self.show(self.reading.extraction)

    def _show_speaker(self) -> None:
        """Highlight the selected speaker's quotes and name them in the status line."""
        extraction = self.reading.extraction
        speaker = extraction.speaker(self.selected_speaker) if extraction else None
        if speaker is None or extraction is None:
            self._view.clear_marks("speaker")
            self._status.speaker = ""
            return
        quotes = extraction.quotes_by(speaker.id)
        self._view.set_marks(
            "speaker",
            [(s, e, "article-view--selected") for q in quotes for s, e in _pieces(q)],
            priority=10,
        )
        self._status.speaker = f"{speaker.name} (n/N)"

    # ----------------------------------------------------------------- moving

    def select_speaker(self, speaker_id: str) -> None:
        """Highlight `speaker_id`'s quotes and jump to their first one after the position."""
        extraction = self.reading.extraction
        if extraction is None or extraction.speaker(speaker_id) is None:
            return
        self._speaker_chosen()  # n/N follow whichever was chosen last: a search ends
        if speaker_id != self.selected_speaker:
            self.selected_speaker = speaker_id
            self._show_speaker()
        quotes = self._quote_indexes(speaker_id)
        if quotes:
            after = [i for i in quotes if extraction.quotes[i].start >= self._view.top_offset]
            self.jump_to_quote((after or quotes)[0])
        else:
            self._view.focus()

    def clear_speaker(self) -> None:
        """Forget the selected speaker (and take their highlights away)."""
        if self.selected_speaker is not None:
            self.selected_speaker = None
            self._show_speaker()

    def jump_to_quote(self, index: int) -> None:
        """Show quote `index` in the middle of the article pane and flash it."""
        extraction = self.reading.extraction
        if extraction is None or not 0 <= index < len(extraction.quotes):
            return
        quote = extraction.quotes[index]
        self._current_quote = index
        self._view.scroll_to_offset(quote.start, center=True)
        self._view.flash(quote.start, quote.end)
        for pane in self._quotes_panes():  # its cursor follows ) and ( (none before mounting)
            pane.highlight_quote(index)
        self._focus_article()  # now, not after the queue: keys typed next move the article

    def _quote_indexes(self, speaker_id: str | None) -> list[int]:
        extraction = self.reading.extraction
        if extraction is None:
            return []
        quotes = extraction.quotes
        if speaker_id is None:
            return list(range(len(quotes)))
        return [i for i, quote in enumerate(quotes) if quote.speaker == speaker_id]

    def _anchor(self) -> int:
        """Offset that 'next' and 'previous' count from: the current quote if on screen."""
        extraction = self.reading.extraction
        if extraction is not None and self._current_quote is not None:
            quote = extraction.quotes[self._current_quote]
            if self._view.is_offset_visible(quote.start):
                return quote.start
        return self._view.top_offset - 1

    def step(self, step: int, *, by_speaker: bool = False) -> None:
        """The next (1) or previous (-1) quote, of the selected speaker with `by_speaker`."""
        extraction = self.reading.extraction
        if extraction is None:
            self._notify("Still finding quotes…", timeout=2)
            return
        indexes = self._quote_indexes(self.selected_speaker if by_speaker else None)
        if not indexes:
            self._notify("No quotes found in this article.", timeout=2)
            return
        anchor = self._anchor()
        quotes = extraction.quotes
        if step > 0:
            following = [i for i in indexes if quotes[i].start > anchor]
            if not following:
                self._notify("No more quotes below.", timeout=2)
                return
            self.jump_to_quote(following[0])
        else:
            before = [i for i in indexes if quotes[i].start < anchor]
            if not before:
                self._notify("No more quotes above.", timeout=2)
                return
            self.jump_to_quote(before[-1])

    def copy(self) -> None:
        """Copy a quote or the paragraph to the clipboard (OSC 52).

        In the Quotes pane, the quote under its cursor; elsewhere the current quote if it is on
        screen, else the current paragraph.
        """
        text = ""
        what = "paragraph"
        extraction = self.reading.extraction
        focused = self._focused()
        chosen = focused.highlighted_quote if isinstance(focused, QuotesPane) else None
        current = self._current_quote
        if chosen is None and extraction is not None and current is not None:
            on_screen = self._view.is_offset_visible(extraction.quotes[current].start)
            chosen = current if on_screen else None
        if extraction is not None and chosen is not None:
            text, what = extraction.quotes[chosen].text, "quote"
        article = self.reading.article
        if not text and article.paragraphs:
            index = min(self._view.cursor, len(article.paragraphs) - 1)
            text = article.paragraphs[index].text
        if not text:
            return
        self._copy(text)
        self._notify(f"Copied the {what} ({counted(len(text), 'character')}).", timeout=2)


def _pieces(quote: Quote) -> list[tuple[int, int]]:
    """The ranges of `Article.text` a quote covers (its segments, or start to end)."""
    if quote.segments:
        return [(span.start, span.end) for span in quote.segments]
    return [(quote.start, quote.end)]
