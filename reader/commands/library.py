"""`reader library`: the articles in the library; `reader library reindex` rebuilds its index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.library_args import (
    Progress,
    add_library_dir,
    cell,
    opened_library,
    print_table,
)

if TYPE_CHECKING:  # `reader library` on a terminal opens the screen: it needs none of these
    from reader.library.files import ArticleMeta
    from reader.library.library import ArticleRow

NAME = "library"
SUMMARY = "list the articles in the library ('reindex' rebuilds its index from the files)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader library`."""
    parser.add_argument(
        "action", nargs="?", choices=("list", "reindex"), default="list", help="default: list"
    )
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default=None,
        help="print the list in this format (default: the library screen on a terminal, else "
        "table)",
    )
    add_library_dir(parser)
    parser.add_argument(
        "--notes-dir", metavar="DIR", help="where notes are kept (to count each article's notes)"
    )


def run(args: argparse.Namespace) -> int:
    """List the articles, or rebuild the index."""
    with opened_library(args) as library:
        if args.action == "reindex":
            count = library.reindex(Progress("reindexing"))
            print(f"reindexed {count} article{'' if count == 1 else 's'}", file=sys.stderr)
            return 0
        rows = library.articles()
    notes = {row.meta.id: notes_count(row.meta, args.notes_dir) for row in rows}
    if (args.format or "table") == "json":
        from reader.serialize import write

        write([row_dict(row, notes[row.meta.id]) for row in rows], "json", sys.stdout)
        return 0
    table = [
        (
            row.meta.id,
            row.meta.date[:10],
            "read" if row.meta.read else "unread",
            str(row.quotes),
            str(row.speakers),
            str(notes[row.meta.id]),
            cell(row.meta.url or Path(row.meta.source).name, 28),
            cell(row.meta.title or "Untitled"),
        )
        for row in rows
    ]
    header = ("id", "date", "status", "quotes", "speakers", "notes", "source", "title")
    print_table(header, table)
    return 0


def wants_screen(args: argparse.Namespace) -> bool:
    """True when `reader library` should open the library screen.

    That is when listing, without `--format`, on a terminal; the CLI, which alone may start
    the interface, opens it.
    """
    return args.action == "list" and args.format is None and sys.stdout.isatty()


def row_dict(row: ArticleRow, notes: int) -> dict[str, object]:
    """One article as `--format json` prints it."""
    meta = row.meta
    return {
        "id": meta.id,
        "title": meta.title,
        "source": meta.source,
        "url": meta.url,
        "added": meta.added,
        "published": meta.published,
        "date": meta.date,
        "read": meta.read,
        "quotes": row.quotes,
        "speakers": row.speakers,
        "notes": notes,
        "text_sha256": meta.text_sha256,
    }


def notes_count(meta: ArticleMeta, notes_dir: str | None) -> int:
    """How many notes the article has, found by its URL or text hash (0 when unreadable)."""
    from annotations.store import NotesStore
    from reader.document import Article

    stub = Article(
        title=meta.title,
        source=meta.source,
        text="",
        paragraphs=(),
        url=meta.url,
        known_sha256=meta.text_sha256,
    )
    try:
        return len(NotesStore.open(stub, notes_dir).annotations)
    except Exception:  # a bad notes file is reported by `reader notes`, not here
        return 0
