"""Reading in a real terminal: `reader` in a pty, driven by keys, read off the screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.data
from reader.load import load_sample
from tests.e2e.terminal import Terminal, reader_command

TITLE = load_sample().title
PARAGRAPHS = len(load_sample().paragraphs)
POSITION = re.compile(r"¶ (\d+)/(\d+)\s+(\d+)%")


def position(term: Terminal) -> tuple[int, int]:
    """(paragraph number, percentage) from the status line."""
    for line in reversed(term.lines()):
        found = POSITION.search(line)
        if found:
            return int(found.group(1)), int(found.group(3))
    raise AssertionError("no position in the status line:\n" + term.screen_text())


def extraction_done(screen: str) -> bool:
    return "finding" not in screen and " quote" in screen


@pytest.fixture
def reader_term(tmp_path: Path) -> Iterator[Terminal]:
    """The reader on the sample at 80x24, extraction finished."""
    with Terminal(reader_command(), cols=80, rows=24) as term:
        term.wait_for(TITLE[:40])
        term.wait_until(extraction_done, timeout=30)
        yield term


def test_keys_move_through_the_sample_and_the_status_line_follows(reader_term: Terminal) -> None:
    term = reader_term
    term.send("j")
    # waiting for the title to leave the top row, not for any change there: the scroll bar's
    # glyph at the end of the row can change first
    term.wait_until(lambda _screen: TITLE not in term.lines()[0])
    assert term.lines()[0].split()[0] == "━" * len(TITLE)  # one row down: the title's rule
    term.send("G")
    term.wait_until(lambda _screen: position(term) == (PARAGRAPHS, 100))
    assert "again in April." in term.screen_text()
    term.send("g")
    term.wait_until(lambda _screen: position(term) == (1, 0))
    assert term.lines()[0].strip() == TITLE
    term.send("]")
    term.wait_until(lambda _screen: position(term)[0] == 2)
    term.send(" ")
    term.wait_until(lambda _screen: TITLE not in term.screen_text())


def test_selecting_a_speaker_highlights_them_and_n_steps_through_their_quotes(
    reader_term: Terminal,
) -> None:
    term = reader_term
    term.send("2")
    term.wait_for("Speakers")
    pane_line = next(line for line in term.lines() if "●" in line)
    name = re.sub(r"^.*●\s+\d+\s+", "", pane_line).split("│")[0].replace("[org]", "").strip()
    assert name
    term.send_key("enter")
    term.wait_until(lambda _screen: f"▸ {name[:10]}" in term.lines()[-2])
    term.settle()
    assert "Speakers" not in term.screen_text()  # back to the article
    term.send("n")
    term.settle()
    term.send("N")
    term.settle()
    assert f"▸ {name[:10]}" in term.lines()[-2]
    term.send_key("escape")
    term.wait_until(lambda _screen: "▸" not in term.lines()[-2])


def test_enter_in_the_quotes_pane_jumps_to_the_quote(reader_term: Terminal) -> None:
    term = reader_term
    term.send("G")
    term.wait_until(lambda _screen: position(term)[1] == 100)
    term.send("3")
    term.wait_for("Quotes")
    first = next(line for line in term.lines() if ": " in line and "│" in line)
    words = first.split(": ", 1)[1].split("│")[0].strip().rstrip("…").split()[:3]
    term.send_key("down")
    term.send_key("enter")
    term.wait_until(lambda _screen: position(term)[1] < 100)
    term.settle()
    assert "Quotes" not in term.screen_text()
    text = " ".join(term.screen_text().split())
    assert " ".join(words) in text


def test_resizing_keeps_the_place_and_shows_panes_when_wide() -> None:
    with Terminal(reader_command(), cols=80, rows=24) as term:
        term.wait_for(TITLE[:40])
        term.wait_until(extraction_done, timeout=30)
        check_resizing(term)


def check_resizing(term: Terminal) -> None:
    for _ in range(4):
        term.send("]")
    term.wait_until(lambda _screen: position(term)[0] == 5)
    term.resize(120, 40)
    term.wait_for("Speakers")
    term.settle()
    assert position(term)[0] == 5
    term.resize(60, 20)
    term.wait_until(lambda _screen: "Speakers" not in term.screen_text())
    term.settle()
    assert position(term)[0] == 5
    assert all(len(line) <= 60 for line in term.lines())
    term.resize(80, 24)
    term.settle()
    assert position(term)[0] == 5


def test_help_is_generated_from_the_bindings_and_q_quits(reader_term: Terminal) -> None:
    term = reader_term
    term.send("?")
    term.wait_for("article.line_down")
    term.send_key("escape")
    term.wait_until(lambda _screen: "article.line_down" not in term.screen_text())
    term.send("q")
    assert term.wait_exit() == 0


def test_reopening_the_same_text_resumes_where_the_reader_left_off(tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "renamed.txt"
    moved.parent.mkdir()
    moved.write_bytes((Path(reader.data.__file__).parent / "sample.txt").read_bytes())
    with Terminal(reader_command(), cols=80, rows=24) as term:
        term.wait_for(TITLE[:40])
        term.wait_for("¶")  # the status line may come in a later read than the title
        for _ in range(3):
            term.send("]")
        term.wait_until(lambda _screen: position(term)[0] == 4)
        term.send("q")
        assert term.wait_exit() == 0
    with Terminal(reader_command(str(moved)), cols=80, rows=24) as term:
        term.wait_for("¶")
        term.settle()
        assert position(term)[0] == 4  # the same text, from another path: same place
        term.send("q")
        term.wait_exit()


@pytest.mark.parametrize(
    ("name", "env"),
    [
        ("256 colours", {"TERM": "xterm-256color"}),
        ("16 colours", {"TERM": "xterm"}),
        ("NO_COLOR", {"TERM": "xterm-256color", "NO_COLOR": "1"}),
    ],
)
def test_readable_in_256_and_16_colours_and_without_colour(name: str, env: dict[str, str]) -> None:
    with Terminal(reader_command(), cols=120, rows=40, env=env) as term:
        term.wait_for(TITLE[:40])
        term.wait_until(extraction_done, timeout=30)
        term.settle()
        screen = term.screen
        colours = {
            (cell.fg, cell.bg)
            for row in range(screen.lines)
            for cell in screen.buffer[row].values()
        }
        hex_colours = {c for pair in colours for c in pair if re.fullmatch(r"[0-9a-f]{6}", c)}
        named = {c for pair in colours for c in pair if c != "default" and c not in hex_colours}
        if name == "16 colours":
            assert not hex_colours and named  # only the 16 named ANSI colours
        elif name == "NO_COLOR":
            # Shades of grey only: no hue anywhere (Textual renders NO_COLOR as monochrome).
            assert not named - {"default"}
            assert all(c[0:2] == c[2:4] == c[4:6] for c in hex_colours)
        else:
            assert hex_colours
        # The text itself is on screen whatever the colours.
        assert "The town council of Port Alden" in term.screen_text()
        assert "Speakers" in term.screen_text()
        term.send("q")
        assert term.wait_exit() == 0
