"""The word index: which passages hold which folded words, and what a typed word may mean.

A typed word is expanded against the vocabulary, not against the text: the exact word, words
it begins (`erdog` -> `erdogan`) and words a typo or two away (`catastrofe` -> `catastrophe`,
scored by rapidfuzz in C over the whole vocabulary). Each expansion carries a similarity, and
the passages of all expansions are looked up in posting lists, so a keystroke never scans
the text itself.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reader.search.query import WORD

EXACT = 1.0
"""Similarity of the word itself."""
MAX_PREFIX_EXPANSIONS = 64
"""How many completions of a prefix are kept (the most frequent), so `t` stays cheap."""
Postings = Mapping[str, Sequence[int]]
"""Each folded word with the indexes of the units holding it, in order (lists, or arrays when
read back from `reader.cache`)."""
_CACHE_SIZE = 256
_CHECK_EVERY = 512


class Cancelled(Exception):
    """Raised inside the search when the caller's `is_cancelled` says the result is stale."""


def check(is_cancelled: Callable[[], bool] | None) -> None:
    """Raise `Cancelled` when the caller no longer wants the result."""
    if is_cancelled is not None and is_cancelled():
        raise Cancelled


def fuzzy_cutoff(word: str) -> float | None:
    """The least rapidfuzz ratio a vocabulary word needs to count as a typo of `word`."""
    if len(word) <= 3:
        return None
    if len(word) <= 5:
        return 80.0
    return 75.0


def prefix_similarity(typed: str, word: str) -> float:
    """Similarity of a word to a prefix of it: higher the more of the word was typed."""
    return 0.7 + 0.2 * len(typed) / len(word)


def typo_similarity(ratio: float) -> float:
    """Similarity of a word within typo distance, from its rapidfuzz ratio (0-100)."""
    return 0.85 * ratio / 100.0


@dataclass(frozen=True, slots=True)
class TermMatch:
    """What one typed word matches: vocabulary words and the units that hold them."""

    term: str
    """The folded word as typed."""
    words: dict[str, float]
    """Vocabulary words it may mean, with their similarity (1.0 for the word itself)."""
    units: dict[int, float]
    """For each unit holding one of `words`, the best similarity found there."""
    weight: float
    """How much the word counts: the inverse document frequency of its best expansion."""


class TermIndex:
    """Posting lists of folded words over a sequence of units (paragraphs, quotes, notes)."""

    def __init__(
        self, texts: Sequence[str], is_cancelled: Callable[[], bool] | None = None
    ) -> None:
        postings: dict[str, list[int]] = {}
        for unit, text in enumerate(texts):
            if unit % _CHECK_EVERY == 0:
                check(is_cancelled)
            for word in set(WORD.findall(text)):
                found = postings.get(word)
                if found is None:
                    postings[word] = [unit]
                else:
                    found.append(unit)
        self._use(postings, len(texts))

    @classmethod
    def from_postings(cls, postings: Postings, size: int) -> TermIndex:
        """The index whose posting lists are `postings` (as `postings` returned them, cached)."""
        index = cls.__new__(cls)
        index._use(postings, size)
        return index

    def _use(self, postings: Postings, size: int) -> None:
        self.size = size
        """How many units are indexed."""
        self._postings = postings
        self._vocabulary = list(postings)
        self._sorted = sorted(postings)
        self._cache: OrderedDict[tuple[str, bool, bool], TermMatch] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def postings(self) -> Postings:
        """Each folded word with the units holding it, in order (to be cached; do not change)."""
        return self._postings

    @property
    def vocabulary_size(self) -> int:
        """How many distinct folded words the units hold."""
        return len(self._vocabulary)

    def units_with(self, word: str) -> Sequence[int]:
        """The units holding `word` exactly, in order."""
        return self._postings.get(word, ())

    def idf(self, word: str) -> float:
        """Inverse document frequency: rare words weigh more than `the`."""
        frequency = len(self._postings.get(word, ()))
        return max(0.05, math.log((self.size + 1) / (frequency + 0.5)))

    def match(
        self, term: str, *, prefix: bool, fuzzy: bool, is_cancelled: Callable[[], bool] | None
    ) -> TermMatch:
        """Expand `term` against the vocabulary and gather the units of its expansions."""
        key = (term, prefix, fuzzy)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        words = self._expand(term, prefix=prefix, fuzzy=fuzzy)
        check(is_cancelled)
        units: dict[int, float] = {}
        for word, similarity in sorted(words.items(), key=lambda item: -item[1]):
            for unit in self._postings[word]:
                if unit not in units:
                    units[unit] = similarity
        if words:
            best = max(words.items(), key=lambda item: (item[1], -len(self._postings[item[0]])))
            weight = self.idf(best[0])
        else:
            weight = self.idf("")
        result = TermMatch(term, words, units, weight)
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return result

    def _expand(self, term: str, *, prefix: bool, fuzzy: bool) -> dict[str, float]:
        words: dict[str, float] = {}
        if term in self._postings:
            words[term] = EXACT
        if prefix:
            completions: list[str] = []
            start = bisect_left(self._sorted, term)
            for word in self._sorted[start:]:
                if not word.startswith(term):
                    break
                if word != term:
                    completions.append(word)
            if len(completions) > MAX_PREFIX_EXPANSIONS:
                completions.sort(key=lambda w: -len(self._postings[w]))
                del completions[MAX_PREFIX_EXPANSIONS:]
            for word in completions:
                words[word] = prefix_similarity(term, word)
        cutoff = fuzzy_cutoff(term) if fuzzy else None
        if cutoff is not None:
            for word, ratio, _ in process.extract(
                term, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                similarity = typo_similarity(ratio)
                if similarity > words.get(word, 0.0):
                    words[word] = similarity
        return words
