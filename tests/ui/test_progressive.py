"""A big book shows its first screens at once; the whole book replaces them where the reader is."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from reader.document import Article
from reader.extract.model import Extraction
from reader.load.progressive import open_progressively
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from tests.ui.conftest import no_extraction
from tests.ui.screen_text import screen_lines, wait_for_text


def big_book(tmp_path: Path, paragraphs: int = 3000) -> Path:
    path = tmp_path / "book.txt"
    body = "\n\n".join(
        f"Part {n} of the testimony, as the council heard it on a long winter night." * 3
        for n in range(1, paragraphs + 1)
    )
    path.write_text("The Long Testimony\n\n" + body + "\n", encoding="utf-8")
    return path


def opened_slowly(tmp_path: Path) -> tuple[Article, Callable[[], Article], threading.Event]:
    """A big book's first screens, and a `finish` that waits for the event to read the rest."""
    opened = open_progressively(str(big_book(tmp_path)))
    assert opened is not None
    preview, finish = opened
    release = threading.Event()

    def slow_finish() -> Article:
        release.wait(timeout=10)  # reading the rest of a big book takes a moment
        return finish()

    return preview, slow_finish, release


async def test_the_first_screens_show_then_the_whole_book_takes_their_place(
    tmp_path: Path,
) -> None:
    preview, finish, release = opened_slowly(tmp_path)
    read: list[Article] = []

    def extractor(article: Article) -> Extraction:
        read.append(article)
        return Extraction()

    app = ReaderApp(preview, extractor=extractor, finish=finish, notes_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "Part 1 of the testimony")
        assert "¶ 1/…" in screen_lines(app)[-2]  # the length is not known yet
        await pilot.press(*"jjjjj")  # keys work on the first screens
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        top = view.top_offset
        assert top > 0
        assert read == []  # quotes are found in the whole book only
        release.set()
        await wait_for_text(pilot, "¶ 1/3000")
        await app.workers.wait_for_complete()
        assert [len(a.paragraphs) for a in read] == [3000]
        assert view.article is app.article is read[0]
        assert view.top_offset == top  # the same text on top of the screen
        await pilot.press("G")
        await wait_for_text(pilot, "¶ 3000/3000")


async def test_a_search_typed_on_the_first_screens_runs_on_the_whole_book(
    tmp_path: Path,
) -> None:
    preview, finish, release = opened_slowly(tmp_path)
    app = ReaderApp(preview, extractor=no_extraction, finish=finish, notes_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "Part 1 of the testimony")
        await pilot.press("slash", *"Part 2999 ")
        await wait_for_text(pilot, "indexing…")
        release.set()
        await wait_for_text(pilot, "¶2999")  # a result from the end of the book
