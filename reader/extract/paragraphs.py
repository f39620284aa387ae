"""Paragraphs as the attribution rules read them: narration tokens, sentence ends, quote lookups.

Each paragraph is tokenized when first read, with the words inside its quotes collapsed into one
stand-in token (the rules only read narration), and forgotten once read: a book's tokens all kept
alive would cost more in memory and freeing than they cost to build.
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Container, Sequence

from reader.document import Article, Paragraphs
from reader.extract.name_words import as_name_word
from reader.extract.spans import RawQuote
from reader.extract.tokens import Toks, is_sentence_end, split_into, word_before_stop

MAX_CONTEXT_TOKENS = 60
"""How many tokens of narration around a quote are read for its attribution."""


class Para(Toks):
    """A tokenized paragraph's narration (columns, see `Toks`) with its sentence ends."""

    __slots__ = ("stops",)

    def __init__(
        self,
        texts: list[str],
        lowers: list[str],
        starts: list[int],
        ends: list[int],
        stops: list[bool],
    ) -> None:
        super().__init__(texts, lowers, starts, ends)
        self.stops = stops
        """stops[i]: token i ends a sentence."""

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)


QUOTED = "<quoted>"
"""Text of the single token that stands for the words inside a quote (never a word)."""


_is_stop = frozenset(".!?…").__contains__


_PARTICLE_MARKS = ("l-", "ʿ", "ʾ")
"""What a paragraph holding a name opened by `al-` / `el-` or an ayn (`al-Nuri`, `ʿAbd`) must
contain: `str.find` in C rules most paragraphs out far faster than a regex search (0.02 s
against 0.13 s over the 3 MB benchmark book)."""


_AL_NAME = re.compile(r"l-(?=[A-Z])")
"""`al-Nuri`, `el-Sisi`: searched once over an article (a literal prefix: 2 ms for 3 MB)."""


def _capitalise_particle_names(texts: list[str]) -> None:
    """Write `al-Nuri` as `Al-Nuri` and `ʿAbd` as `Abd` in the token texts, in place.

    The rules tell a name word by its capital (a shared test over a token's first character);
    these names start with a lower-case particle or an ayn and would never be read as names.
    Only the token texts change: offsets, and so every name shown, still point at the text as
    written.
    """
    for i, token in enumerate(texts):
        texts[i] = as_name_word(token)


def tokenize_paragraph(
    text: str,
    start: int,
    end: int,
    collapse: Sequence[tuple[int, int]] = (),
    particles: bool = True,
) -> Para:
    """Tokenize a paragraph; each range in `collapse` (quoted words) becomes one QUOTED token.

    The attribution rules only read narration, so the words inside quotes are not tokenized;
    the stand-in token ends a sentence when the quoted words do (`... years." He said`).
    """
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    quoted_ends: list[tuple[int, bool]] = []
    pos = start
    for a, b in collapse:
        if pos < a:
            split_into(text, pos, a, texts, starts, ends)
        if a < b:
            last = b - 1
            while last > a and text[last] in "\"'”’»“‘«)] ":
                last -= 1
            quoted_ends.append(
                (len(texts), text[last] in ".!?…" and is_sentence_end(text, last, end))
            )
            texts.append(QUOTED)
            starts.append(a)
            ends.append(b)
        pos = max(pos, b)
    if pos < end:
        split_into(text, pos, end, texts, starts, ends)
    stops = [False] * len(texts)
    # only the few stop tokens can end a sentence: find them without a loop per token
    if particles and any(text.find(mark, start, end) >= 0 for mark in _PARTICLE_MARKS):
        _capitalise_particle_names(texts)
    para = Para(texts, list(map(str.lower, texts)), starts, ends, stops)
    for i in itertools.compress(itertools.count(), map(_is_stop, texts)):
        word = word_before_stop(text, para, i) if texts[i] == "." else None
        if is_sentence_end(text, starts[i], end, word):
            stops[i] = True
    for i, ended in quoted_ends:
        stops[i] = ended
    return para


_NO_ROWS = (0, 0)
"""The rows of a paragraph without quotes."""


class QuoteIndex:
    """Top-level quotes by paragraph, sorted, for neighbour lookups in logarithmic time.

    Kept as flat columns sorted by paragraph (a quote over several paragraphs has a row in
    each), with each quoted paragraph's range of rows: a dictionary of three lists per quoted
    paragraph cost about 500 bytes a quote, 3.7 MB of the extraction child on a 3 MB book
    (now 1.7 MB; a bisection for the rows instead of the dictionary cost 7% more time).
    """

    def __init__(self, top: Sequence[RawQuote]) -> None:
        rows = sorted(
            (p, order)
            for order, q in enumerate(top)
            for p in range(q.paragraph, q.segments[-1].paragraph + 1)
        )
        self._quotes = [top[order] for _, order in rows]
        self._starts = array("q", [q.outer_start for q in self._quotes])
        self._ends = array("q", [q.outer_end for q in self._quotes])
        self._rows: dict[int, tuple[int, int]] = {}
        for row, (p, _) in enumerate(rows):
            found = self._rows.get(p)
            self._rows[p] = (row if found is None else found[0], row + 1)
        self.quoted: Container[int] = self._rows.keys()
        """Paragraphs that hold part of a quote."""

    def end_before(self, paragraph: int, offset: int) -> int:
        """End of the last quote in `paragraph` that closes at or before `offset`, else -1."""
        lo, hi = self._rows.get(paragraph, _NO_ROWS)
        i = bisect.bisect_right(self._ends, offset, lo, hi)
        return self._ends[i - 1] if i > lo else -1

    def start_after(self, paragraph: int, offset: int) -> int | None:
        """Start of the first quote in `paragraph` that opens at or after `offset`, else None."""
        lo, hi = self._rows.get(paragraph, _NO_ROWS)
        i = bisect.bisect_left(self._starts, offset, lo, hi)
        return self._starts[i] if i < hi else None

    def overlaps(self, paragraph: int, start: int, end: int) -> bool:
        """Whether a quote in `paragraph` overlaps `start`..`end`."""
        lo, hi = self._rows.get(paragraph, _NO_ROWS)
        i = bisect.bisect_left(self._starts, end, lo, hi)
        return i > lo and self._ends[i - 1] > start

    def neighbours(self, q: RawQuote) -> list[RawQuote]:
        """The quotes just before and just after `q` in its paragraph."""
        lo, hi = self._rows.get(q.paragraph, _NO_ROWS)
        i = bisect.bisect_left(self._starts, q.outer_start, lo, hi)
        return self._quotes[max(lo, i - 1) : min(hi, i + 2)]


def has_particle_names(text: str) -> bool:
    """Whether any paragraph of `text` may hold an `al-` name or an ayn (`tokenize_paragraph`).

    Asked once per text: the windows of a book (`reader.extract.pipeline.Windows`) share it.
    """
    return _AL_NAME.search(text) is not None or "ʿ" in text or "ʾ" in text


class Paras:
    """Paragraphs tokenized on first use: most of a book's narration is never tokenized."""

    def __init__(
        self,
        text: str,
        article: Article,
        raws: Sequence[RawQuote],
        particles: bool | None = None,
    ) -> None:
        self._text = text
        if particles is None:
            particles = has_particle_names(text)
        self._particles = particles
        """Whether any paragraph may hold an `al-` name or an ayn (`tokenize_paragraph`)."""
        paragraphs = article.paragraphs
        # the bounds alone: a paragraph read from `Paragraphs` is a copy of its text
        if isinstance(paragraphs, Paragraphs):
            self._starts: Sequence[int] = paragraphs.starts
            self._ends: Sequence[int] = paragraphs.ends
        else:
            self._starts = [p.start for p in paragraphs]
            self._ends = [p.end for p in paragraphs]
        self._cache: dict[int, Para] = {}
        self._collapse: dict[int, list[tuple[int, int]]] = {}
        keep = {q.paragraph for q in raws if q.depth > 0}  # nested quotes are read inside
        for q in raws:
            if q.depth == 0:
                for seg in q.segments:
                    if seg.paragraph not in keep:
                        self._collapse.setdefault(seg.paragraph, []).append((seg.start, seg.end))

    def __getitem__(self, index: int) -> Para:
        para = self._cache.get(index)
        if para is None:
            para = self._cache[index] = tokenize_paragraph(
                self._text,
                self._starts[index],
                self._ends[index],
                self._collapse.get(index, ()),
                self._particles,
            )
        return para

    def text_of(self, index: int) -> str:
        """The words of paragraph `index` (a slice of the text, as `Paragraph.text` is)."""
        return self._text[self._starts[index] : self._ends[index]]

    def __len__(self) -> int:
        """How many paragraphs the article has (all of them, not one window's)."""
        return len(self._starts)

    def end_of(self, index: int) -> int:
        """The offset just past paragraph `index`."""
        return self._ends[index]

    def drop(self, index: int) -> None:
        """Forget the tokens of a paragraph that has been read."""
        self._cache.pop(index, None)


def sentence_start(para: Para, i: int, floor: int) -> int:
    """Index of the first token of the sentence holding tokens[i] (not before floor).

    Reads back at most MAX_CONTEXT_TOKENS tokens; the sentence end before is searched for in C.
    """
    bound = max(floor, i - MAX_CONTEXT_TOKENS)
    if i <= bound:
        return i
    before = para.stops[bound:i]
    before.reverse()
    try:
        return i - before.index(True)
    except ValueError:
        return bound


def sentence_end(para: Para, i: int, ceiling: int) -> int:
    """Index just past the sentence end at or after tokens[i] (not after ceiling).

    Reads on at most MAX_CONTEXT_TOKENS tokens; the sentence end is searched for in C.
    """
    bound = min(ceiling, i + MAX_CONTEXT_TOKENS)
    if i >= bound:
        return i
    try:
        return para.stops.index(True, i, bound) + 1
    except ValueError:
        return bound
