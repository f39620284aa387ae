"""Read what a running Textual app shows, as plain text lines (for assertions)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot


def screen_lines(app: App[object]) -> list[str]:
    """The screen as it would be drawn now, one string per row."""
    update = app.screen._compositor.render_full_update()
    return ["".join(segment.text for strip in row for segment in strip) for row in update.strips]


def screen_text(app: App[object]) -> str:
    """The screen as one string, rows joined by newlines."""
    return "\n".join(screen_lines(app))


async def wait_for_text(pilot: Pilot[Any], text: str, timeout: float = 10.0) -> str:
    """Wait until `text` is on the app's screen (a loaded machine may need a while); return it."""
    for _ in range(int(timeout / 0.05)):
        shown = screen_text(pilot.app)
        if text in shown:
            return shown
        await pilot.pause(0.05)
    raise AssertionError(f"{text!r} not on screen after {timeout}s:\n{screen_text(pilot.app)}")
