"""HTML to paragraphs: trafilatura finds the main article text, markdown-it splits it.

trafilatura drops navigation, ads, scripts and footers far better than hand-written rules; its
Markdown output keeps headings, which become the table of contents.
"""

from __future__ import annotations

import re
from html import unescape
from typing import NamedTuple

from reader.document import Block
from reader.load.markdown import blocks_from_markdown, split_heading_title

_TITLE_TAG = re.compile(r"<title[^>]*>(.{0,500}?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{0,2000}>")
_SKIP = re.compile(
    r"<(script|style|noscript|nav|header|footer|aside|form)\b.{0,2000000}?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)


class HtmlArticle(NamedTuple):
    """What the HTML loader finds in a page."""

    title: str
    """The headline: the first heading when it matches the page's <title>, else the <title>."""
    blocks: list[Block]
    """The main text's paragraphs, without the headline when it was taken from them."""
    byline: str
    """Who wrote it, as trafilatura's metadata names them (`<p class="byline">`, meta tags)."""


AD_XPATH = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' ad ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' ads ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' advert ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' sponsored ')]"
)
"""Elements whose class has the word `ad`, `ads`, `advert` or `sponsored`, pruned before
extraction (trafilatura's `prune_xpath`): its own ad rules match `ad-banner` or `top ad box`
but miss a class that starts with the word, such as `<div class="ad inline">`."""

_FRONT_MATTER = re.compile(r"---\n.*?\n---\n", re.DOTALL)
"""The metadata block trafilatura puts before Markdown text when asked for metadata."""


def blocks_from_html(html: str) -> HtmlArticle:
    """The title, paragraphs and byline of the main content of an HTML page."""
    import trafilatura

    document = trafilatura.extract_with_metadata(
        html,
        output_format="markdown",
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        prune_xpath=AD_XPATH,
    )
    markdown = document.text if document is not None else None
    if markdown:
        front = _FRONT_MATTER.match(markdown)
        markdown = markdown[front.end() :] if front else markdown
    byline = " ".join((document.author or "").split()) if document is not None else ""
    title = _page_title(html)
    blocks = blocks_from_markdown(markdown) if markdown else _fallback_blocks(html)
    heading, rest = split_heading_title(blocks)
    if heading and (not title or _similar(heading, title)):
        return HtmlArticle(heading, rest, byline)
    return HtmlArticle(title, blocks, byline)


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
