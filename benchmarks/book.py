"""Generate a ~3 MB plain-text book for the benchmarks: hard-wrapped prose with dialogue and quotes.

The text is made of original sentences shuffled with a fixed seed, so every run and machine
measures the same bytes; it is written once into a cache directory.
"""

from __future__ import annotations

import random
import tempfile
import textwrap
from pathlib import Path

SENTENCES = [
    "The river rose again during the night and the old bridge stayed closed.",
    "Nobody in the village could remember a winter quite like this one.",
    '"We will rebuild it before the spring," said the mayor, Ines Ferrante-Ruiz.',
    "The engineer told reporters that the piers had been undermined beyond repair.",
    "“I don’t support pretending that money appears from nowhere,” Amsel said.",
    "According to the water authority, the Wend is now a high-risk river.",
    "She walked along the embankment, counting the sandbags that were left.",
    "Trains were cancelled across the valley, and the buses ran an hour late.",
    "He added that the work could begin in January if the weather held.",
    "Children in Port Alden took a ferry to school for the first time in decades.",
    "The council met on Tuesday evening to argue, once more, about the budget.",
    "Wiśniewski said the new span would need to sit a metre higher than the old one.",
    "In the bakery on the far side, takings had fallen by half since October.",
    "The report, called “Rivers at Risk”, is due to be published in the new year.",
    "Çavuşoğlu, who chaired the regional board, promised a decision within a month.",
]


def make_book(size: int = 3 * 1024 * 1024, seed: int = 7) -> str:
    """Return about `size` bytes of hard-wrapped prose in paragraphs, with a title."""
    rng = random.Random(seed)
    parts = ["The Long Winter of Port Alden", ""]
    total = 0
    chapter = 0
    while total < size:
        if rng.random() < 0.02:
            chapter += 1
            parts += [f"CHAPTER {chapter}", ""]
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 9)))
        wrapped = textwrap.fill(paragraph, 70)
        parts += [wrapped, ""]
        total += len(wrapped.encode()) + 1
    return "\n".join(parts)


def book_path(size: int = 3 * 1024 * 1024) -> Path:
    """Write the book once to a temporary cache file and return its path."""
    path = Path(tempfile.gettempdir()) / f"reader-bench-book-{size}.txt"
    if not path.exists():
        path.write_text(make_book(size), encoding="utf-8")
    return path
