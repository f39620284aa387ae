"""`reader FILE` and the library: `library.keep` is ask (one hint, a palette entry), always
(kept once the reader closes) or never."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Config, load_config
from reader.document import Article
from reader.library.library import Library
from reader.load import load_sample, open_article
from reader.ui.app import ReaderApp
from reader.ui.library_keep import HINT
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.status import StatusLine
from tests.ui.conftest import no_extraction
from tests.ui.screen_text import screen_text, wait_for_text

ARTICLE = Path(__file__).parent.parent / "data" / "library" / "articles" / "article-12.txt"


@pytest.fixture
def library_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_LIBRARY_DIR", str(tmp_path / "library"))
    return tmp_path / "library"


def _kept(article: Article) -> bool:
    library = Library.open()
    try:
        return library.find(url=article.url, text_sha256=article.text_sha256) is not None
    finally:
        library.close()


def _status(app: ReaderApp) -> StatusLine:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen.status_line


def _toasts(app: ReaderApp) -> str:
    """What the app's notifications said (as the other UI tests read them)."""
    return "\n".join(notification.message for notification in app._notifications)


async def _opened(app: ReaderApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()  # the offer starts after the first paint
    await pilot.pause()  # type: ignore[attr-defined]


KEEP_SETTINGS = [
    ("absent: ask", "", "ask", ()),
    ("always", "library:\n  keep: always\n", "always", ()),
    ("never", "library:\n  keep: never\n", "never", ()),
    ("a typo", "library:\n  keep: allways\n", "ask", ("library.keep must be",)),
    ("not a mapping", "library: always\n", "ask", ("library must be a mapping",)),
    ("unknown key", "library:\n  keeps: always\n", "ask", ("unknown setting 'library.keeps'",)),
]


@pytest.mark.parametrize(
    ("name", "text", "keep", "complaints"), KEEP_SETTINGS, ids=[c[0] for c in KEEP_SETTINGS]
)
def test_library_keep_is_read_from_the_config(
    tmp_path: Path, name: str, text: str, keep: str, complaints: tuple[str, ...]
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text or "theme: textual-dark\n", encoding="utf-8")
    config = load_config(path)
    assert config.library_keep == keep
    assert len(config.problems) == len(complaints)
    for complaint, problem in zip(complaints, config.problems, strict=True):
        assert complaint in problem


async def test_ask_hints_once_and_the_palette_keeps_the_article(library_dir: Path) -> None:
    article = open_article(str(ARTICLE))
    app = ReaderApp(article, config=Config(library_keep="ask"), extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(app, pilot)
        assert app.library_keeper.hinted and _status(app).hint == HINT
        assert HINT in screen_text(app)  # type: ignore[arg-type]
        assert "library" not in _toasts(app).lower()  # a toast would hide the counts
        await pilot.press("ctrl+p")
        await pilot.press(*"keep in lib")
        await wait_for_text(pilot, "Keep in library")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "kept in the library" in _toasts(app)
    assert _kept(article)
    assert app.library_keeper.after_exit() is None  # kept once, not again


async def test_ask_says_nothing_for_an_article_already_kept(library_dir: Path) -> None:
    article = open_article(str(ARTICLE))
    library = Library.open()
    library.add(article)
    library.close()
    app = ReaderApp(article, config=Config(library_keep="ask"), extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(app, pilot)
        assert not app.library_keeper.hinted and _status(app).hint == ""


async def test_always_keeps_the_article_once_the_reader_closes(library_dir: Path) -> None:
    article = open_article(str(ARTICLE))
    app = ReaderApp(article, config=Config(library_keep="always"), extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(app, pilot)
        assert not app.library_keeper.hinted  # no question asked
        assert not _kept(article)  # nothing written while reading
    assert app.library_keeper.after_exit() is None
    assert _kept(article)


async def test_never_neither_asks_nor_keeps(library_dir: Path) -> None:
    article = open_article(str(ARTICLE))
    app = ReaderApp(article, config=Config(library_keep="never"), extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(app, pilot)
        assert not app.library_keeper.hinted
    assert app.library_keeper.after_exit() is None
    assert not _kept(article)


async def test_the_sample_is_never_offered(library_dir: Path) -> None:
    app = ReaderApp(load_sample(), config=Config(library_keep="always"), extractor=no_extraction)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(app, pilot)
    assert app.library_keeper.after_exit() is None
    assert not (library_dir / "articles").exists() or not any((library_dir / "articles").iterdir())


def test_a_library_that_cannot_be_written_is_one_line_after_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("READER_LIBRARY_DIR", str(blocker / "library"))
    app = ReaderApp(open_article(str(ARTICLE)), config=Config(library_keep="always"))
    failed = app.library_keeper.after_exit()
    assert failed is not None and "could not keep" in failed and "\n" not in failed
