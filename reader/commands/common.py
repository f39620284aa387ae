"""Pieces several subcommands share: the FILE argument and opening it."""

from __future__ import annotations

import argparse
import sys

from reader.document import Article
from reader.load import open_article


def add_target(parser: argparse.ArgumentParser) -> None:
    """Add the positional FILE argument (a path, an http(s) URL or `-` for stdin)."""
    parser.add_argument(
        "target",
        metavar="FILE",
        help="article to read: a path, an http(s) URL, or - for standard input",
    )


def add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...], default: str) -> None:
    """Add `--format` with the given choices."""
    parser.add_argument(
        "--format",
        choices=choices,
        default=default,
        help=f"output format (default: {default})",
    )


def open_target(args: argparse.Namespace) -> Article:
    """Open the article named by `args.target`, reading stdin for `-`."""
    target: str = args.target
    return open_article(target, stdin=sys.stdin.buffer)
