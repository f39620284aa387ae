"""Markdown to paragraphs with markdown-it-py: headings, lists, block quotes, readable inline text.

Emphasis markers and link syntax are dropped so the reader shows prose; headings stay as
heading paragraphs so the UI can build a table of contents from them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.document import Block, BlockKind

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    return _parser


def blocks_from_markdown(text: str) -> list[Block]:
    """Return the paragraphs of Markdown `text` in reading order."""
    return list(_walk(_markdown().parse(text)))


def split_heading_title(blocks: list[Block]) -> tuple[str, list[Block]]:
    """Take the first heading as the title when it comes before any body text."""
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING:
            if index == 0 or all(b.kind is BlockKind.HEADING for b in blocks[:index]):
                return block.text, blocks[:index] + blocks[index + 1 :]
            break
        if index > 2:
            break
    return "", blocks


def _walk(tokens: Sequence[Token]) -> Iterator[Block]:
    lists: list[list[int]] = []  # one entry per open list: [next number] or [-1] for bullets
    quote_depth = 0
    item_prefix: str | None = None
    heading_level = 0
    row: list[str] = []
    in_table = False
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "bullet_list_open":
            lists.append([-1])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists:
            counter = lists[-1]
            if counter[0] < 0:
                item_prefix = "• "
            else:
                item_prefix = f"{counter[0]}. "
                counter[0] += 1
        elif kind == "inline":
            text = _inline_text(token.children or [])
            if not text.strip():
                continue
            if in_table:
                row.append(text.strip())
                continue
            if heading_level:
                yield Block(text.strip(), BlockKind.HEADING, heading_level)
            elif item_prefix is not None:
                yield Block(item_prefix + text.strip(), BlockKind.LIST_ITEM, len(lists))
                item_prefix = None
            elif lists:
                yield Block(text.strip(), BlockKind.LIST_ITEM, len(lists))
            elif quote_depth:
                yield Block(text.strip(), BlockKind.BLOCKQUOTE, quote_depth)
            else:
                yield Block(text.strip())
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            if code.strip():
                yield Block(code, BlockKind.CODE)
        elif kind == "tr_close" and row:
            yield Block(" | ".join(row), BlockKind.VERSE)
            row = []
        elif kind == "html_block":
            stripped = _strip_tags(token.content).strip()
            if stripped:
                yield Block(stripped)


def _inline_text(children: Sequence[Token]) -> str:
    """Render inline tokens as plain text: emphasis and link syntax dropped, words kept."""
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            alt = _inline_text(child.children or []) or child.content
            if alt:
                parts.append(alt)
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            parts.append("\n")
    return "".join(parts)


def _strip_tags(html: str) -> str:
    """Drop tags from a raw HTML block inside Markdown, keeping its text."""
    from html.parser import HTMLParser

    chunks: list[str] = []

    class _Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            chunks.append(data)

    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(chunks).split())
