"""`reader quotes FILE`: every quote with its speaker, kind and paragraph (JSON, YAML, table)."""

from __future__ import annotations

import argparse
import shutil
import sys

from reader.commands.common import add_format, add_target, open_target
from reader.extract import QuoteKind, extract
from reader.serialize import quote_dict, quote_part_dicts, write

NAME = "quotes"
SUMMARY = "list every quote with its speaker, kind and paragraph"

_KINDS = tuple(kind.value for kind in QuoteKind)


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader quotes`."""
    add_target(parser)
    add_format(parser, ("json", "yaml", "table"), "table")
    parser.add_argument(
        "--kind",
        metavar="KINDS",
        type=_kinds,
        default=set(_KINDS),
        help="comma-separated kinds to list (default: all of " + ", ".join(_KINDS) + ")",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="for each quote, print the rules that decided its speaker and kind, with the "
        "cue and the mention (human-readable; --format is ignored)",
    )


def _kinds(value: str) -> set[str]:
    """Parse `--kind direct,partial` (argparse reports an unknown kind as a usage error)."""
    kinds = {k.strip() for k in value.split(",") if k.strip()}
    if not kinds:  # `--kind ""` (or only commas): listing nothing would look like no quotes
        raise argparse.ArgumentTypeError(f"names no kind (choose from {', '.join(_KINDS)})")
    unknown = kinds - set(_KINDS)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown kind {', '.join(sorted(unknown))} (choose from {', '.join(_KINDS)})"
        )
    return kinds


def run(args: argparse.Namespace) -> int:
    """Print the quotes and return the exit code."""
    kinds: set[str] = args.kind
    article = open_target(args)
    extraction = extract(article)
    quotes = [q for q in extraction.quotes if q.kind.value in kinds]
    if args.explain:
        from reader.commands.explain import write_explanations

        write_explanations(quotes, extraction, sys.stdout)
        return 0
    if args.format == "table":
        width = shutil.get_terminal_size((100, 24)).columns
        print_table([quote_dict(q, extraction, article) for q in quotes], width)
        return 0
    parts = [part for q in quotes for part in quote_part_dicts(q, extraction, article)]
    write({"source": article.source, "quotes": parts}, args.format)
    return 0


def print_table(rows: list[dict[str, object]], width: int) -> None:
    """Print quotes as an aligned table, one line each, the quote cut to fit `width`."""
    out = sys.stdout
    if not rows:
        out.write("no quotes found\n")
        return
    speakers = [str(r["speaker"] or "—") for r in rows]
    who = min(max(len(s) for s in speakers), 28)
    head = f"{'para':>4}  {'kind':<8}  {'speaker':<{who}}  quote"
    out.write(head + "\n")
    room = max(width - len(head) + len("quote"), 20)
    for row, speaker in zip(rows, speakers, strict=True):
        text = " ".join(str(row["text"]).split())
        if len(text) > room:
            text = text[: room - 1] + "…"
        name = speaker if len(speaker) <= who else speaker[: who - 1] + "…"
        para = row["paragraph"]  # numbered from 1 already (`reader.serialize`)
        out.write(f"{para:>4}  {row['kind']!s:<8}  {name:<{who}}  {text}\n")
