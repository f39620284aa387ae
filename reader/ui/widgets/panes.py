"""Side panes: speakers, quotes and table of contents, each an `EntryList` (Line API).

Each pane shows values it is given (`show(...)`) and posts a nested, past-tense message when the
user picks an entry with enter or a click; the screen decides what happens (jump, highlight).
Every prompt is a `rich.text.Text` built from plain strings, so names and quotes are literal.
The Quotes pane makes its entries only when they are drawn or measured (`QuoteSource`): a book
has tens of thousands of quotes, and listing them costs nothing until they are on screen.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from reader.ui.widgets.entry_list import EntryList

if TYPE_CHECKING:
    # Types only: importing `reader.extract` at start-up would load the extractor early.
    from reader.document import Paragraph
    from reader.extract.model import Extraction, Quote, Speaker


class Pane(EntryList):
    """A side pane: an entry list with vi keys and a numbered border title."""

    DEFAULT_CSS = """
    Pane {
        height: 1fr;
        border: round $foreground 30%;
        padding: 0;
        scrollbar-size-vertical: 1;
    }
    Pane:focus {
        border: round $accent;
    }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="pane.down"),
        Binding("k", "cursor_up", "Up", show=False, id="pane.up"),
        Binding("g", "first", "First", show=False, id="pane.first"),
        Binding("G", "last", "Last", show=False, id="pane.last"),
        Binding("space", "page_down", "Page down", show=False, id="pane.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="pane.page_up"),
    ]

    PANE_TITLE = "Pane"
    """The name shown in the border, after the number key that focuses the pane."""

    def __init__(self, number: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.number = number
        """The number key that focuses this pane."""
        self.border_title = f"{number} {self.PANE_TITLE}"

    def _highlight_first(self, any_entries: bool) -> None:
        """Put the cursor on the first entry, so enter works as soon as the pane is focused."""
        if any_entries and self.highlighted is None:
            self.highlighted = 0

    def _set_count(self, count: int | None) -> None:
        """Show how many entries the pane has in its border."""
        suffix = "" if count is None else f" ({count})"
        self.border_title = f"{self.number} {self.PANE_TITLE}{suffix}"


def _clip(text: str, limit: int) -> str:
    """`text` on one line, cut at `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class SpeakersPane(Pane):
    """Who speaks: each speaker with their number of quotes, most quoted first."""

    DEFAULT_CSS = """
    SpeakersPane {
        text-wrap: nowrap;  /* one line per speaker: a long name ends in an ellipsis */
        text-overflow: ellipsis;
    }
    """

    PANE_TITLE = "Speakers"

    class SpeakerSelected(Message):
        """The user picked a speaker."""

        def __init__(self, pane: SpeakersPane, speaker_id: str) -> None:
            super().__init__()
            self.pane = pane
            """The pane it came from."""
            self.speaker_id = speaker_id
            """Id of the chosen speaker."""

        @property
        def control(self) -> SpeakersPane:
            """The pane it came from."""
            return self.pane

    def show(self, extraction: Extraction | None, colours: dict[str, str]) -> None:
        """List the speakers of `extraction` (None while extraction is still running)."""
        self.clear_options()
        if extraction is None:
            self.add_option(Option(Text("finding speakers…", style="italic"), disabled=True))
            self._set_count(None)
            return
        speakers = sorted(extraction.speakers, key=lambda s: (-s.quote_count, s.name.casefold()))
        if not speakers:
            self.add_option(Option(Text("no speakers found", style="italic"), disabled=True))
        # Counts right-aligned in a column as wide as the largest, so the names line up.
        width = max([3, *(len(str(speaker.quote_count)) for speaker in speakers)])
        self.add_options(
            Option(self._prompt(speaker, colours.get(speaker.id), width), id=speaker.id)
            for speaker in speakers
        )
        self._set_count(len(speakers))
        self._highlight_first(bool(speakers))

    @staticmethod
    def _prompt(speaker: Speaker, colour: str | None, width: int) -> Text:
        prompt = Text()
        prompt.append("● ", Style(color=colour) if colour else Style())
        prompt.append(f"{speaker.quote_count:>{width}} ", "dim")
        prompt.append(speaker.name)
        if speaker.organisation:
            prompt.append(" [org]", "italic dim")
        return prompt

    def on_entry_list_option_selected(self, event: EntryList.OptionSelected) -> None:
        """Turn the list's selection into `SpeakerSelected`."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SpeakerSelected(self, event.option.id))


class QuotesPane(Pane):
    """Every quote in article order: who said it and how it starts."""

    PANE_TITLE = "Quotes"

    class QuoteSelected(Message):
        """The user picked a quote."""

        def __init__(self, pane: QuotesPane, index: int) -> None:
            super().__init__()
            self.pane = pane
            """The pane it came from."""
            self.index = index
            """Position of the quote in `Extraction.quotes`."""

        @property
        def control(self) -> QuotesPane:
            """The pane it came from."""
            return self.pane

    def show(
        self,
        extraction: Extraction | None,
        colours: dict[str, str],
        quotes: Sequence[int] | None = None,
    ) -> None:
        """List the quotes (all, or only those at `quotes` indexes) with speaker and start.

        Nothing is made yet: the entries on screen are made when drawn (`QuoteSource`).
        """
        if extraction is None:
            self.clear_options()
            self.add_option(Option(Text("finding quotes…", style="italic"), disabled=True))
            self._set_count(None)
            return
        indexes = range(len(extraction.quotes)) if quotes is None else quotes
        if indexes:
            self.set_source(QuoteSource(extraction, indexes, colours))
        else:
            self.clear_options()
            self.add_option(Option(Text("no quotes found", style="italic"), disabled=True))
        self._set_count(len(indexes))
        self._highlight_first(bool(indexes))

    @property
    def highlighted_quote(self) -> int | None:
        """Position in `Extraction.quotes` of the quote under the cursor, if any."""
        index = self.highlighted
        source = self.source
        if index is None or not isinstance(source, QuoteSource) or not 0 <= index < len(source):
            return None
        return source.indexes[index]

    def highlight_quote(self, quote: int) -> None:
        """Put the cursor on quote `quote` (a position in `Extraction.quotes`) when listed."""
        source = self.source
        position = source.position(quote) if isinstance(source, QuoteSource) else None
        if position is not None:
            self.highlighted = position

    def on_entry_list_option_selected(self, event: EntryList.OptionSelected) -> None:
        """Turn the list's selection into `QuoteSelected`."""
        event.stop()
        option_id = event.option.id
        if option_id is not None and option_id.startswith("q"):
            self.post_message(self.QuoteSelected(self, int(option_id[1:])))


class QuoteSource:
    """The Quotes pane's entries, made from the extraction only when drawn or measured.

    A list of options kept every quote's prompt: for a book's 20,000 quotes, tens of MB and a
    second to make. This keeps the extraction, which quotes are listed, and the colours.
    """

    def __init__(
        self, extraction: Extraction, indexes: Sequence[int], colours: dict[str, str]
    ) -> None:
        self.extraction = extraction
        """Where the quotes come from."""
        self.indexes = indexes
        """Positions in `Extraction.quotes` of the quotes listed, in list order."""
        self.colours = colours
        """Speaker id to colour."""

    def __len__(self) -> int:
        return len(self.indexes)

    def _parts(self, index: int) -> tuple[str, str, str | None, bool]:
        """Entry `index`: the speaker's name, the quote's start, a colour, attributed or not."""
        extraction = self.extraction
        quote: Quote = extraction.quotes[self.indexes[index]]
        speaker = extraction.speaker(quote.speaker)
        name = _clip(speaker.name if speaker else "unattributed", 24)
        colour = self.colours.get(speaker.id) if speaker else None
        return name, _clip(quote.text, 76 - len(name)), colour, speaker is not None  # 2 rows

    def option(self, index: int) -> Option:
        """Entry `index`: the speaker in their colour (bold), then how the quote starts."""
        name, start, colour, _ = self._parts(index)
        prompt = Text()
        prompt.append(
            name, Style(color=colour, bold=True) if colour else Style(italic=True, dim=True)
        )
        prompt.append(": ")
        prompt.append(start)
        return Option(prompt, id=f"q{self.indexes[index]}")

    def plain(self, index: int) -> str:
        """Entry `index` as plain text (measured for its height)."""
        name, start, _, _ = self._parts(index)
        return f"{name}: {start}"

    def position(self, quote: int) -> int | None:
        """Where quote `quote` (a position in `Extraction.quotes`) is listed, or None."""
        indexes = self.indexes
        if isinstance(indexes, range):
            return indexes.index(quote) if quote in indexes else None
        at = bisect_left(indexes, quote)  # the listed quotes are in article order
        if at < len(indexes) and indexes[at] == quote:
            return at
        try:
            return list(indexes).index(quote)
        except ValueError:
            return None


class ContentsPane(Pane):
    """The table of contents: the article's headings, indented by level."""

    DEFAULT_CSS = """
    ContentsPane {
        text-wrap: nowrap;  /* one line per heading: a long one ends in an ellipsis */
        text-overflow: ellipsis;
    }
    """

    PANE_TITLE = "Contents"

    class HeadingSelected(Message):
        """The user picked a heading."""

        def __init__(self, pane: ContentsPane, paragraph: int) -> None:
            super().__init__()
            self.pane = pane
            """The pane it came from."""
            self.paragraph = paragraph
            """Index of the heading's paragraph."""

        @property
        def control(self) -> ContentsPane:
            """The pane it came from."""
            return self.pane

    def show(self, headings: Sequence[Paragraph]) -> None:
        """List `headings`."""
        self.clear_options()
        if not headings:
            self.add_option(Option(Text("no headings", style="italic"), disabled=True))
        self.add_options(
            Option(
                Text("  " * max(0, heading.level - 1) + _clip(heading.text, 100)),
                id=f"h{heading.position}",
            )
            for heading in headings
        )
        self._set_count(len(headings))
        self._highlight_first(bool(headings))

    def on_entry_list_option_selected(self, event: EntryList.OptionSelected) -> None:
        """Turn the list's selection into `HeadingSelected`."""
        event.stop()
        option_id = event.option.id
        if option_id is not None and option_id.startswith("h"):
            self.post_message(self.HeadingSelected(self, int(option_id[1:])))
