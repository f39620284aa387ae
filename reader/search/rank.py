"""Ranked fuzzy search over passages: cheap coverage first, then a close look at the best few.

Stage one adds up, per passage, how well each typed word is matched there (weighted by how
rare the word is) using the posting lists of `terms.py`, so it touches only passages holding
some expansion of some word. Stage two re-reads the best `CANDIDATES` passages: how close
together and in what order the words are, whether the query occurs as an exact phrase, and a
rapidfuzz `partial_ratio` of the whole query. An exact phrase therefore outranks the same words
scattered, which outrank typos.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import neg
from typing import NamedTuple

from rapidfuzz import fuzz

from reader.search.fold import FoldedText, fold
from reader.search.query import WORD, Query
from reader.search.terms import Postings, TermIndex, TermMatch, check

CANDIDATES = 48
"""How many passages stage two re-reads; caps the work per keystroke on a book."""
LITERAL_UNITS = 256
"""Most passages holding the query literally that are sure to be looked at closely."""
SNIPPET_WIDTH = 160
"""Characters of context a result shows."""
MAX_SPANS = 64
"""Most word spans returned per result for highlighting."""

_WORD_CHAR = re.compile(r"\w")
_COVERAGE, _PROXIMITY, _ALIGNMENT, _PHRASE = 0.55, 0.15, 0.15, 0.15
"""Weights of the four parts of a score (they add up to 1; a score is out of 100)."""


class HitKind(StrEnum):
    """What a result points at."""

    PARAGRAPH = "paragraph"
    """A paragraph of the article."""
    QUOTE = "quote"
    """A quote found by the extractor."""
    NOTE = "note"
    """One of the reader's notes."""


class Unit(NamedTuple):
    """A passage that can be a result: a paragraph, a quote or a note, with its folded text.

    A named tuple, not a frozen dataclass: a book has tens of thousands of paragraphs, and a
    tuple is built in one C call where a frozen dataclass runs Python per field.
    """

    kind: HitKind
    """What the passage is."""
    source: FoldedText
    """The folded text the passage is part of (the article's, or the note's own)."""
    fstart: int
    """Start of the passage in `source` (folded offsets)."""
    fend: int
    """End of the passage in `source` (folded offsets)."""
    paragraph: int
    """Index of the paragraph it is in (of the note's anchor for notes)."""
    speaker: str | None = None
    """Name of who said it, for quotes."""
    note_id: str | None = None
    """Id of the note, for notes."""
    anchor: tuple[int, int] | None = None
    """For notes: the article range the note is attached to."""

    @property
    def text(self) -> str:
        """The caseless folded text of the passage."""
        return self.source.caseless[self.fstart : self.fend]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked result, in plain values the UI and the CLI can show."""

    kind: HitKind
    """Paragraph, quote or note."""
    score: float
    """0-100, higher is better; an exact phrase scores near 100."""
    paragraph_index: int
    """Zero-based index of the paragraph (`paragraph_index + 1` is the number to show)."""
    paragraph_id: str
    """Stable id of that paragraph."""
    start: int
    """Start of the passage in `Article.text` (a note's anchor for notes)."""
    end: int
    """End of the passage in `Article.text`."""
    match_start: int
    """Start of the best matching words in `Article.text`: where `enter` should jump."""
    match_end: int
    """End of the best matching words in `Article.text`."""
    spans: tuple[tuple[int, int], ...]
    """Matched words as `Article.text` offsets, for highlighting (empty for notes)."""
    snippet: str
    """One line of context around the match (no ellipses: add them where it is cut)."""
    snippet_start: int
    """Where the snippet begins in `Article.text` (in the note's text for notes)."""
    snippet_spans: tuple[tuple[int, int], ...]
    """Matched words as offsets into `snippet`."""
    speaker: str | None = None
    """Who is speaking when the match is inside a quote."""
    note_id: str | None = None
    """The note's id, for notes."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """Passages of one kind and their word index."""

    units: tuple[Unit, ...]
    """The passages, in reading order."""
    index: TermIndex
    """Posting lists over their folded text."""
    starts: tuple[int, ...] | None = None
    """Folded starts of the units when they are ordered ranges of one text (paragraphs)."""

    @classmethod
    def build(
        cls,
        units: Sequence[Unit],
        is_cancelled: Callable[[], bool] | None = None,
        postings: Postings | None = None,
    ) -> Corpus:
        """Index `units`, or take their index from `postings` (a cached `TermIndex.postings`)."""
        starts: tuple[int, ...] | None = tuple(u.fstart for u in units)
        one_text = all(u.source is units[0].source for u in units)
        if not units or not one_text or list(starts or ()) != sorted(starts or ()):
            starts = None
        if postings is not None:
            index = TermIndex.from_postings(postings, len(units))
        else:
            index = TermIndex([u.text for u in units], is_cancelled)
        return cls(tuple(units), index, starts)

    def units_containing(self, needle: str, most: int = LITERAL_UNITS) -> set[int]:
        """Up to `most` units whose folded text contains `needle` (one scan when it can)."""
        if not needle:
            return set()
        if self.starts is None:
            return {n for n, unit in enumerate(self.units) if needle in unit.text}
        text = self.units[0].source.caseless
        found: set[int] = set()
        pos = text.find(needle, self.units[0].fstart, self.units[-1].fend)
        while pos != -1 and len(found) < most:
            number = bisect_right(self.starts, pos) - 1
            if number >= 0 and pos + len(needle) <= self.units[number].fend:
                found.add(number)
            pos = text.find(needle, pos + len(needle), self.units[-1].fend)
        return found


@dataclass(frozen=True, slots=True)
class Scored:
    """A unit with its final score and the words that matched, before it becomes a hit."""

    unit: int
    """Index into the corpus."""
    score: float
    """0-100."""
    window: tuple[int, int]
    """Folded range (relative to the unit) of the tightest group of matched words."""
    words: tuple[tuple[int, int], ...]
    """Folded ranges (relative to the unit) of every matched word."""


def _phrase_pattern(words: Sequence[str], open_end: bool) -> re.Pattern[str]:
    r"""Words in order with only non-word characters between them; the last may be a prefix.

    No leading `\b`: it stops `re` from skipping ahead to the first letter, which makes a
    scan of a book ten times slower; `find_phrase` checks the boundary instead.
    """
    parts = [re.escape(w) for w in words]
    tail = r"\w*" if open_end else r"\b"
    return re.compile(r"\W+".join(parts) + tail)


def find_phrase(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    """The first match of a `_phrase_pattern` in `text[start:end]` that begins a word."""
    stop = len(text) if end is None else end
    found = pattern.search(text, start, stop)
    while found is not None and found.start() > 0 and _WORD_CHAR.match(text, found.start() - 1):
        found = pattern.search(text, found.start() + 1, stop)
    return found


def _units_with_phrase(corpus: Corpus, words: Sequence[str], open_end: bool) -> set[int]:
    """The units holding `words` as a phrase.

    Only units holding every (complete) word can hold the phrase, and the posting lists say
    which those are; the phrase itself is then looked for in them alone, at most one scan of
    the text however common its words are.
    """
    complete = words[:-1] if open_end else words
    postings = sorted((corpus.index.units_with(w) for w in complete), key=len)
    holders = set(postings[0]) if postings else set(range(len(corpus.units)))
    for other in postings[1:]:
        holders.intersection_update(other)
    if len(words) == 1 and not open_end:
        return holders
    pattern = _phrase_pattern(words, open_end)
    return {u for u in holders if find_phrase(pattern, corpus.units[u].text)}


def match_terms(
    corpus: Corpus, query: Query, is_cancelled: Callable[[], bool] | None
) -> list[TermMatch]:
    """Expand each distinct query word; the last is a prefix while it is being typed."""
    matches: list[TermMatch] = []
    seen: set[str] = set()
    phrase_words = {w for p in query.phrases for w in WORD.findall(p)}
    if query.open_phrase:
        # The word being typed inside an unclosed phrase may still grow: let it complete.
        phrase_words.discard(WORD.findall(query.phrases[-1])[-1])
    loose = set(query.words)
    terms = query.terms
    for position, term in enumerate(terms):
        if term in seen:
            continue
        seen.add(term)
        exact_only = term in phrase_words and term not in loose
        typing = position == len(terms) - 1 and not query.complete
        prefix = not exact_only and (typing or len(term) >= 3)
        matches.append(
            corpus.index.match(term, prefix=prefix, fuzzy=not exact_only, is_cancelled=is_cancelled)
        )
        check(is_cancelled)
    return matches


def rank(
    corpus: Corpus,
    query: Query,
    *,
    limit: int,
    allowed: set[int] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> list[Scored]:
    """Score the corpus against `query`; best first, at most `limit`. Raises `Cancelled`."""
    terms = match_terms(corpus, query, is_cancelled)
    if not terms:
        return []
    coverage = _coverage(terms, is_cancelled)
    if allowed is not None:
        coverage = {u: c for u, c in coverage.items() if u in allowed}
    for number, phrase in enumerate(query.phrases):
        open_end = query.open_phrase and number == len(query.phrases) - 1
        holders = _units_with_phrase(corpus, WORD.findall(phrase), open_end)
        coverage = {u: c for u, c in coverage.items() if u in holders}
    # In a book thousands of passages hold all the words; those holding the query as typed
    # must reach stage two whatever their place, so they jump the queue.
    literal = corpus.units_containing(fold(query.literal)) if len(terms) > 1 else set()
    best = _candidates(coverage, literal, max(CANDIDATES, limit))
    whole = _phrase_pattern(query.terms, open_end=not query.complete)
    needle = " ".join(query.terms)
    lookup: dict[str, int] = {}
    closest: dict[str, float] = {}
    for number, term in enumerate(terms):
        for word, value in term.words.items():
            if value > closest.get(word, 0.0):
                lookup[word], closest[word] = number, value
    scored: list[Scored] = []
    for number, (unit, cover) in enumerate(best):
        if number % 8 == 0:
            check(is_cancelled)
        scored.append(_score(corpus.units[unit].text, unit, cover, lookup, whole, needle))
    scored.sort(key=lambda s: (-s.score, s.unit))
    return scored[:limit]


def _coverage(
    terms: Sequence[TermMatch], is_cancelled: Callable[[], bool] | None
) -> dict[int, float]:
    """Stage one: per unit, the weighted share of the query's words it holds (0-1).

    The first word's units are copied in one C call (as they are when it is the only word: a
    share of 1.0): a short prefix on a book holds thousands of units, and adding each to an
    empty dict in Python was half of this stage (2.1 -> 1.1 ms a keystroke, the 3 MB book;
    the same values in the same order, and so the same ranking).
    """
    total_weight = sum(t.weight for t in terms)
    first, *rest = terms
    share = first.weight / total_weight
    if share == 1.0:
        coverage = dict(first.units)
    else:
        coverage = {unit: share * similarity for unit, similarity in first.units.items()}
    check(is_cancelled)
    for term in rest:
        share = term.weight / total_weight
        get = coverage.get
        for unit, similarity in term.units.items():
            coverage[unit] = get(unit, 0.0) + share * similarity
        check(is_cancelled)
    return coverage


def _candidates(coverage: dict[int, float], first: set[int], count: int) -> list[tuple[int, float]]:
    """The `count` best (unit, coverage) pairs: units in `first` ahead, then by coverage.

    Ties go to the earlier unit. A book's short prefix covers tens of thousands of passages:
    the pairs are compared as (coverage, -unit) tuples in C, not through a Python key per
    passage (a third of a keystroke's ranking before).
    """
    best = heapq.nlargest(
        count, [(cover, -unit) for unit in first if (cover := coverage.get(unit)) is not None]
    )
    if len(best) < count:
        # At most len(best) of the overall best are in `first`: the best `count` hold enough.
        everyone = zip(coverage.values(), map(neg, coverage.keys()), strict=True)
        others = [pair for pair in heapq.nlargest(count, everyone) if -pair[1] not in first]
        best += others[: count - len(best)]
    return [(-unit, cover) for cover, unit in best]


def _score(
    text: str,
    unit: int,
    cover: float,
    lookup: dict[str, int],
    whole: re.Pattern[str],
    needle: str,
) -> Scored:
    """Stage two: proximity, order, exact phrase and alignment for one passage.

    `lookup` maps every expansion of every query word to the number of that word.
    """
    events: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    for position, token in enumerate(WORD.finditer(text)):
        number = lookup.get(token.group())
        if number is not None:
            events.append((position, number))
            spans.append(token.span())
    matched = len({n for _, n in events})
    first, last, in_order = _window(events, matched)
    proximity = matched / (last - first + 1) if events else 0.0
    if not in_order:
        proximity *= 0.85
    phrase = find_phrase(whole, text)
    alignment = fuzz.partial_ratio(needle, text) / 100.0 if needle else 0.0
    score = 100.0 * (
        _COVERAGE * cover
        + _PROXIMITY * proximity
        + _ALIGNMENT * alignment
        + _PHRASE * (1.0 if phrase else 0.0)
    )
    if phrase:
        window = phrase.span()
    elif events:
        positions = [position for position, _ in events]
        window = (spans[positions.index(first)][0], spans[positions.index(last)][1])
    else:
        window = (0, 0)
    # A little for each further occurrence, so that ties go to the passage about the thing.
    score += min(len(events) - matched, 5) * 0.01
    return Scored(unit, min(score, 100.0), window, tuple(spans[:MAX_SPANS]))


def _window(events: Sequence[tuple[int, int]], matched: int) -> tuple[int, int, bool]:
    """Tightest run of word positions holding every matched term once; and if in query order."""
    if not events:
        return 0, 0, False
    counts: dict[int, int] = {}
    best = (events[0][0], events[-1][0])
    left = 0
    for position, number in events:
        counts[number] = counts.get(number, 0) + 1
        while len(counts) == matched:
            start = events[left][0]
            if position - start < best[1] - best[0]:
                best = (start, position)
            gone = events[left][1]
            counts[gone] -= 1
            if not counts[gone]:
                del counts[gone]
            left += 1
    seen: list[int] = []
    for position, number in events:
        if best[0] <= position <= best[1] and number not in seen:
            seen.append(number)
    return best[0], best[1], seen == sorted(seen)
