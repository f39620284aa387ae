"""The command palette (ctrl+p): speakers, quotes, headings, notes and commands, typo-tolerant."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.document import Article
from reader.extract.model import Extraction
from reader.search.index import NoteRecord
from reader.ui.app import ReaderApp
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_bar import SearchBar
from tests.ui.conftest import no_extraction
from tests.ui.screen_text import screen_text


async def palette(app: ReaderApp, pilot: Pilot[None], query: str) -> str:
    """Open the palette, type `query`, return the screen once the hits are shown."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("ctrl+p", *query)
    await pilot.pause()
    await app.workers.wait_for_complete()  # the palette's search of every provider
    await pilot.pause(0.1)
    return screen_text(app)


async def test_a_misspelt_speaker_name_offers_the_speaker(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        text = await palette(app, pilot, "ferante")
        assert "Speaker: Ines Ferrante-Ruiz" in text
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.quotes.selected_speaker == "ines"


async def test_a_quote_is_found_by_a_few_of_its_words_out_of_order(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        text = await palette(app, pilot, "april again")
        assert "Quote: Ask me again in April." in text
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.marks("flash")[0][0] == sample_extraction.quotes[5].start


async def test_headings_are_offered_and_enter_goes_there(markdown_article: Article) -> None:
    app = ReaderApp(markdown_article, extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        text = await palette(app, pilot, "concluson")
        assert "Heading: Conclusion" in text
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        heading = next(p for p in markdown_article.headings() if p.text == "Conclusion")
        assert view.cursor == heading.position


@pytest.mark.slow
async def test_notes_are_offered_when_the_screen_has_them(sample: Article) -> None:
    start = sample.text.index("temporary footbridge")
    note = NoteRecord("n1", "check the footbridge date", start, start + 20)
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.search.notes = lambda: (note,)
        screen.notes.jump_to = lambda _id: screen.view.scroll_to_offset(start)  # type: ignore[method-assign]
        text = await palette(app, pilot, "footbridge date")
        assert "Note: check the footbridge date" in text
        await pilot.press("enter")
        await pilot.pause()
        paragraph = sample.paragraph_at(start)
        assert paragraph is not None and screen.view.cursor == paragraph.position


async def test_commands_are_offered_by_name_search_and_filter_among_them(
    sample: Article,
) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        text = await palette(app, pilot, "filtr")
        assert "Filter paragraphs" in text
        await pilot.press("enter")
        await pilot.pause()
        bar = app.screen.query_one(SearchBar)
        assert bar.is_open and bar.mode == "filter"


async def test_ctrl_p_in_the_search_bar_picks_the_previous_result(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"bridge")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        bar = app.screen.query_one(SearchBar)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(SearchBar) is bar  # no palette opened over the reader
        assert bar.results.highlighted == len(bar.results.hits) - 1  # wrapped to the last


@pytest.mark.slow
async def test_real_notes_are_searched_with_hash_and_offered_in_the_palette(
    sample: Article, tmp_path: Path
) -> None:
    from tests.ui.notes_support import notes_app, notes_ready

    app = notes_app(sample, tmp_path / "notes")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await notes_ready(pilot)
        store = screen.notes.storage.store
        assert store is not None
        start = sample.text.index("temporary footbridge")
        store.add(sample.text, start, start + 20, note="ask the council for the date")
        screen.notes.show()
        await pilot.press("slash", *"#council date")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        bar = screen.query_one(SearchBar)
        assert "[notes]" in screen_text(app)
        assert [hit.kind.value for hit in bar.results.hits] == ["note"]
        await pilot.press("escape")
        text = await palette(app, pilot, "council date")
        assert "Note: ask the council for the date" in text


async def test_a_speaker_with_one_quote_is_offered_with_1_quote(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        text = await palette(app, pilot, "amsel")
        assert "Speaker: Derek Amsel" in text
        assert "1 quote" in text and "1 quotes" not in text
