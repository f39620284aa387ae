"""An extraction as JSON lines: the encoding of the quotes cache and of the reader's extraction.

`reader.cache` stores a text's `Extraction` in this form, and the reader's extraction
(`reader.ui.background`, in a thread or a child) hands its quotes over in it, window by window,
so that one decoder reads both. The first line lists the speakers; each further line holds up to
`_QUOTES_PER_LINE` quotes, each a list of plain values (lists, not objects: a book has thousands
of quotes). Quotes are stored 500 to a line and decoded line by line: one `json.loads` of a
book's 7,500 quotes would hold the interpreter lock for the whole call, and the UI thread with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from reader.extract.model import (
    Evidence,
    Extraction,
    KindRule,
    Quote,
    QuoteKind,
    Span,
    Speaker,
)

if TYPE_CHECKING:
    from reader.document import Article

_QUOTES_PER_LINE = 500
"""Quotes per JSON line."""


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _span_of(value: list[int] | None) -> Span | None:
    return None if value is None else Span(*value)


def extraction_lines(extraction: Extraction) -> Iterator[bytes]:
    """`extraction` as JSON lines: the speakers, then `_QUOTES_PER_LINE` quotes a line.

    Lists, not objects: a book has thousands of quotes. A generator, so that a caller that
    writes each line as it comes holds one line's values at a time, not the whole book's.
    """
    yield speakers_line(extraction.speakers)
    yield from quote_lines([extraction.quotes])


def speakers_line(speakers: Iterable[Speaker]) -> bytes:
    """The first of `extraction_lines`: the speakers."""
    rows = [
        [s.id, s.name, s.aliases, s.organisation, s.quote_count, s.paragraphs] for s in speakers
    ]
    return json.dumps(rows, separators=(",", ":")).encode()


def quote_lines(batches: Iterable[Sequence[Quote]]) -> Iterator[bytes]:
    """The quote lines of `extraction_lines`, for quotes that come in batches, in order.

    The reader's extraction (`reader.ui.background.answer_lines`, in a thread or a child)
    encodes each window's quotes as they come (`reader.extract.pipeline.Windows`); the lines
    are the same as for the quotes all at once.
    """
    rows: list[list[object]] = []
    for batch in batches:
        for quote in batch:
            rows.append(_quote_row(quote))
            if len(rows) == _QUOTES_PER_LINE:
                yield json.dumps(rows, separators=(",", ":")).encode()
                rows = []
    if rows:
        yield json.dumps(rows, separators=(",", ":")).encode()


def with_speaker_ids(line: bytes, renamed: dict[str, str]) -> bytes:
    """A line of `quote_lines` with the speaker ids in `renamed` replaced (the rest as it was).

    The extraction child encodes a window's quotes before the text's end can rename their
    speakers (`reader.extract.pipeline.Windows.renamed`).
    """
    rows = json.loads(line)
    for row in rows:
        speaker = row[_SPEAKER]
        if speaker in renamed:
            row[_SPEAKER] = renamed[speaker]
    return json.dumps(rows, separators=(",", ":")).encode()


_SPEAKER = 5
"""Where a quote's speaker id is in its row (`_quote_row`)."""


def _quote_row(q: Quote) -> list[object]:
    """One quote as a list of plain values (the order `decode_extraction` reads)."""
    evidence = q.evidence
    return [
        q.start,
        q.end,
        q.text,
        q.kind.value,
        q.paragraph,
        q.speaker,
        [offset for segment in q.segments for offset in (segment.start, segment.end)],
        q.nested,
        None
        if evidence is None
        else [
            evidence.rule,
            evidence.cue,
            _span(evidence.cue_span),
            evidence.mention,
            _span(evidence.mention_span),
            None if evidence.kind_rule is None else evidence.kind_rule.value,
        ],
        q.split,
    ]


def extraction_of_lines(lines: Sequence[bytes], article: Article) -> Extraction:
    """The `Extraction` of `article` that `extraction_lines` wrote.

    Raises ValueError (or another of the errors a damaged entry may raise) on anything
    malformed, or on a quote outside the article.
    """
    if not lines:
        raise ValueError("no speakers line")
    return decode_extraction(lines, article)


def decode_extraction(
    lines: Iterable[bytes], article: Article, with_evidence: bool = True
) -> Extraction:
    """The `Extraction` that `extraction_lines` flattened; raises on anything malformed.

    Without `with_evidence` every quote's evidence is left out (None): the reader's screens never
    show it (only `reader quotes --explain` does), and for bench_ui's 30 MB book it was about
    22 MB of the reader (Evidence values, their spans and offsets).

    The checksum has already told that the entry is whole, and the code fingerprint that this
    code wrote it, so the values are trusted for their types; what would index outside the
    article is still refused.
    """
    remaining = iter(lines)
    speakers = tuple(
        Speaker(id_, name, tuple(aliases), organisation, count, tuple(paragraphs))
        for id_, name, aliases, organisation, count, paragraphs in json.loads(next(remaining))
    )
    known = {s.id for s in speakers}
    kinds = {kind.value: kind for kind in QuoteKind}
    kind_rules = {rule.value: rule for rule in KindRule}
    # JSON makes a new string for every "said" and every speaker id: one copy of each is kept
    # (about a quarter of a book's decoded quotes), and evidence without spans is shared.
    shared_text: dict[str | None, str | None] = {s.id: s.id for s in speakers}
    keep = shared_text.setdefault
    shared_evidence: dict[tuple[object, ...], Evidence] = {}
    quotes = []
    rows = (row for line in remaining for row in json.loads(line))  # a line at a time
    for start, end, text, kind, paragraph, speaker, flat, nested, evidence, split in rows:
        segments = tuple(map(Span, flat[::2], flat[1::2])) if flat else ()
        if not with_evidence:
            evidence = None
        elif evidence is not None:
            rule, cue, cue_span, mention, mention_span, kind_rule = evidence
            if cue_span is None and mention_span is None:
                key = (rule, cue, mention, kind_rule)
                evidence = shared_evidence.get(key)
                if evidence is None:
                    evidence = shared_evidence[key] = Evidence(
                        keep(rule, rule),
                        keep(cue, cue),
                        None,
                        keep(mention, mention),
                        None,
                        None if kind_rule is None else kind_rules[kind_rule],
                    )
            else:
                evidence = Evidence(
                    keep(rule, rule),
                    keep(cue, cue),
                    _span_of(cue_span),
                    keep(mention, mention),
                    _span_of(mention_span),
                    None if kind_rule is None else kind_rules[kind_rule],
                )
        quotes.append(
            Quote(
                start,
                end,
                text,
                kinds[kind],
                paragraph,
                keep(speaker, speaker),
                segments,
                nested,
                evidence,
                split,
            )
        )
    length = len(article.text)
    paragraphs = len(article.paragraphs)
    if quotes and not (
        all(0 <= q.start <= q.end <= length for q in quotes)
        and all(0 <= q.paragraph < paragraphs for q in quotes)
        and all(q.speaker is None or q.speaker in known for q in quotes)
    ):
        raise ValueError("a quote outside the article or by an unknown speaker")
    return Extraction(tuple(quotes), speakers)
