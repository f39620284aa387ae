"""Open a big plain-text file in two steps: its first screens at once, the whole a moment later.

Reading a 3 MB book into tens of thousands of paragraphs takes a noticeable fraction of a
second, all of it before anything could be shown, though the first screen needs only the first
few paragraphs. `open_progressively` reads the file, builds a *preview* article from its first
`HEAD_CHARS` characters (cut at a paragraph break) and returns it with a function that parses the
whole file as `load_path` does. The preview's title and paragraphs are the first ones of the
whole article, at the same offsets, so a reader can show the preview and then put the whole
article in its place without moving the text on screen.

Only UTF-8 plain text (no byte-order mark) of at least `PROGRESSIVE_BYTES` is read this way:
other encodings are guessed from the whole file and other formats are parsed as a whole, so
their first screen could differ from the article's. Everything else returns None and is opened
the usual way, which also reports any error.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from reader.document import Article, build_article
from reader.load.clean import clean
from reader.load.decode import BOMS, SNIFF_BYTES
from reader.load.source import MAX_BYTES, format_of, is_url, load_bytes, title_from_source
from reader.load.text import blocks_from_text, split_title

PROGRESSIVE_BYTES = 512 * 1024
"""Files at least this big show their first screens before the rest is read."""

HEAD_CHARS = 64 * 1024
"""How much of the text the preview is made of (many screens, a millisecond to read)."""


CHECKED_BYTES = 1 << 16
"""Bytes decoded at a time to check that a file is UTF-8 (the decoder holds ~6x a slice)."""


def _utf8_head(data: bytes) -> str | None:
    """The first `HEAD_CHARS` characters of `data` if all of it is UTF-8, else None.

    Decoded a slice at a time and let go: the whole text decoded at once, only to be checked,
    was the reader's peak while a big book opened (60 MB for a 30 MB book, UCS-2).
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    head = ""
    try:
        for start in range(0, len(data), CHECKED_BYTES):
            part = decoder.decode(data[start : start + CHECKED_BYTES])
            if len(head) < HEAD_CHARS:
                head += part[: HEAD_CHARS - len(head)]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return head


def open_progressively(target: str | None) -> tuple[Article, Callable[[], Article]] | None:
    """The preview of the file `target` and a function returning the whole article, or None."""
    if target is None or target == "-" or is_url(target):
        return None
    path = Path(target)
    try:
        if not path.is_file() or not PROGRESSIVE_BYTES <= path.stat().st_size <= MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    suffix = path.suffix.lower()
    if (
        data.startswith(tuple(bom for bom, _encoding in BOMS))
        or b"\x00" in data[:SNIFF_BYTES]
        or format_of(suffix, data) != "text"
    ):
        return None
    head = _utf8_head(data)
    if head is None:
        return None  # another encoding: guessed from the whole file, as the full load does
    head = clean(head)
    cut = head.rfind("\n\n")
    if cut <= 0:
        return None
    title, blocks = split_title(blocks_from_text(head[:cut]))
    source = str(path.resolve())
    preview = build_article(
        blocks, title=title or title_from_source(source), source=source, format="text"
    )
    # the bytes already read, as `load_path` would parse them: no second read, and no change
    # to the file in between can make the preview differ from the whole. Handed over once:
    # the callers keep the function for the whole session, and it must not keep the bytes
    # (3 MB for the 3 MB book) after the whole article is made.
    kept = [data]
    del data

    def whole() -> Article:
        return load_bytes(kept.pop(), name=str(path), source=source, suffix=suffix)

    return preview, whole
