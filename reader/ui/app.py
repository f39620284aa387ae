"""The reader application: themes, key overrides, help, the palette, and resuming a position.

`run_app(article)` is what the `reader` command calls. It reads the config, restores the saved
position for this text, runs the app and saves the position on the way out; widgets never
touch the disk.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from reader.config import DEFAULT_THEME, Config, load_config
from reader.document import Article
from reader.extract.collector import release_after_first_frame
from reader.positions import Position, load_position, save_position
from reader.ui import deferred
from reader.ui.commands import (
    HeadingCommands,
    LibraryCommands,
    NoteCommands,
    QuoteCommands,
    ReaderCommands,
    SpeakerCommands,
)
from reader.ui.escape_keys import ALT, escape_then_key
from reader.ui.library_keep import LibraryKeeper
from reader.ui.messages import ReadingPositionChanged
from reader.ui.notes_external import sync_notes_on_quit
from reader.ui.notes_keys import NOTES_BINDINGS, VISUAL_BINDINGS
from reader.ui.quotes_controller import Extractor
from reader.ui.reader_keys import READER_BINDINGS
from reader.ui.screens.help import HelpScreen, HelpSection
from reader.ui.screens.reader import ReaderScreen
from reader.ui.typeahead import Typeahead
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.panes import Pane

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from reader.search.history import SearchHistory

READ_REST_DELAY = 0.05
"""Seconds between the first screen of a big book and reading the rest of it."""


@dataclass
class LastPosition:
    """Where the reader was when the app stopped."""

    offset: int = 0
    """Article offset of the first text on screen."""
    paragraph: int = 0
    """Index of the current paragraph."""
    moved: bool = False
    """False until the reader moved (so merely opening does not overwrite a saved place)."""


class ReaderApp(App[None]):
    """A keyboard-driven reader for one article."""

    CSS_PATH = "app.tcss"
    TITLE = "reader"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    COMMANDS = App.COMMANDS | {
        SpeakerCommands,
        QuoteCommands,
        HeadingCommands,
        NoteCommands,
        ReaderCommands,
        LibraryCommands,
    }
    """The palette's own commands (ctrl+p)."""

    def __init__(
        self,
        article: Article,
        *,
        config: Config | None = None,
        extractor: Extractor | None = None,
        start_offset: int | None = None,
        notes_dir: str | None = None,
        finish: Callable[[], Article] | None = None,
        resume: bool = True,
        history: Callable[[], SearchHistory] | None = None,
    ) -> None:
        super().__init__()
        self.article = article
        """The article shown (the first screens of a book until `finish` has read the rest)."""
        self.resumed = False
        """True when a saved position was restored (so it is saved again, even if unmoved)."""
        self._finish = finish
        self._resume = resume
        self.config = config or Config()
        """The user's settings."""
        self.last_position = LastPosition()
        """Where the reader is now; saved by `run_app` when the app exits."""
        self._history_source = history
        self._search_history: SearchHistory | None = None
        self._extractor = extractor
        self._start_offset = start_offset
        self.notes_dir = notes_dir
        """Where notes are kept (`--notes-dir`); None: `$READER_NOTES_DIR` or the default."""
        self.library_keeper = LibraryKeeper(
            self, self.config.library_keep, lambda: self.article, lambda: self.pending
        )
        """Offers or keeps the article in the library (`library.keep`)."""
        if os.environ.get("SSH_CONNECTION") or os.environ.get("TMUX"):
            # Over SSH or in tmux every animation frame is a round trip: jump instantly.
            self.animation_level = "none"

    @property
    def search_history(self) -> SearchHistory:
        """Past searches per article, read from `history` on first use (the first search).

        Not at start: the first screen has no use for it. `run_app` saves it if it was used.
        """
        if self._search_history is None:
            if self._history_source is not None:
                self._search_history = self._history_source()
            else:
                self._search_history = deferred.new_search_history()
        return self._search_history

    @search_history.setter
    def search_history(self, history: SearchHistory) -> None:
        self._search_history = history

    @property
    def search_history_used(self) -> bool:
        """Whether the history was read (or set): only then is there anything to save."""
        return self._search_history is not None

    def on_mount(self) -> None:
        """Apply the theme and key overrides, report config problems, show the article."""
        problems = list(self.config.problems)
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            problems.append(f"unknown theme {self.config.theme!r}")
            self.theme = DEFAULT_THEME
        if self.config.keys:
            self.set_keymap(self.config.keys)
        # After the first frame: the collector paused for it by the `reader` command.
        self.call_after_refresh(release_after_first_frame)
        self.call_after_refresh(self.library_keeper.offer)
        if self._finish is not None:
            # Not at once: the first frame is written to the terminal by another thread, which
            # the reading of the rest would hold up.
            self.call_after_refresh(self.set_timer, READ_REST_DELAY, self._read_the_rest)
        if problems:
            where = str(self.config.path) if self.config.path else "the config file"
            self.notify(
                f"Ignored parts of {where}: " + "; ".join(problems) + ". Using defaults for those.",
                title="Config",
                severity="warning",
                timeout=8,
            )

    def get_default_screen(self) -> ReaderScreen:
        """The reading screen is the app's base screen (no blank screen underneath)."""
        return ReaderScreen(
            self.article,
            extractor=self._extractor,
            line_width=self.config.line_width,
            side_panes=self.config.side_panes,
            start_offset=self._start_offset,
            pending=self._finish is not None,
            search_history=lambda: self.search_history,
            notes_dir=self.notes_dir,
        )

    @property
    def pending(self) -> bool:
        """True while only the first screens of a book are there (`finish` is reading it)."""
        return self._finish is not None

    def _read_the_rest(self) -> None:
        """Read the whole book in a thread, once its first screen is painted."""
        if self._finish is not None:
            self.run_worker(
                self._finish,
                name="read-book",
                description="read the whole book",
                group="read-book",
                thread=True,
                exit_on_error=False,  # the first screens stay readable
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Put the whole book in place of its first screens, where the reader left off."""
        if event.worker.name != "read-book":
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Article):
            article = event.worker.result
            saved = _saved_position(article) if self._resume else None
            self.resumed = saved is not None
            self.article = article
            self._finish = None
            screen = self.screen_stack[0]
            if isinstance(screen, ReaderScreen):
                screen.complete_article(article, saved.offset if saved else None)
        elif event.state is WorkerState.ERROR:
            self.notify(
                f"Could not read the rest of the book: {event.worker.error}",
                severity="error",
                timeout=10,
            )

    async def on_event(self, event: events.Event) -> None:
        """On the reading screen, take an alt+key that nothing binds as esc, then the key.

        Esc followed quickly by a key reaches us as alt+key (`escape_keys`); each is handled in
        turn, as if typed slowly, before any key that came after them. Keys typed while the
        search bar is being mounted are held for it (`reader.ui.typeahead`).
        """
        if (
            isinstance(event, events.Key)
            and isinstance(self.screen, ReaderScreen)
            and self.screen.parts.typeahead.take(event)
        ):
            return
        if (
            isinstance(event, events.Key)
            and event.key.startswith(ALT)
            and not event.is_forwarded
            and isinstance(self.screen, ReaderScreen)
        ):
            keys = escape_then_key(event, self.screen.active_bindings)
            if keys is not None:
                for key in keys:
                    await super().on_event(key)
                return
        await super().on_event(event)

    async def on_typeahead_released(self, message: Typeahead.Released) -> None:
        """The search bar has the focus: hand it the keys typed while it mounted, in order."""
        for key in message.typeahead.handed():
            await self.on_event(key)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show `message` in a toast that replaces any toast showing.

        Toasts stack in the bottom-right corner, over the Notes pane: three of them hid it. The
        newest is what the last key did; lasting states (read-only notes) show in the panes.
        """
        self.clear_notifications()
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_reading_position_changed(self, message: ReadingPositionChanged) -> None:
        """Remember the position so it can be saved when the reader quits."""
        self._remember(message.offset, message.paragraph)

    def _remember(self, offset: int, paragraph: int) -> None:
        position = self.last_position
        # Anywhere but the very top is worth keeping (a resumed place is saved regardless).
        position.moved = position.moved or offset > 0 or paragraph > 0
        position.offset = offset
        position.paragraph = paragraph

    async def action_quit(self) -> None:
        """Quit, taking the position from the view itself (its last message may be queued)."""
        for view in self.screen_stack[0].query(ArticleView):
            if view.layout_ready:
                self._remember(view.top_offset, view.cursor)
        await super().action_quit()

    def help_sections(self) -> list[HelpSection]:
        """The bindings to list on the help screen, grouped by where they work."""
        search_bar = deferred.search_bar()  # the help screen is opened after the first paint
        return [
            ("Reading", ArticleView.BINDINGS),
            # Less esc in the search bar, which is listed with the bar's keys below.
            ("Panes, quotes and speakers", _without(READER_BINDINGS, "search.cancel")),
            ("Highlights and notes", NOTES_BINDINGS),
            ("Visual mode (v): select by word and sentence", VISUAL_BINDINGS),
            (
                "In a side pane",
                [*Pane.BINDINGS, Binding("enter", "select", "Jump there", id="pane.select")],
            ),
            (
                "Anywhere",
                [
                    *self.BINDINGS,
                    Binding(
                        "ctrl+p", "command_palette", "Command palette", id="app.command_palette"
                    ),
                ],
            ),
            (
                "In the search bar (/ and &)",
                [
                    Binding(
                        "enter",
                        "submit",
                        "Jump to the result (&: keep the filter)",
                        id="search.submit",
                    ),
                    *search_bar.BINDINGS,
                ],
            ),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the search bar ctrl+p picks the previous result instead of opening the palette."""
        return not (action == "command_palette" and deferred.is_search_input(self.focused))

    def action_help(self) -> None:
        """Show every key (after the user's overrides)."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_sections(), self.config.keys))


def _without(bindings: list[BindingType], binding_id: str) -> list[BindingType]:
    """`bindings` less the one with id `binding_id`."""
    return [b for b in bindings if not isinstance(b, Binding) or b.id != binding_id]


def run_app(
    article: Article,
    *,
    theme: str | None = None,
    line_width: int | None = None,
    resume: bool = True,
    notes_dir: str | None = None,
    finish: Callable[[], Article] | None = None,
) -> int:
    """Run the reader on `article` until the user quits; return the exit code.

    With `finish`, `article` is the first screens of a book: they are shown at once, and
    `finish` reads the whole book in the background (`reader.load.progressive`).
    """
    config = load_config()
    if theme is not None:
        config = _replace(config, theme=theme)
    if line_width is not None:
        config = _replace(config, line_width=max(20, line_width))
    saved = _saved_position(article) if resume and finish is None else None
    app = ReaderApp(
        article,
        config=config,
        start_offset=saved.offset if saved else None,
        notes_dir=notes_dir,
        finish=finish,
        resume=resume,
        history=deferred.load_search_history,
    )
    app.run()
    failed = app.library_keeper.after_exit()
    if failed:
        print(f"reader: {failed}", file=sys.stderr)
    if app.search_history_used:
        with suppress(OSError):  # searches are a convenience: never fail on the way out
            deferred.save_search_history(app.search_history)
    last = app.last_position
    if not app.pending and (last.moved or saved is not None or app.resumed):
        save_position(app.article.text_sha256, Position(last.offset, last.paragraph))
    if config.sync_notes_on_quit:
        sync_notes_on_quit(notes_dir)
    return app.return_code or 0


def _saved_position(article: Article) -> Position | None:
    """Where the reader left `article` last time (a paragraph number kept as its offset)."""
    saved = load_position(article.text_sha256)
    if saved is not None and saved.offset == 0 and 0 < saved.paragraph < len(article.paragraphs):
        saved = Position(article.paragraphs[saved.paragraph].start, saved.paragraph)
    return saved


def _replace(config: Config, **changes: object) -> Config:
    return replace(config, **changes)  # type: ignore[arg-type]
