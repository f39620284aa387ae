"""Word shingles and text sketches: how the notes lookup recognises an edited article.

A *shingle* is a run of `SHINGLE_WORDS` consecutive lower-cased words, hashed with CRC-32
(stable across processes and machines, unlike `hash()`, and done in C). Shingles survive the
edits a news site makes: a typo fix or a dropped word breaks only the few shingles that span
it; a changed hard wrap or an inserted paragraph breaks none elsewhere.

A *sketch* is the `SKETCH_SIZE` smallest shingle hashes of a text (a bottom-k sketch), and
`resemblance` of two sketches estimates the Jaccard similarity of the two texts' shingle
sets. Measured on generated articles (`benchmarks/bench_notes_lookup.py`): an edit of 1-15 %
of the text leaves a resemblance of 0.64 or more, while an article sharing another's title
and all its wire boilerplate scores at most 0.16.
"""

from __future__ import annotations

import heapq
import itertools
import re
import zlib
from collections.abc import Iterable

SHINGLE_WORDS = 3
"""Words per shingle: short enough that one edited word breaks few, long enough to be rare."""

SKETCH_SIZE = 64
"""Hashes kept in a sketch: the resemblance estimate is within about ±0.06 of the truth."""

SKETCH_CHARS = 400_000
"""Characters of a text sketched at most (a book is recognised by its first part)."""

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, punctuation and line breaks dropped."""
    return _WORD.findall(text.lower())


def shingles(text: str) -> set[int]:
    """The hashed word shingles of `text` (a text shorter than a shingle gives one or none)."""
    found = words(text)
    if len(found) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(found).encode())} if found else set()
    crc = zlib.crc32
    return {
        crc(" ".join(found[i : i + SHINGLE_WORDS]).encode())
        for i in range(len(found) - SHINGLE_WORDS + 1)
    }


SKETCH_BATCH = 4096
"""Words hashed at a time while sketching: the working set is one batch's, not the text's."""


def sketch(text: str) -> tuple[int, ...]:
    """The bottom-`SKETCH_SIZE` sketch of `text` (its first `SKETCH_CHARS` characters).

    The same values as the smallest of `shingles(text[:SKETCH_CHARS])`, found a batch of words
    at a time: holding all of a book's 400,000 characters as words and their hashes at once
    raised the reader's peak by 8.7 MB (bench_ui's 3 MB book), most of it kept by the
    allocator after the lists were freed.
    """
    found = (match.group() for match in _WORD.finditer(text[:SKETCH_CHARS].lower()))
    crc = zlib.crc32
    smallest: list[int] = []
    carried: list[str] = []  # the last words of the batch before: shingles span batches
    while batch := carried + list(itertools.islice(found, SKETCH_BATCH)):
        if len(batch) == len(carried):
            break
        hashes = {
            crc(" ".join(batch[i : i + SHINGLE_WORDS]).encode())
            for i in range(len(batch) - SHINGLE_WORDS + 1)
        }
        smallest = heapq.nsmallest(SKETCH_SIZE, hashes.union(smallest))
        carried = batch[-(SHINGLE_WORDS - 1) :]
        if len(batch) < SHINGLE_WORDS:  # a text shorter than a shingle: one or none
            smallest = [crc(" ".join(batch).encode())]
            break
    return tuple(sorted(smallest))


def resemblance(first: Iterable[int], second: Iterable[int]) -> float:
    """Estimated Jaccard similarity of the two texts whose sketches these are (0 to 1)."""
    a, b = set(first), set(second)
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, a | b)
    return sum(1 for value in union if value in a and value in b) / len(union)


def encode_sketch(values: Iterable[int]) -> str:
    """A sketch as text, for the index."""
    return " ".join(f"{value:x}" for value in values)


def decode_sketch(text: str) -> tuple[int, ...]:
    """The sketch written by `encode_sketch` (an empty tuple for damaged text)."""
    try:
        return tuple(int(part, 16) for part in text.split())
    except ValueError:
        return ()
