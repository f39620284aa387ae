"""The document model: an immutable article made of paragraphs with offsets and stable ids.

Everything the reader knows about a text hangs off these values: the UI renders them, the
extractor finds quotes in them, notes anchor to offsets in `Article.text`. They are frozen so
that workers can share them across threads without copies or locks.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import compress, repeat
from operator import attrgetter, is_
from typing import Any, NamedTuple, overload

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


def paragraph_bounds(paragraphs: Sequence[Paragraph]) -> Iterable[tuple[int, int]]:
    """Each paragraph's start and end, in order, without building the paragraphs.

    A pass that needs no paragraph's words reads `Paragraphs`' columns: building a book's
    paragraphs (each a copy of its text) costs about 10 ms a pass on 3 MB, 1% of extracting
    it.
    """
    if isinstance(paragraphs, Paragraphs):
        return zip(paragraphs.starts, paragraphs.ends, strict=True)
    return ((p.start, p.end) for p in paragraphs)


def _first_ending_after(paragraphs: Sequence[Paragraph], offset: int) -> int:
    """Index of the first paragraph that ends after `offset` (`len(paragraphs)` if none)."""
    if isinstance(paragraphs, Paragraphs):
        return bisect_right(paragraphs.ends, offset)
    return bisect_right(paragraphs, offset, key=_end_of)


def paragraph_id(index: int, text: str) -> str:
    """Return a stable id for the paragraph at `index` with `text`.

    The number makes ids readable in `reader dump` and notes files; the hash makes an id change
    when the paragraph's words change, so stale references are noticed rather than misplaced.
    """
    # imported here: OpenSSL costs 3.4 MB, which the extraction child never needs
    from hashlib import blake2b

    return f"p{index + 1}-{blake2b(text.encode('utf-8'), digest_size=4).hexdigest()}"


_KINDS = tuple(BlockKind)
"""Every block kind, by its number in `Paragraphs`."""
_KIND_NUMBER = {kind: number for number, kind in enumerate(_KINDS)}


OFFSETS = "i"
"""The typecode of `Paragraphs`' columns: 4 bytes a value instead of 8 (a 30 MB book has 226k
paragraphs: 2.7 MB less in the reader and as much in the extraction child)."""


class Paragraphs(Sequence[Paragraph]):
    """An article's paragraphs kept as columns of offsets into its text, made when read.

    A book's paragraphs as `Paragraph` tuples cost far more than their text: each holds its own
    copy of its words (the text again, 2 bytes a character once one character is outside
    Latin-1), a tuple and three ints. On a 30 MB text (226k paragraphs) that was 86 MB of the
    reader's process and as much again in the extraction child; as columns it is 4 MB. A
    `Paragraph` is built when it is read, its text sliced out of the article's text (a copy
    of one paragraph, freed once the caller lets go of it). Equal to a tuple of the same
    paragraphs, so that articles compare as before.
    """

    __slots__ = ("_text", "ends", "kinds", "levels", "starts")

    def __init__(
        self,
        text: str,
        starts: array[int],
        ends: array[int],
        kinds: bytes | bytearray,
        levels: array[int],
    ) -> None:
        if len({len(starts), len(ends), len(kinds), len(levels)}) != 1:
            raise ValueError("paragraph columns differ in length")
        self._text = text
        self.starts = starts
        """Where each paragraph starts in the text."""
        self.ends = ends
        """Where each paragraph ends in the text."""
        self.kinds = kinds
        """Each paragraph's kind, as its number in `BlockKind`'s order."""
        self.levels = levels
        """Each paragraph's heading level or list depth."""

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Paragraph, ...]: ...

    def __getitem__(self, index: int | slice) -> Paragraph | tuple[Paragraph, ...]:
        if isinstance(index, slice):
            lo, hi, step = index.indices(len(self.starts))
            if step == 1:
                return tuple(self._made(lo, max(lo, hi)))
            return tuple(map(self.__getitem__, range(lo, hi, step)))
        if index < 0:
            index += len(self.starts)
            if index < 0:
                raise IndexError("paragraph index out of range")
        start, end = self.starts[index], self.ends[index]
        kind, level = _KINDS[self.kinds[index]], self.levels[index]
        return Paragraph(index, self._text[start:end], start, end, kind, level)

    def _made(self, lo: int, hi: int) -> Iterator[Paragraph]:
        """The paragraphs `lo` to `hi`, each built by `Paragraph._make` from its columns.

        The extractor makes no pass over them (it reads the columns); `tuple.__new__` in place of
        `Paragraph._make` saved 1-3 ms of such a pass over the dev set repeated (20k paragraphs,
        13.3 ms against 14.0-16.6, best of 9): short of the 5% of a book's extraction a trick
        must save (issue 17).
        """
        starts, ends = self.starts[lo:hi], self.ends[lo:hi]
        texts = map(self._text.__getitem__, map(slice, starts, ends))
        kinds = map(_KINDS.__getitem__, self.kinds[lo:hi])
        rows = zip(range(lo, hi), texts, starts, ends, kinds, self.levels[lo:hi], strict=True)
        return map(Paragraph._make, rows)

    def __iter__(self) -> Iterator[Paragraph]:
        return self._made(0, len(self.starts))

    def __reversed__(self) -> Iterator[Paragraph]:
        return map(self.__getitem__, range(len(self.starts) - 1, -1, -1))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Paragraphs):
            return (
                self.starts == other.starts
                and self.ends == other.ends
                and self.kinds == other.kinds
                and self.levels == other.levels
                and self._text == other._text
            )
        if isinstance(other, tuple):
            return len(other) == len(self) and all(map(_same, self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Paragraphs({len(self)} paragraphs)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Paragraphs, (self._text, self.starts, self.ends, bytes(self.kinds), self.levels))

    @classmethod
    def kind_numbers(cls, paragraphs: Sequence[Paragraph]) -> bytes:
        """The kinds of `paragraphs` as `Paragraphs.kinds` numbers them."""
        if isinstance(paragraphs, Paragraphs):
            return bytes(paragraphs.kinds)
        return bytes(_KIND_NUMBER[p.kind] for p in paragraphs)


def _same(a: Paragraph, b: object) -> bool:
    return a == b


@dataclass(frozen=True)
class Article:
    """A loaded article: title, where it came from, its normalised text and paragraphs."""

    title: str
    """The headline (first line, first heading or HTML title); may be empty."""
    source: str
    """Where the text came from: a path, a URL, `<stdin>` or `<sample>`."""
    text: str
    """The body text: paragraphs joined by a blank line. Offsets everywhere refer to this."""
    paragraphs: Sequence[Paragraph]
    """The paragraphs in reading order (`Paragraphs` when built from blocks: no copies)."""
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
        if self.known_sha256:
            return self.known_sha256
        import hashlib  # here: OpenSSL's 3.4 MB, which the extraction child never needs

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

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
        found = _first_ending_after(paragraphs, offset)
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
        kept = paragraphs[: max(1, _first_ending_after(paragraphs, chars))]
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
        paragraphs = self.paragraphs
        if isinstance(paragraphs, Paragraphs):  # found in the kinds' column: none built in vain
            heading = _KIND_NUMBER[BlockKind.HEADING]
            return [paragraphs[i] for i, kind in enumerate(paragraphs.kinds) if kind == heading]
        kinds = map(_kind_of, paragraphs)
        return list(compress(paragraphs, map(is_, kinds, repeat(BlockKind.HEADING))))


def build_article(
    blocks: Iterable[Block],
    *,
    title: str,
    source: str,
    format: str = "text",
    url: str | None = None,
    byline: str = "",
) -> Article:
    """Assemble an `Article` from loader blocks, assigning offsets and stable ids.

    The paragraphs are kept as offsets into the joined text (`Paragraphs`), not as copies.
    """
    # 4-byte columns: a text holds at most MAX_BYTES (64 MiB) characters, far below 2**31
    starts: array[int] = array(OFFSETS)
    ends: array[int] = array(OFFSETS)
    kinds = bytearray()
    levels: array[int] = array(OFFSETS)
    texts: list[str] = []
    step = len(PARAGRAPH_SEPARATOR)
    offset = -step
    kind_number = _KIND_NUMBER
    for text, kind, level in blocks:
        if not text:
            continue
        start = offset + step
        offset = start + len(text)
        starts.append(start)
        ends.append(offset)
        kinds.append(kind_number[kind])
        levels.append(level)
        texts.append(text)
    joined = PARAGRAPH_SEPARATOR.join(texts)
    del texts  # the blocks' own strings go with the caller's blocks: the text is the one copy
    return Article(
        title=title,
        source=source,
        text=joined,
        paragraphs=Paragraphs(joined, starts, ends, kinds, levels),
        format=format,
        url=url,
        byline=byline,
    )


def blocks_of(texts: Sequence[str]) -> list[Block]:
    """Wrap plain strings as body blocks (handy for tests and simple loaders)."""
    return [Block(text) for text in texts]
