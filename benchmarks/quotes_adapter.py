"""Adapter for `quotes_eval.py --func benchmarks.quotes_adapter:extract_text`.

Loads plain text through the product's own loader (`reader.load.load_bytes`, so paragraphing and
headline detection are exercised too), runs `reader.extract.extract`, and returns the quotes in
the evaluator's format with offsets into the raw text it was given. Quotes in the headline are
titles, as the extractor reads the headline repeated in the body (`KindRule.REPEATED_HEADLINE`)
and as `reader quotes` shows them (it lists none): `extract_text_all` lists them, kind `title`,
read from the title as a one-paragraph article, since the loader keeps the title apart.

`extract_text` is `reader quotes - --format json --kind direct,partial`, run in this process by
the command's own code: direct and partial quotes, one entry per part of a split quote, a nested
quote when the quote around it names who said it (`inner_quotes.left_to_enclosing`), offsets in
the text as given. So the day-to-day figures are the command's, which the issue's targets score
(they were not: the adapter left out every nested quote and found each quote's words from the
last one's end, and the command put its offsets in the article's reflowed text). Scare quotes,
titles and reported speech without marks are left out, because the gold sets score them as
non-quotes or do not score them. `extract_text_nested` lists every top-level quote and every
nested one, as the adapter did (the own development set's test reads it).
`extract_text_all` lists top-level quotes of every kind, each with the rules that decided its
kind (`kind_rule`) and its speaker (`rule`): what `rule_counts.py` counts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.commands.quotes import count_in_input, listed
from reader.document import Block, build_article
from reader.extract import QuoteKind, extract
from reader.load import load_bytes
from reader.serialize import quote_part_dicts

_REPORTED = (QuoteKind.DIRECT, QuoteKind.PARTIAL)
_MARKED = (QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.SCARE, QuoteKind.TITLE)


def _quotes(
    text: str, nested: bool, kinds: tuple[QuoteKind, ...] = _REPORTED
) -> list[dict[str, Any]]:
    article = load_bytes(text.encode("utf-8"), name="article.txt", source="<eval>")
    parts = [article]
    if article.title:
        parts.insert(0, build_article([Block(article.title)], title="", source="<eval>"))
    out: list[dict[str, Any]] = []
    cursor = 0
    for part in parts:
        extraction = extract(part)
        headline = part is not article
        if not headline and article.title and article.paragraphs:
            # A body quote is never in the headline above it (nor in its copy, which the loader
            # drops): look for it from the body's first line on, or a body quote whose words the
            # headline repeats lands on the headline's copy.
            first_line = article.paragraphs[0].text.split("\n")[0]
            at_body = text.find(first_line)
            cursor = at_body if at_body >= 0 else 0
        for quote in extraction.quotes:
            kind = QuoteKind.TITLE if headline else quote.kind
            if kind not in kinds or (quote.nested and not nested):
                continue
            speaker = extraction.speaker(quote.speaker)
            name = speaker.name if speaker else None
            pieces = (
                [part.text[s.start : s.end] for s in quote.segments]
                if quote.split
                else [part.text[quote.start : quote.end]]
            )
            for piece in pieces:
                first_line = piece.split("\n\n")[0]
                at = text.find(first_line, cursor if not quote.nested else 0)
                entry: dict[str, Any] = {"text": piece, "speaker": name, "kind": kind.value}
                if quote.evidence is not None:
                    entry["rule"] = quote.evidence.rule
                    entry["mention"] = quote.evidence.mention
                    kind_rule = quote.evidence.kind_rule
                    entry["kind_rule"] = kind_rule.value if kind_rule is not None else None
                if at >= 0 and "\n\n" not in piece:
                    entry.update(start=at, end=at + len(piece))
                    if not quote.nested:
                        cursor = at + len(piece)
                out.append(entry)
    return out


def extract_text(text: str) -> dict[str, Any]:
    """What `reader quotes - --format json --kind direct,partial` prints for `text`.

    The command's own code path, run in this process: its listing (`quotes.listed`), one entry
    per part of a split quote, offsets counted in `text` as given. Each entry also carries the
    rules that decided its speaker and kind (`rule`, `mention`, `kind_rule`).
    """
    article = load_bytes(text.encode("utf-8"), name="article.txt", source="<eval>")
    extraction = extract(article)
    parts = [
        part
        for quote in listed(extraction, {k.value for k in _REPORTED})
        for part in quote_part_dicts(quote, extraction, article)
    ]
    if article.format == "text":
        count_in_input(parts, article, text)
    for part in parts:
        evidence = part.get("evidence") or {}
        part.update(
            rule=evidence.get("rule"),
            mention=evidence.get("mention"),
            kind_rule=evidence.get("kind_rule"),
        )
    return {"quotes": parts}


def extract_text_nested(text: str) -> dict[str, Any]:
    """Like `extract_text`, nested quotes included."""
    return {"quotes": _quotes(text, nested=True)}


def extract_text_all(text: str) -> dict[str, Any]:
    """Top-level quotes of every kind between marks (scare quotes and titles too)."""
    return {"quotes": _quotes(text, nested=False, kinds=_MARKED)}
