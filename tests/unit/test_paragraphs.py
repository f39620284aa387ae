"""An article's paragraphs: read like a tuple of `Paragraph`, kept as offsets into its text."""

from __future__ import annotations

import pickle
import tracemalloc
from dataclasses import replace

from reader.document import Article, BlockKind, Paragraph, Paragraphs
from reader.load import load_bytes

MARKDOWN = """# Ferry talks

The council met on *Tuesday*. Wiśniewski said “ça va”.

## What was said

- first point
  - a nested point
- second point

> "We will not wait," the mayor said.
"""


def _article() -> Article:
    return load_bytes(MARKDOWN.encode(), name="talks.md", source="talks.md")


def test_paragraphs_read_as_the_tuple_of_paragraphs_they_stand_for() -> None:
    article = _article()
    paragraphs = article.paragraphs
    assert isinstance(paragraphs, Paragraphs)
    as_tuple = tuple(paragraphs)
    assert paragraphs == as_tuple and as_tuple == paragraphs
    assert len(paragraphs) == len(as_tuple) > 5
    for index, paragraph in enumerate(as_tuple):
        assert paragraphs[index] == paragraph == paragraphs[index - len(as_tuple)]
        assert paragraph.position == index
        assert paragraph.text == article.text[paragraph.start : paragraph.end]
    assert paragraphs[1:3] == as_tuple[1:3]
    assert paragraphs[::-2] == as_tuple[::-2]
    assert list(reversed(paragraphs)) == list(reversed(as_tuple))
    assert paragraphs[-1].kind is BlockKind.BLOCKQUOTE
    assert {(p.kind, p.level) for p in paragraphs} >= {(BlockKind.LIST_ITEM, 1)}
    assert article.headings() == [p for p in as_tuple if p.kind is BlockKind.HEADING]


def test_an_article_equals_one_built_with_a_tuple_and_survives_pickling() -> None:
    article = _article()
    plain = replace(article, paragraphs=tuple(article.paragraphs))
    assert article == plain and plain == article
    assert hash(article.paragraphs) == hash(plain.paragraphs)
    assert pickle.loads(pickle.dumps(article)) == article
    assert article.head(40).paragraphs == plain.head(40).paragraphs


def test_a_paragraph_past_the_end_is_an_index_error() -> None:
    paragraphs = _article().paragraphs
    for index in (len(paragraphs), -len(paragraphs) - 1):
        try:
            paragraphs[index]
        except IndexError:
            continue
        raise AssertionError(f"paragraph {index} of {len(paragraphs)} was found")


def test_a_book_keeps_its_text_once_not_a_copy_per_paragraph() -> None:
    """A 30 MB book's paragraphs used to cost 86 MB of the reader's memory: each one's copy."""
    body = "\n\n".join(f"Paragraph {n}: Wiśniewski said the ferry was late." for n in range(20_000))
    data = body.encode()
    tracemalloc.start()
    try:
        article = load_bytes(data, name="book.txt", source="book.txt")
        kept, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    text_bytes = len(article.text) * 2  # one character outside Latin-1: two bytes each
    assert len(article.paragraphs) == 20_000
    assert kept < 1.5 * text_bytes, f"{kept / 1e6:.1f} MB kept for a {text_bytes / 1e6:.1f} MB text"


def test_a_paragraph_read_is_a_plain_value() -> None:
    paragraph = _article().paragraphs[1]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.id.startswith("p2-")


def test_a_books_paragraph_columns_cost_13_bytes_a_paragraph() -> None:
    # start, end and level at 4 bytes each and the kind at 1: a 30 MB book's 226k paragraphs
    # cost 2.9 MB, not the 5.9 MB of 8-byte columns, in the reader and in the extraction child
    data = "\n\n".join(f"Paragraph number {n} of the book." for n in range(20_000)).encode()
    paragraphs = load_bytes(data, name="book.txt", source="book.txt").paragraphs
    assert isinstance(paragraphs, Paragraphs)
    columns = (paragraphs.starts, paragraphs.ends, paragraphs.levels)
    size = sum(c.itemsize * len(c) for c in columns) + len(paragraphs.kinds)
    assert len(paragraphs) >= 19_999
    assert size <= 13 * len(paragraphs)
    assert paragraphs[19_000].text == "Paragraph number 19000 of the book."
