"""The Line-API list behind the side panes: rows break where Textual's wrap breaks them, and a
pane of a book's 20,000 quotes makes only the entries on screen, however it is shown or resized.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.content import Content

from reader.extract.model import Extraction
from reader.ui.app import ReaderApp
from reader.ui.widgets.entry_list import entry_rows, wrap_offsets
from reader.ui.widgets.panes import QuotesPane
from tests.ui.screen_text import screen_text
from tests.ui.test_panes import _many_quotes

WRAP_CASES = [
    ("fits exactly", "Derek Amsel: I support a bridge", 31),
    ("a word and its space overflow by one", "Ines Ferrante-Ruiz: We cannot ask people to", 41),
    ("a quote's start over two rows", "Tomasz Wiśniewski: undermined beyond repair, he said", 42),
    ("a word longer than the row is folded", "unattributed: " + "x" * 95, 40),
    ("a long word after a short one", "a " + "y" * 50, 20),
    ("leading spaces", "   indented heading text that wraps", 12),
    ("wide characters", "記者: 橋は春までに開通する予定です。町議会は火曜日に決定した", 16),
    ("runs of spaces", "one    two    three    four    five", 9),
    ("width one", "ab cd", 1),
]


@pytest.mark.parametrize(
    ("text", "width"), [case[1:] for case in WRAP_CASES], ids=[case[0] for case in WRAP_CASES]
)
def test_rows_break_where_textual_breaks_them(text: str, width: int) -> None:
    expected = [line.plain.rstrip() for line in Content(text).wrap(width)]
    starts = wrap_offsets(text, width)
    ends = [*starts[1:], len(text)]
    assert [text[a:b].rstrip() for a, b in zip(starts, ends, strict=True)] == expected
    assert entry_rows(text, width, wrap=True) == len(expected)


def counting_speaker_lookups(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count `Extraction.speaker` calls: each Quotes pane entry made or measured makes one."""
    calls = [0]
    original = Extraction.speaker

    def speaker(self: Extraction, speaker_id: str | None) -> Any:
        calls[0] += 1
        return original(self, speaker_id)

    monkeypatch.setattr(Extraction, "speaker", speaker)
    return calls


async def test_a_book_of_quotes_makes_only_the_entries_on_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article, extraction = _many_quotes(20_000)
    calls = counting_speaker_lookups(monkeypatch)
    app = ReaderApp(article, extractor=lambda _article: extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if "Ana Ruiz: Bridge 0 opens soon" in screen_text(app):
                break
        assert "3 Quotes (20000)" in screen_text(app)
        await pilot.resize_terminal(100, 30)  # a narrower pane: every entry rewraps
        await pilot.pause(0.1)
        await pilot.press("slash")  # the search bar takes rows from the panes
        await pilot.pause(0.2)
        assert calls[0] < 500  # tens on screen; an option list measured all 20,000


async def test_keys_reach_the_last_of_20000_quotes_and_pick_it() -> None:
    article, extraction = _many_quotes(20_000)
    app = ReaderApp(article, extractor=lambda _article: extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        pane = app.screen.query_one(QuotesPane)
        await pilot.press("3", "G")
        await pilot.pause(0.1)
        assert "Ana Ruiz: Bridge 19999 opens soon" in screen_text(app)
        assert pane.highlighted_quote == 19_999
        await pilot.press("k", "k", "b")  # up two, then a page up
        await pilot.pause(0.1)
        shown = screen_text(app)
        assert pane.highlighted_quote is not None and pane.highlighted_quote < 19_997
        assert f"Bridge {pane.highlighted_quote} opens soon" in shown
        await pilot.press("g", "space")  # the first, then a page down
        await pilot.pause(0.1)
        assert pane.highlighted_quote is not None and 5 < pane.highlighted_quote < 40
        await pilot.press("G", "enter")
        await pilot.pause(0.3)
        assert app.focused is not pane  # the article, at the quote
        assert '"Bridge 19999 opens soon," said Ana Ruiz.' in screen_text(app)
