"""`reader library` on a terminal: the library screen, and the reader on the chosen article.

The library app exits with the user's choice; `run_library` then opens the reader at that
place (the article at the quote's offset), marks it read, and comes back to the library when
the reader is closed, until the user quits the library.
"""

from __future__ import annotations

import argparse

from textual.app import App

from reader.library.library import Library
from reader.ui.screens.library import LibraryScreen


class LibraryApp(App[tuple[str, int]]):
    """Shows the library; exits with (article id, offset) when one is chosen."""

    TITLE = "reader library"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        """The library shown."""

    def get_default_screen(self) -> LibraryScreen:
        """The library screen is the app's base screen (no blank screen drawn first)."""
        return LibraryScreen(self.library)

    def on_library_screen_opened(self, event: LibraryScreen.Opened) -> None:
        """Leave with the choice: the reader runs as its own app."""
        self.exit((event.article_id, event.offset))


def run_library_command(args: argparse.Namespace) -> int:
    """`reader library` on a terminal: open the library named by `args` and browse it."""
    from reader.commands.library_args import opened_library

    with opened_library(args) as library:
        return run_library(library, args.notes_dir)


def run_library(library: Library, notes_dir: str | None = None) -> int:
    """Browse the library and read articles from it until the user quits; the exit code."""
    while True:
        choice = LibraryApp(library).run()
        if choice is None:
            return 0
        # The reader loads once an article is chosen, not before the library's first paint.
        from reader.config import load_config
        from reader.ui.app import ReaderApp

        article_id, offset = choice
        article = library.article(article_id)
        library.mark_read(article_id)
        reader = ReaderApp(
            article, config=load_config(), start_offset=offset or None, notes_dir=notes_dir
        )
        reader.run()
