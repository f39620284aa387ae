"""Searching in a real terminal at 80x24: `/`, a misspelt name, the result, `enter`, then `n`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.load import load_sample
from tests.e2e.terminal import Terminal, reader_command

TITLE = load_sample().title
COUNTER = re.compile(r"/bridge (\d+)/(\d+) \(n/N\)")


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """Config, state, data and notes directories of the test's own."""
    return {
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "READER_NOTES_DIR": str(tmp_path / "notes"),
    }


@pytest.fixture
def reader_term(tmp_path: Path) -> Iterator[Terminal]:
    """The reader on the sample at 80x24, with its own state, data and config directories."""
    env = isolated_env(tmp_path)
    with Terminal(reader_command(), cols=80, rows=24, env=env) as term:
        term.wait_for(TITLE[:40])
        term.wait_until(lambda screen: "finding" not in screen and " quote" in screen, timeout=30)
        # The counts are in the first frame; the search bar is mounted just after it (keys typed
        # meanwhile are held for it: see the test of a query typed straight after the paint).
        # Open and close it once, so the tests below start with the index built.
        term.settle()
        term.send("/")
        term.wait_for("[all]")
        term.send_key("escape")
        term.wait_until(lambda screen: "[all]" not in screen)
        term.settle()
        yield term


def bridge_counter(term: Terminal) -> tuple[int, int] | None:
    """(current, total) from `/bridge 3/7 (n/N)` in the status line, if it shows."""
    found = COUNTER.search(term.lines()[-2])
    return (int(found.group(1)), int(found.group(2))) if found else None


def test_a_misspelt_search_finds_the_passage_enter_jumps_and_n_steps(
    reader_term: Terminal,
) -> None:
    term = reader_term
    term.send("/")
    term.wait_for("[all]")
    term.send("Ferante")

    def result_shown(_screen: str) -> bool:
        lines = term.lines()
        bar, result_row = lines[-2], lines[-3]
        return (
            "no exact match" in bar
            and "close" in bar
            and result_row.startswith("¶2")
            and ("Ferrante-Ruiz" in result_row)
        )

    screen = term.wait_until(result_shown)  # the counter in the bar, the result above it
    assert "Traceback" not in screen
    term.send_key("enter")

    def jumped(_screen: str) -> bool:
        lines = term.lines()
        return (
            "/Ferante result 1/" in lines[-2]  # n/N now step through the results
            and "[all]" not in term.screen_text()  # the bar closed
            and any("Ines Ferrante-Ruiz" in line for line in lines[:-2])  # the passage
        )

    term.wait_until(jumped)

    term.send("/")
    term.wait_for("[all]")
    term.send("bridge")
    total = load_sample().text.lower().count("bridge")
    term.wait_until(
        lambda _screen: "/bridge" in term.lines()[-2] and f"/{total}" in term.lines()[-2]
    )
    term.send_key("enter")
    term.wait_until(lambda _screen: bridge_counter(term) is not None)
    counter = bridge_counter(term)
    assert counter is not None and counter[1] == total
    current = counter[0]
    term.send("n")
    term.wait_until(lambda _screen: bridge_counter(term) == (current % total + 1, total))
    term.send("N")
    term.wait_until(lambda _screen: bridge_counter(term) == (current, total))
    term.send_key("escape")
    term.wait_until(lambda _screen: "/bridge" not in term.lines()[-2])
    term.send("q")
    assert term.wait_exit() == 0


def test_searches_are_remembered_for_the_article_after_quitting(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    with Terminal(reader_command(), cols=80, rows=24, env=env) as term:
        term.wait_for(TITLE[:40])
        term.send("/")
        term.wait_for("[all]")
        term.send("council")
        term.wait_until(lambda _screen: "/council" in term.lines()[-2] and "/" in term.lines()[-2])
        term.send_key("enter")
        term.wait_until(lambda screen: "[all]" not in screen and "q Quit" in screen)
        term.send("q")
        assert term.wait_exit() == 0
    with Terminal(reader_command(), cols=80, rows=24, env=env) as term:
        term.wait_for(TITLE[:40])
        term.send("/")
        term.wait_for("[all]")
        term.send_key("up")
        term.wait_until(lambda _screen: term.lines()[-2].startswith(" /council"))
        term.send_key("escape")
        term.wait_until(lambda screen: "[all]" not in screen and "q Quit" in screen)
        term.send("q")
        assert term.wait_exit() == 0


def test_a_query_typed_in_one_burst_after_slash_reaches_the_bar(reader_term: Terminal) -> None:
    reader_term.send("/bridge")  # one write, as a fast typist or a paste delivers it
    bar = re.compile(r"^ /bridge .*\[all\] \d+/\d+", re.MULTILINE)
    reader_term.wait_until(lambda s: bar.search(s) is not None, timeout=15)


def test_a_query_typed_straight_after_the_first_paint_reaches_the_bar(tmp_path: Path) -> None:
    # The bar is mounted just after the first paint; the keys typed after a `/` that came
    # before it was mounted reached the article (which took `g`, `e`... as its own keys), and
    # the bar opened empty.
    with Terminal(reader_command(), cols=80, rows=24, env=isolated_env(tmp_path)) as term:
        term.wait_for(TITLE[:40])
        term.send("/bridge")  # one write, at once: the bar is not mounted yet
        bar = re.compile(r"^ /bridge .*\[all\] \d+/\d+", re.MULTILINE)
        term.wait_until(lambda s: bar.search(s) is not None, timeout=15)
        term.send_key("escape")
        term.wait_until(lambda screen: "[all]" not in screen)
        term.send("q")
        assert term.wait_exit() == 0


def screens_until_quiet(term: Terminal, quiet: float = 0.4) -> list[str]:
    """The screen after each burst of output (a frame) until nothing came for `quiet` s."""
    screens: list[str] = []
    while term.pump_timed(quiet) is not None:
        while term.pump_timed(0.005) is not None:  # the rest of a frame read in parts
            pass
        screens.append(term.screen_text())
    return screens


def test_a_keystroke_shows_its_echo_with_its_counter_and_results(reader_term: Terminal) -> None:
    # The query's echo used to come in a frame of its own, and the counter and results of
    # the new query 17-33 ms later in the next: for that while the bar showed `/br` with the
    # results of `/b`.
    term = reader_term
    term.send("/")
    term.wait_for("[all]")
    term.send("b")
    term.wait_until(lambda _screen: re.search(r"\[all\] \d+/\d+", term.lines()[-2]) is not None)
    term.settle()
    term.send("r")
    screens = screens_until_quiet(term)
    echoed = [screen for screen in screens if " /br " in screen.splitlines()[-2]]
    assert echoed, screens[-1:]
    assert echoed[0] == screens[-1]  # the first frame with `/br` is already the last


def test_slash_draws_the_bar_without_redrawing_the_article_or_the_panes(
    tmp_path: Path,
) -> None:
    # At 120x40 the bar pushed the article and the panes up a row: `/` re-laid out the whole
    # screen and drew it twice (once for the new sizes, once more for the change of focus),
    # 26 KB where the bar is one row, and esc did the same again; then the article alone was
    # still drawn again (7 KB) because it lost the focus.
    env = isolated_env(tmp_path)
    with Terminal(reader_command(), cols=120, rows=40, env=env) as term:
        term.wait_until(lambda screen: "Speakers (" in screen and "finding" not in screen)
        term.settle()
        written: list[bytes] = []
        feed = term.stream.feed

        def keep(data: bytes) -> None:
            written.append(data)
            feed(data)

        term.stream.feed = keep  # type: ignore[method-assign]
        for key in ("/", "escape", "/"):
            written.clear()
            if key == "escape":
                term.send_key(key)
                term.wait_until(lambda screen: "[all]" not in screen)
            else:
                term.send(key)
                term.wait_for("[all]")
            term.settle()
            output = b"".join(written).decode("utf-8", "replace")
            assert "Speakers (" not in output, f"{key!r} redrew the Speakers pane"
            assert "Quotes (" not in output, f"{key!r} redrew the Quotes pane"
            assert "Port Alden voted" not in output, f"{key!r} redrew the article"
        term.send_key("escape")
        term.wait_until(lambda screen: "[all]" not in screen)
        term.send("q")
        assert term.wait_exit() == 0
