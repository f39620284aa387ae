"""Notes in a real terminal at 80x24: highlight, write a note, quit, find it on disk and again."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from reader.load import load_sample
from reader.ui.notes_keys import NOTE_MARKER
from tests.e2e.terminal import Terminal, reader_command

SAMPLE = load_sample()
TITLE = SAMPLE.title
NOTE = "Seven to two, and the bridge by spring."
CTRL_S = "\x13"


def highlight_current_paragraph(term: Terminal) -> None:
    """Press h until the notes have loaded and the highlight is confirmed."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        term.settle(0.5, timeout=5)  # let pending toasts and the loading worker finish
        term.send("h")
        screen = term.wait_until(lambda s: "Highlighted" in s or "loading" in s, timeout=10)
        if "Highlighted" in screen:
            return
    raise AssertionError("the notes never loaded:\n" + term.screen_text())


def test_a_note_written_in_the_app_is_saved_as_yaml_and_shown_when_reopened(
    tmp_path: Path,
) -> None:
    notes_dir = tmp_path / "notes"
    env = {"READER_NOTES_DIR": str(notes_dir)}
    with Terminal(reader_command(), cols=80, rows=24, env=env) as term:
        term.wait_for(TITLE[:40])
        highlight_current_paragraph(term)
        term.send("a")
        term.wait_for("Save note")
        term.send(NOTE)
        term.wait_for(NOTE)
        term.send(CTRL_S)
        term.wait_for("Note saved")
        term.send("q")
        assert term.wait_exit() == 0

    files = sorted(notes_dir.glob("*.notes.yaml"))
    assert [f.name for f in files] == [
        "harbour-town-votes-to-rebuild-its-flooded-bridge-by-spring--6b323f26.notes.yaml"
    ]
    data = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    (annotation,) = data["annotations"]
    assert annotation["note"] == NOTE
    assert annotation["selector"]["exact"] == SAMPLE.paragraphs[0].text

    with Terminal(reader_command(), cols=80, rows=24, env=env) as term:
        term.wait_for(TITLE[:40])
        screen = term.wait_for(NOTE_MARKER)  # the note marker beside the first paragraph
        marked = [line for line in screen.splitlines() if NOTE_MARKER in line]
        assert len(marked) == 1 and "flood defences." in marked[0]
        term.send("5")  # the Notes pane, as an overlay at 80 columns
        screen = term.wait_for("Seven to two, and the bridge")
        assert "5 Notes (1)" in screen
        term.send("q")
        assert term.wait_exit() == 0
    assert sorted(notes_dir.glob("*.notes.yaml")) == files  # reading wrote nothing new


def test_capital_a_writes_the_note_in_the_editor_with_the_app_suspended(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "written in my editor\\nsecond line\\n" >> "$1"\n')
    editor.chmod(0o755)
    env = {"READER_NOTES_DIR": str(notes_dir), "EDITOR": str(editor), "VISUAL": ""}
    with Terminal(reader_command(), cols=80, rows=24, env=env) as term:
        term.wait_for(TITLE[:40])
        highlight_current_paragraph(term)
        term.send("A")
        term.wait_for("Note saved")
        screen = term.wait_for(NOTE_MARKER)
        assert TITLE[:40] in screen  # the app came back after the editor
        term.send("q")
        assert term.wait_exit() == 0
    data = yaml.safe_load(next(notes_dir.glob("*.notes.yaml")).read_text(encoding="utf-8"))
    assert [a["note"] for a in data["annotations"]] == ["written in my editor\nsecond line"]


def test_a_note_typed_in_one_burst_after_a_is_kept_whole(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    env = {"READER_NOTES_DIR": str(notes_dir)}
    with Terminal(reader_command(), cols=80, rows=24, env=env) as term:
        term.wait_for(TITLE[:40])
        highlight_current_paragraph(term)
        term.send("a" + NOTE)  # one write, as a fast typist or a paste delivers it
        term.wait_for(NOTE)
        term.send(CTRL_S)
        term.wait_for("Note saved")
        term.send("q")
        assert term.wait_exit() == 0
    (notes_file,) = notes_dir.glob("*.notes.yaml")
    data = yaml.safe_load(notes_file.read_text(encoding="utf-8"))
    assert [a.get("note") for a in data["annotations"]] == [NOTE]


@pytest.mark.slow
def test_with_ten_thousand_notes_a_highlight_shows_and_q_straight_after_keeps_it(
    tmp_path: Path,
) -> None:
    # Each change to a 4 MB notes file is written behind the screen: the count moves at once,
    # and quitting while that write runs must still leave the new note on disk.
    from benchmarks.bench_notes_scale import write_notes

    notes_dir = tmp_path / "notes"
    article = tmp_path / "article.txt"
    article.write_text(SAMPLE.text, encoding="utf-8")
    path = write_notes(article, notes_dir, 10_000)
    env = {"READER_NOTES_DIR": str(notes_dir)}
    with Terminal(reader_command("--no-resume", str(article)), cols=120, rows=40, env=env) as term:
        term.wait_for("Notes (10000)", timeout=60)
        term.send("G")
        term.send("h")
        term.wait_for("Notes (10001)", timeout=20)
        term.send("q")
        assert term.wait_exit(timeout=30) == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    live = [a for a in data["annotations"] if not a.get("deleted")]
    assert len(live) == 10_001
