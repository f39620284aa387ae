"""The reader never leaves the garbage collector off.

Left off, a long reading session would keep every reference cycle it makes until the reader
quits: memory that grows while the user reads. The `reader` command pauses it until the first
frame and the interface gives it back then, with what start-up made frozen
(`reader.extract.collector` says why); an app started otherwise leaves it alone.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.document import Article
from reader.extract.collector import hold_until_first_frame
from reader.ui.app import ReaderApp
from tests.ui.conftest import no_extraction
from tests.ui.screen_text import wait_for_text


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Whatever a test does to the collector, the next test gets it running and unfrozen."""
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("collector_restored")
async def test_a_running_collector_is_left_alone(sample: Article, tmp_path: Path) -> None:
    frozen = gc.get_freeze_count()
    app = ReaderApp(sample, extractor=no_extraction, notes_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "Harbour town votes")
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen


@pytest.mark.usefixtures("collector_restored")
async def test_the_collector_paused_for_the_start_runs_again_after_the_first_frame(
    sample: Article, tmp_path: Path
) -> None:
    frozen = gc.get_freeze_count()
    hold_until_first_frame()  # as `reader FILE` does before it imports the interface
    assert not gc.isenabled()
    app = ReaderApp(sample, extractor=no_extraction, notes_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "Harbour town votes")
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen  # what start-up made is out of its way


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_runs_again_when_the_interface_fails_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.app

    def fails(*_args: object, **_kwargs: object) -> int:
        assert not gc.isenabled()  # paused for the first frame, which never comes
        raise RuntimeError("no terminal")

    path = tmp_path / "a.txt"
    path.write_text("A title\n\nOne paragraph of text.\n", encoding="utf-8")
    monkeypatch.setattr(reader.ui.app, "run_app", fails)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    with pytest.raises(RuntimeError, match="no terminal"):
        main([str(path)])
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_a_file_that_cannot_be_opened_leaves_the_collector_running(tmp_path: Path) -> None:
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_printing_an_article_leaves_the_collector_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A title\n\nOne paragraph of text.\n", encoding="utf-8")
    assert main([str(path)]) == 0  # stdout is not a terminal here: the article is printed
    assert "One paragraph of text." in capsys.readouterr().out
    assert gc.isenabled()
