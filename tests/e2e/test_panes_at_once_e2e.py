"""Quotes in the panes without waiting: a small article at once, a book's first screens first,
and a book opened again from the cache; never an extraction process."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.load.progressive import PROGRESSIVE_BYTES
from tests.e2e.terminal import Terminal, reader_command

COUNTS = re.compile(r"(\d+) quotes? · \d+ speakers?( so far)?")
WHOLE = re.compile(r"(\d+) quotes? · \d+ speakers?  ¶")
"""The counts once the whole text's quotes are found (no "so far")."""
CHILD = "reader.ui.background"
"""What the extraction child process runs (`python -m reader.ui.background`)."""


def said(number: int) -> str:
    """A paragraph of narration with a quote attributed to a named speaker."""
    speaker = ("Ana Ruiz", "Derek Amsel", "Margaret Olufemi")[number % 3]
    return (
        f"The council met for the {number}th time about the bridge and the river. "
        f'"We will rebuild bridge number {number} before the winter," said {speaker}.'
    )


def write_text(path: Path, size: int) -> None:
    """A text of about `size` bytes: a title, then paragraphs that each hold one quote."""
    paragraphs = ["The Bridge Hearings"]
    number = 0
    while sum(len(p) + 2 for p in paragraphs) < size:
        number += 1
        paragraphs.append(said(number))
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def processes_started(pid: int) -> set[str]:
    """Command lines of the descendants of `pid` running now."""
    found: set[str] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            for child in children:
                try:
                    command = Path(f"/proc/{child}/cmdline").read_bytes()
                except OSError:
                    continue
                found.add(command.replace(b"\0", b" ").decode(errors="replace"))
                todo.append(child)
    return found


def watch(
    term: Terminal, until: re.Pattern[str] | str, timeout: float = 120
) -> tuple[list[str], set[str]]:
    """Read the screen until `until` shows; return every screen read and the processes seen."""
    assert term._proc is not None
    screens: list[str] = []
    started: set[str] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started |= processes_started(term._proc.pid)
        if term.pump_timed(0.01) is None:
            continue
        screen = term.screen_text()
        screens.append(screen)
        if re.search(until, screen):
            return screens, started
    raise AssertionError(f"{until!r} never showed:\n{term.screen_text()}")


def test_a_small_article_shows_its_panes_filled_and_starts_no_process(tmp_path: Path) -> None:
    article = tmp_path / "hearing.txt"
    write_text(article, 4_000)
    env = {"READER_NOTES_DIR": str(tmp_path / "notes")}
    with Terminal(reader_command("--no-resume", str(article)), cols=120, rows=40, env=env) as term:
        screens, started = watch(term, r"3 Quotes \(\d+\)")
        settle_until = time.monotonic() + 1.0
        while time.monotonic() < settle_until:
            started |= processes_started(term._proc.pid if term._proc else 0)
            term.pump(0.05)
        term.send("q")
        assert term.wait_exit() == 0
    with_panes = [s for s in screens if "3 Quotes" in s]
    assert with_panes, "the Quotes pane never showed"
    # The Speakers pane's own placeholder (the status line says "finding quotes…" until the
    # first frame after the article, and a screen read mid-frame may still show that).
    assert not [s for s in with_panes if "finding speakers" in s], "'finding…' came first"
    assert "Derek Amsel: We will rebuild" in with_panes[0]
    assert not [command for command in started if CHILD in command]


@pytest.mark.slow
def test_a_book_shows_its_first_quotes_first_and_opens_again_from_the_cache(
    tmp_path: Path,
) -> None:
    book = tmp_path / "hearings.txt"
    write_text(book, PROGRESSIVE_BYTES + 100_000)
    env = {"READER_NOTES_DIR": str(tmp_path / "notes"), "XDG_CACHE_HOME": str(tmp_path / "c")}
    argv = reader_command("--no-resume", str(book))

    with Terminal(argv, cols=120, rows=40, env=env) as term:
        screens, _ = watch(term, COUNTS)
        first = COUNTS.search(screens[-1])
        assert first is not None and first.group(2) == " so far"  # the first screens' quotes
        screens, started = watch(term, WHOLE)
        whole = WHOLE.search(screens[-1])
        assert whole is not None and 0 < int(first.group(1)) < int(whole.group(1))
        # the whole book too is read in the reader's own process: a second Python costs
        # 17 MB and a second copy of the text (issue 13: 70 MB for a 3 MB book, all counted)
        assert not [command for command in started if CHILD in command]
        term.send("q")
        assert term.wait_exit() == 0
    assert list((tmp_path / "c" / "reader").glob("v*/*.quotes"))

    with Terminal(argv, cols=120, rows=40, env=env) as term:
        screens, started = watch(term, WHOLE)
        assert whole.group(0) in screens[-1]
        term.send("q")
        assert term.wait_exit() == 0
    assert not [command for command in started if CHILD in command]  # from the cache
