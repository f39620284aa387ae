"""A thousand notes opened again in a real terminal: counted and highlighted at once, no flicker."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from annotations.model import Annotation, NotesFile, selector_for
from annotations.store import NotesStore
from annotations.yaml_io import dump_bytes
from reader.load import load_sample
from reader.ui.notes_keys import NOTE_COLOURS
from tests.e2e.terminal import Terminal, reader_command

SAMPLE = load_sample()
COUNT = 1000  # about 380 KB: a big file, whose first screen is kept
LABEL = f"Notes ({COUNT})"
FRAME_GAP = 0.05
"""Seconds without output after which a screen counts as a whole frame."""
TINTS = {tint.lstrip("#").lower() for tint in NOTE_COLOURS.values()}


def write_notes(notes_dir: Path) -> Path:
    """`COUNT` notes on random passages of the sample, written as one file (as a year leaves)."""
    store = NotesStore.open(SAMPLE, notes_dir)
    rng = random.Random(11)
    text = SAMPLE.text
    stamp = "2026-12-01T09:00:00.000Z"
    annotations = []
    for index in range(COUNT):
        start = rng.randrange(0, len(text) - 120)
        annotations.append(
            Annotation(
                id=f"01J{index:023d}",
                created=stamp,
                updated=stamp,
                author="e2e",
                selector=selector_for(text, start, start + rng.randrange(8, 120)),
                color=rng.choice(tuple(NOTE_COLOURS)),
                tags=(f"topic{index % 7}",),
                note=f"Note {index}: check the minutes." if index % 3 else "",
            )
        )
    notes = NotesFile(document=store.notes.document, annotations=tuple(annotations))
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(dump_bytes(notes))
    return store.path


def highlighted_cells(term: Terminal) -> set[tuple[int, int, str]]:
    """(row, column, tint) of every cell drawn on a highlight's tint."""
    return {
        (row, column, str(cell.bg).lower())
        for row, line in term.screen.buffer.items()
        for column, cell in line.items()
        if str(cell.bg).lower() in TINTS
    }


def notes_pane(screen: str) -> list[str]:
    """The Notes pane's rows: from its title down, cut at its left border."""
    lines = screen.splitlines()
    for index, line in enumerate(lines):
        column = line.find(LABEL)
        if column >= 0:
            left = line.rfind("╭", 0, column)
            return [row[left:] for row in lines[index : index + 8]]
    return []


@pytest.mark.slow
def test_notes_opened_again_are_on_the_first_screen_and_stay_as_they_are(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    write_notes(notes_dir)
    env = {
        "READER_NOTES_DIR": str(notes_dir),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    argv = reader_command("--no-resume", "--sample")
    kept = tmp_path / "cache" / "reader"
    with Terminal(argv, cols=120, rows=40, env=env) as term:  # the first open keeps it
        term.wait_for(LABEL)
        deadline = time.monotonic() + 30  # kept once all are loaded: later on a loaded machine
        while not any(f.is_file() for f in kept.glob("first-screen-v*/**/*")):
            assert time.monotonic() < deadline, "the first screen was never kept"
            term.pump(0.05)
        term.settle(0.5)
        term.send("q")
        assert term.wait_exit() == 0

    with Terminal(argv, cols=120, rows=40, env=env) as term:
        seen_loading = False
        deadline = time.monotonic() + 30
        while LABEL not in term.screen_text():
            seen_loading |= "loading notes" in term.screen_text()
            assert time.monotonic() < deadline, term.screen_text()
            term.pump(0.01)
        while term.pump_timed(FRAME_GAP) is not None:
            pass  # the rest of that frame: one frame comes in several writes
        first = term.screen_text()
        first_cells = highlighted_cells(term)
        term.settle(2.0, timeout=15)  # the notes themselves have replaced it by now
        settled = term.screen_text()
        settled_cells = highlighted_cells(term)
        term.send("q")
        assert term.wait_exit() == 0

    assert not seen_loading  # the pane never said "loading notes…"
    assert first_cells  # highlights on the first screen
    assert first_cells == settled_cells  # and the same ones once all is loaded
    assert notes_pane(first) == notes_pane(settled)
