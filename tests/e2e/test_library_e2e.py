"""The library in a real terminal at 80x24: add three articles, open the library, find a
speaker, open the article at their quote, search the library, open the article at the hit,
quit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, reader_command

ARTICLES = Path(__file__).parent.parent / "data" / "library" / "articles"


@pytest.mark.slow
def test_add_three_open_the_library_find_a_speaker_and_open_their_quote(tmp_path: Path) -> None:
    env = {
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "READER_NOTES_DIR": str(tmp_path / "notes"),
        "READER_LIBRARY_DIR": str(tmp_path / "library"),
    }
    import os

    names = ["article-04.txt", "article-12.txt", "article-03.txt"]
    for name in names:
        added = subprocess.run(
            reader_command("add", str(ARTICLES / name)),
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert added.returncode == 0 and len(added.stdout.strip()) == 12, added.stderr
    with Terminal(reader_command("library"), cols=80, rows=24, env=env) as term:
        term.wait_for("Library: 3 articles")
        term.send("s")
        term.wait_for("Speakers:")
        term.send("/")
        term.settle()  # keys sent in the same instant as `/` can reach the list first
        term.send("viktor")
        screen = term.wait_until(lambda s: "Viktor Petrov" in s and "Ivan" not in s)
        assert "Traceback" not in screen
        term.send_key("enter")  # from the filter to the list
        term.settle()
        term.send_key("enter")  # what Viktor Petrov said
        term.wait_until(lambda _s: "Viktor Petrov:" in term.lines()[0])
        said_by = "Viktor Petrov"
        term.send_key("enter")  # the newest thing they said: open the article there
        screen = term.wait_for("The river: a deal is near")
        screen = term.wait_until(lambda s: said_by.split()[0] in s)
        assert "Traceback" not in screen
        term.send("q")  # leave the reader: back to the library
        term.wait_for("Library: 3 articles")
        term.send("/")  # search the whole library: a typo, the words out of order
        term.settle()
        term.send("winter befre")
        screen = term.wait_until(lambda s: "Search:" in s and "before winter" in s)
        assert "Traceback" not in screen
        term.send_key("enter")  # from the search line to the results
        term.settle()
        term.send_key("enter")  # the best hit: its article opens at the passage
        screen = term.wait_for("The river: a deal is near")
        screen = term.wait_until(lambda s: "before winter" in s)
        term.send("q")
        term.wait_for("Library: 3 articles")
        term.send("q")
        assert term.wait_exit() == 0
