"""Render an article as wrapped plain text, for `reader FILE | less` and `reader FILE > out.txt`."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from reader.document import Article, BlockKind
from reader.load.text import list_marker_width

DEFAULT_WIDTH = 78
"""Wrap width when the caller gives none."""


def plain_lines(article: Article, width: int = DEFAULT_WIDTH) -> Iterator[str]:
    """Yield the article as lines of at most `width` columns: title, rule, then paragraphs."""
    width = max(20, width)
    if article.title:
        yield from textwrap.wrap(article.title, width) or [""]
        yield "=" * min(width, max(len(line) for line in textwrap.wrap(article.title, width)))
        yield ""
    if article.byline:
        yield from textwrap.wrap("By " + article.byline, width)
        yield ""
    if article.is_empty:
        yield "(this article is empty)"
        return
    paragraphs = article.paragraphs
    for number, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if paragraph.kind is BlockKind.CODE or paragraph.kind is BlockKind.VERSE:
            yield from (("    " + line) for line in text.split("\n"))
        elif paragraph.kind is BlockKind.HEADING:
            yield from textwrap.wrap(text, width)
            yield ("=" if paragraph.level <= 1 else "-") * min(width, len(text))
        elif paragraph.kind is BlockKind.LIST_ITEM:
            # The item's own marker (`- `, `1. `, Markdown's `• `), else a bullet drawn here.
            indent = "  " * max(0, paragraph.level - 1)
            marker = list_marker_width(text)
            yield from textwrap.wrap(
                text,
                width,
                initial_indent=indent + ("" if marker else "• "),
                subsequent_indent=indent + " " * (marker or 2),
            )
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if following is not None and following.kind is BlockKind.LIST_ITEM:
                continue  # a list's items on consecutive lines, as a list reads
        elif paragraph.kind is BlockKind.BLOCKQUOTE:
            yield from textwrap.wrap(text, width, initial_indent="  > ", subsequent_indent="  > ")
        else:
            for line in text.split("\n"):
                yield from textwrap.wrap(line, width, break_on_hyphens=False) or [""]
        yield ""
