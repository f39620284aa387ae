"""Extraction of many articles at once, in worker processes while this one writes.

Threads would run one at a time (the GIL), so an import of many articles runs `prepare` in a
pool of processes: each extracts an article, writes its text and extraction file, and hands
back the extraction's JSON (bytes pickle cheaply; `Extraction` objects do not). Each article is
stamped when queued, in order, as the time it is added: its metadata, written ahead by the
worker, can then be renamed into place by the writer as it is. Up to
`AHEAD` chunks are queued, so the workers extract the next batch while the caller writes the
last one under the library's lock, and no more articles are held than those: an import's
memory does not grow with the number of articles.

A few articles are prepared in this process: a pool's start-up would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from reader.document import Article
from reader.library.extraction import prepare
from reader.library.files import stamps

MIN_FOR_POOL = 16
"""Fewest articles worth starting worker processes for."""

MAX_WORKERS = 2
"""Most worker processes (the issue's machine has two cores)."""

CHUNK = 4
"""Articles sent to a worker at a time."""

AHEAD = 32
"""Chunks queued ahead of the writer (128 articles: more than one `BATCH` of 50)."""


class Prepared(NamedTuple):
    """An article ready for the writer."""

    article: Article
    """The article."""
    blob: bytes
    """Its extraction file."""
    added: str | None
    """When it was queued, its `added` if it is new (None: the writer stamps it)."""
    ahead: bool
    """True when a worker wrote its files, metadata included, into its new folder."""


def default_workers(count: int | None) -> int:
    """How many worker processes to prepare `count` articles with (1: this process).

    `None`: as many as worth it for an unknown, possibly large, number.
    """
    if count is not None and count < MIN_FOR_POOL:
        return 1
    return max(1, min(MAX_WORKERS, len(os.sched_getaffinity(0))))


def _prepare_chunk(
    articles: list[tuple[Article, str]], articles_dir: Path
) -> list[tuple[bytes, bool]]:
    return [prepare(article, articles_dir, added) for article, added in articles]


PARENT_CHECK_SECONDS = 0.5
"""How often a worker checks that the process that started it is still there."""


def _exit_with(parent: int) -> None:
    """Make this worker end when `parent` does, however it ends (a pool initializer).

    A pool's workers wait for work on a pipe whose writing end each of them inherited, so
    when the importing process is killed (SIGKILL, the OOM killer) they never see it close and
    would sleep for ever. A daemon thread notices the new parent instead.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextlib.contextmanager
def prepared(
    articles: Iterable[Article], articles_dir: Path, workers: int
) -> Iterator[Iterator[Prepared]]:
    """The articles with their extraction files, in order, prepared as the caller reads.

    In this process nothing is written ahead (the writer does it); in a pool the workers write
    the text, the extraction and the metadata into each new article's folder.
    """
    if workers <= 1:
        yield (Prepared(a, prepare(a, None, "")[0], None, False) for a in articles)
        return
    watched = (os.getpid(),)
    with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with, initargs=watched) as pool:
        try:
            yield _in_order(pool, iter(articles), articles_dir)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # not: extract the rest first
            raise


def _in_order(
    pool: ProcessPoolExecutor, articles: Iterator[Article], articles_dir: Path
) -> Iterator[Prepared]:
    """The prepared articles in order, keeping `AHEAD` chunks queued in the pool."""
    queued: deque[tuple[list[tuple[Article, str]], Future[list[tuple[bytes, bool]]]]] = deque()
    stamped = zip(articles, stamps(), strict=False)

    def fill() -> None:
        while len(queued) < AHEAD:
            chunk = list(itertools.islice(stamped, CHUNK))
            if not chunk:
                return
            queued.append((chunk, pool.submit(_prepare_chunk, chunk, articles_dir)))

    fill()
    while queued:
        chunk, future = queued.popleft()
        fill()
        for (article, added), (blob, ahead) in zip(chunk, future.result(), strict=True):
            yield Prepared(article, blob, added, ahead)
