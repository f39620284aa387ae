"""`reader said NAME`: everything a person said across the library, newest first."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import add_format
from reader.commands.library_args import add_library_dir, cell, opened_index, print_table
from reader.library.lookup import find_person, said_by
from reader.library.rows import PersonRow, Said

NAME = "said"
SUMMARY = "print everything a person said across the library (aliases and typos tolerated)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader said`."""
    parser.add_argument("name", metavar="NAME", help="who: any name or alias, typos tolerated")
    add_format(parser, ("table", "json", "md"), "table")
    add_library_dir(parser)


def run(args: argparse.Namespace) -> int:
    """Print the quotes; exit 1 when nobody in the library has that name (as grep)."""
    with opened_index(args) as db:
        person = find_person(db, args.name)
        if person is None:
            print(f"reader: nobody called {args.name!r} in the library", file=sys.stderr)
            return 1
        said = said_by(db, person.id)
    if args.format == "json":
        from reader.serialize import write

        write(said_dict(person, said), "json", sys.stdout)
    elif args.format == "md":
        sys.stdout.write(said_markdown(person, said))
    else:
        print(f"{cell(person.name)}: {len(said)} quotes in {person.articles} articles")
        titles: dict[str, str] = {}  # one cell per article, not per quote
        rows = [
            (
                s.date[:10],
                cell(s.article_id),  # a folder name: synced from elsewhere
                s.kind,
                titles.get(s.article_id) or titles.setdefault(s.article_id, cell(s.title, 30)),
                cell(s.text),
            )
            for s in said
        ]
        print_table(("date", "article", "kind", "title", "said"), rows)
    return 0


def said_dict(person: PersonRow, said: list[Said]) -> dict[str, object]:
    """What `--format json` prints."""
    from reader.serialize import paragraph_number

    return {
        "person": {"id": person.id, "name": person.name, "aliases": list(person.aliases)},
        "quotes": [
            {
                "article": s.article_id,
                "title": s.title,
                "date": s.date,
                "kind": s.kind,
                "text": s.text,
                "paragraph": paragraph_number(s.paragraph),
                "start": s.start,
            }
            for s in said
        ],
    }


def said_markdown(person: PersonRow, said: list[Said]) -> str:
    """What `--format md` prints: one block quote per quote, with its article and date."""
    out = [f"# {markdown_text(person.name)}\n\n"]
    for s in said:
        quote = "\n".join("> " + markdown_text(line) for line in s.text.splitlines() or [""])
        out.append(f"{quote}\n>\n> — {markdown_text(s.title)}, {s.date[:10]} ({s.kind})\n\n")
    return "".join(out)


def markdown_text(text: str) -> str:
    """Article text as Markdown text: HTML and markup characters escaped, never interpreted."""
    return "".join("\\" + c if c in "\\`*_{}[]<>#|!&" else c for c in cell(text))
