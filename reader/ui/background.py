"""Extraction in a separate process, so a book's seconds of pure-Python work never stall keys.

A thread worker would share the GIL with the UI: scrolling a 3 MB book while its quotes are
being found would stutter, and the extractor's working memory would stay in the reader's
process. `SubprocessExtractor` runs `reader.extract.extract` in a child Python (this module run
with `-m`), sends it the article and reads back the `Extraction`, both pickled over pipes, and
kills it if the reader quits first. The article goes as its text plus the paragraph boundaries
(`reader.packing`), streamed into the pipe: pickling a book's tens of thousands of `Paragraph`
objects would cost the reader's process tens of MB at its peak, most of it never given back.
Plain `subprocess` rather than `multiprocessing`: under a running Textual app `sys.stderr` has
no file descriptor, which `multiprocessing` needs. If the child cannot run, extraction happens
in the calling thread instead.

Not every article needs the child. An article up to `SMALL_TEXT` characters is extracted in
the UI process at once (`at_once`: milliseconds, where starting a child Python costs a
hundred and its memory), so its panes are filled when they first appear. A text whose
extraction is in the cache (`reader.cache`, keyed by the text's hash) is read from there, at
any size; what the child finds is kept there for the next opening.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

from reader.packing import pack, unpack

if TYPE_CHECKING:
    from reader.cache import ArticleCache
    from reader.document import Article
    from reader.extract.model import Extraction

SMALL_TEXT = 200_000
"""Characters up to which an article is extracted in the UI process, at once (~60 ms for
200 KB on the 2-core VM; a 4 KB article takes about 1 ms once the extractor is imported)."""


class SubprocessExtractor:
    """Callable `Article -> Extraction` that does the work in a child process."""

    def __init__(self, cache: ArticleCache | None = None) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopped = False
        self._cache = cache

    @property
    def cache(self) -> ArticleCache:
        """Where extractions are kept between openings (the XDG cache, unless given)."""
        if self._cache is None:
            from reader.cache import ArticleCache

            self._cache = ArticleCache()
        return self._cache

    def at_once(self, article: Article) -> Extraction | None:
        """The extraction of a small article, found in this process now; else None.

        None for a big article, or when extraction failed (the worker then tries again, and
        reports the failure). Blocking, but only for milliseconds: call it on the UI thread
        after the first paint.
        """
        if len(article.text) > SMALL_TEXT:
            return None
        from reader.extract import extract

        try:
            return extract(article)
        except Exception:  # the child will try again, and its failure is reported
            return None

    def __call__(self, article: Article) -> Extraction:
        """The cached extraction of `article`, or one found in a child process and then cached.

        Blocking: call it from a worker thread.
        """
        cached = self.cache.load_extraction(article)
        if cached is not None:
            return cached
        extraction = self._in_child(article)
        self.cache.save(article, extraction=extraction)
        return extraction

    def _in_child(self, article: Article) -> Extraction:
        """Extract `article` in a child process."""
        with self._lock:
            if self._stopped:
                raise RuntimeError("the reader is closing")
            try:
                process = subprocess.Popen(
                    [sys.executable, "-m", "reader.ui.background"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,  # the terminal belongs to the UI
                )
            except OSError:
                process = None
            self._process = process
        if process is None:
            from reader.extract import extract

            return extract(article)
        assert process.stdin is not None and process.stdout is not None
        try:
            # The child reads all of its input before it writes: no deadlock writing first.
            with process.stdin:
                pickle.dump(pack(article), process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            with process.stdout:
                status, value = pickle.load(process.stdout)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            process.kill()
            process.wait()
            raise RuntimeError(f"extraction stopped (exit code {process.returncode})") from None
        process.wait()
        if status != "ok":
            raise RuntimeError(f"extraction failed: {value}")
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """Kill a running extraction (when the reader quits before it is done)."""
        with self._lock:
            self._stopped = True
            process = self._process
        if process is not None and process.poll() is None:
            process.kill()


def _child_main() -> int:
    """In the child: read a packed article on stdin, write the pickled result on stdout."""
    from reader.extract.collector import paused_collector

    article = unpack(pickle.load(sys.stdin.buffer))
    try:
        from reader.extract import extract

        # this process only extracts: see reader.extract.collector
        with paused_collector():
            result: tuple[str, object] = ("ok", extract(article))
    except Exception as error:  # reported to the parent, which shows a notice
        result = ("error", f"{type(error).__name__}: {error}")
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())
