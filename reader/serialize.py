"""Plain-dict views of articles and extractions, for `reader dump` and the other commands.

The keys here are the scripting interface: add keys freely, never rename or remove one.
Paragraph numbers count from 1 in every output (`paragraph_number`), as the reader's `¶ 3/10`
and the paragraph ids (`p3-...`) do; offsets (`start`, `end`) count characters from 0.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from json.encoder import encode_basestring  # C where CPython has it
from typing import Any, TextIO

from reader.document import Article, Paragraph
from reader.extract.model import Extraction, Quote, Span, Speaker


def paragraph_number(index: int) -> int:
    """The number that every output gives the paragraph at zero-based `index`: `index + 1`.

    One convention for tables, JSON and YAML alike (JSON and YAML used to count from 0 and
    tables from 1; the README keeps a note for scripts written then).
    """
    return index + 1


def paragraph_dict(paragraph: Paragraph) -> dict[str, Any]:
    """One paragraph: id, number (`index`, counted from 1), kind, offsets and text."""
    data: dict[str, Any] = {
        "id": paragraph.id,
        "index": paragraph_number(paragraph.position),
        "kind": paragraph.kind.value,
        "start": paragraph.start,
        "end": paragraph.end,
        "text": paragraph.text,
    }
    if paragraph.level:
        data["level"] = paragraph.level
    return data


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def quote_dict(quote: Quote, extraction: Extraction, article: Article) -> dict[str, Any]:
    """One quote, with its speaker's name (not just the id) and the evidence for it."""
    speaker = extraction.speaker(quote.speaker)
    paragraph = article.paragraphs[quote.paragraph] if article.paragraphs else None
    data: dict[str, Any] = {
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind.value,
        "speaker": speaker.name if speaker else None,
        "speaker_id": quote.speaker,
        "paragraph": paragraph_number(quote.paragraph),
        "paragraph_id": paragraph.id if paragraph else None,
    }
    if quote.segments:
        data["segments"] = [[s.start, s.end] for s in quote.segments]
    if quote.nested:
        data["nested"] = True
    if quote.evidence:
        evidence = quote.evidence
        data["evidence"] = {
            "rule": evidence.rule,
            "cue": evidence.cue,
            "cue_span": _span(evidence.cue_span),
            "mention": evidence.mention,
            "mention_span": _span(evidence.mention_span),
            "kind_rule": evidence.kind_rule.value if evidence.kind_rule else None,
        }
    return data


def quote_part_dicts(
    quote: Quote, extraction: Extraction, article: Article
) -> list[dict[str, Any]]:
    """A quote as `quote_dict` gives it, or a split quote once per part, each part verbatim.

    `"We will rebuild," she said, "by spring."` is one utterance, but its joined text
    ("We will rebuild, by spring.") is nowhere in the article: a tool that reads the JSON
    and looks the text up, or scores spans against the article, needs each part's own
    offsets and words. Each part carries `part` and `parts` (1 of 2, 2 of 2); the other
    fields, the speaker and the evidence, are the whole quote's.
    """
    whole = quote_dict(quote, extraction, article)
    if not quote.split or len(quote.segments) < 2:
        return [whole]
    parts = []
    for number, segment in enumerate(quote.segments, 1):
        part = dict(whole)
        part.update(
            start=segment.start,
            end=segment.end,
            text=article.text[segment.start : segment.end],
            part=number,
            parts=len(quote.segments),
        )
        parts.append(part)
    return parts


def speaker_dict(speaker: Speaker) -> dict[str, Any]:
    """One speaker: id, name, aliases, type, quote count and paragraphs."""
    return {
        "id": speaker.id,
        "name": speaker.name,
        "aliases": list(speaker.aliases),
        "type": "organisation" if speaker.organisation else "person",
        "quotes": speaker.quote_count,
        "paragraphs": [paragraph_number(index) for index in speaker.paragraphs],
    }


def article_dict(article: Article, extraction: Extraction | None = None) -> dict[str, Any]:
    """The whole parsed document as `reader dump` prints it."""
    extraction = extraction or Extraction()
    return {
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "format": article.format,
        "byline": article.byline,
        "text_sha256": article.text_sha256,
        "paragraphs": [paragraph_dict(p) for p in article.paragraphs],
        "quotes": [quote_dict(q, extraction, article) for q in extraction.quotes],
        "speakers": [speaker_dict(s) for s in extraction.speakers],
    }


def write(data: Any, fmt: str, out: TextIO | None = None) -> None:
    """Print `data` as pretty JSON or as block-style YAML (Unicode kept, no line folding).

    `out` defaults to the current `sys.stdout` (looked up at call time, so tests that swap
    it, and repeated `main()` calls in one process, write where they should).
    """
    out = sys.stdout if out is None else out
    if fmt == "yaml":
        import yaml

        yaml.safe_dump(
            data, out, allow_unicode=True, sort_keys=False, default_flow_style=False, width=2**31
        )
    else:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")


def write_items(
    head: dict[str, Any], key: str, items: Iterable[Any], fmt: str, out: TextIO | None = None
) -> None:
    """Print `head` with `key` added for `items` last, as `write` prints it, byte for byte.

    In JSON each item is written as it comes, so a caller that makes its items one by one (a
    book's 20,000 quotes) never holds them all; YAML gathers them first (its anchors are
    numbered over the whole document).
    """
    out = sys.stdout if out is None else out
    if fmt == "yaml":
        write({**head, key: list(items)}, fmt, out)
        return
    fields = [f"  {encode_basestring(k)}: {_json(v, '  ')}" for k, v in head.items()]
    out.write("{\n" + "".join(field + ",\n" for field in fields) + f"  {encode_basestring(key)}: ")
    opening, block, size = "[\n    ", [], 0
    for item in items:
        block.append(opening + _json(item, "    "))
        opening = ",\n    "
        size += len(block[-1])
        if size > _BLOCK:
            out.write("".join(block))
            block, size = [], 0
    block.append("[]\n}\n" if opening == "[\n    " else "\n  ]\n}\n")
    out.write("".join(block))


_BLOCK = 1 << 16
"""Characters of items gathered before one write.

With PYTHONUNBUFFERED set, every write is a system call: `json.dump`, which writes each token
on its own, made 1.4 million of them for the 3 MB benchmark book's quotes.
"""


def _json(value: Any, pad: str) -> str:
    """`value` as `json.dumps(value, ensure_ascii=False, indent=2)` writes it, `pad` deeper.

    The dictionaries, lists, strings, integers, booleans and None of the quote listing are
    written here, about twice as fast as by `json`, whose indenting encoder is Python, not C;
    anything else (a float, a tuple, a subclass, a key that is not a string) is left to `json`.
    A speed trick kept for its measurement: `reader quotes` on the 3 MB benchmark book spent
    0.38 s writing its JSON with `json` and 0.19 s here, of about 2.8 s CPU in all (7%); the
    dictionary's usual values are written inline for the same reason. The output is the same
    to the byte (`tests/unit/test_quotes_lean_output.py`).
    """
    of = type(value)
    if of is str:
        return encode_basestring(value)
    if of is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if of is dict:
        if not value:
            return "{}"
        inner = pad + "  "
        fields = []
        for k, v in value.items():
            if type(k) is not str:
                return _json_by_json(value, pad)
            of = type(v)  # the usual values written inline, without a call each
            if of is str:
                text = encode_basestring(v)
            elif of is int:
                text = int.__repr__(v)
            elif v is None:
                text = "null"
            else:
                text = _json(v, inner)
            fields.append(f"{encode_basestring(k)}: {text}")
        return "{\n" + inner + (",\n" + inner).join(fields) + "\n" + pad + "}"
    if of is list:
        if not value:
            return "[]"
        inner = pad + "  "
        items = (",\n" + inner).join([_json(v, inner) for v in value])
        return "[\n" + inner + items + "\n" + pad + "]"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return _json_by_json(value, pad)


def _json_by_json(value: Any, pad: str) -> str:
    """`value` written by `json` itself, its lines indented by `pad`.

    A JSON string holds no line break, so every line break is the layout's.
    """
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
