"""The library screen: the articles, the people across them, what a person said, and search.

A plain `Screen` composing four option lists in a `ContentSwitcher` and a filter line. It
reads the domain `Library` it is given (attributes down) and posts `LibraryScreen.Opened`
(message up) when the user chooses an article, a quote or a passage; the app decides what
opening means. Every text from articles is shown literally (`Content`, never markup).

Keys: `j`/`k` move, `enter` chooses, `/` filters the list shown, `s` the Speakers view, `a`
the Articles view, `escape` goes back (from what a person said to the Speakers, from search
results to the Articles), `q` quits. In the Articles view, `/` searches the whole library
with the in-article query language (typos, any word order, `"exact"`, `@name`): the articles
whose title matches come first, then the passages and quotes FTS5 ranks best
(`reader.library.search`), searched in a worker thread so typing never waits for it.

A list shows at most `SHOWN` lines (an option list measures every line it holds: 10,000 took
three seconds before the first paint); the title line says how many there are, and `/` finds
any of them. The newest `FIRST_PAINT` articles are read before the first paint, the rest of
the library after it, in a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.library import PersonRow, Said
from reader.library.library import ArticleRow, Library
from reader.ui import deferred

if TYPE_CHECKING:
    from reader.library.search import LibrarySearch

SHOWN = 100
"""Most lines a list holds; the rest are reached by `/`."""

FIRST_PAINT = 30
"""Articles listed before the first paint (a screenful at 80x24 and more); the others up to
`SHOWN` are appended just after it."""

FOUND = 40
"""Most passages and quotes a library-wide search lists."""

TITLES_FOUND = 10
"""Most articles listed first because their title matches the search."""


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
    paragraph: int = -1
    """A passage's paragraph, opened at its start (-1: use `offset`)."""


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _said(said: Said) -> str:
    """What was said: in quote marks when direct, as reported when indirect."""
    text = _one_line(said.text, 60)
    return text if said.kind == "indirect" else f"“{text}”"


def _folded_words(text: str) -> list[str]:
    """The words of `text`, case and diacritics folded (as the filter and search match).

    Folding loads the search package: not before the first paint, which lists unfiltered.
    """
    return deferred.fold_text(text).split() if text else []


def _matches(wanted: list[str], label: str) -> bool:
    """True when every wanted word is in the folded label."""
    folded = deferred.fold_text(label)
    return all(word in folded for word in wanted)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


class LibraryScreen(Screen[None]):
    """Articles, Speakers, what one speaker said, and library-wide search, with a filter line."""

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
        self._entries: dict[str, list[Entry]] = {
            "articles": [],
            "speakers": [],
            "said": [],
            "found": [],
        }
        self._titles: dict[str, str] = {"said": "", "found": ""}
        self._person: PersonRow | None = None
        self._people: dict[str, PersonRow] = {}
        self._article_count = 0
        self._search: LibrarySearch | None = None  # made on the first search

    def compose(self) -> ComposeResult:
        """The title line, the four lists, the filter and the key hints."""
        yield Static(id="library-title")
        with ContentSwitcher(initial="articles"):
            yield LibraryList(id="articles")
            yield LibraryList(id="speakers")
            yield LibraryList(id="said")
            yield LibraryList(id="found")
        yield Input(placeholder="/ to search the library", id="library-filter")
        yield Static(
            "j/k move  enter open  / search  s speakers  a articles  esc back  q quit",
            id="library-keys",
        )

    def on_mount(self) -> None:
        """Show the newest articles now; read the rest of the library after the first paint."""
        self._article_count = self.library.count()
        self._entries["articles"] = self._article_entries(self.library.articles(FIRST_PAINT))
        self._show("articles")
        # After the first paint: the thread's Python would otherwise share the GIL with it.
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Import what filtering, search and the Speakers view need; read the rest in a thread.

        The imports run here, on the UI thread and under the reader's import lock, before any
        thread of this screen can import them: in CPython 3.11 two threads importing parts of
        one package at once (`reader.search`) can fail (`reader.ui.deferred.IMPORT_LOCK`).
        """
        deferred.prepare_library_screen()
        self._load_rest()

    @work(thread=True, group="library-load")
    def _load_rest(self) -> None:
        """Every article and every speaker (for search and the Speakers view).

        In a thread, with its own connection: at 10,000 articles this takes longer than the
        first paint, which must not wait for it.
        """
        library = Library(self.library.root)
        try:
            articles = self._article_entries(library.articles())
            people = {p.id: p for p in library.people()}
        finally:
            library.close()
        speakers = [
            Entry(
                f"{_one_line(p.name, 36)}  {_plural(p.quotes, 'quote')} in "
                f"{_plural(p.articles, 'article')}",
                p.id,
            )
            for p in people.values()
        ]
        self.app.call_from_thread(self._loaded, articles, people, speakers)

    def _loaded(
        self, articles: list[Entry], people: dict[str, PersonRow], speakers: list[Entry]
    ) -> None:
        listed = len(self._entries["articles"])
        self._entries["articles"], self._entries["speakers"] = articles, speakers
        self._people = people
        filter_line = self.query_one("#library-filter", Input)
        if self.view == "articles" and not filter_line.value and listed < SHOWN:
            # Appended, not refilled: where the user has moved to stays highlighted.
            self.query_one("#articles", LibraryList).add_options(
                Option(Content(entry.label), id=str(n))
                for n, entry in enumerate(articles[listed:SHOWN], listed)
            )
            self._set_title("articles", min(SHOWN, len(articles)), self._article_count)
        if self.view == "speakers":
            self._fill("speakers", self.query_one("#library-filter", Input).value)

    @staticmethod
    def _article_entries(rows: list[ArticleRow]) -> list[Entry]:
        entries = []
        for row in rows:
            meta = row.meta
            entries.append(
                Entry(
                    f"{'  ' if meta.read else '• '}{meta.date[:10]}  "
                    f"{_one_line(meta.title or 'Untitled', 48)}  "
                    f"({row.quotes} quotes, {row.speakers} speakers)",
                    meta.id,
                )
            )
        return entries

    # -- views -------------------------------------------------------------------------------

    @property
    def view(self) -> str:
        """The list shown: `articles`, `speakers`, `said` or `found`."""
        return self.query_one(ContentSwitcher).current or "articles"

    def _show(self, view: str, title: str = "") -> None:
        self.query_one(ContentSwitcher).current = view
        if view in self._titles and title:
            self._titles[view] = title
        self._fill(view, "")
        self.query_one("#library-filter", Input).value = ""
        self.set_focus(self.query_one(f"#{view}", LibraryList))

    def _title(self, view: str, shown: int, total: int) -> str:
        if view == "articles":
            title = f"Library: {_plural(self._article_count, 'article')}"
        elif view == "speakers":
            title = f"Speakers: {len(self._people)} people across the library"
        else:
            title = self._titles[view]
        if shown < total:
            title += f" ({shown} shown: / finds the rest)"
        return title

    def _fill(self, view: str, query: str) -> None:
        listing = self.query_one(f"#{view}", LibraryList)
        wanted = _folded_words(query)
        matching = [
            (number, entry)
            for number, entry in enumerate(self._entries[view])
            if not wanted or _matches(wanted, entry.label)
        ]
        shown = matching[:SHOWN]
        listing.clear_options()
        listing.add_options(Option(Content(entry.label), id=str(n)) for n, entry in shown)
        if shown:
            listing.highlighted = 0
        total = self._article_count if view == "articles" and not wanted else len(matching)
        self._set_title(view, len(shown), total)

    def _set_title(self, view: str, shown: int, total: int) -> None:
        self.query_one("#library-title", Static).update(Content(self._title(view, shown, total)))

    def show_said(self, person: PersonRow) -> None:
        """List what `person` said, newest first."""
        self._person = person
        said: list[Said] = self.library.said(person.id)
        self._entries["said"] = [
            Entry(f"{s.date[:10]}  {_one_line(s.title, 24)}  {_said(s)}", s.article_id, s.start)
            for s in said
        ]
        title = (
            f"{person.name}: {_plural(len(said), 'quote')} in {_plural(person.articles, 'article')}"
        )
        self._show("said", title)

    # -- library-wide search -----------------------------------------------------------------

    @work(exclusive=True, thread=True, group="library-search")
    def _search_library(self, query: str) -> None:
        """Find `query` across the library (a thread: a big library takes a keystroke's time)."""
        worker = get_current_worker()
        if self._search is None:
            self._search = deferred.library_search(self.library)
        search = self._search
        wanted = _folded_words(query)
        titles = [
            entry for entry in self._entries["articles"] if wanted and _matches(wanted, entry.label)
        ][:TITLES_FOUND]
        entries = list(titles)
        for hit in search.search(query, limit=FOUND):
            if hit.kind == "quote":
                who = f"{_one_line(hit.speaker, 20)}: " if hit.speaker else ""
                said = f"{who}“{_one_line(hit.text, 44)}”"
                entries.append(
                    Entry(f"{said}  — {_one_line(hit.title, 20)}", hit.article_id, hit.start)
                )
            else:
                entries.append(
                    Entry(
                        f"{_one_line(hit.text, 52)}  — {_one_line(hit.title, 20)}",
                        hit.article_id,
                        paragraph=hit.paragraph,
                    )
                )
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_found, query, entries)

    def _show_found(self, query: str, entries: list[Entry]) -> None:
        if self.query_one("#library-filter", Input).value != query:
            return  # typed on since: a newer search is coming
        self._entries["found"] = entries
        self._titles["found"] = f"Search: {_plural(len(entries), 'result')} for {query}"
        articles = self.query_one("#articles", LibraryList)
        self.query_one(ContentSwitcher).current = "found"
        self._fill("found", "")
        if articles.has_focus:  # `enter` left the filter before the results came
            self.set_focus(self.query_one("#found", LibraryList))

    # -- actions -----------------------------------------------------------------------------

    def action_speakers(self) -> None:
        """Show everyone who speaks across the library."""
        self._show("speakers")

    def action_articles(self) -> None:
        """Show the articles."""
        self._show("articles")

    def action_filter(self) -> None:
        """Open the filter line for the list shown (in the Articles view, a library search)."""
        # Focused at once (not after a refresh, as `focus()` does): keys typed right after `/`
        # belong to the filter, however fast they come (a paste, a pty).
        self.set_focus(self.query_one("#library-filter", Input))

    def action_back(self) -> None:
        """Clear the filter, or go back from what a person said to the speakers."""
        filter_line = self.query_one("#library-filter", Input)
        if filter_line.has_focus or filter_line.value:
            filter_line.value = ""
            view = "articles" if self.view == "found" else self.view
            self.query_one(ContentSwitcher).current = view
            self._fill(view, "")
            self.query_one(f"#{view}", LibraryList).focus()
        elif self.view == "said":
            self._show("speakers")
        elif self.view == "found":
            self._show("articles")

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
        """Filter the list shown as the user types; from the Articles, search the library."""
        if self.view in ("articles", "found"):
            if event.value.strip():
                self._search_library(event.value)
            else:
                self.query_one(ContentSwitcher).current = "articles"
                self._fill("articles", "")
            return
        self._fill(self.view, event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open an article, or list what a person said."""
        event.stop()
        view = self.view
        entry = self._entries[view][int(event.option.id or 0)]
        if view == "speakers":
            self.show_said(self._people[entry.key])
            return
        offset = entry.offset
        if entry.paragraph >= 0:
            paragraphs = self.library.article(entry.key).paragraphs
            if entry.paragraph < len(paragraphs):
                offset = paragraphs[entry.paragraph].start
        self.post_message(self.Opened(entry.key, offset))
