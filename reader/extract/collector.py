"""Where `reader` steers Python's cyclic garbage collector: extraction, start-up, a read article.

Extraction makes hundreds of thousands of short-lived containers (token columns, items,
attributions) while a book's article lives on; each collection they trigger walks the young
generations again. Measured on the two books of `benchmarks/bench_extract.py` (3.0 MB and
3.2 MB, 20k quotes each, both articles alive), 7 interleaved rounds in one process: extraction
with the collector running takes 1.19x the CPU time with it paused (median; min 1.14, max
1.24); `bench_extract.py` prints the same ratio for one book alone (about 1.1x).

`extract` itself never touches the collector: a program that calls it (or a thread of the
reader's own UI) keeps its collector as it was. Only code that owns its whole process pauses
it, around the work: the extraction child (`BackgroundExtractor(child=True)`) and the
`reader COMMAND` subcommands. The reader extracts in a worker thread, the collector running.

The reader's start is the one other place (`hold_until_first_frame`, then
`release_after_first_frame`): the collector is paused from before the interface's imports to its
first frame, and what was made until then is frozen out of its sight. That start makes some
90,000 objects that live as long as the reader (modules, classes, styles, widgets, the article)
and almost no garbage (about 2,000 objects in cycles). Running, the collector walked them in a
dozen young collections and, in every one of 5 pty runs at 120x40, one full collection inside
the first frame's layout (20-45 ms of CPU on the loaded 2-core VM, where a trivial Textual app
has none; at c9af3b6 the 4 KB article met it in 1 run of 5: the likely reason its first paint
grew from 1.28-1.34x the trivial app's to 1.53x). Paused, against running (main at 549264d), CPU
time to the first frame, medians of 7 interleaved pty runs (load 6-12): the 3 MB book opened
again (a cache hit) 0.88x at 120x40 (0.74-0.94) and 0.90x at 80x24 (0.75-0.96); opened the first
time (its first screens' quotes found before the frame) 0.86x and 0.83x at 120x40, 0.90x at
80x24; the 4 KB article opened the first time 0.83x and 0.96x at 120x40, 0.87x at 80x24; no full
collection before the first frame in any run. `benchmarks/bench_ui.py --figures open`, CPU to
the panes as a ratio to the trivial app's CPU to its first paint, 120x40, two sets of 5
interleaved rounds (load 7-11; 10 ms ticks): 3 MB opened again 1.43x -> 1.29x and 1.41x ->
1.17x; 4 KB 1.60x -> 1.42x and 1.27x -> 1.38x (no gain seen there at that load). An earlier
measurement (3 MB book, first paint, when no full collection fell before it: 0.955x, min 0.57,
max 1.24) had dropped the pause; the full collection since moved into the first frame.
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


class _FirstFrameHold:
    """Whether `hold_until_first_frame` paused the collector (and it is not given back yet)."""

    held = False


def hold_until_first_frame() -> None:
    """Pause the collector until the reader's first frame (`release_after_first_frame`).

    Only the `reader` command calls this, right before it imports the interface; a collector
    already paused by someone else is left as it is.
    """
    if gc.isenabled():
        gc.disable()
        _FirstFrameHold.held = True


def release_after_first_frame() -> None:
    """Give the collector back, with everything made so far frozen out of its way.

    Called once the first frame is written (and by the `reader` command when the interface
    ends early). What start-up made lives until the reader quits: frozen (`gc.freeze`), no
    later full collection walks it again. The search index thaws it with the article
    (`thaw_article`, when its loader closes). Nothing happens unless `hold_until_first_frame`
    paused the collector.
    """
    if _FirstFrameHold.held:
        _FirstFrameHold.held = False
        gc.freeze()
        gc.enable()


def freeze_article() -> None:
    """Freeze what the reader holds once an article's search index is built (`thaw_article`).

    A 3 MB book's reader holds 180,000 tracked objects, nearly all made by then and kept as long
    as the article is read; a full collection walked them all every few seconds of use, 60-230
    ms each, and one or two fell inside the 13 keys of a typed query (pty, 120x40, load ~3-4:
    108-155 ms in 2 of 2 runs). Frozen, later collections walk only what is made after (29-35 ms
    in 2 of 2 runs). Not a full collection first: one C call of 100-150 ms holding the
    interpreter, it could hold back the frame of `/` being written. The young generations are
    collected (a few ms); garbage already old stays until `thaw_article`.
    """
    gc.collect(1)
    gc.freeze()


def thaw_article() -> None:
    """The article is closed: everything frozen (start-up's objects too) is collectable again."""
    gc.unfreeze()
