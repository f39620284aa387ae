"""Opening a big text holds it in memory about twice at most, never three or four times.

A 30 MB book (UCS-2 once one character is outside Latin-1: 60 MB as a str) used to be held as
the decoded text, its paragraphs and the joined article all at once while it opened, after the
first screens had decoded the whole file only to check it: the reader's peak, 290 MB.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

from reader.document import Article
from reader.load.progressive import open_progressively

PARAGRAPH = (
    "The council met again on Thursday, and “nothing was decided”, said Ines Ferrante-Ruiz, "
    "who has chaired the bridge committee since the ’90s. Residents waited outside. "
)


def _peak(step: Callable[[], object]) -> tuple[object, int]:
    """What `step` returns and the most memory it held at once, in bytes."""
    tracemalloc.start()
    try:
        result = step()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_book_opens_without_holding_its_text_three_times(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    body = "\n\n".join(f"Part {n}: {PARAGRAPH}" for n in range(12_000))
    path.write_text("The Long Testimony\n\n" + body + "\n", encoding="utf-8")
    opened, preview_peak = _peak(lambda: open_progressively(str(path)))
    assert opened is not None
    _preview, whole = opened
    article, whole_peak = _peak(whole)
    assert isinstance(article, Article)
    text_bytes = 2 * len(article.text)  # UCS-2: “ and ’ are outside Latin-1
    file_bytes = path.stat().st_size
    # the first screens: the file's bytes, checked a slice at a time, not decoded whole
    preview_extra = (preview_peak - file_bytes) / text_bytes
    assert preview_extra < 0.25, f"preview: the file and {preview_extra:.2f}x the text"
    # the whole: the paragraphs (and their tuples) and the joined text, not the decoded text too
    assert whole_peak < 2.75 * text_bytes, f"whole {whole_peak / text_bytes:.2f}x the text"
