"""A text's sketch: the smallest shingle hashes, found without holding a book's shingles at once."""

from __future__ import annotations

import heapq
import random
import tracemalloc

import pytest

from annotations.shingles import SKETCH_CHARS, SKETCH_SIZE, shingles, sketch


def _whole(text: str) -> tuple[int, ...]:
    """The sketch as defined: the smallest hashes of all the shingles of the text's head."""
    return tuple(sorted(heapq.nsmallest(SKETCH_SIZE, shingles(text[:SKETCH_CHARS]))))


WORDS = ("river", "Bridge", "vote", "ΣΟΦΟΣ", "İzmir", "é")


def _words(count: int, seed: int, words: tuple[str, ...] = WORDS) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(words) for _ in range(count))


CASES = [
    ("empty text", ""),
    ("one word", "Council"),
    ("two words", "council bridge"),
    ("exactly one shingle", "the council voted"),
    ("final sigma lowered in context", "ΟΔΟΣ ΣΟΦΟΣ ΟΔΟΣ"),
    ("a shingle across the first batch's end", _words(4097, 1)),
    ("many batches", _words(30_000, 2)),
    ("longer than the sketched head", _words(120_000, 3)),
]


@pytest.mark.parametrize(("name", "text"), CASES, ids=[name for name, _ in CASES])
def test_sketch_is_the_smallest_shingle_hashes(name: str, text: str) -> None:
    assert sketch(text) == _whole(text)


def test_sketching_a_book_holds_one_batch_of_words_not_the_whole_head() -> None:
    # a book: its whole sketched head is 400,000 characters (ASCII: a text with wider
    # characters adds lower()'s own buffer, 4.8 MB for a moment, in both versions)
    text = _words(200_000, 4, ("council", "bridge", "vote", "river", "the"))
    tracemalloc.start()
    try:
        sketch(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the head's words and their hashes held at once: 4.7 MB traced here, and 8.7 MB more
    # resident at the peak for bench_ui's book
    assert peak < 2 * 2**20
