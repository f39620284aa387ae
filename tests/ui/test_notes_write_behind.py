"""A note change in a big notes file shows at once; quitting never loses it, even mid-save."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations import store as store_module
from annotations.model import NotesFile
from annotations.notes_disk import NotesDisk
from annotations.store import NotesStore
from reader.document import Article
from tests.ui.notes_support import notes_app, notes_ready, saved_annotations
from tests.ui.screen_text import screen_text


class HeldSave:
    """`NotesDisk.save` held until released (at most `limit` seconds), as a slow disk or a
    10,000-note file would hold it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, limit: float = 3.0) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.finished = threading.Event()
        real = NotesDisk.save

        def held(disk: NotesDisk, ours: NotesFile) -> NotesFile:
            self.started.set()
            self.release.wait(limit)
            try:
                return real(disk, ours)
            finally:
                self.finished.set()

        monkeypatch.setattr(NotesDisk, "save", held)


@pytest.fixture
def big_file(sample: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A notes file that counts as big (every file does, here), with one note in it."""
    monkeypatch.setattr(store_module, "WRITE_BEHIND_BYTES", 1)
    store = NotesStore.open(sample, tmp_path)
    start = sample.text.index("Port Alden")
    store.add(sample.text, start, start + len("Port Alden"), note="already there")
    return store.path


async def test_a_highlight_shows_while_its_save_is_still_running(
    sample: Article, tmp_path: Path, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        assert "Notes (1)" in screen_text(app)
        held = HeldSave(monkeypatch)
        await pilot.press("G", "h")  # the last paragraph: not highlighted yet
        await pilot.pause()
        shown = "Notes (2)" in screen_text(app)
        written = held.finished.is_set()
        assert held.started.wait(3)  # the save does run (just after the frame)
        held.release.set()
        assert shown and not written  # on screen before the file was written
        await app.workers.wait_for_complete()
    assert len(saved_annotations(tmp_path)) == 2


async def test_quitting_while_a_save_runs_keeps_every_note(
    sample: Article, tmp_path: Path, big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        held = HeldSave(monkeypatch)
        await pilot.press("G", "h")
        await pilot.pause()
        assert held.started.wait(3)
        await pilot.press("c")  # one more change while the first is being written
        threading.Timer(0.3, held.release.set).start()
        await pilot.press("q")
    notes = saved_annotations(tmp_path)
    assert len(notes) == 2
    assert sorted(str(note["color"]) for note in notes) == ["green", "yellow"]
