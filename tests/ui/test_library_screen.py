"""The library screen with the Pilot: articles, Speakers across articles, what one said."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ContentSwitcher, OptionList, Static

from reader.library.library import Library
from reader.load import open_article
from reader.ui.screens import library as library_screen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.library_app import LibraryApp

ARTICLES = Path(__file__).parent.parent / "data" / "library" / "articles"


def _library(tmp_path: Path) -> Library:
    library = Library.open(str(tmp_path / "library"))
    for name in ("article-04.txt", "article-12.txt", "article-03.txt"):
        library.add(open_article(str(ARTICLES / name)))
    hostile = tmp_path / "hostile.txt"
    hostile.write_text('[bold red]Markup[/] title\n\n"It works," said Mayor Maria Santos.\n')
    library.add(open_article(str(hostile)))
    return library


def _lines(app: LibraryApp, view: str) -> list[str]:
    listing = app.screen.query_one(f"#{view}", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_speakers_merged_across_articles_and_enter_opens_at_the_quote(
    tmp_path: Path,
) -> None:
    app = LibraryApp(_library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert len(_lines(app, "articles")) == 4
        assert any("[bold red]Markup[/] title" in line for line in _lines(app, "articles"))
        await pilot.press("s")
        speakers = _lines(app, "speakers")
        erdogan = [line for line in speakers if "Erdo" in line]
        assert len(erdogan) == 1 and "in 2 articles" in erdogan[0]
        await pilot.press("slash", *"erdogan", "enter")
        assert len(_lines(app, "speakers")) == 1
        await pilot.press("enter")
        assert app.screen.query_one(ContentSwitcher).current == "said"
        said = _lines(app, "said")
        assert len(said) >= 2
        await pilot.press("j", "enter")
    article_id, offset = app.return_value or ("", -1)
    library = Library.open(str(tmp_path / "library"))
    assert offset > 0 and "Erdo" in library.article(article_id).text[max(0, offset - 200) :]


async def test_escape_goes_back_and_q_quits(tmp_path: Path) -> None:
    app = LibraryApp(_library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        assert app.screen.query_one(ContentSwitcher).current == "said"
        await pilot.press("escape")
        assert app.screen.query_one(ContentSwitcher).current == "speakers"
        await pilot.press("a")
        assert app.screen.query_one(ContentSwitcher).current == "articles"
        await pilot.press("q")
    assert app.return_value is None


async def _found(app: LibraryApp, pilot: object) -> list[str]:
    """The search results, once the search worker has shown them."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.screen.query_one(ContentSwitcher).current == "found"
    return _lines(app, "found")


async def test_search_across_the_library_ranks_passages_and_opens_at_the_hit(
    tmp_path: Path,
) -> None:
    app = LibraryApp(_library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"winter befre")  # a typo, the words out of order
        found = await _found(app, pilot)
        assert found and "winter" in found[0] and "The river" in found[0]
        await pilot.press("enter", "enter")  # from the filter to the results; open the first
    article_id, offset = app.return_value or ("", -1)
    text = Library.open(str(tmp_path / "library")).article(article_id).text
    assert "before winter" in text[offset : offset + 300]


async def test_search_for_a_person_lists_their_quotes_across_articles(tmp_path: Path) -> None:
    app = LibraryApp(_library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"@erdogan")
        found = await _found(app, pilot)
        assert len(found) >= 3 and all("Erdo" in line for line in found)
        assert {"The river" in line for line in found} == {True, False}  # two articles
        await pilot.press("escape")
        assert app.screen.query_one(ContentSwitcher).current == "articles"
        assert len(_lines(app, "articles")) == 4


async def test_a_big_library_lists_the_newest_and_search_finds_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_screen, "SHOWN", 2)  # as 300 of 10,000
    app = LibraryApp(_library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(_lines(app, "articles")) == 2
        title = str(app.screen.query_one("#library-title", Static).render())
        assert "Library: 4 articles (2 shown" in title
        oldest = "Fuel prices: doubts grow"  # added first
        assert not any(oldest in line for line in _lines(app, "articles"))
        await pilot.press("slash", *"fuel doubts")
        assert any(oldest in line for line in await _found(app, pilot))
