"""The real `reader` command, in a real terminal, opens the sample article."""

from __future__ import annotations

from reader.load import load_sample
from tests.e2e.terminal import Terminal, reader_command


def test_sample_article_shows_its_title_and_quits_on_q() -> None:
    title = load_sample().title
    with Terminal(reader_command(), cols=80, rows=24) as term:
        screen = term.wait_for(title[:40])
        assert "Traceback" not in screen
        term.send("q")
        assert term.wait_exit() == 0
