"""The first frame that shows the article also shows its panes filled, and nothing jumps after.

Read from a real pty at 120x40, every screen from the start: a screen with the article's text
and no quotes in the Quotes pane (or "finding quotes…" in the status line) is what a user used
to see for ~150 ms, before the panes came and pushed the text sideways.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.load.progressive import PROGRESSIVE_BYTES
from tests.e2e.terminal import Terminal, reader_command
from tests.e2e.test_panes_at_once_e2e import WHOLE, write_text

FILLED = re.compile(r"3 Quotes \(\d+\)")
"""The Quotes pane's border once it lists quotes."""
COUNTS = re.compile(r"\d+ quotes? · \d+ speakers?")
FIRST_WORDS = "The council met for the 1th time"
"""How the text's first paragraph begins (`write_text`)."""


FRAME_GAP = 0.05
"""Seconds without output after which a screen counts as a whole frame: one frame comes in
several writes, and a screen read between them is half drawn."""


def screens_until_whole(path: Path, env: dict[str, str], timeout: float = 120) -> list[str]:
    """Every whole frame from spawning the reader on `path` until all its quotes are counted."""
    argv = reader_command("--no-resume", str(path))
    screens: list[str] = []
    with Terminal(argv, cols=120, rows=40, env=env) as term:
        deadline = time.monotonic() + timeout
        while not screens or not WHOLE.search(screens[-1]):
            assert time.monotonic() < deadline, f"never all counted:\n{term.screen_text()}"
            if term.pump_timed(0.5) is None:
                continue
            while term.pump_timed(FRAME_GAP) is not None:
                pass
            screens.append(term.screen_text())
        term.send("q")
        assert term.wait_exit() == 0
    return screens


def assert_panes_came_with_the_text(screens: list[str]) -> None:
    """Each screen showing the text shows the filled Quotes pane and counts; the text stays put."""
    with_text = [screen for screen in screens if FIRST_WORDS in screen]
    assert with_text, "the article never showed"
    for screen in with_text:
        assert FILLED.search(screen), f"the text came before the quotes:\n{screen}"
        assert COUNTS.search(screen) and "finding" not in screen, screen
    columns = {
        line.index(FIRST_WORDS)
        for screen in with_text
        for line in screen.splitlines()
        if FIRST_WORDS in line
    }
    assert len(columns) == 1, f"the text moved sideways: columns {sorted(columns)}"


@pytest.mark.parametrize(
    "size",
    [
        pytest.param(4_000, id="4 KB article"),
        pytest.param(150_000, id="150 KB article (first screens' quotes first)"),
        pytest.param(PROGRESSIVE_BYTES + 100_000, id="book", marks=pytest.mark.slow),
    ],
)
def test_the_first_frame_has_the_panes_filled_first_time_and_again(
    tmp_path: Path, size: int
) -> None:
    text = tmp_path / "hearings.txt"
    write_text(text, size)
    env = {"READER_NOTES_DIR": str(tmp_path / "notes"), "XDG_CACHE_HOME": str(tmp_path / "c")}
    assert_panes_came_with_the_text(screens_until_whole(text, env))
    assert list((tmp_path / "c" / "reader").glob("v*/*.quotes"))
    assert_panes_came_with_the_text(screens_until_whole(text, env))  # from the cache
