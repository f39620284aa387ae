"""The search bar: `/` highlights and counts as you type, ranks passages, `enter` jumps, n/N."""

from __future__ import annotations

import gc
import threading

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.document import Article
from reader.extract.model import Extraction
from reader.search.index import SearchIndex
from reader.ui.app import ReaderApp
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.status import StatusLine
from tests.ui.conftest import no_extraction, numbered_article
from tests.ui.screen_text import screen_text


async def settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Let the workers (extraction, index, search) finish and their results be shown."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def parts(app: ReaderApp) -> tuple[ReaderScreen, ArticleView, SearchBar]:
    """The reader screen, its article view and its search bar."""
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen, screen.query_one(ArticleView), screen.query_one(SearchBar)


def marked_text(article: Article, view: ArticleView, layer: str) -> list[str]:
    """The article text under each mark of `layer`."""
    return [article.text[start:end] for start, end, _style in view.marks(layer)]


async def search(app: ReaderApp, pilot: Pilot[None], query: str) -> None:
    """Open the bar with `/`, type `query` and wait for its results."""
    await pilot.press("slash", *query)
    await settle(app, pilot)


async def test_typing_highlights_every_match_on_screen_and_counts_them(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "bridge")
        _screen, view, bar = parts(app)
        assert bar.is_open and isinstance(app.focused, Input)
        total = sample.text.lower().count("bridge")
        highlighted = marked_text(sample, view, "search")
        assert len(highlighted) == total  # the whole sample is within the highlighted range
        assert {text.lower() for text in highlighted} == {"bridge"}
        current = marked_text(sample, view, "search-current")
        assert current == ["bridge"]  # one current match, drawn in its own layer
        assert f"/{total}" in screen_text(app)


async def test_the_current_match_moves_with_the_selected_result(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "bridge")
        _screen, view, bar = parts(app)
        first = view.marks("search-current")
        await pilot.press("ctrl+n")
        await pilot.pause()
        second = view.marks("search-current")
        assert first != second
        selected = bar.results.selected
        assert selected is not None
        assert selected.start <= second[0][0] < selected.end
        assert "2/" in screen_text(app) or "3/" in screen_text(app)


async def test_a_typo_still_finds_the_passage_and_enter_jumps_to_it(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "Ferante")
        _screen, view, bar = parts(app)
        text = screen_text(app)
        assert "no exact match" in text
        result_row = text.split("\n")[-3]  # above the bar (over the status line) and the footer
        assert result_row.startswith("¶2") and "Ferrante-Ruiz" in result_row
        await pilot.press("enter")
        await pilot.pause()
        assert not bar.is_open
        assert app.focused is view
        expected = sample.paragraph_at(sample.text.index("Ferrante"))
        assert expected is not None and view.cursor == expected.position
        assert "Ferrante" in marked_text(sample, view, "search-current")[0]
        status = app.screen.query_one(StatusLine)
        assert "/Ferante result 1/" in status.search  # n/N step through the ranked results


async def test_enter_jumps_to_the_result_chosen_with_ctrl_n_and_ctrl_p(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "bridge")
        _screen, view, bar = parts(app)
        hits = bar.results.hits
        assert len(hits) >= 3
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+p")
        assert bar.results.selected == hits[1]
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == hits[1].paragraph_index
        assert view.is_offset_visible(hits[1].match_start)


async def test_n_and_shift_n_step_through_the_matches_after_enter(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "spring")
        screen, view, _bar = parts(app)
        await pilot.press("enter")
        await pilot.pause()
        starts = [start for start, _end in screen.search.active.spans()]  # type: ignore[union-attr]
        current = view.marks("search-current")[0][0]
        position = starts.index(current)
        await pilot.press("n")
        await pilot.pause()
        following = starts[(position + 1) % len(starts)]
        assert view.marks("search-current")[0][0] == following
        assert view.is_offset_visible(following)
        status = screen.query_one(StatusLine).search
        assert f"{(position + 1) % len(starts) + 1}/{len(starts)}" in status
        await pilot.press("N")
        await pilot.pause()
        assert view.marks("search-current")[0][0] == current


@pytest.mark.slow
async def test_escape_closes_the_bar_and_goes_back_to_where_the_reader_was() -> None:
    article = numbered_article(300)
    app = ReaderApp(article, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        _screen, view, bar = parts(app)
        await pilot.press("space", "space")
        await pilot.pause()
        top, cursor = view.top_offset, view.cursor
        await search(app, pilot, "Paragraph 250 ")
        assert view.is_offset_visible(article.paragraphs[249].start)  # the preview moved
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.is_open
        assert (view.top_offset, view.cursor) == (top, cursor)
        assert view.marks("search") == [] and view.marks("search-current") == []


async def test_smart_case_a_capital_letter_makes_the_search_case_sensitive(
    sample: Article,
) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "mill")
        _screen, view, bar = parts(app)
        loose = marked_text(sample, view, "search")
        assert "Mill" in loose and "mill" in loose  # Mill Street, eleven million
        bar.input.value = "Mill"
        await settle(app, pilot)
        assert marked_text(sample, view, "search") == ["Mill"]
        assert "1/1" in screen_text(app)


@pytest.mark.slow
async def test_at_and_hash_prefixes_and_tab_choose_where_to_search(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "@amsel")
        _screen, _view, bar = parts(app)
        assert "[speakers]" in screen_text(app)
        assert bar.results.hits and {hit.speaker for hit in bar.results.hits} == {"Derek Amsel"}
        bar.input.value = "#bridge"
        await settle(app, pilot)
        assert "[notes]" in screen_text(app)
        bar.input.value = "bridge"
        await settle(app, pilot)
        assert "[all]" in screen_text(app)
        await pilot.press("tab")
        await settle(app, pilot)
        assert "[quotes]" in screen_text(app)
        assert {hit.kind.value for hit in bar.results.hits} == {"quote"}
        await pilot.press("shift+tab")
        await settle(app, pilot)
        assert "[all]" in screen_text(app) and app.focused is bar.input  # focus stays


@pytest.mark.slow
async def test_up_and_down_in_the_bar_recall_this_articles_searches(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for query in ("bridge", "spring"):
            await search(app, pilot, query)
            await pilot.press("enter")
        await pilot.press("slash", *"rive")
        _screen, _view, bar = parts(app)
        await pilot.press("up")
        assert bar.input.value == "spring"
        await pilot.press("up")
        assert bar.input.value == "bridge"
        await pilot.press("down", "down")
        assert bar.input.value == "rive"  # what was being typed comes back
        assert app.search_history.entries(sample.text_sha256) == ["bridge", "spring"]


@pytest.mark.slow
async def test_ampersand_shows_only_the_matching_paragraphs_until_cleared(
    sample: Article,
) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ampersand", *"bridge")
        await settle(app, pilot)
        screen, view, _bar = parts(app)
        matching = tuple(p.position for p in sample.paragraphs if "bridge" in p.text.lower())
        assert view.shown_paragraphs == matching
        text = screen_text(app)
        assert "Tomasz Wiśniewski" not in text  # a paragraph without the word is hidden
        await pilot.press("enter")
        await pilot.pause()
        assert view.shown_paragraphs == matching
        assert f"&bridge ({len(matching)} ¶)" in screen.query_one(StatusLine).search
        await pilot.press("j", "j", "J")
        assert view.cursor in matching
        await pilot.press("escape")
        await pilot.pause()
        assert view.shown_paragraphs is None
        assert "Tomasz Wiśniewski" in screen_text(app)


async def test_searching_before_the_index_is_built_says_indexing(
    sample: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui import search_index_loader

    release = threading.Event()
    real = search_index_loader.build_index

    def slow_build(*args: object, **kwargs: object) -> SearchIndex | None:
        release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_index_loader, "build_index", slow_build)
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"bridge")
        await pilot.pause()
        assert "indexing…" in screen_text(app)
        release.set()
        await settle(app, pilot)
        assert "indexing…" not in screen_text(app)
        assert "1/" in screen_text(app)


@pytest.mark.slow
async def test_n_follows_whichever_was_chosen_last_search_or_speaker(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = ReaderApp(sample, extractor=lambda _a: sample_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen, view, _bar = parts(app)
        await search(app, pilot, "spring")
        await pilot.press("enter")
        screen.quotes.select_speaker("ines")  # chosen after the search: n now steps Ines's quotes
        await pilot.pause()
        assert screen.search.active is None and view.marks("search-current") == []
        await pilot.press("n")
        await pilot.pause()
        assert view.marks("flash")[0][0] == sample_extraction.quotes[5].start
        await search(app, pilot, "bridge")  # a search after the speaker wins again
        await pilot.press("enter", "n")
        await pilot.pause()
        assert marked_text(sample, view, "search-current") == ["bridge"]
        await pilot.press("escape")  # clears the search first ...
        assert screen.search.active is None and screen.quotes.selected_speaker == "ines"
        await pilot.press("escape")  # ... then the speaker
        assert screen.quotes.selected_speaker is None


async def test_help_lists_the_search_keys_and_the_rule_for_n(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(120, 200)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for binding_id in ("screen.search", "screen.filter", "search.cycle_scope", "search.older"):
            assert binding_id in text
        assert "whichever was chosen last" in text


async def test_a_slash_or_ampersand_typed_in_the_bar_is_part_of_the_query(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "7/2 & co")
        _screen, _view, bar = parts(app)
        assert bar.is_open
        assert bar.input.value == "7/2 & co"


async def test_slash_while_the_panes_are_still_mounting_opens_the_bar(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.side_panes.mount()  # mounting has begun (as after the first paint), not finished
        screen.search.open("search")  # `/` at that moment: the bar is not built yet
        await settle(app, pilot)
        _screen, _view, bar = parts(app)
        assert bar.is_open
        assert isinstance(app.focused, Input)


async def scroll_until_top_row_is_blank(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Press j until the top row is a blank one between two paragraphs (it shows no text)."""
    for _ in range(40):
        await pilot.press("j")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        if not lines[0].strip() and lines[1].strip():
            return
    raise AssertionError("no blank row came to the top")


@pytest.mark.slow
@pytest.mark.parametrize("where", ["title rule", "blank row between paragraphs"])
async def test_tab_with_nothing_found_and_escape_leave_the_view_exactly_where_it_was(
    sample: Article, where: str
) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        _screen, view, _bar = parts(app)
        if where == "title rule":
            await pilot.press("j")  # the headline scrolls off; its rule is the top row
        else:
            await scroll_until_top_row_is_blank(app, pilot)
        await pilot.pause()
        before = (view.scroll_y, view.cursor, screen_text(app).splitlines()[:20])
        await search(app, pilot, "zqxjv")
        for _ in range(4):  # quotes, speakers, notes, and back to all
            await pilot.press("tab")
            await settle(app, pilot)
            assert "not found" in screen_text(app)
            assert (view.scroll_y, view.cursor) == before[:2]
        await pilot.press("escape")
        await pilot.pause()
        assert (view.scroll_y, view.cursor, screen_text(app).splitlines()[:20]) == before
        await search(app, pilot, "April")  # a match far below: the preview moves the view
        assert view.scroll_y != before[0]
        await pilot.press("escape")
        await pilot.pause()
        assert (view.scroll_y, view.cursor, screen_text(app).splitlines()[:20]) == before


async def test_escape_goes_back_to_the_headline_even_after_the_article_was_rewrapped(
    sample: Article,
) -> None:
    """`/` pressed at once on opening, before the side panes narrowed the article: esc went
    back by the first paragraph's offset and left the headline scrolled off (seen in a pty)."""
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        _screen, view, _bar = parts(app)
        assert view.scroll_y == 0
        await search(app, pilot, "April")  # a match far below: the preview moves the view
        assert view.scroll_y != 0
        await pilot.resize_terminal(70, 40)  # the article is wrapped anew while the bar is open
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert view.scroll_y == 0
        assert sample.title in screen_text(app).splitlines()[0]


async def test_what_the_index_froze_out_of_the_collector_is_given_back_when_the_article_closes(
    sample: Article,
) -> None:
    # Frozen objects are never collected: a closed article's screen (full of cycles) would stay
    # in memory for the rest of the session, one per article opened from the library.
    gc.unfreeze()
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "bridge")
        assert gc.get_freeze_count() > 0  # the index is built: the article is frozen
    assert gc.get_freeze_count() == 0  # the reader screen is gone


async def test_the_search_flow_is_ready_before_the_first_slash(sample: Article) -> None:
    # It was made by the first `/`, whose frame then waited for its import (~6 ms).
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen, _view, bar = parts(app)
        assert not bar.is_open
        assert screen.parts.search_made is not None
