"""Command-palette providers: speakers, quotes, headings, notes and reader commands (ctrl+p).

Every provider scores its labels with `reader.search.palette.rank_labels` (rapidfuzz, in C, ignoring
case and diacritics); Textual's own fuzzy matcher is never fed body text, which takes seconds
on paragraph-length labels. Displays are `rich.text.Text` built from plain strings, so quotes
with brackets stay literal, and the characters that matched are shown in bold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui import deferred
from reader.ui.counts import counted
from reader.ui.library_keep import LibraryKeeper
from reader.ui.notes_controller import PaletteCommand
from reader.ui.screens.reader import ReaderScreen

LIMIT = 30
"""Most hits a provider returns for one query."""
SHOWN = 90
"""Longest label shown; longer ones (quotes, notes) are cut with an ellipsis."""
QUOTE_MIN_QUERY = 3
"""Quotes are only searched from this many characters on (one letter matches them all)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the palette can offer: what it says, what it does."""

    label: str
    """What is scored and shown (after `prefix`)."""
    command: Callable[[], object]
    """What choosing it does."""
    help: str = ""
    """A dim second line (the key, the speaker, the quote count)."""
    prefix: str = ""
    """Shown before the label and not scored (`Speaker: `)."""


def _reader_screen(provider: Provider) -> ReaderScreen | None:
    screen = provider.screen
    return screen if isinstance(screen, ReaderScreen) else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def display(entry: Entry, positions: Sequence[int] = ()) -> Text:
    """The label as shown: prefix, the label cut to `SHOWN`, matched characters in bold."""
    label = entry.label if len(entry.label) <= SHOWN else entry.label[: SHOWN - 1] + "…"
    text = Text(entry.prefix, style="dim", end="")
    body = Text(label, end="")
    for position in positions:
        if position < len(label):
            body.stylize("bold underline", position, position + 1)
    text.append_text(body)
    return text


def ranked(query: str, entries: Sequence[Entry], *, weight: float = 1.0) -> list[Hit]:
    """Palette hits for the `entries` whose labels match `query`, scored by `rank_labels`."""
    hits = []
    for match in deferred.rank_labels(query, [entry.label for entry in entries], limit=LIMIT):
        entry = entries[match.index]
        hits.append(
            Hit(
                match.score / 100.0 * weight,
                display(entry, match.positions),
                entry.command,
                text=entry.prefix + entry.label,
                help=entry.help or None,
            )
        )
    return hits


class EntryProvider(Provider):
    """A provider over a list of entries built from the reader screen."""

    WEIGHT = 1.0
    """Multiplies the scores, so commands and names come before long quotes at a tie."""
    MIN_QUERY = 1
    """Shortest query searched."""
    DISCOVER = 0
    """How many entries to list when nothing is typed."""

    def entries(self, screen: ReaderScreen) -> list[Entry]:
        """What this provider offers on `screen`."""
        raise NotImplementedError

    def _entries(self) -> list[Entry]:
        screen = _reader_screen(self)
        return self.entries(screen) if screen is not None else []

    async def discover(self) -> Hits:
        """The first entries, when nothing is typed."""
        for entry in self._entries()[: self.DISCOVER]:
            yield DiscoveryHit(
                display(entry), entry.command, text=entry.prefix + entry.label, help=entry.help
            )

    async def search(self, query: str) -> Hits:
        """Entries whose labels match `query`, best first."""
        if len(query.strip()) < self.MIN_QUERY:
            return
        for hit in ranked(query, self._entries(), weight=self.WEIGHT):
            yield hit


class SpeakerCommands(EntryProvider):
    """Jump to a speaker: select them and go to their first quote."""

    DISCOVER = 10

    def entries(self, screen: ReaderScreen) -> list[Entry]:
        """Every speaker, most quoted first."""
        extraction = screen.reading.extraction
        if extraction is None:
            return []
        found = []
        for speaker in extraction.speakers:
            kind = " · organisation" if speaker.organisation else ""
            found.append(
                Entry(
                    speaker.name,
                    partial(screen.quotes.select_speaker, speaker.id),
                    counted(speaker.quote_count, "quote") + kind,
                    "Speaker: ",
                )
            )
        return found


class QuoteCommands(EntryProvider):
    """Jump to a quote by some of its words."""

    WEIGHT = 0.95
    MIN_QUERY = QUOTE_MIN_QUERY

    def entries(self, screen: ReaderScreen) -> list[Entry]:
        """Every quote, with who said it."""
        extraction = screen.reading.extraction
        if extraction is None:
            return []
        found = []
        for index, quote in enumerate(extraction.quotes):
            speaker = extraction.speaker(quote.speaker)
            found.append(
                Entry(
                    _one_line(quote.text),
                    partial(screen.quotes.jump_to_quote, index),
                    speaker.name if speaker else "unattributed",
                    "Quote: ",
                )
            )
        return found


class HeadingCommands(EntryProvider):
    """Jump to a heading of the article."""

    DISCOVER = 10

    def entries(self, screen: ReaderScreen) -> list[Entry]:
        """Every heading, in reading order."""
        return [
            Entry(
                _one_line(heading.text),
                partial(screen.jump_to_paragraph, heading.position),
                f"¶ {heading.position + 1}",
                "Heading: ",
            )
            for heading in screen.reading.article.headings()
        ]


class NoteCommands(EntryProvider):
    """Jump to one of the reader's notes (when the screen has notes)."""

    WEIGHT = 0.97
    DISCOVER = 5

    def entries(self, screen: ReaderScreen) -> list[Entry]:
        """Every note the search controller can see, in reading order."""
        notes = sorted(screen.search.notes(), key=lambda note: (note.start, note.id))
        found = []
        for note in notes:
            command: Callable[[], object] = partial(screen.notes.jump_to, note.id)
            passage = _one_line(screen.reading.article.text[note.start : note.end])
            found.append(Entry(_one_line(note.text) or passage, command, passage[:60], "Note: "))
        return found


def reader_actions(screen: ReaderScreen) -> list[PaletteCommand]:
    """The reader's actions for the command palette: (title, key, callback)."""
    return [
        ("Help: show all keys", "?", screen.app.action_help),  # type: ignore[attr-defined]
        ("Go to top", "g", screen.view.action_top),
        ("Go to bottom", "G", screen.view.action_bottom),
        ("Next quote", ")", screen.action_next_quote),
        ("Previous quote", "(", screen.action_previous_quote),
        ("Copy quote or paragraph", "y", screen.action_copy),
        ("Toggle side panes", "s", screen.action_toggle_panes),
        ("Search", "/", screen.action_search),
        ("Filter paragraphs", "&", screen.action_filter),
        ("Clear speaker selection", "esc", screen.quotes.clear_speaker),
        ("Speakers pane", "2", partial(screen.action_focus_pane, 2)),
        ("Quotes pane", "3", partial(screen.action_focus_pane, 3)),
        ("Notes pane", "5", partial(screen.action_focus_pane, 5)),
        *screen.notes.palette_commands(),
    ]


class ReaderCommands(EntryProvider):
    """The reader's own actions (the same as its keys), by name."""

    DISCOVER = 100

    def entries(self, screen: ReaderScreen) -> list[Entry]:
        """Every action of the reading screen, with its key."""
        return [Entry(title, command, key) for title, key, command in reader_actions(screen)]


class LibraryCommands(EntryProvider):
    """The palette's "Keep in library": add the article to the library (`library_keep.py`)."""

    DISCOVER = 1

    def entries(self, screen: ReaderScreen) -> list[Entry]:
        """The one entry, until the article is kept (not while a book is still being read)."""
        keeper = LibraryKeeper.of(screen.app)
        if keeper is None or not keeper.can_keep():
            return []
        keep = partial(keeper.keep_now, screen.reading.extraction)
        return [Entry("Keep in library", keep, "add this article to your library")]
