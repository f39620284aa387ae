"""`reader add FILE|URL|-`: keep an article in the library and print its id."""

from __future__ import annotations

import argparse
import sys

from reader.commands.library_args import Progress, add_library_dir, opened_library
from reader.load import open_article

NAME = "add"
SUMMARY = "add an article to the library (the same URL or text updates it) and print its id"


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader add`."""
    parser.add_argument(
        "targets",
        nargs="+",
        metavar="FILE",
        help="article to add: a path, an http(s) URL, or - for standard input",
    )
    add_library_dir(parser)


def run(args: argparse.Namespace) -> int:
    """Add each article; print one id per line (`updated` goes to stderr).

    A file that cannot be read stops the import with one line; the articles before it are
    kept (as the ids `reader library` lists).
    """
    with opened_library(args) as library:
        if len(args.targets) == 1:
            results = [library.add(open_article(args.targets[0], stdin=sys.stdin.buffer))]
        else:
            # Read as the import goes: thousands of files never sit in memory at once.
            articles = (open_article(target, stdin=sys.stdin.buffer) for target in args.targets)
            results = library.add_all(articles, Progress("adding"), total=len(args.targets))
    for target, result in zip(args.targets, results, strict=True):
        print(result.id)
        if result.updated:
            print(f"reader: {target}: already in the library, updated", file=sys.stderr)
    return 0
