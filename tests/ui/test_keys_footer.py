"""The footer names the keys that work where the focus is, and follows `/` and esc cheaply."""

from __future__ import annotations

from reader.document import Article
from reader.ui.app import ReaderApp
from tests.ui.conftest import no_extraction
from tests.ui.screen_text import screen_text
from tests.ui.test_search_bar import settle
from tests.ui.test_search_redraw import layouts_requested


async def test_slash_and_escape_change_the_keys_shown_without_laying_the_screen_out(
    sample: Article,
) -> None:
    # Textual's Footer threw its keys away and mounted new ones on every change of bindings:
    # three more layouts and frames after each `/` and esc (30-60 ms of CPU on a book).
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "/ Search" in footer and "q Quit" in footer and footer.rstrip().endswith("palette")
        with layouts_requested(app) as asked:
            await pilot.press("slash")
            await settle(app, pilot)
            in_bar = screen_text(app).splitlines()[-1]
            await pilot.press("escape")
            await settle(app, pilot)
        assert "esc Back" in in_bar and "^n Next result" in in_bar and "q Quit" not in in_bar
        assert screen_text(app).splitlines()[-1] == footer  # the reader's keys again
        assert not [name for name in asked if "Footer" in name]
