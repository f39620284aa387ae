"""Esc in the search bar, with the next key typed at once, in a real terminal (issue 14, item 9).

A terminal sends Esc as ESC and alt+q as ESC q: when both keys come in one read (a fast typist,
tmux, SSH), the reader must still take them as Esc, then q.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.load import load_sample
from tests.e2e.terminal import Terminal, reader_command

TITLE = load_sample().title
BAR = re.compile(r"^ /bridge .*\[all\] \d+/\d+", re.MULTILINE)


@pytest.fixture(params=[(80, 24), (120, 40)], ids=["80x24", "120x40"])
def searching(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Terminal]:
    """The reader on the sample with `/bridge` typed in the search bar and its matches shown."""
    cols, rows = request.param
    env = {
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "READER_NOTES_DIR": str(tmp_path / "notes"),
    }
    with Terminal(reader_command(), cols=cols, rows=rows, env=env) as term:
        term.wait_for(TITLE[:40])
        term.send("/")
        term.wait_for("[all]")
        term.send("bridge")
        term.wait_until(lambda screen: BAR.search(screen) is not None, timeout=15)
        yield term


@pytest.mark.slow
def test_escape_and_q_in_one_read_close_the_bar_and_quit(searching: Terminal) -> None:
    searching.send("\x1bq")  # esc and q together, as tmux or SSH deliver them
    assert searching.wait_exit(timeout=10) == 0
    assert "/bridgeq" not in searching.screen_text()


@pytest.mark.slow
def test_escape_then_a_key_40_ms_later_acts_on_the_article(searching: Terminal) -> None:
    term = searching
    term.send("\x1b")
    time.sleep(0.04)  # a quick typist: within Textual's 100 ms escape delay
    term.send("j")
    # Back at the top, where the search started, then one line down: the title's rule on top.
    term.wait_until(lambda _screen: term.lines()[0].strip().startswith("━"))
    screen = term.settle()
    assert "[all]" not in screen and "/bridgej" not in screen  # the bar closed, no j in it
    term.send("q")
    assert term.wait_exit() == 0
