"""Extraction of many articles at once, in worker processes while this one writes.

Threads would run one at a time (the GIL), so an import of many articles runs `prepare` in a
pool of processes: each extracts an article, writes its text and extraction file, and hands
back the extraction's JSON (bytes pickle cheaply; `Extraction` objects do not). `pool.map`
queues every article at once, so the workers extract the next batch while the caller writes
the last one under the library's lock: the two cores stay busy.

A few articles are prepared in this process: a pool's start-up would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

from reader.document import Article
from reader.library.extraction import prepare

MIN_FOR_POOL = 16
"""Fewest articles worth starting worker processes for."""

MAX_WORKERS = 2
"""Most worker processes (the issue's machine has two cores)."""

CHUNK = 4
"""Articles sent to a worker at a time."""


def default_workers(count: int) -> int:
    """How many worker processes to prepare `count` articles with (1: this process)."""
    if count < MIN_FOR_POOL:
        return 1
    return max(1, min(MAX_WORKERS, len(os.sched_getaffinity(0))))


@contextlib.contextmanager
def prepared(
    articles: list[Article], articles_dir: Path, workers: int
) -> Iterator[Iterator[tuple[bytes, bool]]]:
    """The articles' extraction files as (JSON, written to the article's folder), in order.

    In this process nothing is written ahead (the writer does it); in a pool the workers write
    the text and the extraction into each new article's folder.
    """
    if workers <= 1:
        yield ((prepare(article, None), False) for article in articles)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        blobs = pool.map(prepare, articles, itertools.repeat(articles_dir), chunksize=CHUNK)
        try:
            yield ((blob, True) for blob in blobs)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # not: extract the rest first
            raise
