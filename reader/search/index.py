"""The search index of one article and the one call the UI makes per keystroke.

Build it once per article (in a worker: a 3 MB book takes about a second), then call
`SearchIndex.search` from a `@work(exclusive=True, thread=True)` worker with
`is_cancelled=lambda: worker.is_cancelled`; a stale search stops at its next check and
returns None. The index is immutable apart from internal caches guarded by locks, so
overlapping workers may share it.
"""

from __future__ import annotations

import copy
import threading
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat

from rapidfuzz import fuzz

from reader.document import Article
from reader.extract.model import Extraction, Quote, QuoteKind, Span
from reader.search.fold import FoldedText, fold
from reader.search.literal import LiteralMatches, find_literal
from reader.search.query import WORD, Query, Scope, parse_query
from reader.search.rank import (
    SNIPPET_WIDTH,
    Corpus,
    HitKind,
    Scored,
    SearchHit,
    Unit,
    rank,
)
from reader.search.terms import Cancelled, Postings, check

SPEAKER_CUTOFF = 80.0
"""Least rapidfuzz score for a speaker's name or alias to answer `@name`."""
_UTTERANCES = (QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.INDIRECT)


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """A note as search sees it: the notes model stays elsewhere."""

    id: str
    """The note's id."""
    text: str
    """What the reader wrote."""
    start: int
    """Start of the article range the note is attached to."""
    end: int
    """End of that range."""


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Everything one keystroke needs: literal matches for highlights and ranked passages."""

    query: Query
    """The parsed query."""
    literal: LiteralMatches
    """Every literal occurrence (smart case, diacritics ignored), with the count."""
    hits: tuple[SearchHit, ...]
    """Ranked results, best first."""


class SearchIndex:
    """Folded text, word index and quote lookup of one article."""

    def __init__(
        self,
        article: Article,
        extraction: Extraction | None = None,
        *,
        is_cancelled: Callable[[], bool] | None = None,
        postings: Postings | None = None,
    ) -> None:
        """Index `article`; raises `Cancelled` when `is_cancelled` turns true meanwhile.

        `postings`: the paragraph word index kept from an earlier `paragraph_postings()` of the
        same article (`reader.cache`), which spares most of the work.
        """
        self.article = article
        """The article searched."""
        self.extraction = extraction or Extraction()
        """Its quotes and speakers (may be empty)."""
        self.text = FoldedText(article.text)
        """The article text, folded, with offsets back to it."""
        check(is_cancelled)
        paragraphs = article.paragraphs
        folded = self.text.folded_offset
        self.paragraphs = Corpus.build(
            list(
                map(
                    Unit,
                    repeat(HitKind.PARAGRAPH),
                    repeat(self.text),
                    [folded(p.start) for p in paragraphs],
                    [folded(p.end) for p in paragraphs],
                    range(len(paragraphs)),
                )
            ),
            is_cancelled,
            postings,
        )
        """Every paragraph."""
        self._notes: tuple[tuple[NoteRecord, ...], Corpus] | None = None
        self._lock = threading.Lock()
        self._use_quotes()

    def paragraph_postings(self) -> Postings:
        """The paragraph word index as plain values, for `reader.cache` (do not change it)."""
        return self.paragraphs.index.postings

    def _use_quotes(self) -> None:
        self._quotes = sorted(
            (q for q in self.extraction.quotes if q.kind in _UTTERANCES), key=lambda q: q.start
        )
        self._quote_starts = [q.start for q in self._quotes]
        self._quote_corpus: Corpus | None = None

    def with_extraction(self, extraction: Extraction) -> SearchIndex:
        """The same index with other quotes and speakers (when the extractor finishes later).

        Shares the folded text and the paragraph index, so it costs only the quote lookup.
        """
        clone = copy.copy(self)
        clone.extraction = extraction
        clone._lock = threading.Lock()
        clone._use_quotes()
        return clone

    def literal(self, query: str | Query) -> LiteralMatches:
        """Literal matches of `query` for the highlight layer and the `12/340` counter."""
        parsed = parse_query(query) if isinstance(query, str) else query
        return find_literal(self.text, parsed.literal)

    def search(
        self,
        query: str,
        *,
        scope: Scope = Scope.ALL,
        limit: int = 20,
        notes: Sequence[NoteRecord] = (),
        is_cancelled: Callable[[], bool] | None = None,
    ) -> SearchResults | None:
        """Literal matches and ranked results for `query`; None once `is_cancelled()` is true.

        `scope` is the scope chosen in the bar; a `@name` or `#` prefix in `query` overrides it.
        """
        try:
            parsed = parse_query(query, scope)
            literal = self.literal(parsed)
            check(is_cancelled)
            hits = self._hits(parsed, limit, tuple(notes), is_cancelled)
        except Cancelled:
            return None
        return SearchResults(parsed, literal, tuple(hits))

    def filter_paragraphs(
        self,
        query: str,
        *,
        scope: Scope = Scope.ALL,
        fuzzy_limit: int = 200,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> tuple[int, ...] | None:
        """Indexes of the paragraphs to show in filter mode (`&`), in reading order.

        The paragraphs holding a literal match (smart case, diacritics ignored); when nothing
        matches literally, the paragraphs of the ranked results (at most `fuzzy_limit`), so a
        typo still filters. None once `is_cancelled()` is true.
        """
        try:
            parsed = parse_query(query, scope)
            literal = self.literal(parsed)
            if literal.count:
                return self._paragraphs_with(literal, is_cancelled)
            check(is_cancelled)
            hits = self._hits(parsed, fuzzy_limit, (), is_cancelled)
        except Cancelled:
            return None
        return tuple(sorted({h.paragraph_index for h in hits}))

    def _paragraphs_with(
        self, literal: LiteralMatches, is_cancelled: Callable[[], bool] | None
    ) -> tuple[int, ...]:
        """Paragraphs holding a literal match: one `find` per such paragraph, not per match."""
        found: list[int] = []
        position = 0
        while (span := literal.first_from(position)) is not None:
            paragraph = self.article.paragraph_at(span[0])
            if paragraph is None:
                break
            if span[0] < paragraph.start:  # a match starting in a paragraph separator
                position = paragraph.start
                continue
            found.append(paragraph.position)
            if len(found) % 256 == 0:
                check(is_cancelled)
            position = paragraph.end
        return tuple(found)

    def speaker_at(self, offset: int) -> str | None:
        """Name of who says the quote covering `offset`, if any."""
        quote = self.quote_at(offset)
        if quote is None:
            return None
        speaker = self.extraction.speaker(quote.speaker)
        return speaker.name if speaker else None

    def quote_at(self, offset: int) -> Quote | None:
        """The innermost quote covering `offset`, if any."""
        last = bisect_right(self._quote_starts, offset)
        # The latest-starting quote that covers the offset is the innermost; a quote rarely
        # spans more than a few others, so a short walk back suffices even in a book.
        for quote in reversed(self._quotes[max(0, last - 64) : last]):
            for segment in quote.segments or (Span(quote.start, quote.end),):
                if segment.start <= offset < segment.end:
                    return quote
        return None

    def _hits(
        self,
        query: Query,
        limit: int,
        notes: tuple[NoteRecord, ...],
        is_cancelled: Callable[[], bool] | None,
    ) -> list[SearchHit]:
        if query.scope is Scope.NOTES and not (query.words or query.phrases):
            # A bare `#` lists the notes in reading order.
            corpus = self._note_corpus(notes)
            order = sorted(range(len(notes)), key=lambda n: (notes[n].start, n))[:limit]
            return [self._hit(corpus.units[n], Scored(n, 0.0, (0, 0), ())) for n in order]
        if query.is_empty:
            return []
        if query.scope is Scope.NOTES:
            return self._hits_in(self._note_corpus(notes), query, limit, None, is_cancelled)
        if query.scope is Scope.QUOTES:
            return self._hits_in(self._quotes_corpus(), query, limit, None, is_cancelled)
        if query.scope is Scope.SPEAKERS:
            return self._speaker_hits(query, limit, is_cancelled)
        hits = self._hits_in(self.paragraphs, query, limit, None, is_cancelled)
        if notes:
            hits += self._hits_in(self._note_corpus(notes), query, limit, None, is_cancelled)
            hits.sort(key=lambda h: -h.score)
        return hits[:limit]

    def _hits_in(
        self,
        corpus: Corpus,
        query: Query,
        limit: int,
        allowed: set[int] | None,
        is_cancelled: Callable[[], bool] | None,
    ) -> list[SearchHit]:
        scored = rank(corpus, query, limit=limit, allowed=allowed, is_cancelled=is_cancelled)
        return [self._hit(corpus.units[s.unit], s) for s in scored]

    def _speaker_hits(
        self, query: Query, limit: int, is_cancelled: Callable[[], bool] | None
    ) -> list[SearchHit]:
        """Quotes by the speakers whose name or alias matches `@name`, ranked by the words."""
        wanted = WORD.findall(fold(query.speaker))
        scores: dict[str, float] = {}
        for speaker in self.extraction.speakers:
            names = (speaker.name, *speaker.aliases)
            best = max(name_score(wanted, name) for name in names)
            if best >= SPEAKER_CUTOFF:
                scores[speaker.id] = best
        corpus = self._quotes_corpus()
        allowed = {number for number, quote in enumerate(self._quotes) if quote.speaker in scores}
        if query.words or query.phrases:
            return self._hits_in(corpus, query, limit, allowed, is_cancelled)
        ordered = sorted(allowed, key=lambda n: (-scores[self._quotes[n].speaker or ""], n))
        hits = []
        for number in ordered[:limit]:
            unit = corpus.units[number]
            scored = Scored(number, scores[self._quotes[number].speaker or ""], (0, 0), ())
            hits.append(self._hit(unit, scored))
        return hits

    def _quotes_corpus(self) -> Corpus:
        with self._lock:
            if self._quote_corpus is None:
                units = []
                for quote in self._quotes:
                    speaker = self.extraction.speaker(quote.speaker)
                    units.append(
                        Unit(
                            HitKind.QUOTE,
                            self.text,
                            self.text.folded_offset(quote.start),
                            self.text.folded_offset(quote.end),
                            quote.paragraph,
                            speaker=speaker.name if speaker else None,
                        )
                    )
                self._quote_corpus = Corpus.build(units)
            return self._quote_corpus

    def _note_corpus(self, notes: tuple[NoteRecord, ...]) -> Corpus:
        with self._lock:
            if self._notes is not None and self._notes[0] == notes:
                return self._notes[1]
        units = []
        for note in notes:
            source = FoldedText(note.text)
            paragraph = self.article.paragraph_at(note.start)
            units.append(
                Unit(
                    HitKind.NOTE,
                    source,
                    0,
                    len(source),
                    paragraph.position if paragraph else 0,
                    note_id=note.id,
                    anchor=(note.start, note.end),
                )
            )
        corpus = Corpus.build(units)
        with self._lock:
            self._notes = (notes, corpus)
        return corpus

    def _hit(self, unit: Unit, scored: Scored) -> SearchHit:
        """Turn a scored unit into a result: offsets, snippet and highlights."""
        source = unit.source
        start, end = source.original_span(unit.fstart, unit.fend)
        window_start, window_end = source.original_span(
            unit.fstart + scored.window[0], unit.fstart + scored.window[1]
        )
        if scored.window == (0, 0):
            window_start = window_end = start
        words = [source.original_span(unit.fstart + a, unit.fstart + b) for a, b in scored.words]
        snippet, offset = _snippet(source.original, start, end, window_start, window_end)
        snippet_spans = tuple(
            (a - offset, b - offset) for a, b in words if a >= offset and b - offset <= len(snippet)
        )
        paragraphs = self.article.paragraphs
        paragraph = paragraphs[unit.paragraph] if paragraphs else None
        if unit.kind is HitKind.NOTE:
            assert unit.anchor is not None
            start, end = unit.anchor
            match_start, match_end = unit.anchor
            spans: tuple[tuple[int, int], ...] = ()
            speaker = None
        else:
            match_start, match_end = window_start, window_end
            spans = tuple(words)
            speaker = unit.speaker or self.speaker_at(window_start)
        return SearchHit(
            kind=unit.kind,
            score=round(scored.score, 2),
            paragraph_index=paragraph.position if paragraph else 0,
            paragraph_id=paragraph.id if paragraph else "",
            start=start,
            end=end,
            match_start=match_start,
            match_end=match_end,
            spans=spans,
            snippet=snippet,
            snippet_start=offset,
            snippet_spans=snippet_spans,
            speaker=speaker,
            note_id=unit.note_id,
        )


def _snippet(text: str, start: int, end: int, focus: int, focus_end: int) -> tuple[str, int]:
    """One line of `text[start:end]` around `[focus, focus_end)`, and where it begins.

    The snippet keeps the original characters one for one (newlines become spaces), so
    offsets into it are offsets into the text minus the returned start; an ellipsis is not
    added, so that those offsets stay exact: the UI may add one.
    """
    if end - start <= SNIPPET_WIDTH:
        lo, hi = start, end
    else:
        room = max(0, SNIPPET_WIDTH - (focus_end - focus))
        lo = max(start, focus - room // 3)
        hi = min(end, max(focus_end, lo + SNIPPET_WIDTH))
        lo = max(start, min(lo, hi - SNIPPET_WIDTH))
        if lo > start:
            space = text.find(" ", lo, focus) if focus > lo else -1
            lo = space + 1 if space != -1 else lo
        if hi < end:
            space = text.rfind(" ", max(focus_end, lo), hi)
            hi = space if space != -1 else hi
    return text[lo:hi].replace("\n", " "), lo


def name_score(wanted: Sequence[str], name: str) -> float:
    """How well the folded words `wanted` name `name` (0-100): typos and initial letters count.

    Each typed word is scored against its best word of the name (`ferante` -> `Ferrante-Ruiz`,
    `der` -> `Derek`), so a surname alone finds the speaker; the score is their mean.
    """
    if not wanted:
        return 100.0
    parts = WORD.findall(fold(name))
    if not parts:
        return 0.0
    total = 0.0
    for word in wanted:
        total += max(
            95.0 if len(word) >= 2 and part.startswith(word) else fuzz.ratio(word, part)
            for part in parts
        )
    return total / len(wanted)


def build_index(
    article: Article,
    extraction: Extraction | None = None,
    *,
    is_cancelled: Callable[[], bool] | None = None,
) -> SearchIndex | None:
    """Build the index of `article`; None when `is_cancelled()` turned true meanwhile.

    The paragraph word index is read from the article cache (`reader.cache`) when it is there,
    and kept there when it was built (the 3 MB book: 0.2 s instead of 1 s, in the worker that
    shares the interpreter with the UI).
    """
    from reader.cache import ArticleCache

    cache = ArticleCache()
    postings = cache.load_postings(article)
    try:
        index = SearchIndex(article, extraction, is_cancelled=is_cancelled, postings=postings)
    except Cancelled:
        return None
    if postings is None:
        cache.save(article, postings=index.paragraph_postings())
    return index
