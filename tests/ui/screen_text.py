"""Read what a running Textual app shows, as plain text lines (for assertions)."""

from __future__ import annotations

from textual.app import App


def screen_lines(app: App[object]) -> list[str]:
    """The screen as it would be drawn now, one string per row."""
    update = app.screen._compositor.render_full_update()
    return ["".join(segment.text for strip in row for segment in strip) for row in update.strips]


def screen_text(app: App[object]) -> str:
    """The screen as one string, rows joined by newlines."""
    return "\n".join(screen_lines(app))
