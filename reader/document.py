"""The document model: an immutable article made of paragraphs with offsets and stable ids.

Everything the reader knows about a text hangs off these values: the UI renders them, the
extractor finds quotes in them, notes anchor to offsets in `Article.text`. They are frozen so
that workers can share them across threads without copies or locks.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from hashlib import blake2b
from itertools import compress, repeat
from operator import attrgetter, is_
from typing import NamedTuple

PARAGRAPH_SEPARATOR = "\n\n"
"""What joins paragraphs in `Article.text`; offsets count it, so keep it fixed."""


class BlockKind(StrEnum):
    """What a paragraph is, so that renderers can style it and readers can navigate by it."""

    BODY = "body"
    """Ordinary prose."""
    HEADING = "heading"
    """A section heading (Markdown `#`, HTML `<h2>`)."""
    LIST_ITEM = "list_item"
    """One item of a bulleted or numbered list."""
    BLOCKQUOTE = "blockquote"
    """A quoted block (Markdown `>`)."""
    CODE = "code"
    """Preformatted text, shown without re-wrapping."""
    VERSE = "verse"
    """Short lines kept as they are (poetry, addresses, dialogue lines)."""


class Block(NamedTuple):
    """A paragraph as a loader produces it, before offsets are assigned.

    A named tuple, like `Paragraph`: a book makes tens of thousands on the way to its first
    screen, and a tuple is built in one C call where a frozen dataclass runs Python per field.
    """

    text: str
    """The paragraph text, normalised (no control characters)."""
    kind: BlockKind = BlockKind.BODY
    """What the block is."""
    level: int = 0
    """Heading level (1-6) for headings, nesting depth for list items, else 0."""


class Paragraph(NamedTuple):
    """One paragraph of an article, located in `Article.text`.

    Immutable (a named tuple: several times cheaper to build than a frozen dataclass, which
    matters for a book's tens of thousands of paragraphs). Its `id` is worked out when asked
    for: only exports and searches need it, and hashing every paragraph of a book would delay
    its first screen.
    """

    position: int
    """Zero-based position among the article's paragraphs."""
    text: str
    """The paragraph text; equal to `article.text[start:end]`."""
    start: int
    """Offset of the first character in `Article.text`."""
    end: int
    """Offset just past the last character in `Article.text`."""
    kind: BlockKind = BlockKind.BODY
    """What the paragraph is (body, heading, list item...)."""
    level: int = 0
    """Heading level or list depth, else 0."""

    @property
    def id(self) -> str:
        """Stable id: position plus a hash of the text, the same on every run and machine."""
        return paragraph_id(self.position, self.text)


_kind_of = attrgetter("kind")
_end_of = attrgetter("end")


def paragraph_id(index: int, text: str) -> str:
    """Return a stable id for the paragraph at `index` with `text`.

    The number makes ids readable in `reader dump` and notes files; the hash makes an id change
    when the paragraph's words change, so stale references are noticed rather than misplaced.
    """
    return f"p{index + 1}-{blake2b(text.encode('utf-8'), digest_size=4).hexdigest()}"


@dataclass(frozen=True)
class Article:
    """A loaded article: title, where it came from, its normalised text and paragraphs."""

    title: str
    """The headline (first line, first heading or HTML title); may be empty."""
    source: str
    """Where the text came from: a path, a URL, `<stdin>` or `<sample>`."""
    text: str
    """The body text: paragraphs joined by a blank line. Offsets everywhere refer to this."""
    paragraphs: tuple[Paragraph, ...]
    """The paragraphs in reading order."""
    format: str = "text"
    """The loader that read it: `text`, `markdown` or `html`."""
    url: str | None = None
    """The source URL when the article came from the web (part of its identity)."""
    byline: str = ""
    """Who wrote it, when the page says (an HTML byline or author tag); else empty."""
    known_sha256: str | None = field(default=None, repr=False, compare=False)
    """`text_sha256` when the caller already has it (a copy handed over from another process),
    so a book is not hashed twice; trusted as given."""

    @cached_property
    def text_sha256(self) -> str:
        """Hex SHA-256 of `text`: the article's identity, whatever path it was opened from.

        Worked out on first use, not when the article is built: hashing a book would delay its
        first screen, and only notes and exports need it.
        """
        return self.known_sha256 or hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def sha256_if_known(self) -> str | None:
        """`text_sha256` if it was given or already worked out, else None (never hashes)."""
        known = self.__dict__.get("text_sha256")
        return known if isinstance(known, str) else self.known_sha256

    @property
    def is_empty(self) -> bool:
        """True when the article has no paragraphs at all."""
        return not self.paragraphs

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """Return the paragraph containing `offset` (or the next one after a separator)."""
        paragraphs = self.paragraphs
        found = bisect_right(paragraphs, offset, key=_end_of)
        return paragraphs[found] if found < len(paragraphs) else None

    def head(self, chars: int) -> Article:
        """Its first whole paragraphs, about `chars` characters, at the same offsets (or itself).

        At least one paragraph; the article itself when it is no longer than `chars`. What is
        found in a head (quotes and their offsets) holds in the whole article: the reader shows
        a long text's first screens' quotes before the whole text's are found.
        """
        paragraphs = self.paragraphs
        if len(self.text) <= chars or not paragraphs:
            return self
        kept = paragraphs[: max(1, bisect_right(paragraphs, chars, key=_end_of))]
        return Article(
            self.title,
            self.source,
            self.text[: kept[-1].end],
            kept,
            self.format,
            self.url,
            self.byline,
        )

    def headings(self) -> list[Paragraph]:
        """Return the heading paragraphs, for a table of contents (asked before a book shows)."""
        kinds = map(_kind_of, self.paragraphs)
        return list(compress(self.paragraphs, map(is_, kinds, repeat(BlockKind.HEADING))))


def build_article(
    blocks: Iterable[Block],
    *,
    title: str,
    source: str,
    format: str = "text",
    url: str | None = None,
    byline: str = "",
) -> Article:
    """Assemble an `Article` from loader blocks, assigning offsets and stable ids."""
    paragraphs: list[Paragraph] = []
    texts: list[str] = []
    step = len(PARAGRAPH_SEPARATOR)
    offset = -step
    for text, kind, level in blocks:
        if not text:
            continue
        start = offset + step
        offset = start + len(text)
        paragraphs.append(Paragraph(len(texts), text, start, offset, kind, level))
        texts.append(text)
    return Article(
        title=title,
        source=source,
        text=PARAGRAPH_SEPARATOR.join(texts),
        paragraphs=tuple(paragraphs),
        format=format,
        url=url,
        byline=byline,
    )


def blocks_of(texts: Sequence[str]) -> list[Block]:
    """Wrap plain strings as body blocks (handy for tests and simple loaders)."""
    return [Block(text) for text in texts]
