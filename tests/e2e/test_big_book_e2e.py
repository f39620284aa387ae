"""A big book in a real terminal: its first screen at once, then all of it, and its place kept."""

from __future__ import annotations

import re
from pathlib import Path

from reader.load import open_article
from reader.load.progressive import PROGRESSIVE_BYTES
from tests.e2e.terminal import Terminal, reader_command

POSITION = re.compile(r"¶ (\d+)/(\d+|…)")


def position(term: Terminal) -> tuple[int, str]:
    """(paragraph number, total or `…`) from the status line."""
    found = POSITION.search(term.lines()[-2])
    return (int(found.group(1)), found.group(2)) if found else (0, "")


def test_a_big_book_opens_at_once_then_reads_whole_and_resumes_where_it_was(
    tmp_path: Path,
) -> None:
    book = tmp_path / "book.txt"
    paragraph = "The river rose again in the night, and the town listened to it. " * 3
    book.write_text(
        "The Long Testimony\n\n"
        + "\n\n".join(f"Part {n}. {paragraph}" for n in range(1, 4001))
        + "\n",
        encoding="utf-8",
    )
    assert book.stat().st_size > PROGRESSIVE_BYTES
    total = str(len(open_article(str(book)).paragraphs))
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "READER_NOTES_DIR": str(tmp_path / "n")}
    with Terminal(reader_command(str(book)), cols=80, rows=24, env=env) as term:
        term.wait_for("Part 1. The river")
        term.wait_until(lambda _s: position(term) == (1, total))  # the whole book is there
        term.send("G")
        term.wait_until(lambda _s: position(term) == (int(total), total))
        assert "Part 4000." in term.screen_text()
        term.send("g")
        term.wait_until(lambda _s: position(term)[0] == 1)
        for _ in range(5):
            term.send("]")
        term.wait_until(lambda _s: position(term)[0] == 6)
        term.send("q")
        assert term.wait_exit() == 0
    with Terminal(reader_command(str(book)), cols=80, rows=24, env=env) as term:
        term.wait_until(lambda _s: position(term) == (6, total))  # resumed once it is read
        assert "Part 6." in term.screen_text()
        term.send("q")
        assert term.wait_exit() == 0
