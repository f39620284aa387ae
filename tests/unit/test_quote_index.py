"""The quote index answers which quotes sit in a paragraph, and stays small on a book."""

from __future__ import annotations

import tracemalloc

from reader.document import blocks_of, build_article
from reader.extract.paragraphs import QuoteIndex
from reader.extract.spans import RawQuote, find_spans

PARAGRAPHS = [
    '"One," she said, "and two." Then "three".',
    "No quotes here at all.",
    '"A quote that runs on.',
    '"Into the next paragraph," he said. "Four."',
]


def _top() -> list[RawQuote]:
    article = build_article(blocks_of(PARAGRAPHS), title="t", source="s")
    return [q for q in find_spans(article.text, article.paragraphs) if q.depth == 0]


def test_the_index_finds_the_quotes_around_an_offset_paragraph_by_paragraph() -> None:
    top = _top()
    one, two, three, run_on, four = top
    index = QuoteIndex(top)
    assert [p for p in range(5) if p in index.quoted] == [0, 2, 3]
    assert index.end_before(0, two.outer_start) == one.outer_end
    assert index.end_before(0, one.outer_start) == -1
    assert index.end_before(1, 10**6) == -1  # a paragraph without quotes
    assert index.start_after(0, one.outer_end) == two.outer_start
    assert index.start_after(3, run_on.outer_end) == four.outer_start  # the run-on's 2nd part
    assert index.start_after(1, 0) is None
    assert index.overlaps(0, one.outer_start, one.outer_start + 1)
    assert not index.overlaps(1, 0, 10**6)
    assert index.neighbours(one) == [one, two]
    assert index.neighbours(two) == [one, two, three]
    assert index.neighbours(run_on) == [run_on]


def test_a_books_quote_index_costs_a_few_hundred_bytes_a_quote_at_most() -> None:
    """A dictionary of three lists per quoted paragraph cost ~500 bytes a quote (3.7 MB)."""
    paragraphs = [f'"Quote {n}," said Ann Lee. Then she left.' for n in range(20_000)]
    article = build_article(blocks_of(paragraphs), title="t", source="s")
    top = [q for q in find_spans(article.text, article.paragraphs) if q.depth == 0]
    assert len(top) == 20_000
    tracemalloc.start()
    try:
        index = QuoteIndex(top)
        kept, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert 19_999 in index.quoted
    assert kept / len(top) < 300, f"{kept / len(top):.0f} bytes a quote"
