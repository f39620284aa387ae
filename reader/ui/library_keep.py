"""Keeping the article `reader FILE` opened in the library, as `library.keep` says.

- `ask` (the default): once the article is on screen, a thread looks it up in the library's
  index (read only: nothing is created); when it is not there, the status line says how to
  keep it for a few seconds, in the title's place (the palette's "Keep in
  library"). Nothing else is ever asked: no prompt on quit, no second hint.
- `always`: kept when the reader closes (`after_exit`, from `run_app`), so neither the first
  paint nor reading waits for the library.
- `never`: nothing, unless the user chooses "Keep in library".

Keeping reuses the reading screen's extraction when it is done (no second extraction). The
library is opened in the thread that uses it (SQLite connections belong to one thread). A
library that cannot be opened or written is reported in one notification, never raised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

from reader.document import Article

if TYPE_CHECKING:
    from reader.extract.model import Extraction

HINT = "Not in your library: ctrl+p “Keep in library”"
"""The one hint `ask` gives, in the status line."""

HINT_SECONDS = 8.0
"""How long the hint stays in the status line (or until it is replaced)."""

SAMPLE_SOURCE = "<sample>"
"""The built-in sample's source: never offered."""


class LibraryKeeper:
    """Offers or keeps one reader's article in the library; composed by the app."""

    def __init__(self, app: App[Any], mode: str) -> None:
        self.app = app
        """The reader app (for notifications and workers)."""
        self.mode = mode
        """`ask`, `always` or `never` (`Config.library_keep`)."""
        self.kept: str | None = None
        """The article's id in the library once this reader kept it."""
        self.hinted = False
        """True once the status line said the article is not in the library."""

    def offer(self, article: Article) -> None:
        """After the first paint: with `ask`, hint once when the article is not in the library."""
        if self.mode == "ask" and article.source != SAMPLE_SOURCE:
            self.app.run_worker(
                lambda: self._hint_unless_kept(article),
                thread=True,
                group="library-offer",
                exit_on_error=False,
            )

    def _hint_unless_kept(self, article: Article) -> None:
        """Read the index as it is (nothing created, nothing recovered): kept or not."""
        import sqlite3

        from reader.library.location import library_dir
        from reader.library.lookup import article_id_of, open_index

        root = library_dir()
        if root.exists():
            db = open_index(root)
            if db is None:  # being written, or from another version: do not guess
                return
            try:
                found = article_id_of(db, article.url, article.text_sha256)
            except sqlite3.Error:
                return
            finally:
                db.close()
            if found is not None:
                return
        self.app.call_from_thread(self._show_hint)

    def _show_hint(self) -> None:
        """Put the hint in the reading screen's status line for `HINT_SECONDS`."""
        from reader.ui.screens.reader import ReaderScreen

        screen = self.app.screen
        if not isinstance(screen, ReaderScreen):
            return  # help or another screen on top: no hint rather than a late one
        status = screen.status_line
        status.hint = HINT
        self.hinted = True

        def clear() -> None:
            if status.hint == HINT:
                status.hint = ""

        self.app.set_timer(HINT_SECONDS, clear)

    def keep_now(self, article: Article, extraction: Extraction | None) -> None:
        """The palette's "Keep in library": add the article now, in a thread."""
        self.app.run_worker(
            lambda: self._keep(article, extraction, notify=True),
            thread=True,
            group="library-keep",
            exit_on_error=False,
        )

    def after_exit(self, article: Article, extraction: Extraction | None) -> str | None:
        """With `always`, once the reader has closed: keep the article; an error message.

        Extracted again here when `extraction` is None (the screens are gone by then): a
        news article takes milliseconds, after the reader has closed.
        """
        if self.mode != "always" or self.kept is not None or article.source == SAMPLE_SOURCE:
            return None
        return self._keep(article, extraction, notify=False)

    def _keep(self, article: Article, extraction: Extraction | None, *, notify: bool) -> str | None:
        """Add `article`; the error as one line (None when kept)."""
        from reader.library.library import Library, LibraryError

        try:
            library = Library.open()
            try:
                result = library.add(article, extraction=extraction)
            finally:
                library.close()
        except (LibraryError, OSError) as error:
            message = f"could not keep the article in the library: {error}"
            if notify:
                self.app.call_from_thread(
                    self.app.notify, message, title="Library", severity="error"
                )
            return message
        self.kept = result.id
        if notify:
            done = "updated in" if result.updated else "kept in"
            self.app.call_from_thread(
                self.app.notify, f"Article {done} the library ({result.id}).", title="Library"
            )
        return None
