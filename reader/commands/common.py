"""Pieces several subcommands share: the FILE argument and opening it."""

from __future__ import annotations

import argparse
import sys

from reader.document import Article
from reader.load import load_sample, open_article


class UsageError(Exception):
    """A mistake on the command line: `reader` reports it as one line with a hint, exit 2."""

    def __init__(self, message: str, help_command: str = "reader") -> None:
        super().__init__(message)
        self.help_command = help_command
        """The command whose `--help` explains what was wrong (`reader` or `reader quotes`)."""


def add_target(parser: argparse.ArgumentParser) -> None:
    """Add the FILE argument (a path, an http(s) URL or `-` for stdin) and `--sample`."""
    parser.add_argument(
        "target",
        nargs="?",
        metavar="FILE",
        help="article to read: a path, an http(s) URL, or - for standard input",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="read the built-in sample article instead of a FILE",
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
    """Open the article named by `args.target` (stdin for `-`), or the sample for `--sample`."""
    target: str | None = args.target
    if getattr(args, "sample", False):
        if target is not None:
            raise UsageError(f"give a FILE or --sample, not both (got {target!r} and --sample)")
        return load_sample()
    if target is None:
        raise UsageError("no FILE given (--sample reads the built-in sample article)")
    return open_article(target, stdin=sys.stdin.buffer)
