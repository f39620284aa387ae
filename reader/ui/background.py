"""Extraction off the UI thread: in a thread of the reader's own process, a window at a time.

A book's extraction (seconds of pure-Python work) runs in a worker thread of the reader, never
in a second Python. Issue 13 counts every process's peak memory, and a child costs a second
interpreter with the extractor's imports (17 MB resident before it reads anything) and a
second copy of the text: with the child, opening bench_ui's 3 MB book for the first time
peaked at 103-107 MB summed (reader 70-75 + child 31); in this process it peaks at 68-70 MB
(issue 13 asks 70; the reader opened again from the cache: 64). The extraction is windowed
(`reader.extract.pipeline.Windows`): its working set is one window's, and its quotes are held
as the cache's compressed lines until the speakers are known (`answer_lines`).

A thread shares the interpreter with the UI. The extraction offers it to the other threads
after every millisecond of work (`_Yielding`, called between paragraphs), so a key's handling
waits for the interpreter a fraction of a millisecond rather than the switch interval (5 ms)
each time it asks; and it gives up between windows when the reader closes (its exit waits for
its threads).

`BackgroundExtractor(child=True)` runs the same extraction in a child Python instead (this
module run with `-m`; `benchmarks/bench_child_memory.py` measures it): it sends the child the
article and reads back the quotes, and kills it if the reader quits first.
The article goes as its text plus the paragraph boundaries, streamed into the pipe
(`reader.packing.write_article`): pickling a book's tens of thousands of `Paragraph` objects,
or its text, would cost the reader's process tens of MB at its peak, some never given back.

Either way the quotes come as the cache's own encoding (`reader.extraction_lines`: JSON
lines of plain values, 500 quotes a line); from the child each line is framed by its length and
written as soon as it is encoded. Pickling the whole `Extraction` instead made one blob of the
book's quotes with a memo entry per object: on the 3 MB book of `benchmarks/bench_extract.py`
(20k quotes) it raised the child's peak from 73 to 89 MB. The reader decodes each line as it
arrives and compresses it for the cache as it is, without encoding the book's quotes a second
time and without holding the whole answer (`reader.cache.extraction_and_entry`). The reader's
screens never show why a quote was given its speaker (`reader quotes --explain` does): quotes
read from the cache or from the child come without their evidence, which the cache keeps (22 MB
of the reader for bench_ui's 30 MB book). Plain `subprocess` rather than `multiprocessing`:
under a running Textual app `sys.stderr` has no file descriptor, which `multiprocessing` needs.
If the child cannot run, extraction happens in the calling thread instead.

Not every article waits for the worker. Before the first frame, `before_paint` takes what is
known cheaply, so that the panes are filled in that frame: the cache's entry of the article (up
to `SMALL_TEXT` characters) or of its head (its first `FIRST_SCREENS_TEXT` characters), else
the head's quotes found in this process now (~6 ms for 20 KB once the extractor is imported).
After the first frame, an article up to `SMALL_TEXT` characters is extracted in the UI process
at once (`at_once`: milliseconds). A text whose extraction is in the cache (`reader.cache`,
keyed by the text's hash) is read from there, at any size; what the worker finds is kept there
for the next opening, and so is what `before_paint` and `at_once` find. In a fresh reader
process the cache is the cheaper way even for a 4 KB article: reading its entry takes ~11 ms of
CPU (2-core VM: importing `reader.cache` and the extraction model ~9, the entry ~2), finding
its quotes ~22 (importing the extractor ~10 more, finding ~3).
"""

from __future__ import annotations

import itertools
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import IO, TYPE_CHECKING

from reader.packing import read_article, write_article
from reader.ui.deferred import IMPORT_LOCK

if TYPE_CHECKING:
    from reader.cache import ArticleCache
    from reader.document import Article
    from reader.extract.model import Extraction, Quote

FIRST_SCREENS_TEXT = 20_000
"""Characters of a text's head whose quotes are found before the first frame when the cache
has none (about seven screens at 120x40; ~6 ms to find once the extractor is imported)."""
SMALL_TEXT = 200_000
"""Characters up to which an article is extracted in the UI process, at once (~60 ms for
200 KB on the 2-core VM; a 4 KB article takes about 1 ms once the extractor is imported)."""


class BackgroundExtractor:
    """Callable `Article -> Extraction` that does the work in the calling thread, politely."""

    def __init__(self, cache: ArticleCache | None = None, child: bool = False) -> None:
        self._child = child  # in a child process instead (benchmarks, tests)
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopped = False
        self._cache = cache

    @property
    def cache(self) -> ArticleCache:
        """Where extractions are kept between openings (the XDG cache, unless given)."""
        if self._cache is None:
            with IMPORT_LOCK:
                from reader.cache import ArticleCache

            self._cache = ArticleCache()
        return self._cache

    def before_paint(self, article: Article) -> tuple[Extraction, Article] | None:
        """What can be known of the quotes of `article` before the first frame, cheaply.

        With the article it covers: `article` itself, or its head (the first screens, at most
        `FIRST_SCREENS_TEXT` characters), whose quotes stand for the whole until they are
        found. From the cache (an article's entry up to `SMALL_TEXT` characters, else the
        head's), or else the head's quotes found now and kept. Costs (2-core VM, CPU): a cache hit
        ~11 ms, most of it importing `reader.cache`; finding a head's quotes ~25 ms, most of it
        importing the extractor, which the first extraction pays after the first frame otherwise.
        """
        head = article.head(FIRST_SCREENS_TEXT)
        for known in (article, head) if head is not article else (article,):
            if len(known.text) <= SMALL_TEXT:
                cached = self.cache.load_extraction(known, evidence=False)
                if cached is not None:
                    return cached, known
        if len(head.text) > FIRST_SCREENS_TEXT:
            return None  # its first paragraph alone is longer: found after the frame
        found = self._found_here(head)
        return None if found is None else (found, head)

    def at_once(self, article: Article) -> Extraction | None:
        """The extraction of a small article, found in this process now; else None.

        None for a big article, or when extraction failed (the worker then tries again, and
        reports the failure). Blocking, but only for milliseconds: call it on the UI thread
        after the first paint. The cache is read first, and what is found is kept there.
        """
        if len(article.text) > SMALL_TEXT:
            return None
        cached = self.cache.load_extraction(article, evidence=False)
        if cached is not None:
            return cached
        return self._found_here(article)

    def _found_here(self, article: Article) -> Extraction | None:
        """The extraction of `article` found in this process now and kept; None if it failed."""
        with IMPORT_LOCK:
            from reader.extract import extract

        try:
            extraction = extract(article)
        except Exception:  # the child will try again, and its failure is reported
            return None
        threading.Thread(  # kept in a thread of its own: the panes need not wait for it
            target=partial(self.cache.save, article, extraction=extraction),
            name="keep-at-once",
            daemon=True,  # an entry cut short by the exit is a miss, never an error
        ).start()
        return extraction

    def __call__(self, article: Article) -> Extraction:
        """The cached extraction of `article`, or one found now (in a child with `child`), cached.

        Blocking: call it from a worker thread. The quotes' lines (`answer_lines`, the child's
        answer) are decoded and compressed for the cache a line at a time
        (`reader.cache.extraction_and_entry`), never held whole: 17 MB of JSON for bench_ui's
        30 MB book.
        """
        cache = self.cache
        cached = cache.load_extraction(article, evidence=False)
        if cached is not None:
            return cached
        if not self._child:
            with IMPORT_LOCK:
                from reader.cache import extraction_and_entry
            lines = answer_lines(article, self._is_stopped, _Yielding(self._is_stopped))
            extraction, entry = extraction_and_entry(lines, article, evidence=False)
            cache.save_extraction_entry(article, entry)
            return extraction
        process = self._started()
        if process is None:  # no child could be started: extract here
            with IMPORT_LOCK:
                from reader.extract import extract

            extraction = extract(article)
            cache.save(article, extraction=extraction)
            return extraction
        with IMPORT_LOCK:
            from reader.cache import extraction_and_entry

        try:
            extraction, entry = extraction_and_entry(
                _answer(process, article), article, evidence=False
            )
        except _ChildFailed as failed:
            raise RuntimeError(str(failed)) from None
        except Exception as error:  # a child of other code, or a garbled pipe: reported
            raise RuntimeError(f"extraction sent a bad result: {error}") from None
        finally:
            if process.poll() is None:  # the answer was refused before its end
                process.kill()
                process.wait()
        cache.save_extraction_entry(article, entry)
        return extraction

    def _started(self) -> subprocess.Popen[bytes] | None:
        """A new extraction child, or None when no child process could be started."""
        with self._lock:
            if self._stopped:
                raise RuntimeError("the reader is closing")
            try:
                process = subprocess.Popen(
                    # -P: the child imports the reader that this process runs, never a
                    # `reader` package that happens to sit in the working directory
                    [sys.executable, "-P", "-m", "reader.ui.background"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,  # the terminal belongs to the UI
                )
            except OSError:
                process = None
            self._process = process
        return process

    def _is_stopped(self) -> bool:
        """Whether the reader is closing (an extraction in this process then stops)."""
        return self._stopped

    def stop(self) -> None:
        """Kill a running extraction (when the reader quits before it is done)."""
        with self._lock:
            self._stopped = True
            process = self._process
        if process is not None and process.poll() is None:
            process.kill()


_FRAME_LENGTH = struct.Struct(">Q")
"""The length that comes before each frame on the child's stdout."""


def write_frames(out: IO[bytes], frames: Iterable[bytes]) -> None:
    """Write each of `frames` after its length, then an empty frame (the end)."""
    for frame in frames:
        if frame:  # an empty frame would end the stream early; JSON lines are never empty
            out.write(_FRAME_LENGTH.pack(len(frame)))
            out.write(frame)
    out.write(_FRAME_LENGTH.pack(0))


def read_frame(stream: IO[bytes]) -> bytes:
    """The next frame that `write_frames` wrote; EOFError when the stream stops short."""
    head = stream.read(_FRAME_LENGTH.size)
    if len(head) != _FRAME_LENGTH.size:
        raise EOFError("the extraction stopped mid-answer")
    (length,) = _FRAME_LENGTH.unpack(head)
    frame = stream.read(length)
    if len(frame) != length:
        raise EOFError("the extraction stopped mid-answer")
    return frame


def read_frames(stream: IO[bytes]) -> list[bytes]:
    """The frames that follow, up to the empty one that ends them."""
    return list(iter_frames(stream))


def iter_frames(stream: IO[bytes]) -> Iterator[bytes]:
    """The frames that follow, each as it is read, up to the empty one that ends them."""
    while frame := read_frame(stream):
        yield frame


class _ChildFailed(RuntimeError):
    """The extraction child stopped, or reported that extraction failed."""


def _answer(process: subprocess.Popen[bytes], article: Article) -> Iterator[bytes]:
    """Send `article` to the extraction child; yield the lines of quotes it answers, as read.

    Raises `_ChildFailed` when the child stops short or reports a failure. The child reads
    all of its input before it writes: no deadlock writing first.
    """
    assert process.stdin is not None and process.stdout is not None
    try:
        with process.stdin:
            write_article(process.stdin, article)
        with process.stdout:
            status = read_frame(process.stdout)
            if status == b"ok":
                yield from iter_frames(process.stdout)
    except (OSError, EOFError, ValueError):
        process.kill()
        process.wait()
        raise _ChildFailed(f"extraction stopped (exit code {process.returncode})") from None
    process.wait()
    if status != b"ok":
        raise _ChildFailed(f"extraction failed: {status.decode(errors='replace')}")


def _child_main() -> int:
    """In the child: read a packed article on stdin; write the status, then the quotes' lines.

    The first frame is `ok`, or the error; the lines follow an `ok` (`write_frames`). The text
    is extracted a window at a time (`reader.extract.pipeline.Windows`), each window's quotes
    encoded as they come and let go: the lines are held, compressed, until the speakers are
    known, which come first. The working set is one window's, not the whole text's.
    """
    from reader.extract.collector import paused_collector

    article = read_article(sys.stdin.buffer)
    out = sys.stdout.buffer
    try:
        # this process only extracts: see reader.extract.collector
        with paused_collector():
            lines = answer_lines(article)
            first = next(lines)
    except Exception as error:  # reported to the parent, which shows a notice
        write_frames(out, [f"{type(error).__name__}: {error}".encode()])
    else:
        write_frames(out, itertools.chain([b"ok", first], lines))
    out.flush()
    return 0


def answer_lines(
    article: Article, stopped: Callable[[], bool] = bool, pause: Callable[[], object] = bool
) -> Iterator[bytes]:
    """The cache's lines of the quotes of `article` (`reader.extraction_lines`), found now.

    The text is extracted a window at a time (`reader.extract.pipeline.Windows`), each
    window's quotes encoded as they come and let go: the lines are held, compressed, until
    the speakers are known, which come first. The working set is one window's, not the whole
    text's. All the work is done before the first line is given.
    """
    import zlib

    with IMPORT_LOCK:
        from reader.extract.pipeline import Windows
        from reader.extraction_lines import quote_lines, speakers_line, with_speaker_ids

    windows = Windows(article, pause=pause)
    held = [zlib.compress(line, 1) for line in quote_lines(_between(windows.quotes(), stopped))]
    renamed = windows.renamed()
    first = speakers_line(windows.speakers())
    del windows
    yield first
    lines: Iterator[bytes] = map(zlib.decompress, _emptied(held))
    if renamed:  # the ids the whole text read at once gives
        lines = map(partial(with_speaker_ids, renamed=renamed), lines)
    yield from lines


def _between(windows: Iterator[list[Quote]], stopped: Callable[[], bool]) -> Iterator[list[Quote]]:
    """`windows` as they come; between two, the interpreter is offered to the UI thread.

    Raises RuntimeError once `stopped()`: the reader is closing, and its exit waits for this
    thread (at most one window's work, about a second for 500 KB).
    """
    for window in windows:
        yield window
        time.sleep(0)  # a window takes a second or so: let a waiting thread run first
        if stopped():
            raise RuntimeError("the reader is closing")


class _Yielding:
    """Called between paragraphs: after each `WORK_SLICE` of work, a short sleep.

    The sleep lets a thread waiting for the interpreter (the UI's, on a key) take it at
    once, instead of after the interpreter's switch interval (5 ms), which a key's handling
    would otherwise wait several times over. At the same moments it gives up once `stopped()`
    (raising RuntimeError): the reader's exit waits for this thread, and waiting for the end
    of a window made `q` take 410 ms instead of 230 while a 3 MB book was being read.
    """

    def __init__(self, stopped: Callable[[], bool] = bool) -> None:
        self._since = time.perf_counter()
        self._stopped = stopped

    def __call__(self) -> None:
        now = time.perf_counter()
        if now - self._since >= WORK_SLICE:
            if self._stopped():
                raise RuntimeError("the reader is closing")
            time.sleep(YIELD_SLEEP)
            self._since = time.perf_counter()


WORK_SLICE = 0.001
"""Seconds of extraction between two offers of the interpreter to the other threads."""
YIELD_SLEEP = 0.0001
"""Seconds slept at each offer (a sleep of 0 lets this thread take the interpreter back)."""


def _emptied(lines: list[bytes]) -> Iterator[bytes]:
    """`lines` in order, each let go of once handed over."""
    lines.reverse()
    while lines:
        yield lines.pop()


if __name__ == "__main__":
    sys.exit(_child_main())
