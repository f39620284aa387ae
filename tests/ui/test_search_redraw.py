"""Per keystroke the bar redraws what changed, not the screen: no layout for a new ranking.

Laying the screen out again repaints every widget on it; on a 3 MB book that was most of the
time between a key and the settled counter and results (issue 13). These tests hold the two
places that asked for it on every key: the results list and the counter.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widget import Widget

from reader.document import Article
from reader.search.history import HistoryCursor
from reader.search.rank import HitKind, SearchHit
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_rows import RowPainter
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.search_results import SearchResultsList
from tests.ui.conftest import no_extraction, numbered_article
from tests.ui.test_search_bar import parts, search, settle


def hits(word: str, count: int) -> tuple[SearchHit, ...]:
    """`count` one-line results whose snippets mention `word`."""
    return tuple(
        SearchHit(
            kind=HitKind.PARAGRAPH,
            score=100.0 - number,
            paragraph_index=number,
            paragraph_id=f"p{number}",
            start=number * 100,
            end=number * 100 + 40,
            match_start=number * 100,
            match_end=number * 100 + len(word),
            spans=((number * 100, number * 100 + len(word)),),
            snippet=f"{word} and the rest of paragraph {number}",
            snippet_start=number * 100,
            snippet_spans=((0, len(word)),),
        )
        for number in range(count)
    )


class BarApp(App[None]):
    """The search bar alone, open at the bottom of an 80x24 screen."""

    def compose(self) -> ComposeResult:
        yield SearchBar()


@contextmanager
def layouts_requested(app: App[None], *, repaints: bool = False) -> Iterator[list[str]]:
    """Names of the widgets that ask for the screen to be laid out again (or, with `repaints`,
    for any repaint), while inside."""
    asked: list[str] = []
    original = Widget.refresh

    def refresh(self: Widget, *regions: object, layout: bool = False, **options: bool) -> Widget:
        if layout or repaints:
            asked.append(type(self).__name__)
        return original(self, *regions, layout=layout, **options)  # type: ignore[arg-type]

    Widget.refresh = refresh  # type: ignore[assignment, method-assign]
    try:
        yield asked
    finally:
        Widget.refresh = original  # type: ignore[method-assign]


async def test_a_new_ranking_with_as_many_rows_repaints_the_list_alone() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        bar.show_results(hits("councel", 10))
        await pilot.pause()
        with layouts_requested(app) as asked:
            bar.show_results(hits("council", 10))
            await pilot.pause()
        assert asked == []
        assert bar.results.selected == hits("council", 10)[0]
        assert len(bar.results.hits) == 10


def list_rows_painted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The results list's rows drawn from now on, in order."""
    painted: list[int] = []
    render_line = SearchResultsList.render_line

    def counting(self: SearchResultsList, y: int) -> Strip:
        painted.append(y)
        return render_line(self, y)

    monkeypatch.setattr(SearchResultsList, "render_line", counting)
    return painted


async def test_a_new_ranking_repaints_only_the_rows_whose_result_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual's OptionList made and painted a row for every result on each keystroke, although
    # a query one letter longer often keeps most of its best results.
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        before = hits("bridge", 10)
        bar.show_results(before)
        await pilot.pause()
        painted = list_rows_painted(monkeypatch)
        bar.show_results((*before[:3], hits("bridges", 4)[3], *before[4:]))
        await pilot.pause()
        assert painted == [3]
        assert "bridges" in bar.results.render_line(3).text  # and the row shows the new result


async def test_the_first_results_are_drawn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The list, resized to its rows, was drawn whole once more on its Resize (5 KB written
    # 25-40 ms after the first key's frame, on the 3 MB book at 120x40).
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        await pilot.pause()
        painted = list_rows_painted(monkeypatch)
        bar.show_results(hits("bridge", 10))
        for _ in range(3):
            await pilot.pause()
        assert painted == list(range(8))


async def test_a_new_width_cuts_the_rows_again() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        bar.show_results(hits("a long query word", 3))
        await pilot.pause()
        assert "paragraph 0" in bar.results.render_line(0).text
        await pilot.resize_terminal(30, 24)
        await pilot.pause()
        row = bar.results.render_line(0).text
        assert len(row) == 30 and "paragraph 0" not in row  # cut to fit
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "paragraph 0" in bar.results.render_line(0).text


@pytest.mark.parametrize(("before", "after"), [(0, 10), (10, 3)], ids=["first-results", "fewer"])
async def test_a_new_number_of_rows_is_laid_out_and_drawn_once(before: int, after: int) -> None:
    # The layout that resized the list and the bar gave them a new virtual size, which asked
    # for a second layout and a repaint: the first key of a query drew a second frame, 30-60 ms
    # after its own, and then the list once more (5 KB at 120x40).
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        bar.show_results(hits("bridge", before))
        await pilot.pause()
        with layouts_requested(app, repaints=True) as asked:
            bar.show_results(hits("bridges", after))
            asked_to_show = len(asked)
            await pilot.pause()
            await pilot.pause()
        assert "SearchResultsList" in asked[:asked_to_show]  # the list's new height is laid out
        assert asked[asked_to_show:] == []  # and drawn by that layout, nothing asked after it
        assert bar.results.size.height == min(after, 8)


async def test_fewer_results_shrink_the_list_to_its_rows() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        bar.show_results(hits("bridge", 10))
        await pilot.pause()
        assert bar.results.size.height == 8  # more than 8 results scroll
        bar.show_results(hits("bridges", 3))
        await pilot.pause()
        assert bar.results.size.height == 3
        bar.show_results(())
        await pilot.pause()
        assert not bar.results.display or bar.results.size.height == 0


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("1/340", "2/340"),  # the same width
        # Growing: the counter was as wide as its text, and growing (`12 matches` to `no exact
        # match · 1/20 close`) laid the screen out again; the layouts repainted every scrollbar
        # on screen in two more frames after the key's own.
        ("12 matches", "no exact match · 1/20 close"),
        ("no exact match · 1/20 close", "not found"),  # shrinking
    ],
    ids=["same-width", "growing", "shrinking"],
)
async def test_a_new_count_repaints_the_counter_alone(before: str, after: str) -> None:
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        bar.set_info(before)
        await pilot.pause()
        with layouts_requested(app) as asked:
            bar.set_info(after)
            await pilot.pause()
        assert asked == []
        assert str(bar.query_one("#search-info").render()).rstrip().endswith(after)


async def test_typing_in_the_field_asks_for_no_layout() -> None:
    # Input asks for one on every keystroke (its scrollable width follows the text); on a book
    # that reflowed the screen and repainted every scrollbar in a second frame.
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        await pilot.pause()
        with layouts_requested(app) as asked:
            await pilot.press("b", "r", "i", "backspace")
            await pilot.pause()
        assert asked == []
        assert bar.input.value == "br"


async def test_a_long_query_keeps_its_end_and_the_cursor_in_view() -> None:
    app = BarApp()
    async with app.run_test(size=(40, 12)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        await pilot.pause()
        query = "the council voted on the bridge budget in the spring"
        await pilot.press(*query)
        await pilot.pause()
        field = bar.input
        shown = "".join(
            segment.text for segment in field.render_line(0) if not segment.control
        ).rstrip()
        assert query.endswith(shown.split()[-1])  # the end of the query is what shows
        assert field.cursor_screen_offset.x <= field.region.right  # just after the text


async def test_scrolling_within_the_highlighted_margin_keeps_the_highlights_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The highlights reach MARGIN characters past the screen so that a small scroll needs none
    # made again; they were made again (and every row of the article repainted) on each line.
    article = numbered_article(400)
    app = ReaderApp(article, extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"paragraph", "enter")
        await settle(app, pilot)
        view = app.screen.query_one(ArticleView)
        assert view.marks("search")
        layers: list[str] = []
        set_marks = ArticleView.set_marks

        def recording(self: ArticleView, layer: str, *args: Any, **kwargs: Any) -> None:
            layers.append(layer)
            set_marks(self, layer, *args, **kwargs)

        monkeypatch.setattr(ArticleView, "set_marks", recording)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert view.scroll_y > 0
        assert "search" not in layers
        await pilot.press("G")  # far away: the highlights there are made
        await pilot.pause()
        assert "search" in layers
        assert any(
            start >= len(article.text) - 3000 for start, _end, _style in view.marks("search")
        )


def painted_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From now on, the row (`y`) of every article row painted, in order."""
    painted: list[int] = []
    paint = RowPainter.paint

    def counting(self: RowPainter, *args: Any, **kwargs: Any) -> Any:
        painted.append(kwargs["y"])
        return paint(self, *args, **kwargs)

    monkeypatch.setattr(RowPainter, "paint", counting)
    return painted


async def test_a_shorter_article_pane_repaints_none_of_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The article pane gets shorter when the search results open under it, and its rows as
    # drawn stay right; they were all painted again (and the screen drawn a second time).
    app = ReaderApp(numbered_article(400), extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        view = app.screen.query_one(ArticleView)
        height = view.size.height
        painted = painted_rows(monkeypatch)
        await pilot.resize_terminal(100, 22)
        await pilot.pause()
        assert view.size.height < height
        assert painted == []


async def test_closing_the_bar_lets_a_held_frame_go_at_once() -> None:
    # Enter or escape right after a keystroke: the answer to it is dropped, and the frame held
    # for it waited for the hold's limit before the bar's closing was drawn.
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(SearchBar)
        bar.open("search", HistoryCursor(()))
        await pilot.pause()
        bar._frame.limit = 30.0  # nobody answers in this app
        await pilot.press("b")
        assert bar._frame.held
        bar.close()
        await pilot.pause(0.2)
        assert not bar._frame.held


async def test_the_bar_and_its_results_open_over_the_article_without_resizing_anything(
    sample: Article,
) -> None:
    # The bar and its results took rows from the article and the panes: `/` and every new
    # number of results laid the whole screen out again and repainted all of it.
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen, view, bar = parts(app)
        sidebar = screen.query_one("#sidebar")
        sizes = (view.size, sidebar.size)
        await search(app, pilot, "bridge")
        assert bar.is_open and len(bar.results.hits) > 1
        assert (view.size, sidebar.size) == sizes
        assert bar.region.bottom == screen.query_one("#status").region.bottom  # over it


async def test_the_match_previewed_is_never_left_under_the_results() -> None:
    # The results lie over the article's last rows: a match there counts as off screen.
    article = numbered_article(200)
    app = ReaderApp(article, extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        _screen, view, bar = parts(app)
        await pilot.press("slash")
        await settle(app, pilot)
        target = article.text.index("Paragraph 40 ")
        view.scroll_to_offset(target, center=False)  # on the top row
        await pilot.pause()
        view.scroll_relative(y=-(view.size.height - 2), animate=False)  # now on the last rows
        await pilot.pause()
        assert view.is_offset_visible(target)
        bar.input.value = "Paragraph 40 word"  # typed at once: one search, one preview
        await settle(app, pilot)
        assert bar.results.rows > 1
        assert view.is_offset_visible(target, hidden_below=bar.results.rows)


async def test_moving_to_the_next_result_repaints_the_rows_of_the_two_matches_alone(
    sample: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Any change of the search marks repainted every row of the article (9 KB a keystroke at
    # 120x40); ctrl+n changes which match is current: the rows of that one and the last.
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await search(app, pilot, "bridge")
        view = app.screen.query_one(ArticleView)
        height = view.size.height
        painted = painted_rows(monkeypatch)
        before = view.marks("search-current")
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert view.marks("search-current") != before
        assert view.scroll_y == 0  # both matches on screen: nothing scrolled
        assert 2 <= len(set(painted)) <= 4, (painted, height)
