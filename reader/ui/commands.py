"""Command-palette providers: speakers, quotes, headings and reader commands (ctrl+p).

Matching uses rapidfuzz (in C) over our own strings; Textual's fuzzy matcher is never fed body
text, which would be slow on a book and would interpret nothing but still cost per character.
Displays are `rich.text.Text` built from plain strings, so quotes with brackets stay literal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.ui.screens.reader import ReaderScreen

LIMIT = 30
"""Most hits a provider returns for one query."""
CUTOFF = 55.0
"""Lowest rapidfuzz score (0-100) shown."""


def _reader_screen(provider: Provider) -> ReaderScreen | None:
    from reader.ui.screens.reader import ReaderScreen

    screen = provider.screen
    return screen if isinstance(screen, ReaderScreen) else None


def rank(
    query: str, choices: Sequence[str], *, partial_match: bool = False
) -> list[tuple[int, float]]:
    """(index, score 0-1) of the `choices` that match `query`, best first."""
    from rapidfuzz import fuzz, process  # loaded on the first search, not at start-up

    scorer = fuzz.partial_ratio if partial_match else fuzz.WRatio
    found = process.extract(
        query,
        choices,
        scorer=scorer,
        processor=str.casefold,
        limit=LIMIT,
        score_cutoff=CUTOFF,
    )
    return [(index, score / 100.0) for _choice, score, index in found]


class SpeakerCommands(Provider):
    """Jump to a speaker: select them and go to their first quote."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        screen = _reader_screen(self)
        if screen is None or screen.extraction is None:
            return []
        return [
            (
                speaker.name,
                f"{speaker.quote_count} quotes"
                + (" · organisation" if speaker.organisation else ""),
                partial(screen.select_speaker, speaker.id),
            )
            for speaker in screen.extraction.speakers
        ]

    async def discover(self) -> Hits:
        """List the most quoted speakers when nothing is typed."""
        for name, help_text, command in self._entries()[:10]:
            yield DiscoveryHit(Text("Speaker: " + name), command, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        """Speakers whose name matches `query`."""
        entries = self._entries()
        for index, score in rank(query, [name for name, _, _ in entries]):
            name, help_text, command = entries[index]
            yield Hit(score, Text("Speaker: " + name), command, text=name, help=help_text)


class QuoteCommands(Provider):
    """Jump to a quote by some of its words."""

    async def search(self, query: str) -> Hits:
        """Quotes whose words match `query` (partial matching: a few words find a long quote)."""
        screen = _reader_screen(self)
        if screen is None or screen.extraction is None or len(query) < 3:
            return
        extraction = screen.extraction
        texts = [quote.text for quote in extraction.quotes]
        for index, score in rank(query, texts, partial_match=True):
            quote = extraction.quotes[index]
            speaker = extraction.speaker(quote.speaker)
            who = speaker.name if speaker else "unattributed"
            shown = " ".join(quote.text.split())
            shown = shown if len(shown) <= 90 else shown[:89] + "…"
            yield Hit(
                score * 0.95,
                Text(f"“{shown}”"),
                partial(screen.jump_to_quote, index),
                text=quote.text,
                help=who,
            )


class HeadingCommands(Provider):
    """Jump to a heading of the article."""

    async def search(self, query: str) -> Hits:
        """Headings that match `query`."""
        screen = _reader_screen(self)
        if screen is None:
            return
        headings = screen.article.headings()
        for index, score in rank(query, [heading.text for heading in headings]):
            heading = headings[index]
            yield Hit(
                score,
                Text("Heading: " + heading.text),
                partial(screen.jump_to_paragraph, heading.index),
                text=heading.text,
            )


class ReaderCommands(Provider):
    """The reader's own actions (the same as its keys), by name."""

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = _reader_screen(self)
        if screen is None:
            return []
        return screen.palette_commands()

    async def discover(self) -> Hits:
        """All reader commands when nothing is typed."""
        for title, help_text, command in self._entries():
            yield DiscoveryHit(Text(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        """Reader commands whose name matches `query`."""
        entries = self._entries()
        for index, score in rank(query, [title for title, _, _ in entries]):
            title, help_text, command = entries[index]
            yield Hit(score, Text(title), command, text=title, help=help_text)
