"""The small typed ports the reader screen hands its flows, so none of them is given the screen.

Each flow (`notes_storage`, `notes_controller`, `visual_mode`, `quotes_controller`,
`search_controller`) takes what it needs as constructor arguments: the widgets themselves,
the `Reading` state, and these callables and objects. The screen passes its own bound
methods (`run_worker`, `notify`) or the app (`Dialogs`); the flows cannot reach anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from reader.document import Article
    from reader.extract.model import Extraction


@dataclass
class Reading:
    """What is being read: the article and what extraction found (both change as a book loads).

    One object, owned by the reader screen and shared by its flows, so they all see the whole
    book once it replaces its first screens, and the extraction once it is done.
    """

    article: Article
    """The article being read (the first screens of a book until the rest is read)."""
    pending: bool = False
    """True while `article` is only the first screens of a book still being read: notes and
    the search index wait for the whole text."""
    extraction: Extraction | None = None
    """What extraction found, once it is done."""
    first_screens: Extraction | None = None
    """The first screens' extraction while the whole book's is still being found."""


class Notify(Protocol):
    """Show a toast (`Widget.notify`)."""

    def __call__(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """Show `message`."""


class RunWorker(Protocol):
    """Start a worker (`Screen.run_worker`): loading notes, the index and searches run in one."""

    def __call__(
        self,
        work: Callable[[], object],
        *,
        name: str,
        group: str,
        description: str,
        exit_on_error: bool = True,
        exclusive: bool = False,
        thread: bool,
    ) -> object:
        """Run `work` in a worker."""


class CallFromThread(Protocol):
    """Run a callback on the UI thread from a worker (`App.call_from_thread`)."""

    def __call__(self, callback: Callable[..., object], *args: object) -> object:
        """Call `callback(*args)` on the UI thread and wait for it."""


class Dialogs(Protocol):
    """The app's side of the flows: modal screens, suspending for `$EDITOR`, the clipboard."""

    def push_screen(
        self, screen: Screen[Any], callback: Callable[[Any], None] | None = None
    ) -> object:
        """Show a modal screen; `callback` gets its answer."""

    def suspend(self) -> AbstractContextManager[None]:
        """Give the terminal to another program meanwhile."""

    def copy_to_clipboard(self, text: str) -> None:
        """Copy `text` to the clipboard (OSC 52)."""

    def call_from_thread(self, callback: Callable[..., object], *args: object) -> object:
        """Call `callback(*args)` on the UI thread from a worker and wait for it."""
