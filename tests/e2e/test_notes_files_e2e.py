"""The app with a FIFO in place of the article's notes file: it says so, and `q` quits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli import main
from tests.e2e.terminal import Terminal, reader_command

pytestmark = pytest.mark.slow

ARTICLE = """Harbour town votes to rebuild its bridge

The council of Port Alden voted on Tuesday to rebuild the bridge.

"We cannot wait another winter," said the mayor after the vote.
"""


def test_a_fifo_notes_file_is_reported_and_q_still_quits(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    notes_dir = tmp_path / "notes"
    assert main(["notes", "add", str(article), "--quote", "said the mayor",
                 "--notes-dir", str(notes_dir)]) == 0  # fmt: skip
    (path,) = notes_dir.glob("*.notes.yaml")
    path.unlink()
    os.mkfifo(path)
    env = {"READER_NOTES_DIR": str(notes_dir)}
    with Terminal(reader_command(str(article)), cols=80, rows=24, env=env) as term:
        term.wait_for("Harbour town")
        term.wait_for("FIFO", timeout=20)  # the notes could not be opened, and why
        term.send("q")
        assert term.wait_exit(timeout=10) == 0
    assert path.exists() and not path.is_file()
