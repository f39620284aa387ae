"""Pairing quotation marks into quoted spans: nesting, multi-paragraph quotes, stray marks, limits.

Rules, in the order news text needs them:

* a double mark opens or closes by its shape and surroundings (see `marks`); a straight ``"``
  that could do either closes an open quote and opens otherwise;
* a quote still open at the end of a paragraph continues into the next paragraph when that one
  starts with an opening mark (each paragraph reopens, only the last closes): one quote with a
  segment per paragraph. Otherwise it is closed at the paragraph end, so an unbalanced mark
  never swallows the rest of the article;
* single marks and curly doubles inside an open quote open a nested quote; an unclosed single
  mark is dropped at the paragraph end (it was most likely an apostrophe);
* a closing mark with no opener starts its quote at the paragraph start (flag `no_opener`);
* no quote is longer than `MAX_QUOTE_CHARS` characters or `MAX_QUOTE_PARAGRAPHS` paragraphs:
  past the limit it is closed (flag `limit`) and scanning resumes as outside a quote.

Work is constant per mark and per paragraph, so the whole pass is linear in the text length.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass

from reader.document import Paragraph, Paragraphs, paragraph_bounds
from reader.extract.marks import Bias, Level, Mark, Role, scan_marks

MAX_QUOTE_CHARS = 20_000
"""The longest quote, in characters of quoted text: about eight pages of a book."""

MAX_QUOTE_PARAGRAPHS = 30
"""The most paragraphs one multi-paragraph quote may run over."""

MAX_NESTING = 4
"""Deeper nesting than this is treated as stray marks."""

_DOUBLE_CHARS = '"“”„«»'


@dataclass(slots=True)
class Segment:
    """One piece of a quote inside one paragraph: the text between its marks."""

    start: int
    """Offset just after the opening mark (or the paragraph start)."""
    end: int
    """Offset of the closing mark (or the paragraph end)."""
    paragraph: int
    """Index of the paragraph."""


@dataclass(slots=True)
class RawQuote:
    """A quoted span as the marks delimit it, before kinds and speakers are decided."""

    level: Level
    """Double or single: the marks that delimit it."""
    segments: list[Segment]
    """Its pieces, one per paragraph, in order."""
    open_mark: Mark | None
    """The mark that opened it (None when it had no opener, and once the quote is trimmed)."""
    close_mark: Mark | None = None
    """The mark that closed it (None when closed by the paragraph end or the limit, and once
    the quote is trimmed: `outer_start` and `outer_end` keep where the marks were)."""
    depth: int = 0
    """0 for a top-level quote, 1 for a quote inside a quote, and so on."""
    flags: frozenset[str] = frozenset()
    """`unbalanced`, `multi_paragraph`, `no_opener`, `limit`. One shared empty value until a
    flag is set (a set per quote cost 216 bytes: 3 MB of the extraction child's 3 MB book)."""
    length: int = 0
    """Characters in the segments closed so far (for the limit)."""

    # Where the finished quote is: set once by `_trimmed`, then read many times by the rules
    # (plain attributes rather than properties, which would cost a call per read).
    start: int = 0
    """Offset of the first quoted character."""
    end: int = 0
    """Offset just past the last quoted character."""
    paragraph: int = 0
    """Index of the paragraph where the quote starts."""
    outer_start: int = 0
    """Offset of the opening mark (or of the first quoted character)."""
    outer_end: int = 0
    """Offset just past the closing mark (or of the last quoted character)."""


def find_spans(text: str, paragraphs: Sequence[Paragraph]) -> list[RawQuote]:
    """Pair the marks of every paragraph into quotes, trimmed, sorted by start offset."""
    return spans_from(text, paragraphs, paragraph_starts(paragraphs), 0, len(paragraphs))[0]


def spans_from(
    text: str, paragraphs: Sequence[Paragraph], starts: Sequence[int], first: int, stop: int
) -> tuple[list[RawQuote], int]:
    """`find_spans` over paragraphs `first` to `stop`, and on while a quote is still open.

    Returns the quotes and the paragraph after the last one read: `stop`, or further when a
    quote runs on past it. No quote is open there, so the quotes of the paragraphs from it on
    are those `find_spans` finds in them: the pieces' quotes joined are the whole text's.
    `starts` are the paragraphs' starts (`paragraph_starts`).
    """
    done: list[RawQuote] = []
    carry: RawQuote | None = None
    ends = paragraphs.ends if isinstance(paragraphs, Paragraphs) else None
    count = len(paragraphs)
    index = first
    while index < count and (index < stop or carry is not None):
        # the bounds alone: a paragraph read from `Paragraphs` is a copy of its text
        start = starts[index]
        end = ends[index] if ends is not None else paragraphs[index].end
        marks = scan_marks(text, start, end)
        first_mark = 0
        stack: list[RawQuote] = []
        if carry is not None:
            carry.segments.append(Segment(marks[0].end, end, index))
            carry.flags |= {"multi_paragraph"}
            stack.append(carry)
            first_mark = 1
            carry = None
        _pair(text, start, index, marks, first_mark, stack, done)
        carry = _finish_paragraph(text, paragraphs, index, stack, done)
        index += 1
    if carry is not None:
        carry.flags |= {"unbalanced"}
        done.append(carry)
    return _trimmed(text, done), index


def paragraph_starts(paragraphs: Sequence[Paragraph]) -> Sequence[int]:
    """Where each paragraph starts: `Paragraphs`' own column, else a list made once."""
    if isinstance(paragraphs, Paragraphs):
        return paragraphs.starts
    return [start for start, _end in paragraph_bounds(paragraphs)]


def _strong_single_close_after(marks: Sequence[Mark]) -> list[bool]:
    """For each mark, whether a sure closing single mark follows it in the paragraph."""
    out = [False] * len(marks)
    seen = False
    for i in range(len(marks) - 1, -1, -1):
        out[i] = seen
        m = marks[i]
        if m.level is Level.SINGLE and m.role is Role.CLOSE and not m.weak:
            seen = True
    return out


def _innermost(stack: Sequence[RawQuote], level: Level) -> int | None:
    for i in range(len(stack) - 1, -1, -1):
        if stack[i].level is level:
            return i
    return None


def _close_at(
    stack: list[RawQuote], i: int, pos: int, mark: Mark | None, done: list[RawQuote]
) -> None:
    """Close `stack[i]` at `pos`; quotes opened inside it and still open are dropped."""
    quote = stack[i]
    del stack[i:]
    quote.segments[-1].end = pos
    quote.close_mark = mark
    if mark is None:
        quote.flags |= {"unbalanced"}
    done.append(quote)


def _open(stack: list[RawQuote], mark: Mark, index: int) -> None:
    if len(stack) >= MAX_NESTING:
        return
    stack.append(RawQuote(mark.level, [Segment(mark.end, mark.end, index)], mark, depth=len(stack)))


def _pair(
    text: str,
    para_start: int,
    index: int,
    marks: Sequence[Mark],
    first: int,
    stack: list[RawQuote],
    done: list[RawQuote],
) -> None:
    """Pair the marks of one paragraph, starting from an already open `stack`."""
    strong_after: list[bool] | None = None  # read only for a weak single mark: built then
    last_closed_end = para_start
    for k in range(first, len(marks)):
        m = marks[k]
        if stack:
            bottom = stack[0]
            budget = MAX_QUOTE_CHARS - bottom.length
            if m.start - bottom.segments[-1].start > budget:
                cut = _cut_point(
                    text, bottom.segments[-1].start + budget, bottom.segments[-1].start
                )
                bottom.flags |= {"limit"}
                _close_at(stack, 0, cut, None, done)
        if m.level is Level.DOUBLE:
            d = _innermost(stack, Level.DOUBLE)
            if d is not None and m.mark in _INSIDE_GUILLEMETS and _guillemet(stack[d]):
                # `« My father says, "..." He's right, »`: English marks nest in guillemets
                if m.role is not Role.CLOSE:
                    _open(stack, m, index)
                continue
            action = _double_action(m, d is not None)
            if action == "close":
                if d is not None:
                    _close_at(stack, d, m.start, m, done)
                    last_closed_end = m.end
                elif m.role is Role.CLOSE:
                    stray = RawQuote(
                        Level.DOUBLE, [Segment(last_closed_end, m.start, index)], None, m
                    )
                    stray.flags |= {"no_opener"}
                    done.append(stray)
                    last_closed_end = m.end
            elif action == "open":
                opener = stack[d].open_mark if d is not None else None
                if (
                    d is None
                    or stack[-1].level is Level.SINGLE
                    or (m.bias is Bias.OPEN and opener is not None and opener.bias is Bias.OPEN)
                ):
                    _open(stack, m, index)
                else:
                    # an opening mark while a straight quote is open: the closer was lost
                    _close_at(stack, d, m.start, None, done)
                    _open(stack, m, index)
        else:
            s = _innermost(stack, Level.SINGLE)
            if m.role is Role.OPEN or (m.role is Role.EITHER and m.bias is Bias.OPEN):
                if m.bias is not Bias.CLOSE:
                    _open(stack, m, index)
            elif m.role is Role.CLOSE and s is not None:
                if m.weak and strong_after is None:
                    strong_after = _strong_single_close_after(marks)
                if m.weak and strong_after is not None and strong_after[k]:
                    continue  # a plural possessive; a surer closer follows
                _close_at(stack, s, m.start, m, done)
                last_closed_end = m.end


_INSIDE_GUILLEMETS = frozenset({'"', "“", "”"})
"""Double marks that never close a quote opened by `«`: inside one they open a nested quote."""


def _guillemet(quote: RawQuote) -> bool:
    """Whether `quote` was opened by a guillemet `«`, which only `»` closes.

    French and French-Canadian text quotes in guillemets and nests English marks inside
    (`« My father says, "The sap runs when it runs." He's right, »`: fresh round ten).
    """
    return quote.open_mark is not None and quote.open_mark.mark == "«"


def _double_action(m: Mark, is_open: bool) -> str:
    """`open`, `close` or `ignore` for a double mark, given whether a double quote is open."""
    if not is_open:
        if m.role is Role.OPEN:
            return "open"
        if m.role is Role.CLOSE:
            return "close"  # a closer with no opener
        return "ignore" if m.bias is Bias.CLOSE else "open"
    if m.role is Role.CLOSE:
        return "close"
    if m.role is Role.EITHER:
        return "open" if m.bias is Bias.OPEN else "close"
    return "close" if m.bias is Bias.CLOSE else "open"


def _cut_point(text: str, limit: int, start: int) -> int:
    """Where to close a quote that ran past its limit: the last space before `limit`."""
    floor = max(start, limit - 200)
    space = text.rfind(" ", floor, limit)
    return space if space > start else limit


def _reopens(text: str, para: Paragraph) -> bool:
    """True when `para` starts with a mark that reopens a quote carried from the paragraph above."""
    t = para.text
    i = 0
    while i < len(t) and t[i].isspace():
        i += 1
    if i >= len(t) - 1:
        return False
    two = t[i : i + 2]
    if two in ("``", "''", "’’"):
        nxt = t[i + 2] if i + 2 < len(t) else " "
    elif t[i] in _DOUBLE_CHARS:
        nxt = t[i + 1]
    else:
        return False
    return not nxt.isspace()


def _finish_paragraph(
    text: str,
    paragraphs: Sequence[Paragraph],
    index: int,
    stack: list[RawQuote],
    done: list[RawQuote],
) -> RawQuote | None:
    """Close what is still open at the end of paragraph `index`; return a quote that carries on."""
    if not stack:
        return None
    para = paragraphs[index]
    bottom = stack[0]
    # an unclosed single mark was most likely an apostrophe: what it "contained" is top level
    drop_bottom = bottom.level is Level.SINGLE and not _reopens_single(paragraphs, index)
    for quote in stack[1:]:
        if quote.level is Level.DOUBLE:
            quote.segments[-1].end = para.end
            quote.flags |= {"unbalanced"}
            if drop_bottom:
                quote.depth -= 1
            done.append(quote)
    if drop_bottom:
        return None
    seg = bottom.segments[-1]
    seg.end = para.end
    nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    length = bottom.length + (seg.end - seg.start)
    if (
        nxt is not None
        and (
            _reopens(text, nxt)
            if bottom.level is Level.DOUBLE
            else _reopens_single(paragraphs, index)
        )
        and len(bottom.segments) < MAX_QUOTE_PARAGRAPHS
        and length < MAX_QUOTE_CHARS
    ):
        bottom.length = length
        first = scan_marks(text, nxt.start, min(nxt.end, nxt.start + 8))
        if first:
            return bottom
    if length > MAX_QUOTE_CHARS:
        seg.end = _cut_point(text, seg.start + MAX_QUOTE_CHARS - bottom.length, seg.start)
        bottom.flags |= {"limit"}
    bottom.flags |= {"unbalanced"}
    done.append(bottom)
    return None


def _reopens_single(paragraphs: Sequence[Paragraph], index: int) -> bool:
    if index + 1 >= len(paragraphs):
        return False
    t = paragraphs[index + 1].text.lstrip()
    return len(t) > 1 and t[0] in "‘'" and t[1].isalpha()


def _trimmed(text: str, quotes: list[RawQuote]) -> list[RawQuote]:
    """Trim white space inside each segment; drop empty segments and quotes."""
    out: list[RawQuote] = []
    for quote in quotes:
        segments = []
        for seg in quote.segments:
            s, e = seg.start, seg.end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                segments.append(Segment(s, e, seg.paragraph))
        if segments:
            quote.segments = segments
            first, last = segments[0], segments[-1]
            quote.start = first.start
            quote.end = last.end
            quote.paragraph = first.paragraph
            opener, closer = quote.open_mark, quote.close_mark
            quote.outer_start = opener.start if opener is not None else first.start
            quote.outer_end = closer.end if closer is not None else last.end
            # the marks are read no further (outer_start and outer_end say where they were):
            # let them go, or a book's marks stay alive with its quotes (2.2 MB, 3 MB book)
            quote.open_mark = quote.close_mark = None
            out.append(quote)
    # depth from containment, whatever the marks claimed; a quote that straddles another is noise
    # by start, then longest first (two stable sorts: cheaper than a key tuple per quote)
    out.sort(key=operator.attrgetter("end"), reverse=True)
    out.sort(key=operator.attrgetter("start"))
    kept: list[RawQuote] = []
    open_quotes: list[RawQuote] = []
    for quote in out:
        while open_quotes and open_quotes[-1].end <= quote.start:
            open_quotes.pop()
        if open_quotes and quote.end > open_quotes[-1].end:
            continue
        quote.depth = len(open_quotes)
        open_quotes.append(quote)
        kept.append(quote)
    return kept
