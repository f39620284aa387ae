"""Holding the screen's next frame back until a keystroke's answer is there, so both show at once.

Textual paints at most one frame per 1/60 s, counted from the previous frame, and a frame drawn
just after another waits for the next tick but one: 17-33 ms. A search keystroke used to make two
frames: the query field's echo at once, then the counter, results and highlights 17-33 ms after
(3 MB book, 120x40, a pty: the key settled at 33-38 ms median, of which the ranking is 5-10 ms).
`FrameHold` suspends repaints (`App.batch_update`) from the keystroke until the answer to it is
set on the widgets, so the echo and the answer reach the terminal in one frame. A hold never
lasts more than `HOLD_LIMIT`: a query that is slow to answer still echoes at once after that.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

HOLD_LIMIT = 0.06
"""Seconds a frame may be held at most (the issue's p95 target for a keystroke's answer)."""


class FrameHold:
    """Repaints suspended from `hold` until `release` (or `HOLD_LIMIT`), for one widget's app."""

    def __init__(self, widget: Widget, limit: float = HOLD_LIMIT) -> None:
        self.widget = widget
        """The widget whose app's repaints are held (and whose timer ends a hold)."""
        self.limit = limit
        """Seconds a hold lasts at most."""
        self._batch: AbstractContextManager[None] | None = None
        self._timer: Timer | None = None
        self._holds = 0  # numbers the holds: a late release must not end a newer one

    @property
    def held(self) -> bool:
        """True while repaints are held."""
        return self._batch is not None

    def hold(self) -> None:
        """Hold repaints from now until `release`; a hold already on keeps its deadline.

        Keeping the first deadline means a fast typist still sees the query at least every
        `limit` seconds while keystrokes outrun the answers.
        """
        if self._batch is not None:
            return
        batch = self.widget.app.batch_update()
        batch.__enter__()
        self._batch = batch
        self._holds += 1
        end = partial(self._end, self._holds)
        self._timer = self.widget.set_timer(self.limit, end, name="frame-hold")

    def release(self) -> None:
        """Let the held frame be drawn once the widgets just changed have asked to be repainted.

        A widget asks on its next idle, which comes after this call: ending the hold now could
        draw a frame without them (and theirs would wait 17-33 ms for the next). The screen runs
        its after-refresh callbacks when it is idle, and while repaints are held it runs them at
        once, after the repaint requests queued before it.
        """
        if self._batch is not None:
            self.widget.call_after_refresh(self._end, self._holds)

    def _end(self, hold: int) -> None:
        if hold != self._holds:
            return
        batch, timer = self._batch, self._timer
        self._batch = self._timer = None
        if timer is not None:
            timer.stop()
        if batch is not None:
            batch.__exit__(None, None, None)
            if self.widget.is_attached:
                self.widget.screen.check_idle()  # the screen idled while held: paint now
