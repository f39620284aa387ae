"""Keys typed while the search bar is still being mounted: held for it, then handed over in order.

The bar is mounted just after the first paint (its module would delay the paint), so a `/`
typed straight after the paint waits for it; the keys typed after the `/` (a fast typist, a
paste, or tmux and SSH delivering `/bridge` in one read) reached the article, which took them as
its own keys (`g` to the top, `n` for the next quote...), and the bar opened empty. The app asks
`Typeahead.take` for each key first: while the bar is being mounted it keeps the keys. Once the
bar has the focus, `release` posts `Typeahead.Released` to the app, behind any keys still
queued there (which are kept too), and the app hands them all, in the order typed, to what has
the focus now, as if they had been typed then. A hold ends after `HOLD_LIMIT` whatever happens,
so no key is ever kept from the reader for longer.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual import events
from textual.message import Message

HOLD_LIMIT = 2.0
"""Seconds keys are held at most (the bar mounts in tens of ms; this only bounds a failure)."""


class Typeahead:
    """The keys typed while the search bar mounts, for the app to hand over once it can."""

    class Released(Message):
        """The bar has the focus: the app hands it the keys held (`Typeahead.handed`)."""

        def __init__(self, typeahead: Typeahead) -> None:
            super().__init__()
            self.typeahead = typeahead
            """Whose keys to hand over."""

    def __init__(self, post: Callable[[Message], object]) -> None:
        self._post = post
        self._held: list[events.Key] | None = None
        self._since = 0.0
        self._releasing = False

    @property
    def holding(self) -> bool:
        """True from `hold` until the app has taken the keys back (`handed`)."""
        return self._held is not None

    def hold(self) -> None:
        """Keep the keys typed from now on, until `release`."""
        if self._held is None:
            self._held = []
            self._since = monotonic()
            self._releasing = False

    def take(self, event: events.Event) -> bool:
        """Keep `event` if it is a key typed while holding; True when it was kept."""
        if self._held is None or not isinstance(event, events.Key) or event.is_forwarded:
            return False
        self._held.append(event)
        if monotonic() - self._since > HOLD_LIMIT:
            self.release()  # never keep keys from the reader for long, whatever went wrong
        return True

    def release(self) -> None:
        """The bar has the focus: have the app hand it the keys held, and any still queued."""
        if self._held is not None and not self._releasing:
            self._releasing = True
            self._post(self.Released(self))

    def handed(self) -> list[events.Key]:
        """The keys held, in the order typed; holding ends."""
        held = self._held or []
        self._held = None
        self._releasing = False
        return held
