"""`reader speakers FILE`: every speaker with aliases, number of quotes and paragraphs spoken in."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import add_format, add_target, open_target
from reader.extract import extract
from reader.serialize import speaker_dict, write

NAME = "speakers"
SUMMARY = "list every speaker with aliases, number of quotes and paragraphs"


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader speakers`."""
    add_target(parser)
    add_format(parser, ("json", "yaml", "table"), "table")


def run(args: argparse.Namespace) -> int:
    """Print the speakers and return the exit code."""
    article = open_target(args)
    extraction = extract(article)
    rows = [speaker_dict(s) for s in extraction.speakers]
    if args.format == "table":
        print_table(rows)
        return 0
    write({"source": article.source, "speakers": rows}, args.format)
    return 0


def print_table(rows: list[dict[str, object]]) -> None:
    """Print speakers as an aligned table: name, type, quotes, paragraphs, aliases."""
    out = sys.stdout
    if not rows:
        out.write("no speakers found\n")
        return
    width = min(max(len(str(r["name"])) for r in rows), 32)
    out.write(f"{'speaker':<{width}}  {'type':<12}  {'quotes':>6}  {'paragraphs':<16}  aliases\n")
    for row in rows:
        paras = ",".join(str(p) for p in row["paragraphs"])  # type: ignore[attr-defined]
        if len(paras) > 16:
            paras = paras[:15] + "…"
        aliases = "; ".join(str(a) for a in row["aliases"])  # type: ignore[attr-defined]
        out.write(
            f"{str(row['name'])[:width]:<{width}}  {row['type']!s:<12}  {row['quotes']!s:>6}  "
            f"{paras:<16}  {aliases}\n"
        )
