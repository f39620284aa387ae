"""The one place `reader` pauses Python's cyclic garbage collector: `paused_collector`.

Extraction makes hundreds of thousands of short-lived containers (token columns, items,
attributions) while a book's article lives on; each collection they trigger walks the young
generations again. Measured on the two books of `benchmarks/bench_extract.py` (3.0 MB and
3.2 MB, 20k quotes each, both articles alive), 7 interleaved rounds in one process: extraction
with the collector running takes 1.19x the CPU time with it paused (median; min 1.14, max
1.24); `bench_extract.py` prints the same ratio for one book alone (about 1.1x).

`extract` itself never touches the collector: a program that calls it (or a thread of the
reader's own UI) keeps its collector as it was. Only code that owns its whole process pauses
it, around the work: the extraction child of the UI and the `reader COMMAND` subcommands.
Pausing the collector until the UI's first screen was measured too (`reader BOOK` first paint,
3 MB book, 21 interleaved rounds: 0.955 of the time without, min 0.57, max 1.24): under the 5%
a trick must save, so it was dropped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
