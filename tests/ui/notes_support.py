"""Helpers for the notes Pilot tests: an app with a temporary notes directory, waiting for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import yaml
from textual.pilot import Pilot

from reader.document import Article
from reader.extract.model import Extraction
from reader.ui.app import ReaderApp
from reader.ui.screens.reader import ReaderScreen

_SHOWN: WeakKeyDictionary[ReaderApp, list[str]] = WeakKeyDictionary()
"""Every message each app made with `notes_app` has shown (a new toast replaces the last)."""


def notes_app(article: Article, notes_dir: Path, extraction: Extraction | None = None) -> ReaderApp:
    """The reader on `article`, keeping notes in `notes_dir`, with a fixed extraction."""
    found = extraction or Extraction()
    app = ReaderApp(article, extractor=lambda _article: found, notes_dir=str(notes_dir))
    shown = _SHOWN.setdefault(app, [])
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        shown.append(message)
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]
    return app


async def notes_ready(pilot: Pilot[None]) -> ReaderScreen:
    """Wait until the screen has opened and re-anchored the notes; return the screen."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, ReaderScreen) and screen.notes.storage.store is not None:
            await pilot.pause()
            return screen
        # A modal (recovery dialog) may be on top: look underneath it.
        for stacked in app.screen_stack:
            if isinstance(stacked, ReaderScreen) and stacked.notes.storage.store is not None:
                await pilot.pause()
                return stacked
    raise AssertionError("the notes never finished loading")


def notes_files(notes_dir: Path) -> list[Path]:
    """The notes files in `notes_dir`."""
    return sorted(notes_dir.glob("*.notes.yaml"))


def saved_annotations(notes_dir: Path) -> list[dict[str, object]]:
    """The live annotations in the only notes file of `notes_dir`, as plain YAML data."""
    files = notes_files(notes_dir)
    assert len(files) == 1, files
    data = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    return [a for a in data.get("annotations", []) if not a.get("deleted")]


def notifications(app: ReaderApp) -> list[str]:
    """Every notification message shown so far (those showing now, for other apps)."""
    if app in _SHOWN:
        return list(_SHOWN[app])
    return [notification.message for notification in app._notifications]
