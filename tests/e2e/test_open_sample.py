"""The real `reader` command, in a real terminal, opens the sample article."""

from __future__ import annotations

import os
from pathlib import Path

import reader.data
from reader.load import load_sample
from tests.e2e.terminal import Terminal, reader_command


def test_sample_article_shows_its_title_and_quits_on_q() -> None:
    title = load_sample().title
    with Terminal(reader_command(), cols=80, rows=24) as term:
        screen = term.wait_for(title[:40])
        assert "Traceback" not in screen
        term.send("q")
        assert term.wait_exit() == 0


def test_article_piped_on_stdin_opens_in_the_reader() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, (Path(reader.data.__file__).parent / "sample.txt").read_bytes())
    os.close(write_end)
    try:
        with Terminal(reader_command("-"), cols=100, rows=30, stdin=read_end) as term:
            term.wait_for("Mill Street bridge")
            term.send("q")
            assert term.wait_exit() == 0
    finally:
        os.close(read_end)
