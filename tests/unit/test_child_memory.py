"""The extraction child of a 3 MB book peaks under 60 MB (issue 17), read from the kernel.

So does `reader quotes BOOK --format json` under 65 MB, the whole command: it peaked at 97.5 MB
when it held every quote's dict and a dict of tuples a span to count offsets in the input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_child_memory import QUOTES_TARGET_MB, TARGET_MB, child_run, quotes_run
from benchmarks.book import make_book


@pytest.mark.slow
def test_the_extraction_child_of_a_3_mb_book_stays_under_60_mb(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text(make_book(), encoding="utf-8")  # 3.1 M characters, about 20,000 quotes
    peak, _cpu, lines, chars = child_run(path)
    assert chars > 3_000_000 and lines > 10
    assert peak < TARGET_MB, f"the child peaked at {peak:.1f} MB"


@pytest.mark.slow
def test_reader_quotes_of_a_3_mb_book_as_json_stays_under_65_mb(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text(make_book(), encoding="utf-8")
    peak, _cpu = quotes_run(path)
    assert peak < QUOTES_TARGET_MB, f"reader quotes peaked at {peak:.1f} MB"
