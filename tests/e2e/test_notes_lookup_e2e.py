"""An article edited inside a noted passage still shows its note, in a real terminal at 80x24.

Issue 18, section 1: the note was made with `reader notes add`, one word of its passage was
then dropped (as `sed -i` would), and the app showed "Notes (0)" with no word of the notes.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, reader_command
from tests.unit.test_notes_lookup import ARTICLE

HEADLINE = ARTICLE.split("\n", 1)[0]


@pytest.mark.slow
def test_the_note_is_shown_after_a_word_of_its_passage_was_dropped(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    env = {"READER_NOTES_DIR": str(tmp_path / "notes")}
    added = subprocess.run(
        [*reader_command("notes", "add", str(article)), "--quote",
         "Colin Powell shook some sort of a test tube", "--note", "check the vial"],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("some sort of a test tube", "some sort of test tube"))
    with Terminal(reader_command(str(article)), cols=80, rows=24, env=env) as term:
        term.wait_for(HEADLINE[:30])
        term.settle(0.5, timeout=10)
        term.send("5")  # the Notes pane, as an overlay at 80 columns
        screen = term.wait_for("check the vial", timeout=20)
        assert "Notes (1)" in screen
        term.send("q")
        assert term.wait_exit() == 0
    assert len(list((tmp_path / "notes").glob("*.notes.yaml"))) == 1
