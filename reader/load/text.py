"""Plain text to paragraphs: blank-line splitting, hard-wrap reflow, headline detection.

Plain text comes in many shapes: e-mails and Gutenberg books wrapped at ~70 columns, web copies
with one paragraph per line, verse, lists and dialogue. The rules below join only lines that
were visibly broken by a wrapper (a "full" line followed by more text) and leave short lines,
list items and dialogue alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from reader.document import Block, BlockKind

MAX_PARAGRAPH = 4000
"""A paragraph longer than this (characters) is split at sentence ends into readable pieces."""

TARGET_PARAGRAPH = 1500
"""Where splitting of an over-long paragraph starts looking for a sentence end."""

MAX_TITLE = 200
"""A first line longer than this is prose, not a headline."""

UNWRAPPED_WIDTH = 100
"""Blocks whose typical line is longer than this were not hard-wrapped: one paragraph a line."""

VERSE_WIDTH = 50
"""Blocks whose lines are all shorter than this are verse or a short list: kept line by line."""

HEADING_SHARE = 0.8
"""A line without final punctuation at most this share of the wrap width is a heading line."""

_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in",
        "into", "of", "on", "or", "than", "that", "the", "to", "with",
    }
)  # fmt: skip
"""Words a heading does not end with, and a hand-wrapped line of prose often does."""
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*")
_LIST_MARKER = re.compile(
    r"\s{0,8}(?:[-*+•‣◦▪–]|\d{1,3}[.)]|[a-zA-Z][.)]|\([0-9a-zA-Z]{1,3}\))\s+\S"
)
_LIST_MARKER_MATCH = _LIST_MARKER.match
_DIALOGUE = re.compile(r"\s{0,8}(?:[—―]|--\s|[A-Z][A-Za-z .'-]{0,30}:\s)")
_MARKER_END = (".", ")")
"""What follows the letter of a list marker (`a.`, `b)`)."""
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
_TITLE_END = re.compile(r"[.,;]\s*$")
_SPOKEN_LINE = re.compile(r'^\s*["\u201c].*[.,;!?]["\u201d]\s*$')
"""A line that opens and ends between double marks, ended like a sentence (`"It's all
right."`, `"Come," she said. "Now."`): a turn of dialogue, not a headline. A headline that
quotes names the speaker first (`Mayor: "We will act."`); single marks are left alone, as a
headline may be only a quote in them (`'We are ready.'`), as some in PolNeAR are. In the
PDNC development novels, 1262 chunks, the first line was taken for a headline and its quotes
lost: 5% of the gold quotes."""


def blocks_from_text(text: str) -> list[Block]:
    """The paragraphs of cleaned plain `text` (LF line ends, no control characters)."""
    # A book has tens of thousands of paragraphs on the way to its first screen: the usual one
    # (one line of prose, not too long) is made here inline, everything else by the helpers.
    blocks: list[Block] = []
    add = blocks.append
    body = BlockKind.BODY
    for raw in _pieces(text):
        if "\n" not in raw:  # one line (most paragraphs of web copies and books): no reflow
            line = raw.strip()
            if not line:
                continue
            if len(line) <= MAX_PARAGRAPH and line[:1].isalpha() and line[1:2] not in _MARKER_END:
                add(Block(line, body, 0))
            else:
                blocks.extend(_split_long(_block(line)))
            continue
        if not raw.strip():
            continue
        for block in _reflow(raw):
            blocks.extend(_split_long(block))
    return blocks


def _pieces(text: str) -> Iterator[str]:
    """The pieces of `text` between blank lines, as `_BLANK_LINES.split` lists them, one by one.

    One by one, so that each piece is let go once its paragraph is made: the whole list of a
    book's pieces, alive next to the stripped paragraphs, held the text a third time.
    """
    pos = 0
    for match in _BLANK_LINES.finditer(text):
        yield text[pos : match.start()]
        pos = match.end()
    yield text[pos:]


def list_marker_width(text: str) -> int:
    """Columns taken by the list marker (`- `, `• `, `12. `, `(b) `) that opens `text`, or 0.

    Renderers hang an item's wrapped lines under its first word: the marker is part of the
    text (the file's own `-` or `1.`; `•` from Markdown), so they draw no bullet of their own.
    """
    match = _LIST_MARKER_MATCH(text)
    return match.end() - 1 if match else 0


def split_title(blocks: list[Block]) -> tuple[str, list[Block]]:
    """Take a headline from the first block if it looks like one; drop a repeated copy of it.

    A headline is a single short line that does not end like a sentence fragment. A file that
    is one block only keeps it as text: a title with no article would show nothing.
    """
    if blocks and "\n" in blocks[0].text:
        blocks = _unstack_repeated_headline(blocks)
    if len(blocks) < 2:
        return "", blocks
    first = blocks[0]
    line = first.text
    if (
        first.kind is BlockKind.LIST_ITEM
        or "\n" in line
        or len(line) > MAX_TITLE
        or _TITLE_END.search(line)
        or _SPOKEN_LINE.match(line)
    ):
        return "", blocks
    rest = blocks[1:]
    if rest and _same_words(rest[0].text, line):
        rest = rest[1:]
    return line.strip(), rest


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split() or a.casefold().split() == b.casefold().split()


def _unstack_repeated_headline(blocks: list[Block]) -> list[Block]:
    """Split a first block whose first line is repeated on the very next line (scraped copies).

    `Storm hits coast` twice with no blank line between reads as two lines of verse; as two
    blocks, `split_title` takes the first as the headline and drops the copy.
    """
    first = blocks[0]
    head, _, tail = first.text.partition("\n")
    second, _, rest = tail.partition("\n")
    if not _same_words(head, second):
        return blocks
    unstacked = [Block(head.strip()), Block(second.strip())]
    if rest.strip():
        unstacked.append(Block(rest, first.kind, first.level))
    return unstacked + blocks[1:]


def _reflow(raw: str) -> Iterator[Block]:
    """Split one blank-line-separated block into paragraphs, joining hard-wrapped lines."""
    lines = [line.rstrip() for line in raw.split("\n")]
    lines = [line for line in lines if line.strip()]
    if len(lines) == 1:
        yield _block(lines[0].strip())
        return
    lengths = sorted(len(line) for line in lines[:-1])
    typical = lengths[len(lengths) // 2]
    widest = max(len(line) for line in lines)
    if typical > UNWRAPPED_WIDTH:
        for line in lines:
            yield _block(line.strip())
        return
    if widest < VERSE_WIDTH and not any(_LIST_MARKER.match(line) for line in lines):
        yield Block("\n".join(line.strip() for line in lines), BlockKind.VERSE)
        return
    full = max(VERSE_WIDTH * 0.7, 0.6 * lengths[-1])
    # The wrap width: the widest line but the last, which may be an unwrapped outlier; with
    # two lines, the last is all there is to go by.
    wrap_width = lengths[-1] if len(lines) > 2 else widest
    heading_width = HEADING_SHARE * wrap_width  # checked first: most wrapped lines are longer
    unit: list[str] = [lines[0]]
    for prev, line in itertools.pairwise(lines):
        indented = line[:1].isspace() and not prev[:1].isspace()
        starts_new = (
            len(prev) < full
            or _LIST_MARKER.match(line) is not None
            or _DIALOGUE.match(line) is not None
            or (indented and not _LIST_MARKER.match(unit[0]))
            or (len(prev) <= heading_width and _reads_like_heading(prev, line, wrap_width))
        )
        if starts_new:
            yield _block(_join(unit))
            unit = [line]
        else:
            unit.append(line)
    yield _block(_join(unit))


def _reads_like_heading(line: str, after: str, width: int) -> bool:
    """True when `line` is a standfirst or subheading on its own line, not a wrapped one.

    It has no final punctuation nor a last word such as `the` or `of`, the line `after` it opens
    with a capital letter, and it is markedly shorter than the wrap `width` (`HEADING_SHARE` of
    it) although the next word would have fitted: a wrapper breaks a line only when the next word
    does not fit, so this line was ended by hand.
    """
    text = line.rstrip()
    if not text[-1:].isalnum() or not after.lstrip()[:1].isupper():
        return False
    if text.rsplit(maxsplit=1)[-1] in _FUNCTION_WORDS:  # `... access to copy the` / `Source`
        return False
    next_word = after.split(maxsplit=1)[0]
    return len(text) <= HEADING_SHARE * width and len(text) + 1 + len(next_word) <= width


def _join(lines: list[str]) -> str:
    """Join wrapped lines with a space, keeping a hyphen that ended a line."""
    out = lines[0].strip()
    for line in lines[1:]:
        piece = line.strip()
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            out += piece
        else:
            out += " " + piece
    return out


def _block(text: str) -> Block:
    # Most paragraphs open with a word: a letter not followed by "." or ")" starts no list
    # marker (`_LIST_MARKER` is not needed to tell, and is slower, on a book's paragraphs).
    if text[:1].isalpha() and text[1:2] not in _MARKER_END:
        return Block(text)
    if _LIST_MARKER_MATCH(text):
        return Block(text, BlockKind.LIST_ITEM)
    return Block(text)


def _split_long(block: Block) -> Iterator[Block]:
    """Cut an over-long paragraph at sentence ends (or spaces) into readable pieces."""
    text = block.text
    if len(text) <= MAX_PARAGRAPH:
        yield block
        return
    start = 0
    while len(text) - start > MAX_PARAGRAPH:
        cut = _cut_point(text, start)
        piece = text[start:cut].strip()
        if piece:
            yield Block(piece, block.kind, block.level)
        start = cut
    piece = text[start:].strip()
    if piece:
        yield Block(piece, block.kind, block.level)


def _cut_point(text: str, start: int) -> int:
    """Where to cut a long run starting at `start`: a sentence end, a space, or a hard limit."""
    lo, hi = start + TARGET_PARAGRAPH, start + MAX_PARAGRAPH
    match = _SENTENCE_END.search(text, lo, hi)
    if match:
        return match.end()
    space = text.find(" ", lo, hi)
    if space != -1:
        return space + 1
    return hi
