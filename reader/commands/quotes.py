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
from pathlib import Path
from typing import Any

from reader.commands.common import add_format, add_target, open_target
from reader.document import Article
from reader.extract import Extraction, Quote, QuoteKind, extract
from reader.load import MAX_BYTES, is_url, open_article
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
    parts = [part for q in quotes for part in quote_part_dicts(q, extraction, article)]
    offsets = "article"
    if args.offsets == "input" and article.format == "text" and given is not None:
        from reader.load.decode import decode

        offsets = "input"
        count_in_input(parts, article, decode(given, name=article.source)[0])
    else:
        for part in parts:
            part.update(article_start=part["start"], article_end=part["end"])
    write({"source": article.source, "offsets": offsets, "quotes": parts}, args.format)
    return 0


def listed(extraction: Extraction, kinds: set[str]) -> list[Quote]:
    """The quotes `reader quotes` lists: those of `kinds`, but no nested quote left to its own.

    A nested quote no one is named for, or a fragment, is shown in the quote around it
    (`inner_quotes.left_to_enclosing`).
    """
    from reader.extract.inner_quotes import left_to_enclosing  # with the extraction, not before

    return [q for q in extraction.quotes if q.kind.value in kinds and not left_to_enclosing(q)]


def _open(args: argparse.Namespace) -> tuple[Article, bytes | None]:
    """The article `args` name and the bytes it was read from (None for a URL)."""
    target: str | None = args.target
    if target == "-" and not getattr(args, "sample", False):
        data = sys.stdin.buffer.read(MAX_BYTES + 1)  # kept: the offsets count in them
        return open_article("-", stdin=io.BytesIO(data)), data
    article = open_target(args)
    if target is None:  # the sample
        from reader.data import __file__ as data_init
        from reader.load.source import SAMPLE_NAME

        path = Path(data_init).parent / SAMPLE_NAME
    elif is_url(target):
        return article, None
    else:
        path = Path(target)
    try:
        return article, path.read_bytes()
    except OSError:  # gone since it was read: the article's own offsets will do
        return article, None


def count_in_input(parts: list[dict[str, Any]], article: Article, source: str) -> None:
    """Make every offset of `parts` count in `source`, the text `article` was read from.

    The article's `start`/`end` stay as `article_start`/`article_end`; an offset is None where
    the input parted from the article's words.
    """
    from reader.load.input_offsets import input_spans

    spans: list[tuple[int, int]] = []
    for part in parts:
        spans.append((part["start"], part["end"]))
        spans.extend((s, e) for s, e in part.get("segments", ()))
        evidence = part.get("evidence") or {}
        spans.extend(tuple(evidence[key]) for key in _EVIDENCE_SPANS if evidence.get(key))
    where = dict(zip(spans, input_spans(source, article, spans), strict=True))

    def moved(span: tuple[int, int]) -> list[int | None]:
        found = where[span]
        return [None, None] if found is None else list(found)

    for part in parts:
        part["article_start"], part["article_end"] = part["start"], part["end"]
        part["start"], part["end"] = moved((part["start"], part["end"]))
        if "segments" in part:
            part["segments"] = [moved((s, e)) for s, e in part["segments"]]
        if part.get("evidence"):
            evidence = part["evidence"] = dict(part["evidence"])
            for key in _EVIDENCE_SPANS:
                if evidence.get(key):
                    evidence[key] = moved(tuple(evidence[key]))


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
