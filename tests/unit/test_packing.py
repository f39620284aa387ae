"""An article handed to the extraction child arrives whole: same paragraphs, ids and identity."""

from __future__ import annotations

import pickle

from reader.document import BlockKind
from reader.load import load_bytes
from reader.packing import pack, unpack

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
