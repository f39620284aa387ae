"""Place annotations again in an article whose text may have changed since they were made.

`anchor(selector, text)` tries, in order:

1. **Position.** `text[start:end]` still reads `exact`, with the stored prefix and suffix
   around it (or the text is the one the selector was made on): placed there, `exact`.
2. **Near home.** Steps 3 and 4 (without the uniqueness rule) within `LOCAL_WINDOW`
   characters of where the passage should be (its old position, moved by `shift`: when
   `placements` places many notes in text order, each starts where its predecessor moved),
   so a look-alike passage elsewhere cannot win over the edited original; then, if nothing
   was accepted there, over the whole text:
3. **Exact text.** Every occurrence of `exact` (up to `MAX_EXACT_HITS`) is scored like
   Hypothesis does, `(50·quote + 20·prefix + 20·suffix + 2·position) / 92`, where each part
   is a normalised Levenshtein similarity; the best hit is taken if it scores at least
   `ACCEPT_SCORE`, or if it is the only one and `exact` is at least `UNIQUE_EXACT_CHARS`
   long (a long verbatim passage found once is right even when its context was rewritten).
4. **Fuzzy.** `prefix + exact + suffix` is aligned with rapidfuzz's `partial_ratio_alignment`,
   first within `WINDOW` characters of home, then over the whole text; the
   quote's boundaries are mapped through the Levenshtein opcodes of that needle against the
   aligned window (aligning `exact` alone gives wrong boundaries). The match is accepted,
   `fuzzy`, only if the found passage is at least `ACCEPT_QUOTE` similar to `exact` **and**
   the weighted score is at least `ACCEPT_SCORE`.
5. Otherwise the annotation is an **orphan**: kept, listed with its quoted text, never dropped.

The thresholds (0.80 / 0.80) come from measurements (`benchmarks/bench_anchor.py`,
`../shared/design/annotations.md`): true matches after 5 % edits score at least 0.88 at the
1st percentile, while the median false candidate scores 0.63; looser cut-offs let deleted
passages attach to look-alike text elsewhere.

Pure and deterministic: two machines anchoring the same notes in the same text get the same
answer (positions are not written back to the file, so they can never disagree there). Fast
on an unchanged text (microseconds per note); on a changed book, up to tens of milliseconds
for a note that moved far: run it in a worker.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING

from annotations.model import Annotation, Selector

if TYPE_CHECKING:
    from rapidfuzz.distance import Opcodes

ACCEPT_SCORE = 0.80
"""Least weighted score (quote, prefix, suffix, position) of an accepted non-positional match."""

ACCEPT_QUOTE = 0.80
"""Least similarity between a fuzzy match and the stored `exact` text."""

UNIQUE_EXACT_CHARS = 32
"""A verbatim passage at least this long found exactly once is accepted whatever its context."""

MAX_EXACT_HITS = 1000
"""Occurrences of `exact` examined at most (a very common word is not worth more)."""

LOCAL_WINDOW = 2_000
"""Characters each side of the old position searched first, exactly then fuzzily.

Edits near a passage rarely move it far, while a look-alike passage elsewhere (a repeated
phrase, a near-duplicate paragraph) can score as well as the edited original: looking near
home first is what keeps wrong placements under 1 %.
"""

WINDOW = 50_000
"""Characters each side of the old position searched by the wider fuzzy step."""

FUZZY_CUTOFF = 60.0
"""rapidfuzz score (0-100) below which an alignment is not considered at all."""


class AnchorStatus(StrEnum):
    """How an annotation was placed."""

    EXACT = "exact"
    """Found verbatim (at its old position or elsewhere)."""
    FUZZY = "fuzzy"
    """Found approximately: the text around it or in it changed."""
    ORPHAN = "orphan"
    """Not found: the passage was deleted or rewritten beyond recognition."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an annotation lands in the current text."""

    status: AnchorStatus
    """Exact, fuzzy or orphan."""
    start: int
    """Offset of the first character in the current text (the old one for an orphan)."""
    end: int
    """Offset just past the last character (the old one for an orphan)."""
    score: float = 1.0
    """The weighted score of the match, 0 for an orphan."""

    @property
    def placed(self) -> bool:
        """True unless the annotation is an orphan."""
        return self.status is not AnchorStatus.ORPHAN


@functools.cache
def _levenshtein() -> ModuleType:
    """The Levenshtein module of rapidfuzz, imported when a note is first scored.

    Importing rapidfuzz costs about 3.5 MB of resident memory: the reader imports this module
    for every article, and a 4 KB article without notes measured 47.1 MB for the whole process
    without it, against 50.7 MB with it (issue 13's limit is 50 MB).
    """
    from rapidfuzz.distance import Levenshtein

    return Levenshtein


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return float(_levenshtein().normalized_similarity(a, b))


def score(selector: Selector, text: str, start: int, end: int) -> float:
    """The weighted score of placing `selector` at `text[start:end]`."""
    quote = _similarity(selector.exact, text[start:end])
    prefix = _similarity(selector.prefix, text[max(0, start - len(selector.prefix)) : start])
    suffix = _similarity(selector.suffix, text[end : end + len(selector.suffix)])
    distance = abs(start - selector.start) / max(len(text), 1)
    position = 1.0 - min(1.0, distance)
    return (50 * quote + 20 * prefix + 20 * suffix + 2 * position) / 92


def anchor(selector: Selector, text: str, *, same_text: bool = False, shift: int = 0) -> Placement:
    """Place `selector` in `text` (see the module docstring).

    `same_text` says the text is the one the selector was made on (its hash is unchanged),
    so a position that still reads `exact` is trusted without looking at the context.
    `shift` is how far text around the passage is expected to have moved (what its
    neighbours did, see `placements`): the search near home starts there.
    """
    exact = selector.exact
    start, end = selector.start, selector.end
    if not exact:
        return Placement(AnchorStatus.ORPHAN, start, end, 0.0)
    if text[start:end] == exact and (
        same_text
        or (
            text[max(0, start - len(selector.prefix)) : start] == selector.prefix
            and text[end : end + len(selector.suffix)] == selector.suffix
        )
    ):
        return Placement(AnchorStatus.EXACT, start, end)
    home = min(max(0, start + shift), len(text))
    lo = max(0, home - LOCAL_WINDOW)
    hi = min(len(text), home + (end - start) + LOCAL_WINDOW)
    found = _exact_search(selector, text, lo, hi, unique_rule=False)
    if found is None:
        found = _align(selector, _needle(selector), text, lo, hi)
    if found is not None:
        return found
    found = _exact_search(selector, text, 0, len(text), unique_rule=True)
    if found is not None:
        return found
    found = _fuzzy_search(selector, text, home)
    if found is not None:
        return found
    return Placement(AnchorStatus.ORPHAN, start, end, 0.0)


def _needle(selector: Selector) -> str:
    return selector.prefix + selector.exact + selector.suffix


def _exact_search(
    selector: Selector, text: str, lo: int, hi: int, *, unique_rule: bool
) -> Placement | None:
    exact = selector.exact
    hits: list[int] = []
    at = text.find(exact, lo, hi)
    while at >= 0 and len(hits) < MAX_EXACT_HITS:
        hits.append(at)
        at = text.find(exact, at + 1, hi)
    if not hits:
        return None
    scored = [(score(selector, text, h, h + len(exact)), -abs(h - selector.start), h) for h in hits]
    best, _, at = max(scored)
    unique = unique_rule and len(hits) == 1 and len(exact) >= UNIQUE_EXACT_CHARS
    if best >= ACCEPT_SCORE or unique:
        return Placement(AnchorStatus.EXACT, at, at + len(exact), best)
    return None


def _fuzzy_search(selector: Selector, text: str, home: int) -> Placement | None:
    needle = _needle(selector)
    lo = max(0, home - WINDOW)
    hi = min(len(text), home + len(selector.exact) + WINDOW)
    found = _align(selector, needle, text, lo, hi)
    if found is None and (lo > 0 or hi < len(text)):
        found = _align(selector, needle, text, 0, len(text))
    return found


def _align(selector: Selector, needle: str, text: str, lo: int, hi: int) -> Placement | None:
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(needle, text[lo:hi], score_cutoff=FUZZY_CUTOFF)
    if alignment is None:
        return None
    # Widen the aligned region a little so the opcodes can map boundaries that fell outside.
    pad = len(needle) // 10 + 1
    w_start = max(0, lo + alignment.dest_start - pad)
    w_end = min(len(text), lo + alignment.dest_end + pad)
    window = text[w_start:w_end]
    opcodes: Opcodes = _levenshtein().opcodes(needle, window)
    first = len(selector.prefix)
    last = first + len(selector.exact)
    start = w_start + _map(opcodes, first, len(window))
    end = w_start + _map(opcodes, last, len(window))
    if end <= start:
        return None
    quote = _similarity(selector.exact, text[start:end])
    weighted = score(selector, text, start, end)
    if quote >= ACCEPT_QUOTE and weighted >= ACCEPT_SCORE:
        return Placement(AnchorStatus.FUZZY, start, end, weighted)
    return None


def _map(opcodes: Opcodes, position: int, dest_len: int) -> int:
    """Map an offset in the needle to one in the window through edit opcodes."""
    for op in opcodes:
        tag, src_start, src_end = op.tag, op.src_start, op.src_end
        dest_start, dest_end = op.dest_start, op.dest_end
        if tag == "insert" or not src_start <= position < src_end:
            continue
        if tag == "delete":
            return dest_start
        return dest_start + min(position - src_start, dest_end - dest_start)
    return dest_len


@dataclass(frozen=True, slots=True)
class Anchoring:
    """The placement of one annotation, as `reanchor` reports it."""

    annotation: Annotation
    """The annotation placed."""
    placement: Placement
    """Where it landed, or that it is an orphan."""


def placements(
    selectors: Sequence[Selector], text: str, *, same_text: bool = False
) -> Iterator[tuple[int, Placement]]:
    """Place many selectors, yielding `(index, placement)` in the order of their old start.

    Going in text order lets each note start looking where its predecessor moved to: text
    inserted or removed earlier in the article shifts everything after it alike, and this
    keeps most searches near home even when the shift is large.
    """
    shift = 0
    for index in sorted(range(len(selectors)), key=lambda i: (selectors[i].start, i)):
        selector = selectors[index]
        placement = anchor(selector, text, same_text=same_text, shift=shift)
        if placement.placed:
            shift = placement.start - selector.start
        yield index, placement


def reanchor(
    annotations: Iterable[Annotation], text: str, *, same_text: bool = False
) -> list[Anchoring]:
    """Place every live annotation in `text`, in article order (orphans last, by id)."""
    live = [a for a in annotations if a.selector is not None and not a.is_deleted]
    selectors = [a.selector for a in live if a.selector is not None]
    results = [
        Anchoring(live[index], placement)
        for index, placement in placements(selectors, text, same_text=same_text)
    ]
    return sorted(results, key=article_order)


def article_order(item: Anchoring) -> tuple[int, int, int, str]:
    """Sort key: placed notes by position, then orphans, ties by id."""
    placement = item.placement
    return (0 if placement.placed else 1, placement.start, placement.end, item.annotation.id)
