"""The extraction child of a 3 MB book peaks under 60 MB (issue 17), read from the kernel."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_child_memory import TARGET_MB, child_run
from benchmarks.book import make_book


@pytest.mark.slow
def test_the_extraction_child_of_a_3_mb_book_stays_under_60_mb(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text(make_book(), encoding="utf-8")  # 3.1 M characters, about 20,000 quotes
    peak, _cpu, lines, chars = child_run(path)
    assert chars > 3_000_000 and lines > 10
    assert peak < TARGET_MB, f"the child peaked at {peak:.1f} MB"
