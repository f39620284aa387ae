"""What a new user tripped on in the panes, in a real terminal (issue 14, items 5-8, 10, 14).

The sample article, its real extraction, notes made beforehand in a temporary directory.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from annotations.store import NotesStore
from reader.document import Article
from reader.extract.pipeline import extract
from reader.load import load_sample
from tests.e2e.terminal import Terminal, reader_command

SAMPLE = load_sample()
TITLE = SAMPLE.title


def environment(tmp_path: Path) -> dict[str, str]:
    """State, data, config and notes in `tmp_path`."""
    return {
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "READER_NOTES_DIR": str(tmp_path / "notes"),
    }


def add_notes(article: Article, notes_dir: Path, *passages: str) -> Path:
    """Highlight `passages` (yellow) in the notes of `article`; the notes file."""
    store = NotesStore.open(article, notes_dir)
    for passage in passages:
        start = article.text.index(passage)
        store.add(article.text, start, start + len(passage))
    return store.path


def colours(path: Path) -> dict[str, str]:
    """Passage to colour, as saved in the notes file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {a["selector"]["exact"]: a["color"] for a in data["annotations"]}


@pytest.fixture
def reader_at(tmp_path: Path) -> Iterator[Terminal]:
    """The reader on the sample at 120x40 with its quotes found (notes as set up before)."""
    with Terminal(reader_command(), cols=120, rows=40, env=environment(tmp_path)) as term:
        term.wait_for(TITLE[:40])
        term.wait_until(lambda screen: "finding" not in screen and " quotes ·" in screen)
        yield term


@pytest.mark.slow
def test_c_in_the_notes_pane_colours_the_first_note_at_once(tmp_path: Path) -> None:
    path = add_notes(SAMPLE, tmp_path / "notes", "The town council of Port Alden", "Ask me again")
    with Terminal(reader_command(), cols=120, rows=40, env=environment(tmp_path)) as term:
        term.wait_for("5 Notes (2)")
        term.send("5")
        term.settle()
        term.send("c")  # no j or k first
        deadline = time.monotonic() + 10
        while colours(path)["The town council of Port Alden"] != "green":
            assert time.monotonic() < deadline, term.screen_text()
            term.pump(0.1)
        assert "No highlight here" not in term.settle()
        assert colours(path)["Ask me again"] == "yellow"


@pytest.mark.slow
def test_y_in_the_quotes_pane_copies_the_quote_the_parentheses_went_to(
    reader_at: Terminal,
) -> None:
    quotes = extract(SAMPLE).quotes
    assert len(quotes[3].text) != len(quotes[2].text)  # the message tells them apart
    for _ in range(3):
        reader_at.send(")")
        reader_at.settle(0.2)
    reader_at.send("3")  # the pane's cursor followed to the third quote ...
    reader_at.settle(0.2)
    reader_at.send("j")  # ... so j puts it on the fourth, and y copies that one
    reader_at.settle(0.2)
    reader_at.send("y")
    reader_at.wait_for(f"Copied the quote ({len(quotes[3].text)} characters)")


@pytest.mark.slow
def test_4_without_headings_and_a_singular_in_the_palette(tmp_path: Path) -> None:
    with Terminal(reader_command(), cols=80, rows=24, env=environment(tmp_path)) as term:
        term.wait_for(TITLE[:40])
        term.wait_until(lambda screen: "finding" not in screen and " quotes ·" in screen)
        term.send("4")
        term.wait_for("No contents: this text has no")
        term.send("\x10")  # ctrl+p
        term.settle()
        term.send("critics")
        screen = term.wait_for("its critics")
        assert "1 quote" in screen and "1 quotes" not in screen


@pytest.mark.slow
def test_tab_and_escape_in_the_search_bar_leave_the_view_where_it_was(tmp_path: Path) -> None:
    with Terminal(reader_command(), cols=80, rows=24, env=environment(tmp_path)) as term:
        term.wait_for(TITLE[:40])
        term.wait_until(lambda screen: "finding" not in screen and " quotes ·" in screen)
        term.send("j")  # the headline's rule is now the top row: it shows no article text
        term.wait_until(lambda _screen: term.lines()[0].strip().startswith("━"))
        before = term.settle().splitlines()[:20]
        assert before[0].strip().startswith("━")
        term.send("/zqxjv")
        term.wait_for("not found")
        for scope in ("quotes", "speakers", "notes", "all"):
            term.send_key("tab")
            term.wait_for(f"[{scope}] not found")
            assert term.settle().splitlines()[:20] == before
        term.send_key("escape")
        term.wait_until(lambda screen: "[all]" not in screen)
        assert term.settle().splitlines()[:20] == before


@pytest.mark.slow
def test_one_toast_at_a_time_and_a_read_only_pane_says_why(tmp_path: Path) -> None:
    path = add_notes(SAMPLE, tmp_path / "notes", "Port Alden")
    path.write_bytes(path.read_bytes().replace(b"annotations:\n", b"annotations: [\n", 1))
    with Terminal(reader_command(), cols=120, rows=40, env=environment(tmp_path)) as term:
        screen = term.wait_for("read-only, no notes can be")
        assert "v selects" not in screen
        for key in "hhu":  # three refusals in a row: one toast, not three
            term.send(key)
            term.settle(0.2)
        screen = term.settle()
        assert screen.count("Notes are read-only") == 1


@pytest.mark.slow
def test_a_four_digit_count_keeps_the_speakers_names_in_line(tmp_path: Path) -> None:
    article = tmp_path / "many.txt"
    lines = ["Ten thousand words", ""]
    lines += [f'"Point number {n} stands," said Alice Moreau.\n' for n in range(1, 1001)]
    lines += ['"One point only," said Bob Stone.\n']
    article.write_text("\n".join(lines), encoding="utf-8")
    env = environment(tmp_path)
    with Terminal(reader_command(str(article)), cols=120, rows=40, env=env) as term:
        term.wait_for("Bob Stone", timeout=60)
        rows = [line for line in term.lines() if "Alice Moreau" in line or "Bob Stone" in line]
        pane = [row for row in rows if "●" in row]
        assert len(pane) == 2, term.screen_text()
        # The pane is the right-hand column: the last mention on each row is the pane's.
        columns = {row.rindex("Alice") if "Alice" in row else row.rindex("Bob") for row in pane}
        assert len(columns) == 1, pane
