"""What the library commands share: `--library-dir`, opening the library, safe table cells."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from reader.library import Library, LibraryError
from reader.load import LoadError

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def add_library_dir(parser: argparse.ArgumentParser) -> None:
    """Add `--library-dir` (else `$READER_LIBRARY_DIR`, else the platform data directory)."""
    parser.add_argument(
        "--library-dir",
        metavar="DIR",
        help="where the library is kept (default: $READER_LIBRARY_DIR, else the platform data "
        "directory's reader/library)",
    )


@contextmanager
def opened_library(args: argparse.Namespace) -> Iterator[Library]:
    """The library `args` name; its errors become one-line `LoadError`s for the CLI."""
    try:
        library = Library.open(getattr(args, "library_dir", None))
    except (LibraryError, OSError) as error:
        raise LoadError(f"library: {error}") from None
    try:
        yield library
    except LibraryError as error:
        raise LoadError(str(error)) from None
    finally:
        library.close()


def cell(text: object, width: int = 0) -> str:
    """Text for a terminal table: control characters and escapes shown as spaces, cut to width."""
    shown = _CONTROLS.sub(" ", str(text)).strip()
    if width and len(shown) > width:
        shown = shown[: width - 1] + "…"
    return shown


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Aligned columns, the last one left to run to the end of the line."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        sys.stdout.write("  ".join([*cells, row[-1]]).rstrip() + "\n")


class Progress:
    """A one-line progress counter on a terminal's stderr (nothing when it is not a terminal)."""

    def __init__(self, label: str) -> None:
        self.label = label
        """What is being done (`reindexing`)."""
        self.shown = sys.stderr.isatty()
        """Whether anything is drawn."""

    def __call__(self, done: int, total: int) -> None:
        """Redraw the line: a bar, then done/total."""
        if not self.shown or total <= 0:
            return
        filled = 24 * done // total
        bar = "#" * filled + "-" * (24 - filled)
        sys.stderr.write(f"\r{self.label} [{bar}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
