r"""`reader quotes FILE --explain`: for each quote, the rules that decided its speaker and kind.

One block per quote: where it is, its kind and speaker, then every field of its `Evidence`
(the attribution rule, the cue, the mention, the kind rule, and whatever the extractor records
there later: the fields are read from the class, not listed here), each quoted text with its
offsets in the article. Article text is shown literally: control characters and escapes are
printed as visible `\x..` codes, never sent to the terminal.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from enum import Enum
from typing import TextIO

from reader.extract.kinds import rule_descriptions
from reader.extract.model import Evidence, Extraction, KindRule, Quote, Span

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Controls, C1 codes, line separators and bidirectional overrides: shown as codes instead."""


def literal(text: str) -> str:
    """`text` on one line, every character that could act on a terminal shown as a code."""
    flat = " ¶ ".join(" ".join(part.split()) for part in text.split("\n\n"))
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", flat.replace("\n", " "))


def _value(value: object) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return ", ".join(_value(v) for v in value)
    return literal(str(value))


_LABELS = {"rule": "speaker rule"}
"""Labels clearer than the field name, where one is needed; other fields print as named."""


def evidence_lines(evidence: Evidence, descriptions: dict[KindRule, str]) -> Iterator[str]:
    """One line per field of `evidence` that is set, a span shown beside the text it covers."""
    for field in dataclasses.fields(evidence):
        name = field.name
        value = getattr(evidence, name)
        if value is None or value == () or isinstance(value, Span):
            continue
        label = _LABELS.get(name, name.replace("_", " "))
        line = f"{label}: {_value(value)}"
        span = getattr(evidence, f"{name}_span", None)
        if isinstance(span, Span):
            line += f"  (offsets {span.start}-{span.end})"
        yield line
        if isinstance(value, KindRule) and descriptions.get(value):
            yield f"  {literal(descriptions[value])}"


def write_explanations(quotes: list[Quote], extraction: Extraction, out: TextIO) -> None:
    """Print one block per quote: position, kind, speaker, then its evidence."""
    if not quotes:
        out.write("no quotes found\n")
        return
    descriptions = rule_descriptions()
    for number, quote in enumerate(quotes, 1):
        speaker = extraction.speaker(quote.speaker)
        nested = ", nested" if quote.nested else ""
        out.write(f"{number}. paragraph {quote.paragraph + 1}, {quote.kind.value}{nested}\n")
        out.write(f"   quote: “{literal(quote.text)}”  (offsets {quote.start}-{quote.end})\n")
        out.write(f"   speaker: {literal(speaker.name) if speaker else '(none)'}\n")
        if quote.evidence is None:
            out.write("   evidence: (none recorded)\n")
        else:
            for line in evidence_lines(quote.evidence, descriptions):
                out.write(f"   {line}\n")
        out.write("\n")
