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
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

from reader.packing import pack, unpack

if TYPE_CHECKING:
    from reader.document import Article
    from reader.extract.model import Extraction


class SubprocessExtractor:
    """Callable `Article -> Extraction` that does the work in a child process."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def __call__(self, article: Article) -> Extraction:
        """Extract `article` in a child process (blocking: call it from a worker thread)."""
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
