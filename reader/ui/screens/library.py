"""The library screen: the articles, the people across them, and what a person said.

A plain `Screen` composing three option lists in a `ContentSwitcher` and a filter line. It
reads the domain `Library` it is given (attributes down) and posts `LibraryScreen.Opened`
(message up) when the user chooses an article or a quote; the app decides what opening means.
Every text from articles is shown literally (`Content`, never markup).

Keys: `j`/`k` move, `enter` chooses, `/` filters the list shown, `s` the Speakers view, `a`
the Articles view, `escape` goes back (from what a person said to the Speakers), `q` quits.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.library import Library, PersonRow, Said
from reader.search.fold import fold


class LibraryList(OptionList):
    """An option list with the reader's vi keys, borderless (80x24 has no room to spare)."""

    DEFAULT_CSS = """
    LibraryList, LibraryList:focus { height: 1fr; border: none; padding: 0; }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a list: what it shows, what filtering matches, and what choosing opens."""

    label: str
    """The line shown (literal text)."""
    key: str
    """The article id, or the person id."""
    offset: int = 0
    """Where to open the article (a quote's offset)."""


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _said(said: Said) -> str:
    """What was said: in quote marks when direct, as reported when indirect."""
    text = _one_line(said.text, 60)
    return text if said.kind == "indirect" else f"“{text}”"


class LibraryScreen(Screen[None]):
    """Articles, Speakers, and what one speaker said, with a filter line."""

    DEFAULT_CSS = """
    LibraryScreen #library-title { height: 1; background: $panel; padding: 0 1; }
    LibraryScreen ContentSwitcher { height: 1fr; }
    LibraryScreen #library-filter { height: 1; border: none; padding: 0 1; }
    LibraryScreen #library-keys { height: 1; color: $text-muted; padding: 0 1; }
    """

    BINDINGS = [
        Binding("s", "speakers", "Speakers"),
        Binding("a", "articles", "Articles"),
        Binding("slash", "filter", "Filter"),
        Binding("enter", "choose", "Open", priority=True, show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("q", "quit", "Quit"),
    ]

    class Opened(Message):
        """The user chose an article (at a quote's offset, or its top)."""

        def __init__(self, article_id: str, offset: int) -> None:
            super().__init__()
            self.article_id = article_id
            """The article to open."""
            self.offset = offset
            """Where to open it."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        """The library shown."""
        self._entries: dict[str, list[Entry]] = {"articles": [], "speakers": [], "said": []}
        self._person: PersonRow | None = None

    def compose(self) -> ComposeResult:
        """The title line, the three lists, the filter and the key hints."""
        yield Static(id="library-title")
        with ContentSwitcher(initial="articles"):
            yield LibraryList(id="articles")
            yield LibraryList(id="speakers")
            yield LibraryList(id="said")
        yield Input(placeholder="/ to filter", id="library-filter")
        yield Static(
            "j/k move  enter open  / filter  s speakers  a articles  esc back  q quit",
            id="library-keys",
        )

    def on_mount(self) -> None:
        """Fill the lists and show the articles."""
        rows = self.library.articles()
        self._entries["articles"] = [
            Entry(
                f"{'  ' if row.meta.read else '• '}{row.meta.date[:10]}  "
                f"{_one_line(row.meta.title or 'Untitled', 48)}  "
                f"({row.quotes} quotes, {row.speakers} speakers)",
                row.meta.id,
            )
            for row in rows
        ]
        self._people = {p.id: p for p in self.library.people()}
        self._entries["speakers"] = [
            Entry(
                f"{_one_line(p.name, 36)}  {p.quotes} quote{'s' * (p.quotes != 1)} in "
                f"{p.articles} article{'s' * (p.articles != 1)}",
                p.id,
            )
            for p in self._people.values()
        ]
        self._show("articles")

    # -- views -------------------------------------------------------------------------------

    @property
    def view(self) -> str:
        """The list shown: `articles`, `speakers` or `said`."""
        return self.query_one(ContentSwitcher).current or "articles"

    def _show(self, view: str, title: str = "") -> None:
        self.query_one(ContentSwitcher).current = view
        self._fill(view, "")
        filter_line = self.query_one("#library-filter", Input)
        filter_line.value = ""
        counts = {
            "articles": f"Library: {len(self._entries['articles'])} articles",
            "speakers": f"Speakers: {len(self._entries['speakers'])} people across the library",
            "said": title,
        }
        self.query_one("#library-title", Static).update(Content(counts[view]))
        self.set_focus(self.query_one(f"#{view}", LibraryList))

    def _fill(self, view: str, query: str) -> None:
        listing = self.query_one(f"#{view}", LibraryList)
        wanted = fold(query).split()
        shown = [
            (number, entry)
            for number, entry in enumerate(self._entries[view])
            if all(word in fold(entry.label) for word in wanted)
        ]
        listing.clear_options()
        listing.add_options(Option(Content(entry.label), id=str(n)) for n, entry in shown)
        if shown:
            listing.highlighted = 0

    def show_said(self, person: PersonRow) -> None:
        """List what `person` said, newest first."""
        self._person = person
        said: list[Said] = self.library.said(person.id)
        self._entries["said"] = [
            Entry(f"{s.date[:10]}  {_one_line(s.title, 24)}  {_said(s)}", s.article_id, s.start)
            for s in said
        ]
        articles = f"{person.articles} article{'s' * (person.articles != 1)}"
        self._show("said", f"{person.name}: {len(said)} quotes in {articles}")

    # -- actions -----------------------------------------------------------------------------

    def action_speakers(self) -> None:
        """Show everyone who speaks across the library."""
        self._show("speakers")

    def action_articles(self) -> None:
        """Show the articles."""
        self._show("articles")

    def action_filter(self) -> None:
        """Open the filter line for the list shown."""
        # Focused at once (not after a refresh, as `focus()` does): keys typed right after `/`
        # belong to the filter, however fast they come (a paste, a pty).
        self.set_focus(self.query_one("#library-filter", Input))

    def action_back(self) -> None:
        """Clear the filter, or go back from what a person said to the speakers."""
        filter_line = self.query_one("#library-filter", Input)
        if filter_line.has_focus or filter_line.value:
            filter_line.value = ""
            self._fill(self.view, "")
            self.query_one(f"#{self.view}", LibraryList).focus()
        elif self.view == "said":
            self._show("speakers")

    def action_quit(self) -> None:
        """Leave the library."""
        self.app.exit()

    def action_choose(self) -> None:
        """`enter`: from the filter line, back to its list; in a list, open what is there.

        Done here, at once, rather than through `Input.Submitted`: a key typed right after
        `enter` must reach the list, not the filter.
        """
        listing = self.query_one(f"#{self.view}", LibraryList)
        if self.query_one("#library-filter", Input).has_focus:
            self.set_focus(listing)
        else:
            listing.action_select()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter the list shown as the user types."""
        self._fill(self.view, event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open an article, or list what a person said."""
        event.stop()
        view = self.view
        entry = self._entries[view][int(event.option.id or 0)]
        if view == "speakers":
            self.show_said(self._people[entry.key])
        else:
            self.post_message(self.Opened(entry.key, entry.offset))
