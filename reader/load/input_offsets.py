"""Where a plain-text article's characters were in the text it was read from.

The article's text is not the input: the headline is kept apart (`Article.title`), a repeated
copy of it is dropped, hard-wrapped lines are joined with a space (or with nothing after a
hyphen), lines are stripped, tabs become four spaces, CRLF becomes LF, and the paragraphs are
joined by one blank line. A script that reads `reader quotes -` wants the offsets of each quote
in the text it gave, headline included; this finds them.

The article is walked paragraph by paragraph against the input, forward only: each paragraph is
found from where the last one ended (its first words, any whitespace between them), then read
character by character, a run of whitespace matching a run of whitespace and whitespace the
loader took out skipped. A paragraph copied verbatim (most of them) is mapped by arithmetic. A
paragraph that cannot be found, or that parts from the input midway, maps nothing of itself from
there on: its offsets are None, never a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

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

_NON_SPACE = re.compile(r"\S")
_NON_SPACE_RUN = re.compile(r"\S+")

_SKIPPED = frozenset("\ufeff\r")
"""Characters of the input that the loader drops outright (byte-order marks, CR of CRLF)."""

_PICTURES = 0x2400
"""The loader shows a control character as its Unicode control picture, U+2400 + its code."""


def input_spans(
    source: str, article: Article, spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int] | None]:
    """Each article span `(start, end)` as a span of `source`, or None where it is not found.

    `source` is the decoded text the article was loaded from as plain text. A span's end is the
    position after its last character, so a quote ending a line does not take the line break.
    """
    spans = list(spans)
    points = sorted({s for s, _ in spans} | {e - 1 for s, e in spans if e > s})
    where = _map_points(source, article, points)
    out: list[tuple[int, int] | None] = []
    for start, end in spans:
        first = where.get(start)
        last = where.get(end - 1) if end > start else first
        if first is None or last is None or last < first:
            out.append(None)
        else:
            out.append((first, last + 1 if end > start else first))
    return out


def _map_points(source: str, article: Article, points: Sequence[int]) -> dict[int, int]:
    """The input offset of each article offset in `points` (sorted), where it is found.

    Every paragraph is followed, those without a point too: a book repeats its sentences, and
    a paragraph looked for far from where the last one ended may be found in the wrong place.
    One without a point is only matched word for word (`_words_end`), which is quick.
    """
    where: dict[int, int] = {}
    if not points:
        return where
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
        if end is None:  # its words differ from the input's: walked to its end
            cursor = _walk(source, start, text, paragraph.start, points[lo:hi], where, True)
        else:
            if hi > lo:
                _map_words(source, start, end, text, paragraph.start, points[lo:hi], where)
            cursor = end
        lo = hi
    return where


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
    words = text.split()
    if not words:
        return None, None
    here = _NON_SPACE.search(source, cursor)
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


def _map_words(
    source: str,
    at: int,
    end: int,
    text: str,
    base: int,
    points: Sequence[int],
    where: dict[int, int],
) -> None:
    """Map `points` of a paragraph whose words are the input's from `at` to `end`, one for one.

    A point in a word moves with the word; one in the space after it goes to the start of the
    input's space there (as `_walk` maps it). Counted with `str.split`, which runs in C: on
    the 3 MB benchmark book `input_spans` takes 0.34 s so, 0.75 s with a Python loop a word.
    """
    if source.startswith(text, at):
        for point in points:
            where[point] = at + point - base
        return
    chunk = source[at:end]
    for point in points:
        local = point - base
        head = text[: local + 1].split()  # the words up to the point, the last one cut there
        if not head:
            continue
        k = len(head) - 1
        if text[local].isspace():  # after word k: where the input's space after it starts
            parts = chunk.split(maxsplit=k + 1)
            rest = len(parts[-1]) if len(parts) > k + 1 else 0
            where[point] = at + len(chunk[: len(chunk) - rest].rstrip())
        else:  # in word k: its start in the input (the rest from word k on), and as far in
            parts = chunk.split(maxsplit=k)
            if len(parts) > k:
                where[point] = at + len(chunk) - len(parts[k]) + len(head[-1]) - 1


def _walk(
    source: str,
    at: int,
    text: str,
    base: int,
    points: Sequence[int],
    where: dict[int, int],
    to_end: bool,
) -> int:
    """Map the article offsets `points` of a paragraph that begins at `at` in `source`.

    `text` is the paragraph's, starting at article offset `base`. Returns the input offset after
    the last character matched: the paragraph's last with `to_end`, else its last point's.
    """
    if source.startswith(text, at):  # verbatim: every offset moves by the same amount
        for point in points:
            where[point] = at + point - base
        return at + len(text)
    i, j = 0, at
    n, m = len(text), len(source)
    targets = iter(points)
    target = next(targets, None)
    while i < n and (target is not None or to_end):
        a = text[i]
        b = source[j] if j < m else ""
        if a == b or (b and ord(a) == _PICTURES + ord(b)) or (a == "\u2421" and b == "\x7f"):
            if base + i == target:
                where[target] = j
                target = next(targets, None)
            i += 1
            j += 1
        elif a.isspace() and (b.isspace() or b in _SKIPPED):
            while i < n and text[i].isspace():  # a run against a run: the run's start maps
                if base + i == target:
                    where[target] = j
                    target = next(targets, None)
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
