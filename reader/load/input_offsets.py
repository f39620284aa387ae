"""Where a plain-text article's characters were in the text it was read from.

The article's text is not the input: the headline is kept apart (`Article.title`), a repeated
copy of it is dropped, hard-wrapped lines are joined with a space (or with nothing after a
hyphen), lines are stripped, tabs become four spaces, CRLF becomes LF, and the paragraphs are
joined by one blank line. A script that reads `reader quotes -` wants the offsets of each quote
in the text it gave, headline included; this finds them.

The article is walked paragraph by paragraph against the input, forward only: each paragraph is
found from where the last one ended (its first words, any whitespace between them), then read
character by character, a run of whitespace matching a run of whitespace and whitespace the
loader took out skipped. A paragraph copied verbatim (most of them) is mapped by arithmetic, and
so is one that differs from the input only by line breaks where it has spaces (hard-wrapped
prose), but for a point inside a run of spaces. A paragraph that cannot be found, or that parts
from the input midway, maps nothing of itself from there on: its offsets are None, never a
guess.

On the 3 MB benchmark book (`benchmarks/book.py`, about 108,000 points of 60,000 spans), the
mapping takes about 0.12 s, 0.20 s before the hard-wrapped shortcut and the walk's strides.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from reader.document import Article

_LEAD_WORDS = 8
"""How many of a paragraph's first words are looked for to find where it starts in the input."""

_SLACK = 4096
"""Input characters looked through beyond a paragraph's expected place (a repeated headline)."""

_RESYNC = 16
"""Characters of the paragraph looked for again when it parts from the input (a dropped escape
sequence), within `_SLACK` characters."""

_CHUNK_SLACK = 64
"""Input characters read beyond twice a paragraph's length to match its words one for one."""

_STRIDE = 16
"""Characters a walk compares at once where the paragraph and the input agree."""

_NON_SPACE = re.compile(r"\S")
_NON_SPACE_RUN = re.compile(r"\S+")

_SKIPPED = frozenset("\ufeff\r")
"""Characters of the input that the loader drops outright (byte-order marks, CR of CRLF)."""

_PICTURES = 0x2400
"""The loader shows a control character as its Unicode control picture, U+2400 + its code."""


class InputOffsets:
    """Article spans collected, then mapped into the input in one pass, then looked up.

    `add` each span that will be asked for, `map` once, then `span` gives a span's place in the
    input. Only the spans' points are kept, each article offset once, sorted in one array, with
    the input offset of each in a second array (-1 where it was not found): on the 3 MB
    benchmark book some 60,000 spans, about 2 MB, where a dict of tuples per span took 30 MB.
    """

    __slots__ = ("_found", "_points")

    def __init__(self) -> None:
        self._points = array("q")
        """Article offsets: every span's start and last character, in the order added until
        `map` sorts them and drops repeats."""
        self._found = array("q")
        """The input offset of each point once mapped, -1 where it was not found."""

    def add(self, start: int, end: int) -> None:
        """Note that the article span `(start, end)` will be asked for."""
        self._points.append(start)
        if end > start:
            self._points.append(end - 1)

    def map(self, source: str, article: Article) -> None:
        """Find every point added in `source`, the decoded text `article` was read from."""
        points, last = array("q"), -1
        for point in sorted(self._points):  # no set: 120,000 points would take 4 MB more
            if point != last:
                points.append(point)
                last = point
        self._points = points
        self._found = _map_points(source, article, self._points)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The input span of the added article span `(start, end)`, or None where not found.

        A span's end is the position after its last character, so a quote ending a line does
        not take the line break. Raises KeyError for a span that was not added.
        """
        points, found = self._points, self._found
        at = bisect_left(points, start)
        if at == len(points) or points[at] != start:
            raise KeyError(f"article offset {start} was not added")
        first = last = found[at]
        if end > start:
            # the points are distinct integers: end - 1 is at most end - start - 1 places on
            at = bisect_left(points, end - 1, at, min(len(points), at + end - start))
            if at == len(points) or points[at] != end - 1:
                raise KeyError(f"article offset {end - 1} was not added")
            last = found[at]
        if first < 0 or last < first:
            return None
        return first, last + 1 if end > start else first


def input_spans(
    source: str, article: Article, spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int] | None]:
    """Each article span `(start, end)` as a span of `source`, or None where it is not found.

    `source` is the decoded text the article was loaded from as plain text (see `InputOffsets`,
    which this wraps for a list of spans).
    """
    spans = list(spans)
    offsets = InputOffsets()
    for start, end in spans:
        offsets.add(start, end)
    offsets.map(source, article)
    return [offsets.span(start, end) for start, end in spans]


def _map_points(source: str, article: Article, points: Sequence[int]) -> array[int]:
    """The input offset of each article offset in `points` (sorted, no repeats), -1 if not found.

    Every paragraph is followed, those without a point too: a book repeats its sentences, and
    a paragraph looked for far from where the last one ended may be found in the wrong place.
    One without a point is only matched word for word (`_words_end`), which is quick.
    """
    found = array("q", [-1]) * len(points)
    if not points:
        return found
    cursor = _after_title(source, article.title)
    lo = 0
    for paragraph in article.paragraphs:
        if lo >= len(points):
            break
        text = paragraph.text
        hi = bisect_left(points, paragraph.end, lo)
        start, end = _find_paragraph(source, text, cursor)
        if start is None:
            lo = hi
            continue
        here = _Points(points, lo, hi, paragraph.start, found)
        if end is None:  # its words differ from the input's: walked to its end
            cursor = _walk(source, start, text, here, True)
        else:
            if hi > lo:
                _map_words(source, start, end, text, here)
            cursor = end
        lo = hi
    return found


class _Points(NamedTuple):
    """The points of one paragraph: `points[lo:hi]`, and where their input offsets go."""

    points: Sequence[int]
    """All the article offsets, sorted."""
    lo: int
    """The paragraph's first point's index."""
    hi: int
    """The index after its last point's."""
    base: int
    """The paragraph's article offset."""
    found: array[int]
    """The input offset of each point, written here (by the same index)."""


def _after_title(source: str, title: str) -> int:
    """Where the body can start in `source`: after the headline's words, when they lead it."""
    if not title:
        return 0
    match = _words_pattern(title).search(source)
    return match.end() if match is not None else 0


def _words_pattern(text: str) -> re.Pattern[str]:
    """`text`'s words in order with any whitespace (and a wrapped hyphen's break) between."""
    return re.compile(r"\s+".join(re.escape(w) for w in text.split()))


def _find_paragraph(source: str, text: str, cursor: int) -> tuple[int | None, int | None]:
    """Where a paragraph of `text` starts in `source` at or after `cursor`, and where it ends.

    Usually just past `cursor`, after the whitespace between paragraphs; else (a repeated
    headline, a dropped escape sequence) its first words are looked for within reach. The end
    is None when the words were not all matched one for one (the walk then finds it).
    """
    if source.startswith(text, cursor):
        return cursor, cursor + len(text)
    here = _NON_SPACE.search(source, cursor)
    if here is not None and text and not text[-1].isspace():
        # hard-wrapped (only line breaks differ), the words one for one: `_words_end` would agree
        at, after = here.start(), here.start() + len(text)
        if source[at:after].replace("\n", " ") == text and (
            after == len(source) or source[after].isspace()
        ):
            return at, after
    words = text.split()
    if not words:
        return None, None
    if here is not None:
        end = _words_end(source, here.start(), words, len(text))
        if end is not None:
            return here.start(), end
    reach = cursor + 2 * len(text) + _SLACK
    lead = words[:_LEAD_WORDS]
    while lead:  # fewer words when the first ones are not found (a dropped escape between)
        head = " ".join(lead)
        at = source.find(head, cursor, reach)
        # the words as typed are the usual case, but a wrapped line may break them
        match = _words_pattern(head).search(source, cursor, reach)
        if match is not None and (at < 0 or match.start() < at):
            at = match.start()
        if at >= 0:
            return at, _words_end(source, at, words, len(text))
        lead = lead[: len(lead) // 2]
    return None, None


def _words_end(source: str, at: int, words: list[str], length: int) -> int | None:
    """Where `words`, in order with any whitespace between, end when they start at `at`."""
    chunk = source[at : at + 2 * length + _CHUNK_SLACK]
    parts = chunk.split(maxsplit=len(words))
    if parts[: len(words)] != words:
        return None
    # the rest, when there is one, starts after the words and the whitespace that follows them
    before_rest = chunk[: len(chunk) - len(parts[-1])] if len(parts) > len(words) else chunk
    return at + len(before_rest.rstrip())


def _map_words(source: str, at: int, end: int, text: str, here: _Points) -> None:
    """Map the points `here` of a paragraph whose words are the input's from `at` to `end`.

    A point in a word moves with the word; one in the space after it goes to the start of the
    input's space there (as `_walk` maps it). When the input differs from `text` only by line
    breaks where `text` has spaces (hard-wrapped prose, most of a book), every point that is
    not inside a run of spaces moves by arithmetic. Any other is counted with `str.split`,
    which runs in C: on the 3 MB benchmark book `input_spans` took 0.34 s so, 0.75 s with a
    Python loop a word.
    """
    points, found, base = here.points, here.found, here.base
    if source.startswith(text, at):
        for index in range(here.lo, here.hi):
            found[index] = at + points[index] - base
        return
    chunk = source[at:end]
    aligned = len(chunk) == len(text) and chunk.replace("\n", " ") == text
    for index in range(here.lo, here.hi):
        local = points[index] - base
        # the same words at the same places: a point in a word, or a space run's first, is
        # at + local (one further into a run of spaces maps to the run's start, below)
        if (
            aligned
            and local >= 0
            and (not text[local].isspace() or (local > 0 and not text[local - 1].isspace()))
        ):
            found[index] = at + local
            continue
        head = text[: local + 1].split()  # the words up to the point, the last one cut there
        if not head:
            continue
        k = len(head) - 1
        if text[local].isspace():  # after word k: where the input's space after it starts
            parts = chunk.split(maxsplit=k + 1)
            rest = len(parts[-1]) if len(parts) > k + 1 else 0
            found[index] = at + len(chunk[: len(chunk) - rest].rstrip())
        else:  # in word k: its start in the input (the rest from word k on), and as far in
            parts = chunk.split(maxsplit=k)
            if len(parts) > k:
                found[index] = at + len(chunk) - len(parts[k]) + len(head[-1]) - 1


def _walk(source: str, at: int, text: str, here: _Points, to_end: bool) -> int:
    """Map the points `here` of a paragraph of `text` that begins at `at` in `source`.

    Returns the input offset after the last character matched: the paragraph's last with
    `to_end`, else its last point's.
    """
    points, found, base = here.points, here.found, here.base
    if source.startswith(text, at):  # verbatim: every offset moves by the same amount
        for index in range(here.lo, here.hi):
            found[index] = at + points[index] - base
        return at + len(text)
    i, j = 0, at
    n, m = len(text), len(source)
    index, hi = here.lo, here.hi
    target = points[index] if index < hi else None
    while i < n and (target is not None or to_end):
        # a stretch the same in both, short of the next point, is stepped over in one go
        stop = n if target is None else target - base
        while i + _STRIDE <= stop and source.startswith(text[i : i + _STRIDE], j):
            i += _STRIDE
            j += _STRIDE
        if i >= n:
            break
        a = text[i]
        b = source[j] if j < m else ""
        if a == b or (b and ord(a) == _PICTURES + ord(b)) or (a == "\u2421" and b == "\x7f"):
            if base + i == target:
                found[index] = j
                index += 1
                target = points[index] if index < hi else None
            i += 1
            j += 1
        elif a.isspace() and (b.isspace() or b in _SKIPPED):
            while i < n and text[i].isspace():  # a run against a run: the run's start maps
                if base + i == target:
                    found[index] = j
                    index += 1
                    target = points[index] if index < hi else None
                i += 1
            while j < m and (source[j].isspace() or source[j] in _SKIPPED):
                j += 1
        elif b and (b.isspace() or b in _SKIPPED):
            j += 1  # taken out by the loader: a wrapped hyphen's line break, an indent, a CR
        else:  # parted from the input (a dropped escape sequence): find the rest again
            again = source.find(text[i : i + _RESYNC], j, j + _SLACK)
            if again <= j:
                break  # lost: the rest of this paragraph maps nothing
            j = again
    return j
