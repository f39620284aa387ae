"""`extract` called from another program leaves that program's garbage collector alone."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator

import pytest

from reader.cli import main
from reader.data import __file__ as data_init
from reader.document import blocks_of, build_article
from reader.extract import extract
from reader.load import load_sample

SAMPLE = str(__import__("pathlib").Path(data_init).parent / "sample.txt")


@pytest.fixture
def collector_running() -> Iterator[None]:
    """The collector runs before the test and again after it, whatever the test did."""
    gc.enable()
    yield
    gc.enable()


@pytest.mark.usefixtures("collector_running")
def test_the_collector_keeps_running_in_other_threads_while_extract_works() -> None:
    sample = load_sample()
    text = "\n\n".join(p.text for p in sample.paragraphs)
    article = build_article(blocks_of([text] * 150), title="", source="<test>")  # ~0.5 MB
    done = threading.Event()
    seen: set[bool] = set()

    def work() -> None:
        try:
            extract(article)
        finally:
            done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():  # the caller's own thread, as a UI thread would be
        seen.add(gc.isenabled())
        time.sleep(0.0005)
    worker.join()
    assert seen == {True}
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_running")
def test_a_caller_that_paused_its_collector_finds_it_paused_after_extract() -> None:
    gc.disable()
    extract(load_sample())
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_running")
def test_reader_quotes_leaves_the_collector_running(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", SAMPLE]) == 0
    assert "Ines Ferrante-Ruiz" in capsys.readouterr().out
    assert gc.isenabled()
