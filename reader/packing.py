"""An `Article` as a few plain values, for handing it to or from another process cheaply.

Pickling a book's tens of thousands of `Paragraph` objects costs tens of MB and a noticeable
fraction of a second on each side. `pack` sends the text once, each paragraph as offsets into
it (ids follow from the text), and the text's identity hash when it is already known; `unpack`
slices the paragraph texts out of the text again. Used to hand an article to the extraction
child (`reader.ui.background`).
"""

from __future__ import annotations

from array import array
from typing import Any

from reader.document import Article, BlockKind, Paragraph


def pack(article: Article) -> tuple[Any, ...]:
    """`article` as plain values: its text once, and each paragraph as offsets (not a copy)."""
    paragraphs = article.paragraphs
    return (
        article.title,
        article.source,
        article.text,
        article.format,
        article.url,
        array("q", [p.start for p in paragraphs]),
        array("q", [p.end for p in paragraphs]),
        [p.kind.value for p in paragraphs],
        array("q", [p.level for p in paragraphs]),
        article.sha256_if_known,
        article.byline,
    )


def unpack(packed: tuple[Any, ...]) -> Article:
    """The `Article` that `pack` flattened, equal to the original."""
    title, source, text, format_, url, starts, ends, kinds, levels, known_hash, byline = packed
    kind_of = {kind.value: kind for kind in BlockKind}
    paragraphs = tuple(
        map(
            Paragraph,
            range(len(starts)),
            map(text.__getitem__, map(slice, starts, ends)),
            starts,
            ends,
            map(kind_of.__getitem__, kinds),
            levels,
        )
    )
    if len({len(paragraphs), len(starts), len(ends), len(kinds), len(levels)}) != 1:
        raise ValueError("packed article is inconsistent")
    return Article(title, source, text, paragraphs, format_, url, byline, known_hash)
