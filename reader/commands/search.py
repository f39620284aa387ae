"""`reader search FILE QUERY`: print the ranked passages matching QUERY, for scripts."""

from __future__ import annotations

import argparse
import shutil
import sys

from reader.cache import cached_index
from reader.commands.common import add_format, add_target, open_target
from reader.search import Scope
from reader.search.rank import SearchHit
from reader.serialize import paragraph_number, write

NAME = "search"
SUMMARY = "print the passages best matching a query (typos, any word order, no diacritics needed)"

_SCOPES = (Scope.ALL.value, Scope.QUOTES.value, Scope.SPEAKERS.value)


def _positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader search`."""
    add_target(parser)
    parser.add_argument(
        "query",
        metavar="QUERY",
        help='what to look for; "double quotes" for an exact phrase, @name for a speaker',
    )
    parser.add_argument(
        "--limit", type=_positive, default=10, help="most results to print (default: 10)"
    )
    add_format(parser, ("table", "json"), "table")
    parser.add_argument(
        "--scope",
        choices=_SCOPES,
        default=Scope.ALL.value,
        help="where to look: every paragraph, only quotes, or quotes by the speaker QUERY names "
        "(default: all)",
    )
    parser.add_argument(
        "--library", action="store_true", help="search every article in the library, not a FILE"
    )
    parser.add_argument("--library-dir", metavar="DIR", help="the library (with --library)")


def hit_dict(hit: SearchHit) -> dict[str, object]:
    """One result as `--format json` prints it."""
    return {
        "score": hit.score,
        "kind": hit.kind.value,
        "paragraph": paragraph_number(hit.paragraph_index),
        "paragraph_id": hit.paragraph_id,
        "start": hit.start,
        "end": hit.end,
        "match_start": hit.match_start,
        "match_end": hit.match_end,
        "speaker": hit.speaker,
        "snippet": hit.snippet,
        "snippet_start": hit.snippet_start,
        "spans": [list(span) for span in hit.spans],
    }


def run(args: argparse.Namespace) -> int:
    """Print the results; exit code 0 when something matched, 1 when nothing did (as grep).

    The quotes and the word index come from the cache when this text was searched or read
    before (a 3 MB book: 0.1 s instead of 3 s), and are kept there otherwise. With
    `--library`, the whole library is searched instead (`reader.commands.library_search`).
    """
    if args.library:
        from reader.commands.library_search import search

        return search(args)
    article = open_target(args)
    index = cached_index(article)
    results = index.search(args.query, scope=Scope(args.scope), limit=args.limit)
    assert results is not None  # nothing can cancel it here
    if args.format == "json":
        write(
            {
                "query": args.query,
                "scope": results.query.scope.value,
                "literal_matches": results.literal.count,
                "results": [hit_dict(hit) for hit in results.hits],
            },
            "json",
            sys.stdout,  # looked up now: `write`'s default was bound when it was imported
        )
    else:
        _table(results.hits)
    return 0 if results.hits else 1


def _table(hits: tuple[SearchHit, ...]) -> None:
    """Aligned columns: rank, paragraph id, offsets, score, speaker, snippet."""
    if not hits:
        print("no results", file=sys.stderr)
        return
    width = shutil.get_terminal_size((120, 24)).columns
    rows = [
        (
            str(number),
            hit.paragraph_id,
            f"{hit.start}-{hit.end}",
            f"{hit.score:.1f}",
            hit.speaker or "",
            ("…" if hit.snippet_start > hit.start else "") + hit.snippet,
        )
        for number, hit in enumerate(hits, 1)
    ]
    header = ("#", "paragraph", "offsets", "score", "speaker", "snippet")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        cells = "  ".join(cell.ljust(w) for cell, w in zip(row[:5], widths, strict=True))
        room = max(20, width - len(cells) - 2)
        snippet = row[5] if len(row[5]) <= room else row[5][: room - 1] + "…"
        print(f"{cells}  {snippet}".rstrip())
