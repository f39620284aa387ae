"""An `Article` as a few plain values, for handing it to or from another process cheaply.

Pickling a book's tens of thousands of `Paragraph` objects costs tens of MB and a noticeable
fraction of a second on each side. `pack` sends the text once, each paragraph as offsets into
it (ids follow from the text), and the text's identity hash when it is already known; `unpack`
slices the paragraph texts out of the text again. Used to hand an article to the extraction
child (`reader.ui.background`, `child=True`; the reader itself extracts in a thread).

`write_article` and `read_article` carry it through a pipe: the packed values without the text,
pickled, then the text as UTF-8, encoded a slice at a time. Pickling the text itself made
CPython keep a UTF-8 copy inside the reader's text for as long as the article lives (a
non-ASCII `str` caches the encoding it was asked for), and its peak while pickling was several
times the text: a 30-million-character book (UCS-2) left 33 MB behind and peaked 86 MB higher.
"""

from __future__ import annotations

import pickle
from array import array
from typing import IO, Any

from reader.document import OFFSETS, Article, Paragraphs


def pack(article: Article) -> tuple[Any, ...]:
    """`article` as plain values: its text once, and each paragraph as offsets (not a copy)."""
    paragraphs = article.paragraphs
    if isinstance(paragraphs, Paragraphs):  # its columns as they are: no paragraph is built
        starts, ends, levels = paragraphs.starts, paragraphs.ends, paragraphs.levels
    else:
        starts = array(OFFSETS, [p.start for p in paragraphs])
        ends = array(OFFSETS, [p.end for p in paragraphs])
        levels = array(OFFSETS, [p.level for p in paragraphs])
    return (
        article.title,
        article.source,
        article.text,
        article.format,
        article.url,
        starts,
        ends,
        Paragraphs.kind_numbers(paragraphs),
        levels,
        article.sha256_if_known,
        article.byline,
    )


def unpack(packed: tuple[Any, ...]) -> Article:
    """The `Article` that `pack` flattened, equal to the original.

    Its paragraphs stay offsets into the text (`Paragraphs`): no paragraph is copied out.
    """
    title, source, text, format_, url, starts, ends, kinds, levels, known_hash, byline = packed
    paragraphs = Paragraphs(text, starts, ends, kinds, levels)
    return Article(title, source, text, paragraphs, format_, url, byline, known_hash)


TEXT_SLICE = 1 << 20
"""Characters of the text encoded at a time by `write_article` (a few MB at most in flight)."""
_TEXT = 2
"""Where the text is in the packed values."""


def write_article(out: IO[bytes], article: Article) -> None:
    """Write `article` to `out` for `read_article`: the packed values, then the text as UTF-8.

    The text goes last and unframed: the reader of the stream takes everything up to its end.
    """
    packed = list(pack(article))
    text = packed[_TEXT]
    packed[_TEXT] = None
    pickle.dump(tuple(packed), out, protocol=pickle.HIGHEST_PROTOCOL)
    for start in range(0, len(text), TEXT_SLICE):
        out.write(text[start : start + TEXT_SLICE].encode("utf-8", "surrogatepass"))


def read_article(stream: IO[bytes]) -> Article:
    """The `Article` that `write_article` wrote to `stream` (read to its end)."""
    packed = list(pickle.load(stream))
    packed[_TEXT] = stream.read().decode("utf-8", "surrogatepass")
    return unpack(tuple(packed))
