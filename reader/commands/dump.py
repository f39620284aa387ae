"""`reader dump FILE`: print the parsed document (paragraphs, quotes, speakers) as JSON or YAML."""

from __future__ import annotations

import argparse

from reader.commands.common import UsageError, add_format, add_target, open_target
from reader.extract import extract
from reader.serialize import article_dict, write

NAME = "dump"
SUMMARY = "print the parsed document (title, paragraphs, quotes, speakers) as JSON or YAML"


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader dump`."""
    add_target(parser)
    add_format(parser, ("json", "yaml"), "json")


def run(args: argparse.Namespace) -> int:
    """Print the document and return the exit code."""
    if args.target == "":  # an empty path would open the current directory: say what it was
        raise UsageError(
            "the FILE argument is empty (''); give a path, an http(s) URL, or - for stdin"
        )
    article = open_target(args)
    write(article_dict(article, extract(article)), args.format)
    return 0
