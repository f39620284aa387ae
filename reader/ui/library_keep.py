"""Keeping the article `reader FILE` opened in the library, as `library.keep` says.

- `ask` (the default): once the article is on screen, a thread looks it up in the library's
  index (read only: nothing is created); when it is not there, the status line says how to
  keep it for a few seconds, in the title's place (a toast would sit over the counts). The
  palette's "Keep in library" keeps it. Nothing else is ever asked: no prompt on quit.
- `always`: kept when the reader closes (`after_exit`, from `run_app`), so neither the first
  paint nor reading waits for the library.
- `never`: nothing, unless the user chooses "Keep in library".

Keeping reuses the reading screen's extraction when it is done (no second extraction). The
library is opened in the thread that uses it (SQLite connections belong to one thread), through
`reader.ui.deferred` (the first paint loads none of it). A library that cannot be opened or
written is reported in one line, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App

from reader.document import Article
from reader.ui import deferred
from reader.ui.screens.reader import ReaderScreen

if TYPE_CHECKING:
    from reader.extract.model import Extraction

HINT = "Not in your library: ctrl+p “Keep in library”"
"""The one hint `ask` gives, in the status line."""

HINT_SECONDS = 8.0
"""How long the hint stays in the status line (or until it is replaced)."""

SAMPLE_SOURCE = "<sample>"
"""The built-in sample's source: never offered."""

_KEEPERS: WeakKeyDictionary[App[Any], LibraryKeeper] = WeakKeyDictionary()


class LibraryKeeper:
    """Offers or keeps one reader's article in the library; composed by the app."""

    def __init__(
        self,
        app: App[Any],
        mode: str,
        article: Callable[[], Article],
        pending: Callable[[], bool],
    ) -> None:
        self.app = app
        """The reader app (for the screen, notifications and workers)."""
        self.mode = mode
        """`ask`, `always` or `never` (`Config.library_keep`)."""
        self.kept: str | None = None
        """The article's id in the library once this reader kept it."""
        self.hinted = False
        """True once the status line said the article is not in the library."""
        self._article = article
        self._pending = pending
        _KEEPERS[app] = self

    @staticmethod
    def of(app: App[Any]) -> LibraryKeeper | None:
        """The keeper of `app`, if it has one (the palette's provider asks)."""
        return _KEEPERS.get(app)

    def can_keep(self) -> bool:
        """True when "Keep in library" makes sense: a whole article, not kept, not the sample."""
        return self.kept is None and not self._pending() and self._article().source != SAMPLE_SOURCE

    def offer(self) -> None:
        """After the first paint: with `ask`, hint once when the article is not in the library."""
        article = self._article()
        if self.mode == "ask" and article.source != SAMPLE_SOURCE:
            self.app.run_worker(
                lambda: self._hint_unless_kept(article),
                thread=True,
                group="library-offer",
                exit_on_error=False,
            )

    def _hint_unless_kept(self, article: Article) -> None:
        if deferred.library_holds(article) is False:
            self.app.call_from_thread(self._show_hint)

    def _show_hint(self) -> None:
        """Put the hint in the reading screen's status line for `HINT_SECONDS`."""
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

    def keep_now(self, extraction: Extraction | None) -> None:
        """The palette's "Keep in library": add the article now, in a thread."""
        article = self._article()
        self.app.run_worker(
            lambda: self._keep(article, extraction, notify=True),
            thread=True,
            group="library-keep",
            exit_on_error=False,
        )

    def after_exit(self) -> str | None:
        """With `always`, once the reader has closed: keep the article; an error message.

        Extracted again here (the screens are gone by then): a news article takes
        milliseconds, after the reader has closed.
        """
        if self.mode != "always" or not self.can_keep():
            return None
        return self._keep(self._article(), None, notify=False)

    def _keep(self, article: Article, extraction: Extraction | None, *, notify: bool) -> str | None:
        """Add `article`; the error as one line (None when kept)."""
        result = deferred.keep_in_library(article, extraction)
        if isinstance(result, str):
            message = f"could not keep the article in the library: {result}"
            if notify:
                self.app.call_from_thread(
                    self.app.notify, message, title="Library", severity="error"
                )
            return message
        self.kept, updated = result
        if notify:
            done = "updated in" if updated else "kept in"
            self.app.call_from_thread(
                self.app.notify, f"Article {done} the library ({self.kept}).", title="Library"
            )
        return None
