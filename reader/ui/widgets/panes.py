"""Side panes: speakers, quotes and table of contents, each a virtualised `OptionList`.

Each pane shows values it is given (`show(...)`) and posts a nested, past-tense message when the
user picks an entry with enter or a click; the screen decides what happens (jump, highlight).
Every prompt is a `rich.text.Text` built from plain strings, so names and quotes are literal.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from rich.console import Console
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style as VisualStyle
    from textual.visual import RenderOptions

    # Types only: importing `reader.extract` at start-up would load the extractor early.
    from reader.document import Paragraph
    from reader.extract.model import Extraction, Quote, Speaker


class Pane(OptionList):
    """A side pane: an option list with vi keys and a numbered border title."""

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

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
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

        The first `BATCH` at once, the rest a batch per timer tick: the option list wraps every
        entry it is given to know its height, about a second for a book's 7,500 quotes, which
        in one go would freeze the keys and keep the pane empty for that long.
        """
        self.clear_options()
        self._listing += 1  # a batch still queued from an earlier call stops
        if extraction is None:
            self.add_option(Option(Text("finding quotes…", style="italic"), disabled=True))
            self._set_count(None)
            return
        indexes = range(len(extraction.quotes)) if quotes is None else quotes
        if not indexes:
            self.add_option(Option(Text("no quotes found", style="italic"), disabled=True))
        self._add_quotes(extraction, colours, indexes, 0, self._listing)
        self._set_count(len(indexes))
        self._highlight_first(bool(indexes))

    BATCH = 150
    """Quotes added to the list per step (~15 ms on the 2-core VM)."""
    _listing = 0

    def _add_quotes(
        self,
        extraction: Extraction,
        colours: dict[str, str],
        indexes: Sequence[int],
        start: int,
        listing: int,
    ) -> None:
        """Add one batch of `indexes` from `start`, then queue the next."""
        if listing != self._listing:
            return
        end = start + self.BATCH
        console = self.app.console
        self.add_options(
            Option(_QuotePrompt(extraction, i, colours, console), id=f"q{i}")
            for i in indexes[start:end]
        )
        if end < len(indexes):
            self.set_timer(
                0.005, partial(self._add_quotes, extraction, colours, indexes, end, listing)
            )

    @staticmethod
    def _prompt(extraction: Extraction, quote: Quote, colours: dict[str, str]) -> Text:
        speaker = extraction.speaker(quote.speaker)
        prompt = Text()  # wraps: the quote's start takes two rows
        colour = colours.get(speaker.id) if speaker else None
        name = _clip(speaker.name if speaker else "unattributed", 24)
        prompt.append(
            name,
            Style(color=colour, bold=True) if colour else Style(italic=True, dim=True),
        )
        prompt.append(": ")
        prompt.append(_clip(quote.text, 76 - len(name)))  # two rows of a 40-column pane
        return prompt

    @property
    def highlighted_quote(self) -> int | None:
        """Position in `Extraction.quotes` of the quote under the cursor, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < self.option_count:
            return None
        option_id = self.get_option_at_index(index).id
        return int(option_id[1:]) if option_id and option_id.startswith("q") else None

    def highlight_quote(self, quote: int) -> None:
        """Put the cursor on quote `quote` (a position in `Extraction.quotes`) when listed."""
        try:
            self.highlighted = self.get_option_index(f"q{quote}")
        except Exception:  # OptionDoesNotExist: not listed (still finding, or filtered out)
            return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the list's selection into `QuoteSelected`."""
        event.stop()
        option_id = event.option.id
        if option_id is not None and option_id.startswith("q"):
            self.post_message(self.QuoteSelected(self, int(option_id[1:])))


class _QuotePrompt(Visual):
    """A Quotes pane entry that makes its styled text only while it is measured or drawn.

    The option list keeps every entry's prompt (and the visual made from it) for as long as it
    lists it: for a book's 7,500 quotes, `rich.text.Text` prompts and their `Content` took about
    10 MB of the reader's 115. This keeps the quote's position and a height per width; the text
    is made again, exactly as it would have been, for the few entries on screen.
    """

    __slots__ = ("_colours", "_console", "_extraction", "_height", "_index")

    def __init__(
        self, extraction: Extraction, index: int, colours: dict[str, str], console: Console
    ) -> None:
        self._extraction = extraction
        self._index = index
        self._colours = colours
        self._console = console
        self._height = (-1, 0)
        """The last width measured, and the entry's height at that width."""

    def _content(self) -> Content:
        """The entry as it shows: speaker and the quote's start (`QuotesPane._prompt`)."""
        extraction = self._extraction
        prompt = QuotesPane._prompt(extraction, extraction.quotes[self._index], self._colours)
        return Content.from_rich_text(prompt, console=self._console)

    def __str__(self) -> str:
        return self._content().plain

    def render_strips(
        self, width: int, height: int | None, style: VisualStyle, options: RenderOptions
    ) -> list[Strip]:
        """Draw the entry (Textual's Visual protocol)."""
        return self._content().render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The entry's width unwrapped (Textual's Visual protocol)."""
        return self._content().get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Rows the entry takes at `width` (Textual's Visual protocol), measured once a width."""
        measured_width, height = self._height
        if measured_width != width:
            height = self._content().get_height(rules, width)
            self._height = (width, height)
        return height


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

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the list's selection into `HeadingSelected`."""
        event.stop()
        option_id = event.option.id
        if option_id is not None and option_id.startswith("h"):
            self.post_message(self.HeadingSelected(self, int(option_id[1:])))
