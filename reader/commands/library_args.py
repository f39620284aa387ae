"""What the library commands share: `--library-dir`, opening the library, safe table cells."""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.library.library import Library

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
    from reader.library.library import Library, LibraryError

    try:
        library = Library.open(getattr(args, "library_dir", None))
    except (LibraryError, OSError) as error:
        from reader.load import LoadError  # the loaders: not needed to open a library

        raise LoadError(f"library: {error}") from None
    try:
        yield library
    except LibraryError as error:
        from reader.load import LoadError

        raise LoadError(str(error)) from None
    finally:
        library.close()


@contextmanager
def opened_index(args: argparse.Namespace) -> Iterator[sqlite3.Connection]:
    """The index of the library `args` name, for questions it answers alone (`reader said`).

    Opened directly when it is whole (`lookup.open_index`: nothing else is loaded); else
    through the `Library`, which recovers or rebuilds it first.
    """
    from reader.library import library_dir
    from reader.library.lookup import open_index

    db = open_index(library_dir(getattr(args, "library_dir", None)))
    if db is None:
        with opened_library(args) as library:
            yield library.db
        return
    try:
        yield db
    finally:
        db.close()


def cell(text: object, width: int = 0) -> str:
    """Text for a terminal table: control characters and escapes shown as spaces, cut to width."""
    shown = str(text)
    if not shown.isprintable():  # what `_CONTROLS` matches is not printable: most text skips it
        shown = _CONTROLS.sub(" ", shown)
    shown = shown.strip()
    if width and len(shown) > width:
        shown = shown[: width - 1] + "…"
    return shown


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Aligned columns, the last one left to run to the end of the line.

    Written at once: tens of thousands of rows (`reader said`) cost one write, not one each.
    """
    table = [header, *rows]
    widths = [max(map(len, column)) for column in list(zip(*table, strict=True))[:-1]]
    line = "  ".join([*(f"{{:<{width}}}" for width in widths), "{}"])
    sys.stdout.write("".join([line.format(*row).rstrip() + "\n" for row in table]))


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
