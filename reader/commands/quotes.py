"""`reader quotes FILE`: every quote with its speaker, kind and paragraph (JSON, YAML, table).

In JSON and YAML, `start` and `end` count characters of the text as given (decoded; headline,
line breaks and indents included) when it was read as plain text, so that a script finds each
quote in its own input; `article_start` and `article_end` count them in the article's text, as
`reader dump` prints it and as every other output's offsets do. The top-level `offsets` says
which `start` and `end` are: `input`, or `article` for HTML and Markdown (and with `--offsets
article`, as they all were before).
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.commands.common import add_format, add_target, open_target
from reader.document import Article
from reader.extract import Extraction, Quote, QuoteKind, extract
from reader.load import MAX_BYTES, is_url, open_article
from reader.serialize import quote_dict, quote_part_dicts, write_items

if TYPE_CHECKING:
    from reader.load.input_offsets import InputOffsets

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
        "--offsets",
        choices=("input", "article"),
        default="input",
        help="what start/end count in JSON and YAML: the text as given, headline and line "
        "breaks included (default, for plain text), or the article's text as `reader dump` "
        "prints it (article_start/article_end always do)",
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
    article, given = _open(args)
    extraction = extract(article)
    quotes = listed(extraction, kinds)
    if args.explain:
        from reader.commands.explain import write_explanations

        write_explanations(quotes, extraction, sys.stdout)
        return 0
    if args.format == "table":
        width = shutil.get_terminal_size((100, 24)).columns
        print_table([quote_dict(q, extraction, article) for q in quotes], width)
        return 0
    offsets = None
    if args.offsets == "input" and article.format == "text":
        offsets = _mapped(given, article, quotes)
    parts = (part for q in quotes for part in output_parts(q, extraction, article, offsets))
    head = {"source": article.source, "offsets": "article" if offsets is None else "input"}
    write_items(head, "quotes", parts, args.format)
    return 0


def listed(extraction: Extraction, kinds: set[str]) -> list[Quote]:
    """The quotes `reader quotes` lists: those of `kinds`, but no nested quote left to its own.

    A nested quote no one is named for, or a fragment, is shown in the quote around it
    (`inner_quotes.left_to_enclosing`).
    """
    from reader.extract.inner_quotes import left_to_enclosing  # with the extraction, not before

    return [q for q in extraction.quotes if q.kind.value in kinds and not left_to_enclosing(q)]


def _open(args: argparse.Namespace) -> tuple[Article, bytes | Path | None]:
    """The article `args` name, and the bytes it was read from or the file that holds them.

    Standard input is kept as read; a file is read again only when its offsets are wanted, after
    the extraction (which then does not hold a second copy of a book). None for a URL.
    """
    target: str | None = args.target
    if target == "-" and not getattr(args, "sample", False):
        data = sys.stdin.buffer.read(MAX_BYTES + 1)  # kept: the offsets count in them
        return open_article("-", stdin=io.BytesIO(data)), data
    article = open_target(args)
    if target is None:  # the sample
        from reader.data import __file__ as data_init
        from reader.load.source import SAMPLE_NAME

        return article, Path(data_init).parent / SAMPLE_NAME
    if is_url(target):
        return article, None
    return article, Path(target)


def _mapped(
    given: bytes | Path | None, article: Article, quotes: list[Quote]
) -> InputOffsets | None:
    """The spans of `quotes` mapped into the input `given`, None when it cannot be read again.

    The decoded input (6 MB for a 3 MB book with a few accents) is let go on return, before the
    quotes are written.
    """
    source = _input_text(given, article)
    return None if source is None else input_offsets(quotes, article, source)


def _input_text(given: bytes | Path | None, article: Article) -> str | None:
    """The decoded text `article` was read from, or None when it cannot be had again."""
    if isinstance(given, Path):
        try:
            given = given.read_bytes()
        except OSError:  # gone since it was read: the article's own offsets will do
            return None
    if given is None:
        return None
    from reader.load.decode import decode

    return decode(given, name=article.source)[0]


def input_offsets(quotes: Iterable[Quote], article: Article, source: str) -> InputOffsets:
    """Every span that `output_parts` will move for `quotes`, mapped into `source`.

    The same spans as the parts hold (`reader.serialize.quote_part_dicts`): a quote's own, or
    its parts' when split; its segments; its cue's and mention's.
    """
    from reader.load.input_offsets import InputOffsets

    offsets = InputOffsets()
    for quote in quotes:
        if not quote.split or len(quote.segments) < 2:
            offsets.add(quote.start, quote.end)
        for segment in quote.segments:
            offsets.add(segment.start, segment.end)
        evidence = quote.evidence
        if evidence:
            for span in (evidence.cue_span, evidence.mention_span):
                if span is not None:
                    offsets.add(span.start, span.end)
    offsets.map(source, article)
    return offsets


def output_parts(
    quote: Quote, extraction: Extraction, article: Article, offsets: InputOffsets | None
) -> list[dict[str, Any]]:
    """A quote as `reader quotes` lists it: its parts, each with input and article offsets.

    `offsets` moves `start`/`end` (and the segments, the cue's and the mention's) into the
    input (see `count_in_input`); None keeps the article's, as `article_start`/`article_end`
    too.
    """
    parts = quote_part_dicts(quote, extraction, article)
    for part in parts:
        if offsets is None:
            part.update(article_start=part["start"], article_end=part["end"])
        else:
            _move(part, offsets)
    return parts


def count_in_input(parts: list[dict[str, Any]], article: Article, source: str) -> None:
    """Make every offset of `parts` count in `source`, the text `article` was read from.

    The article's `start`/`end` stay as `article_start`/`article_end`; an offset is None where
    the input parted from the article's words.
    """
    from reader.load.input_offsets import InputOffsets

    offsets = InputOffsets()
    for part in parts:
        offsets.add(part["start"], part["end"])
        for start, end in part.get("segments", ()):
            offsets.add(start, end)
        evidence = part.get("evidence") or {}
        for key in _EVIDENCE_SPANS:
            if evidence.get(key):
                offsets.add(*evidence[key])
    offsets.map(source, article)
    for part in parts:
        _move(part, offsets)


def _move(part: dict[str, Any], offsets: InputOffsets) -> None:
    """Make `part`'s offsets count in the input, its own kept as `article_start`/`article_end`.

    Its segments and evidence become a new list and a new dict: the parts of a split quote
    share their whole quote's, and no two parts share a value once moved (YAML would write an
    anchor and an alias for a shared one).
    """
    span = offsets.span
    start, end = part["start"], part["end"]
    part["article_start"], part["article_end"] = start, end
    found = span(start, end)
    part["start"], part["end"] = (None, None) if found is None else found
    if "segments" in part:
        part["segments"] = [_listed(span(s, e)) for s, e in part["segments"]]
    if part.get("evidence"):
        evidence = part["evidence"] = dict(part["evidence"])
        for key in _EVIDENCE_SPANS:
            if evidence.get(key):
                evidence[key] = _listed(span(*evidence[key]))


def _listed(found: tuple[int, int] | None) -> list[int | None]:
    """A span as JSON and YAML list it, `[None, None]` where it is not in the input."""
    return [None, None] if found is None else [found[0], found[1]]


_EVIDENCE_SPANS = ("cue_span", "mention_span")
"""The keys of a quote's evidence that hold offsets."""


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
