"""Snapshots of the main layouts at 80x24 and 120x40, the search bar, the note editor, the help."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.document import Article
from reader.extract.model import Extraction
from reader.load import load_sample
from reader.ui.app import ReaderApp
from tests.ui.conftest import quote_of
from tests.ui.notes_support import notes_app, notes_ready

SnapCompare = Any


def sample_app() -> ReaderApp:
    """The sample with a fixed, hand-built extraction (the extractor is not under test)."""
    article: Article = load_sample()
    from reader.extract.model import Speaker

    quotes = (
        quote_of(article, "We cannot ask people to drive forty minutes", "ines"),
        quote_of(article, "undermined beyond repair", "tomasz"),
        quote_of(article, "I support a bridge. Everyone in this room", "derek"),
        quote_of(article, "People used to stop on their way to work", "margaret"),
    )
    speakers = (
        Speaker("ines", "Ines Ferrante-Ruiz", quote_count=1),
        Speaker("derek", "Derek Amsel", quote_count=1),
        Speaker("margaret", "Margaret Olufemi", quote_count=1),
        Speaker("tomasz", "Tomasz Wiśniewski", quote_count=1),
    )
    extraction = Extraction(quotes=quotes, speakers=speakers)
    return ReaderApp(article, extractor=lambda _article: extraction)


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def test_article_alone_at_80x24(snap_compare: SnapCompare) -> None:
    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=settle)


def test_side_panes_beside_the_article_at_120x40(snap_compare: SnapCompare) -> None:
    assert snap_compare(sample_app(), terminal_size=(120, 40), run_before=settle)


def test_panes_open_over_the_article_at_80x24(snap_compare: SnapCompare) -> None:
    async def open_panes(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("tab")
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=open_panes)


def test_speaker_selected_at_120x40(snap_compare: SnapCompare) -> None:
    async def select(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("2", "down", "enter")
        await pilot.pause(1.0)  # past the flash

    assert snap_compare(sample_app(), terminal_size=(120, 40), run_before=select)


def test_search_bar_with_ranked_results_at_80x24(snap_compare: SnapCompare) -> None:
    async def search(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("slash", *"bridge vote")
        await settle(pilot)
        await settle(pilot)

    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=search)


@pytest.mark.slow
def test_note_editor_with_a_two_line_note_at_80x24(
    snap_compare: SnapCompare, tmp_path: Path
) -> None:
    app = notes_app(load_sample(), tmp_path)

    async def open_editor(pilot: Any) -> None:
        await notes_ready(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Seven to two", "enter", *"a clear vote")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_editor)


def test_help_screen_at_80x24(snap_compare: SnapCompare) -> None:
    async def open_help(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=open_help)
