"""Esc followed quickly by a key: a lone Esc closes the search bar, the key acts on the reader."""

from __future__ import annotations

import pytest
from textual import events

from reader.document import Article
from reader.ui.app import ReaderApp
from reader.ui.escape_keys import escape_then_key
from tests.ui.conftest import no_extraction
from tests.ui.test_search_bar import parts, search, settle

CASES = [
    ("alt+letter", events.Key("alt+q", "q"), set(), ("escape", "q")),
    ("alt+capital letter", events.Key("alt+shift+n", "N"), set(), ("escape", "N")),
    ("alt+[", events.Key("alt+left_square_bracket", "["), set(), ("escape", "left_square_bracket")),
    ("alt+key that is bound", events.Key("alt+q", "q"), {"alt+q"}, None),
    ("plain letter", events.Key("q", "q"), set(), None),
    ("alt+key without a character", events.Key("alt+up", None), set(), None),
]


@pytest.mark.parametrize(
    ("event", "bound", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_an_unbound_alt_key_is_read_as_escape_then_the_key(
    event: events.Key, bound: set[str], expected: tuple[str, str] | None
) -> None:
    keys = escape_then_key(event, bound)
    if expected is None:
        assert keys is None
    else:
        assert keys is not None
        assert tuple(key.key for key in keys) == expected
        assert keys[1].character == event.character


def test_textual_still_reads_escape_q_as_alt_q() -> None:
    """Breaks loudly if Textual changes how it reports ESC q (what `escape_keys` undoes).

    Uses Textual's private parser on purpose: this test exists to notice when it changes.
    """
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    keys = [e for e in parser.feed("\x1bq") if isinstance(e, events.Key)]
    keys += [e for e in parser.feed("") if isinstance(e, events.Key)]  # end of input
    assert [(key.key, key.character) for key in keys] == [("alt+q", "q")]


async def test_escape_and_q_arriving_as_alt_q_close_the_bar_and_quit(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "bridge")
        field = parts(app)[2].input
        app.post_message(events.Key("alt+q", "q"))  # as Textual reports esc and q within 100 ms
        await pilot.pause()
        assert not app.is_running
    assert field.value == "bridge"  # no q typed into the bar


async def test_keys_typed_right_after_escape_act_on_the_article(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen, view, bar = parts(app)
        top = view.scroll_y
        await search(app, pilot, "April")  # the preview scrolls far down
        assert view.scroll_y != top
        # esc then j, and another j in the same burst: none waits for the other to be handled
        app.post_message(events.Key("alt+j", "j"))
        app.post_message(events.Key("j", "j"))
        await pilot.pause()
        await pilot.pause()
        assert not bar.is_open and app.focused is view
        assert bar.input.value == "April"
        assert view.scroll_y == top + 2  # back where the search started, then two lines down
        assert screen.search.results is None
