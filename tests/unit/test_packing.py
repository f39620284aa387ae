"""An article handed to the extraction child arrives whole: same paragraphs, ids and identity."""

from __future__ import annotations

import io
import pickle
import sys

import pytest

from reader.document import BlockKind
from reader.load import load_bytes
from reader.packing import pack, read_article, unpack, write_article

MARKDOWN = """# Ferry talks

The council met on *Tuesday*.

## What was said

- first point
  - a nested point
- second point

> "We will not wait," the mayor said.
"""


def test_an_unpacked_article_equals_the_original() -> None:
    article = load_bytes(MARKDOWN.encode(), name="talks.md", source="talks.md")
    _ = article.text_sha256
    back = unpack(pickle.loads(pickle.dumps(pack(article))))
    assert back == article
    assert [p.id for p in back.paragraphs] == [p.id for p in article.paragraphs]
    assert [(p.kind, p.level) for p in back.paragraphs] == [
        (p.kind, p.level) for p in article.paragraphs
    ]
    assert {BlockKind.HEADING, BlockKind.LIST_ITEM} <= {p.kind for p in back.paragraphs}
    assert back.text_sha256 == article.text_sha256
    assert all(back.text[p.start : p.end] == p.text for p in back.paragraphs)


def test_a_known_hash_travels_and_an_unknown_one_is_not_worked_out_for_the_trip() -> None:
    article = load_bytes(MARKDOWN.encode(), name="talks.md", source="talks.md")
    assert article.sha256_if_known is None
    cold = unpack(pack(article))
    assert cold.sha256_if_known is None  # packing a book must not hash it
    assert cold.text_sha256 == article.text_sha256
    warm = unpack(pack(article))
    assert warm.sha256_if_known == article.text_sha256


def test_paragraph_at_finds_the_paragraph_or_the_next_after_a_separator() -> None:
    article = load_bytes(MARKDOWN.encode(), name="talks.md", source="talks.md")
    paragraphs = article.paragraphs
    for paragraph in paragraphs:
        assert article.paragraph_at(paragraph.start) == paragraph
        assert article.paragraph_at(paragraph.end - 1) == paragraph
    assert article.paragraph_at(paragraphs[0].end) == paragraphs[1]
    assert article.paragraph_at(len(article.text)) is None


def test_an_article_written_for_the_child_reads_back_equal_across_text_slices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = MARKDOWN + "\n\nWiśniewski said “ça va” — 東京 — 🙂 again.\n"
    article = load_bytes(text.encode(), name="talks.md", source="talks.md")
    monkeypatch.setattr("reader.packing.TEXT_SLICE", 7)  # slices end inside words and marks
    stream = io.BytesIO()
    write_article(stream, article)
    stream.seek(0)
    back = read_article(stream)
    assert back == article
    assert [p.id for p in back.paragraphs] == [p.id for p in article.paragraphs]


def test_sending_an_article_leaves_no_utf8_copy_inside_the_readers_text() -> None:
    text = "Wiśniewski spoke. " * 2000  # not ASCII: CPython would cache its UTF-8 in the str
    article = load_bytes(text.encode(), name="book.txt", source="book.txt")
    before = sys.getsizeof(article.text)
    write_article(io.BytesIO(), article)
    assert sys.getsizeof(article.text) == before
