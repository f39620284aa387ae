"""`reader feed add URL | list | update [--all] [URL...]`: feeds whose entries fill the library."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import UsageError
from reader.commands.library_args import (
    Progress,
    add_library_dir,
    cell,
    opened_library,
    print_table,
)
from reader.feeds.store import Feed, FeedList, FeedsError
from reader.library.library import Library
from reader.load import LoadError

NAME = "feed"
SUMMARY = "subscribe to RSS/Atom feeds and add their articles to the library"


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader feed`."""
    parser.add_argument("action", choices=("add", "list", "update"), help="what to do")
    parser.add_argument("urls", nargs="*", metavar="URL", help="feed address(es)")
    parser.add_argument("--all", action="store_true", help="update every feed (the default)")
    parser.add_argument(
        "--timeout", type=float, default=15.0, help="seconds to wait for a server (default: 15)"
    )
    add_library_dir(parser)


def run(args: argparse.Namespace) -> int:
    """Run the action; `update` exits 1 when any feed failed (each reported in one line)."""
    with opened_library(args) as library:
        feeds = FeedList(library.root)
        try:
            if args.action == "add":
                if not args.urls:
                    raise UsageError("feed add needs a URL")
                for url in args.urls:
                    feeds.add(url)
                    print(url)
                return 0
            known = feeds.load()
        except FeedsError as error:
            raise LoadError(str(error)) from None
        if args.action == "list":
            rows = [
                (
                    cell(feed.updated or "never", 20),
                    str(feed.articles),
                    cell(f"failed: {feed.error}" if feed.error else "ok", 40),
                    cell(feed.url, 50),
                    cell(feed.title),
                )
                for feed in known
            ]
            print_table(("updated", "articles", "status", "url", "title"), rows)
            return 0
        return _update(library, feeds, known, args)


def _update(library: Library, feeds: FeedList, known: list[Feed], args: argparse.Namespace) -> int:
    """Update the chosen feeds one after another; a failure is reported and the rest go on."""
    from reader.feeds.update import FeedError, update_feed

    chosen = known if args.all or not args.urls else [f for f in known if f.url in args.urls]
    missing = set(args.urls) - {f.url for f in known}
    if missing and not args.all:
        raise LoadError(f"not a feed of this library: {sorted(missing)[0]} (add it first)")
    progress = Progress("feeds")
    failed = 0
    for done, feed in enumerate(chosen, 1):
        try:
            report = update_feed(library, feed, timeout=args.timeout)
            feed.error = None
            line = f"{feed.url}: {len(report.added)} new"
            if report.not_modified:
                line = f"{feed.url}: not modified"
            elif report.duplicates:
                line += f", {report.duplicates} already in the library"
            for problem in report.problems:
                print(f"reader: warning: {problem}", file=sys.stderr)
        except FeedError as error:
            feed.error = str(error).removeprefix(f"{feed.url}: ")
            failed += 1
            line = ""
            print(f"reader: feed failed: {error}", file=sys.stderr)
        feeds.record(feed)
        if line:
            print(line)
        progress(done, len(chosen))
    return 1 if failed else 0
