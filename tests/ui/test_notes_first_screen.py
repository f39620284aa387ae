"""The notes' first screen shows before the notes load; keys wait for them; nothing stale shows."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.style import Style

from annotations import first_screen_keep
from annotations.first_screen import FirstScreenCache, article_key
from annotations.first_screen_keep import on_top
from annotations.store import NotesStore
from reader.document import Article
from reader.ui.notes_display import highlight_style
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.article_marks import MarkLayers
from tests.ui.notes_support import notes_app, notifications, saved_annotations
from tests.ui.screen_text import screen_text

COUNT = 60


@pytest.fixture(autouse=True)
def _every_file_is_big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files from 256 KB keep a first screen; here every file does."""
    monkeypatch.setattr(first_screen_keep, "MIN_BYTES", 1)
    monkeypatch.setattr("annotations.store.FIRST_SCREEN_BYTES", 1)


@pytest.fixture
def noted(sample: Article, tmp_path: Path) -> NotesStore:
    """`COUNT` overlapping notes on the sample's first paragraphs, with their first screen kept."""
    store = NotesStore.open(sample, tmp_path, author="test")
    rng = random.Random(7)
    limit = sample.paragraphs[3].end  # the last paragraphs stay free for `h`
    for index in range(COUNT):
        start = rng.randrange(0, limit - 40)
        store.add(
            sample.text,
            start,
            start + rng.randrange(5, 40),
            color=rng.choice(("yellow", "green", "blue", "pink")),
            note=f"note {index}" if index % 3 else "",
        )
    store.reanchor(sample)
    assert store.keep_first_screen(article_key(sample, whole=True), tmp_path, sample.text)
    return store


class HeldLoad:
    """The notes worker held before it opens the store, as 10,000 notes hold it (~0.5 s)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.release = threading.Event()
        real = NotesStore.open.__func__

        def held(cls: type[NotesStore], *args: object, **options: object) -> NotesStore:
            self.release.wait(5)
            return real(cls, *args, **options)

        monkeypatch.setattr(NotesStore, "open", classmethod(held))


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldLoad]:
    load = HeldLoad(monkeypatch)
    yield load
    load.release.set()


def reader_screen(app: object) -> ReaderScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, ReaderScreen)
    return screen


async def test_the_first_frame_counts_the_notes_and_shows_their_highlights(
    sample: Article, tmp_path: Path, noted: NotesStore, held: HeldLoad
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = reader_screen(app)
        assert screen.notes.storage.store is None  # still loading
        before = screen_text(app)
        marks = screen.view.marks("notes")
        markers = screen.view.markers("notes")
        held.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.notes.storage.store is not None
        after = screen_text(app)
        full_marks = screen.view.marks("notes")
        full_markers = screen.view.markers("notes")
    assert f"Notes ({COUNT})" in before
    assert before == after  # nothing moves when the notes themselves replace it
    assert marks and set(markers) == set(full_markers)  # one marker per offset is drawn
    assert looks(sample.text, marks) == looks(sample.text, full_marks)


async def test_a_key_pressed_before_the_notes_load_acts_once_they_are_in(
    sample: Article, tmp_path: Path, noted: NotesStore, held: HeldLoad
) -> None:
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("G", "h")  # the last paragraph: no note there yet
        await pilot.pause()
        waiting = screen_text(app)
        held.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        shown = screen_text(app)
        messages = notifications(app)
    assert f"Notes ({COUNT})" in waiting
    assert any("still loading" in message for message in messages)
    assert f"Notes ({COUNT + 1})" in shown
    assert any(message.startswith("Highlighted") for message in messages)
    assert len(saved_annotations(tmp_path)) == COUNT + 1


async def test_notes_synced_since_are_not_hidden_by_the_kept_first_screen(
    sample: Article, tmp_path: Path, noted: NotesStore, held: HeldLoad
) -> None:
    other = NotesStore.open(sample, tmp_path, author="a collaborator")  # as a `git pull`
    start = sample.paragraphs[5].start
    other.add(sample.text, start, start + 20, note="synced")
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        waiting = screen_text(app)
        held.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen_text(app)
    assert f"Notes ({COUNT})" not in waiting
    assert "loading notes" in waiting
    assert f"Notes ({COUNT + 1})" in shown


async def test_a_damaged_first_screen_is_ignored(
    sample: Article, tmp_path: Path, noted: NotesStore, held: HeldLoad
) -> None:
    directory = FirstScreenCache.default().directory
    assert directory is not None
    (entry,) = directory.glob("*.json")
    entry.write_bytes(entry.read_bytes()[:-40])
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        waiting = screen_text(app)
        held.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen_text(app)
    assert "loading notes" in waiting
    assert f"Notes ({COUNT})" in shown
    assert list(directory.glob("*.json"))  # written anew once the notes loaded


def looks(text: str, marks: list[tuple[int, int, object]]) -> list[Style]:
    """The style each character of `text` is drawn in under the notes layer's `marks`."""
    layers = MarkLayers()
    layers.set_marks("notes", marks, priority=20)
    body = Style()
    styles: list[Style] = []
    for segment in layers.segments(text, 0, len(text), body, lambda s: s):
        styles.extend([segment.style or body] * len(segment.text))
    return styles


@pytest.mark.parametrize("seed", range(5))
def test_flattened_highlights_look_as_the_overlapping_ones_do(seed: int) -> None:
    rng = random.Random(seed)
    text = "x" * 300
    spans = []
    for _ in range(80):
        start = rng.randrange(0, 290)
        look = (rng.choice(("yellow", "green", "blue", "mauve")), rng.random() < 0.5)
        spans.append((start, start + rng.randrange(1, 60), look))
    spans.sort(key=lambda span: span[0])  # as the layer keeps them (stable)
    styled = [(s, e, highlight_style(*look)) for s, e, look in spans]
    flat = [(s, e, highlight_style(*look)) for s, e, look in on_top(spans, len(text))]
    assert looks(text, flat) == looks(text, styled)
