"""The extraction child: what the reader gets from it is what extraction finds, and a broken
answer is an error the reader reports, never a hang or a wrong list of quotes."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from reader import extraction_lines as lines_module
from reader.cache import ArticleCache
from reader.document import Article, blocks_of, build_article
from reader.extract import Extraction, extract
from reader.extraction_lines import extraction_lines, extraction_of_lines
from reader.load import load_path
from reader.ui import background
from reader.ui.background import BackgroundExtractor, read_frame, read_frames, write_frames

ARTICLE = Path(__file__).parent.parent / "data" / "search" / "ceasefire.txt"


@pytest.fixture
def article() -> Article:
    return load_path(ARTICLE)


def _without_evidence(extraction: Extraction) -> Extraction:
    """`extraction` with no quote's evidence, as the reader's screens have it."""
    quotes = tuple(dataclasses.replace(q, evidence=None) for q in extraction.quotes)
    return Extraction(quotes, extraction.speakers)


@pytest.mark.parametrize("child", [False, True], ids=["in a thread", "in a child"])
def test_the_extraction_finds_the_same_quotes_and_keeps_them_for_the_next_opening(
    article: Article, tmp_path: Path, child: bool
) -> None:
    cache = ArticleCache(tmp_path / "cache")
    found = BackgroundExtractor(cache, child=child)(article)
    whole = extract(article)
    assert found == _without_evidence(whole)  # no screen shows it: the quotes come without
    assert found.quotes and found.speakers
    assert cache.load_extraction(article) == whole  # kept as found, evidence too
    assert BackgroundExtractor(cache)(article) == found  # and read back without it


def test_the_quotes_a_book_opens_with_come_without_the_evidence_no_screen_shows(
    article: Article, tmp_path: Path
) -> None:
    cache = ArticleCache(tmp_path / "cache")
    cache.save(article, extraction=extract(article))
    extractor = BackgroundExtractor(cache)
    for known in (extractor(article), extractor.at_once(article)):
        assert known is not None and known.quotes
        assert all(q.evidence is None for q in known.quotes)
    assert all(q.evidence is not None for q in cache.load_extraction(article).quotes)


def test_the_childs_lines_are_the_caches_own_encoding(article: Article) -> None:
    extraction = extract(article)
    assert extraction_of_lines(list(extraction_lines(extraction)), article) == extraction


def test_frames_come_back_as_written_and_end_at_the_empty_frame() -> None:
    out = io.BytesIO()
    write_frames(out, [b"ok", b"[1,2]", b"[3]"])
    stream = io.BytesIO(out.getvalue())
    assert read_frame(stream) == b"ok"
    assert read_frames(stream) == [b"[1,2]", b"[3]"]


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(3, id="cut inside a frame's length"),
        pytest.param(12, id="cut inside a frame"),
        pytest.param(-8, id="the end frame missing"),
    ],
)
def test_an_answer_that_stops_short_is_an_error_not_a_shorter_list(cut: int) -> None:
    out = io.BytesIO()
    write_frames(out, [b"ok", b"[1,2]", b"[3]"])
    stream = io.BytesIO(out.getvalue()[:cut])
    with pytest.raises(EOFError):
        read_frame(stream)
        read_frames(stream)


_POPEN = subprocess.Popen


class _Child:
    """A stand-in for `subprocess.Popen` that runs a given script as the child."""

    def __init__(self, script: str) -> None:
        self.script = script

    def __call__(self, argv: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        del argv
        return _POPEN([sys.executable, "-c", self.script], **kwargs)  # type: ignore[call-overload,no-any-return]


@pytest.mark.parametrize(
    ("script", "message"),
    [
        pytest.param(
            "import sys; sys.stdin.buffer.read(); sys.exit(3)",
            "extraction stopped (exit code 3)",
            id="child dies before answering",
        ),
        pytest.param(
            "import sys, struct; sys.stdin.buffer.read();"
            " sys.stdout.buffer.write(struct.pack('>Q', 2) + b'ok' + struct.pack('>Q', 90) + b'[')",
            "extraction stopped",
            id="child dies mid-answer",
        ),
        pytest.param(
            "import sys, struct; sys.stdin.buffer.read(); m = b'ValueError: bad';"
            " sys.stdout.buffer.write(struct.pack('>Q', len(m)) + m + struct.pack('>Q', 0))",
            "extraction failed: ValueError: bad",
            id="extraction raised in the child",
        ),
        pytest.param(
            "import sys, struct; sys.stdin.buffer.read(); f = [b'ok', b'[]', b'[[0,99999999]]'];"
            " sys.stdout.buffer.write(b''.join(struct.pack('>Q', len(x)) + x for x in f)"
            " + struct.pack('>Q', 0))",
            "extraction sent a bad result",
            id="garbled quotes",
        ),
    ],
)
def test_a_failing_child_is_reported_and_nothing_is_cached(
    monkeypatch: pytest.MonkeyPatch, article: Article, tmp_path: Path, script: str, message: str
) -> None:
    monkeypatch.setattr(background.subprocess, "Popen", _Child(script))
    cache = ArticleCache(tmp_path / "cache")
    with pytest.raises(RuntimeError, match=re.escape(message)):
        BackgroundExtractor(cache, child=True)(article)
    assert cache.load_extraction(article) is None


def test_a_reader_package_in_the_working_directory_is_not_what_the_child_runs(
    monkeypatch: pytest.MonkeyPatch, article: Article, tmp_path: Path
) -> None:
    impostor = tmp_path / "work" / "reader"
    impostor.mkdir(parents=True)
    (impostor / "__init__.py").write_text("raise SystemExit(5)\n", encoding="utf-8")
    monkeypatch.chdir(impostor.parent)  # e.g. reading from inside another checkout
    found = BackgroundExtractor(ArticleCache(tmp_path / "cache"), child=True)(article)
    assert found == _without_evidence(extract(article))


def _first_screens(article: Article, size: int) -> Article:
    """An article of about `size` characters made of `article`'s paragraphs, repeated."""
    texts: list[str] = []
    while sum(map(len, texts)) < size:
        texts.extend(p.text for p in article.paragraphs)
    return build_article(blocks_of(texts), title=article.title, source="first-screens.txt")


def test_a_books_first_screens_opened_again_come_from_the_cache_without_the_extractor(
    monkeypatch: pytest.MonkeyPatch, article: Article, tmp_path: Path
) -> None:
    first_screens = _first_screens(article, 40_000)
    found = BackgroundExtractor(ArticleCache(tmp_path / "cache")).at_once(first_screens)
    assert found is not None and found.quotes
    for _ in range(500):  # kept by a thread of its own, after the answer
        if ArticleCache(tmp_path / "cache").load_extraction(first_screens) is not None:
            break
        time.sleep(0.01)

    def no_extractor(_article: Article) -> None:
        raise AssertionError("the extractor ran again")

    monkeypatch.setattr("reader.extract.extract", no_extractor)
    again = BackgroundExtractor(ArticleCache(tmp_path / "cache")).at_once(first_screens)
    assert again == _without_evidence(found)


def test_a_short_article_opened_again_comes_from_the_cache_without_the_extractor(
    monkeypatch: pytest.MonkeyPatch, article: Article, tmp_path: Path
) -> None:
    # Importing the extractor costs a fresh reader ~45 ms of CPU; the cache entry ~11 ms.
    assert len(article.text) < 32_000
    found = BackgroundExtractor(ArticleCache(tmp_path / "cache")).at_once(article)
    assert found == extract(article)
    for _ in range(500):  # kept by a thread of its own, after the answer
        if ArticleCache(tmp_path / "cache").load_extraction(article) is not None:
            break
        time.sleep(0.01)

    def no_extractor(_article: Article) -> None:
        raise AssertionError("the extractor ran again")

    monkeypatch.setattr("reader.extract.extract", no_extractor)
    again = BackgroundExtractor(ArticleCache(tmp_path / "cache")).at_once(article)
    assert again == _without_evidence(found)


def _kept(cache: ArticleCache, article: Article) -> None:
    """Wait for the entry of `article` that a thread of its own is writing."""
    for _ in range(500):
        if cache.load_extraction(article) is not None:
            return
        time.sleep(0.01)
    raise AssertionError("never kept")


def test_before_the_first_frame_a_long_texts_head_is_found_and_then_read_from_the_cache(
    monkeypatch: pytest.MonkeyPatch, article: Article, tmp_path: Path
) -> None:
    long_text = _first_screens(article, 150_000)
    head = long_text.head(background.FIRST_SCREENS_TEXT)
    assert len(head.text) <= background.FIRST_SCREENS_TEXT < len(long_text.text)
    found = BackgroundExtractor(ArticleCache(tmp_path / "cache")).before_paint(long_text)
    assert found is not None
    extraction, covered = found
    assert covered == head and extraction == extract(head) and extraction.quotes
    _kept(ArticleCache(tmp_path / "cache"), head)

    def no_extractor(_article: Article) -> None:
        raise AssertionError("the extractor ran again")

    monkeypatch.setattr("reader.extract.extract", no_extractor)
    again = BackgroundExtractor(ArticleCache(tmp_path / "cache")).before_paint(long_text)
    assert again is not None and again[0] == _without_evidence(extraction) and again[1] == head


def test_before_the_first_frame_the_whole_texts_entry_is_preferred_to_its_heads(
    monkeypatch: pytest.MonkeyPatch, article: Article, tmp_path: Path
) -> None:
    long_text = _first_screens(article, 150_000)
    cache = ArticleCache(tmp_path / "cache")
    whole = extract(long_text)
    cache.save(long_text, extraction=whole)
    monkeypatch.setattr("reader.extract.extract", lambda _article: None)  # never asked
    found = BackgroundExtractor(cache).before_paint(long_text)
    assert found is not None and found[0] == _without_evidence(whole)
    assert found[1] is long_text


def test_a_head_keeps_whole_paragraphs_at_their_offsets(article: Article) -> None:
    head = article.head(2_000)
    assert 0 < len(head.paragraphs) < len(article.paragraphs)
    assert head.paragraphs == article.paragraphs[: len(head.paragraphs)]
    assert head.text == article.text[: head.paragraphs[-1].end]
    assert (
        len(head.text)
        <= 2_000
        < head.paragraphs[-1].end + 2 + len(article.paragraphs[len(head.paragraphs)].text)
    )
    assert (head.title, head.source, head.format) == (article.title, article.source, article.format)
    assert article.head(len(article.text)) is article  # short enough already
    assert len(article.head(1).paragraphs) == 1  # never empty


def test_a_text_whose_first_paragraph_is_long_is_not_extracted_before_the_first_frame(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # One paragraph of 200 KB (no blank lines) is its own head: finding it takes ~60 ms.
    words = 'He said "we will rebuild the bridge," and left. ' * 4_000
    article = build_article(blocks_of([words]), title="One block", source="block.txt")
    assert len(article.head(background.FIRST_SCREENS_TEXT).text) > background.FIRST_SCREENS_TEXT
    asked: list[int] = []
    monkeypatch.setattr("reader.extract.extract", lambda found: asked.append(len(found.text)))
    assert BackgroundExtractor(ArticleCache(tmp_path / "cache")).before_paint(article) is None
    assert asked == []


def test_the_childs_answer_is_decoded_line_by_line_as_it_comes_not_held_whole(
    monkeypatch: pytest.MonkeyPatch, article: Article, tmp_path: Path
) -> None:
    """Each line of quotes is decoded before the next is read from the child.

    A 30 MB book's answer is 17 MB of JSON: held whole until the last quote was decoded, it
    was part of the reader's peak on a first opening.
    """
    article = _first_screens(article, 400_000)  # its quotes fill several lines
    extraction = extract(article)
    events: list[str] = []
    real_frames, real_loads = background.iter_frames, json.loads

    def frames(stream: IO[bytes]) -> Iterator[bytes]:
        for frame in real_frames(stream):
            events.append("read")
            yield frame

    def loads(line: bytes) -> object:
        events.append("decoded")
        return real_loads(line)

    monkeypatch.setattr(background, "iter_frames", frames)
    monkeypatch.setattr(lines_module.json, "loads", loads)
    cache = ArticleCache(tmp_path / "cache")
    assert BackgroundExtractor(cache, child=True)(article) == _without_evidence(extraction)
    lines = events.count("read")
    assert lines == len(list(extraction_lines(extraction))) > 2
    # the speakers' line is read first; then each line of quotes is decoded before the next
    assert events[-2 * (lines - 1) :] == ["read", "decoded"] * (lines - 1)
    monkeypatch.undo()
    assert cache.load_extraction(article) == extraction  # kept as the child sent it


def _no_child(argv: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    raise AssertionError(f"a process was started: {argv}")


def test_a_book_is_extracted_in_this_process_and_kept_as_the_child_kept_it(
    monkeypatch: pytest.MonkeyPatch, article: Article, tmp_path: Path
) -> None:
    """No second Python: its 17 MB floor and second copy of the text put the reader's first
    opening of a 3 MB book at 103 MB, every process counted (issue 13 asks 70)."""
    book = _first_screens(article, 1_200_000)  # three windows of the extraction
    by_child = ArticleCache(tmp_path / "child")
    from_child = BackgroundExtractor(by_child, child=True)(book)
    monkeypatch.setattr(background.subprocess, "Popen", _no_child)
    here = ArticleCache(tmp_path / "here")
    assert BackgroundExtractor(here)(book) == from_child
    assert here.path(book).read_bytes() == by_child.path(book).read_bytes()


def test_an_extraction_in_the_reader_gives_up_at_once_when_the_reader_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader's exit waits for the extraction's thread: if it went on to the end of its
    # window (500,000 characters), `q` on a book being read took 410 ms instead of 230.
    paragraphs = [
        f'Paragraph {n} of the report. "We build it now," Mayor Ana Silva said.'
        for n in range(3000)
    ]
    book = build_article(blocks_of(paragraphs), title="Report", source="book.txt")
    cache = ArticleCache(tmp_path / "cache")
    extractor = BackgroundExtractor(cache)
    monkeypatch.setattr(background, "WORK_SLICE", 0.0)  # offer the interpreter at every paragraph
    offers = 0
    offer = background._Yielding.__call__

    def counted(self: object) -> None:
        nonlocal offers
        offers += 1
        if offers == 50:
            extractor.stop()  # the reader closes while paragraph 50 is read
        offer(self)  # type: ignore[arg-type]

    monkeypatch.setattr(background._Yielding, "__call__", counted)
    with pytest.raises(RuntimeError, match="closing"):
        extractor(book)
    assert offers <= 51  # not one more paragraph read after the reader closed
    assert cache.load_extraction(book) is None  # and nothing half-found is kept
