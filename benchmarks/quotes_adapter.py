"""Adapter for `quotes_eval.py --func benchmarks.quotes_adapter:extract_text`.

Loads plain text through the product's own loader (`reader.load.load_bytes`, so paragraphing and
headline detection are exercised too), runs `reader.extract.extract`, and returns the quotes in
the evaluator's format with offsets into the raw text it was given. Quotes in the headline are
titles, as the extractor reads the headline repeated in the body (`KindRule.REPEATED_HEADLINE`)
and as `reader quotes` shows them (it lists none): `extract_text_all` lists them, kind `title`,
read from the title as a one-paragraph article, since the loader keeps the title apart.

`extract_text` reports what a reader is shown as a quotation: direct and partial quotes at the
top level (one entry per half of a split quote). Scare quotes, titles, nested quotes and
reported speech without marks are left out, because the gold sets score them as non-quotes or
do not score them. `extract_text_nested` adds nested quotes (for gold sets that mark them).
`extract_text_all` lists top-level quotes of every kind, each with the rules that decided its
kind (`kind_rule`) and its speaker (`rule`): what `rule_counts.py` counts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.document import Block, build_article
from reader.extract import QuoteKind, extract
from reader.load import load_bytes

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
    """Top-level direct and partial quotes of `text` with their speakers' names."""
    return {"quotes": _quotes(text, nested=False)}


def extract_text_nested(text: str) -> dict[str, Any]:
    """Like `extract_text`, nested quotes included."""
    return {"quotes": _quotes(text, nested=True)}


def extract_text_all(text: str) -> dict[str, Any]:
    """Top-level quotes of every kind between marks (scare quotes and titles too)."""
    return {"quotes": _quotes(text, nested=False, kinds=_MARKED)}
