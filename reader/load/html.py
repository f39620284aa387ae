"""HTML to paragraphs: trafilatura finds the main article text, markdown-it splits it.

trafilatura drops navigation, ads, scripts and footers far better than hand-written rules; its
Markdown output keeps headings, which become the table of contents.
"""

from __future__ import annotations

import re
from html import unescape

from reader.document import Block
from reader.load.markdown import blocks_from_markdown, split_heading_title

_TITLE_TAG = re.compile(r"<title[^>]*>(.{0,500}?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{0,2000}>")
_SKIP = re.compile(
    r"<(script|style|noscript|nav|header|footer|aside|form)\b.{0,2000000}?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)


def blocks_from_html(html: str) -> tuple[str, list[Block]]:
    """Return `(title, paragraphs)` of the main content of an HTML page."""
    import trafilatura

    markdown = trafilatura.extract(
        html,
        output_format="markdown",
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
    )
    title = _page_title(html)
    blocks = blocks_from_markdown(markdown) if markdown else _fallback_blocks(html)
    heading, rest = split_heading_title(blocks)
    if heading and (not title or _similar(heading, title)):
        return heading, rest
    if heading and not title:
        return heading, rest
    return title, blocks


def _page_title(html: str) -> str:
    """The page's <title>, without a trailing ` | Site name` / ` - Site name` part."""
    match = _TITLE_TAG.search(html)
    if not match:
        return ""
    title = " ".join(unescape(match.group(1)).split())
    for separator in (" | ", " – ", " — ", " - "):
        head, sep, _tail = title.rpartition(separator)
        if sep and len(head) >= 15:
            return head
    return title


def _similar(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


def _fallback_blocks(html: str) -> list[Block]:
    """Plain tag stripping for pages too small or odd for trafilatura: paragraphs by <p>/<br>."""
    body = _SKIP.sub(" ", html)
    body = re.sub(r"(?i)<(?:/p|br\s*/?|/h[1-6]|/li|/div)\s*>", "\n\n", body)
    text = unescape(_TAG.sub(" ", body))
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        words = " ".join(chunk.split())
        if words:
            blocks.append(Block(words))
    return blocks
