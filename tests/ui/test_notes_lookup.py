"""After an article was edited, the reader shows its notes, or offers the likely ones.

Issue 18, section 1: before, an edit inside the noted passage left "Notes (0)" and no word.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.pilot import Pilot

from annotations.store import NotesStore
from reader.document import Article
from reader.load.source import load_path
from reader.ui.screens.note_editor import ConfirmDialog
from tests.ui.notes_support import notes_app, notes_files, notes_ready, notifications
from tests.ui.screen_text import screen_text, wait_for_text

PASSAGE = "undermined beyond repair"


def saved_sample(sample: Article, tmp_path: Path, name: str = "bridge.txt") -> Path:
    """The sample article as a text file the user opens (headline first, as it loads)."""
    path = tmp_path / name
    path.write_text(f"{sample.title}\n\n{sample.text}\n", encoding="utf-8")
    return path


def noted(path: Path, notes_dir: Path) -> Path:
    article = load_path(path)
    store = NotesStore.open(article, notes_dir)
    start = article.text.index(PASSAGE)
    store.add(article.text, start, start + len(PASSAGE), note="the engineer's words")
    return store.path


def edit_inside_the_passage(path: Path, *, headline: str | None = None) -> None:
    text = path.read_text(encoding="utf-8").replace(PASSAGE, "undermined well beyond repair")
    if headline is not None:
        text = headline + "\n" + text.split("\n", 1)[1]
    path.write_text(text, encoding="utf-8")


async def test_the_notes_are_shown_after_an_edit_inside_the_noted_passage(
    sample: Article, tmp_path: Path
) -> None:
    article_path = saved_sample(sample, tmp_path)
    notes_dir = tmp_path / "notes"
    notes_file = noted(article_path, notes_dir)
    edit_inside_the_passage(article_path)
    edited = load_path(article_path)
    app = notes_app(edited, notes_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        assert (
            screen.notes.storage.store is not None and screen.notes.storage.store.path == notes_file
        )
        await wait_for_text(pilot, "Notes (1)")
        assert "the engineer's words" in screen_text(app)
        assert not any("similar article" in m for m in notifications(app))
    assert notes_files(notes_dir) == [notes_file]


async def test_likely_notes_are_offered_and_attached_when_the_user_says_yes(
    sample: Article, tmp_path: Path
) -> None:
    from annotations.notes_index import index_path

    notes_dir = tmp_path / "notes"
    notes_file = noted(saved_sample(sample, tmp_path), notes_dir)
    index_path(notes_dir).unlink()  # notes synced from another machine: no local history
    other = saved_sample(sample, tmp_path, "download.txt")  # another path, a new headline
    edit_inside_the_passage(other, headline="Bridge to be rebuilt after all")
    app = notes_app(load_path(other), notes_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        for _ in range(100):
            if isinstance(app.screen, ConfirmDialog):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ConfirmDialog)
        assert notes_file.name in app.screen.question  # wrapped on screen: read the model
        assert "Notes of a similar article" in screen_text(app)
        await pilot.press("y")
        await wait_for_text(pilot, "Notes (1)")
        assert "the engineer's words" in screen_text(app)
    assert notes_files(notes_dir) == [notes_file]
    assert os.path.getsize(notes_file) > 0
    reopened = NotesStore.open(load_path(other), notes_dir)
    assert reopened.path == notes_file and reopened.found_by == "hash"


async def _offer_dialog(pilot: Pilot[None]) -> ConfirmDialog | None:
    for _ in range(60):
        if isinstance(pilot.app.screen, ConfirmDialog):
            return pilot.app.screen
        await pilot.pause(0.05)
    return None


async def test_declined_notes_stay_apart_and_are_not_offered_again(
    sample: Article, tmp_path: Path
) -> None:
    from annotations.notes_index import index_path

    notes_dir = tmp_path / "notes"
    notes_file = noted(saved_sample(sample, tmp_path), notes_dir)
    index_path(notes_dir).unlink()
    other = saved_sample(sample, tmp_path, "download.txt")
    edit_inside_the_passage(other, headline="Bridge to be rebuilt after all")
    article = load_path(other)
    app = notes_app(article, notes_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        assert await _offer_dialog(pilot) is not None
        await pilot.press("n")
        await wait_for_text(pilot, "Notes (0)")
        assert any("stays apart" in m for m in notifications(app))
    again = notes_app(article, notes_dir)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        # The offer is decided as the notes become ready, so there is nothing to wait for
        # (polling 3 s for a dialog that must not come cost those 3 s in every quick run).
        assert screen.notes.storage.store is not None
        assert screen.notes.storage.store.offer is None
        await pilot.pause()
        assert not isinstance(again.screen, ConfirmDialog)
    assert notes_files(notes_dir) == [notes_file]
