"""A frame held from a keystroke is let go when its answer is set, or at the limit without one.

That the echo and the answer then reach a terminal in one frame is tested in a pty
(tests/e2e/test_search_e2e.py): a headless app draws no frames.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.ui.frame_hold import FrameHold


class HeldApp(App[None]):
    """One line of text; repaints held by a `FrameHold` on it."""

    def compose(self) -> ComposeResult:
        yield Static("before", id="line")


async def test_a_hold_lasts_until_released() -> None:
    app = HeldApp()
    async with app.run_test(size=(30, 3)) as pilot:
        line = app.query_one("#line", Static)
        hold = FrameHold(line, limit=5.0)
        await pilot.pause()
        hold.hold()
        line.update("echo")
        await pilot.pause(0.1)
        assert hold.held
        line.update("echo and answer")
        hold.release()
        await pilot.pause(0.1)
        assert not hold.held


async def test_a_hold_nobody_releases_ends_at_its_limit() -> None:
    app = HeldApp()
    async with app.run_test(size=(30, 3)) as pilot:
        line = app.query_one("#line", Static)
        hold = FrameHold(line, limit=0.05)
        await pilot.pause()
        hold.hold()
        line.update("echo")
        assert hold.held
        await pilot.pause(0.3)
        assert not hold.held


async def test_a_late_release_does_not_end_a_newer_hold() -> None:
    app = HeldApp()
    async with app.run_test(size=(30, 3)) as pilot:
        line = app.query_one("#line", Static)
        hold = FrameHold(line, limit=0.05)
        hold.hold()
        await pilot.pause(0.2)  # ended at the limit
        hold.release()  # too late: nothing held
        hold.limit = 5.0
        hold.hold()
        await pilot.pause(0.1)
        assert hold.held
