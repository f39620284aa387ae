"""Benchmark: load and parse a ~3 MB plain-text book; peak memory; `reader dump` wall time.

Run: `.venv/bin/python -m benchmarks.bench_load`. Target: load-and-parse under 0.3 s and
under 100 MB.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from benchmarks.book import book_path
from reader.load import load_path

READER = Path(sys.executable).parent / "reader"


def main() -> None:
    path = book_path()
    size_mb = path.stat().st_size / 1024 / 1024
    times = []
    for _ in range(7):
        start = time.perf_counter()
        article = load_path(path)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    load_path(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import resource; from reader.load import load_path; "
            f"from pathlib import Path; load_path(Path({str(path)!r})); "
            f"print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    dumps = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([str(READER), "dump", str(path)], stdout=subprocess.DEVNULL, check=True)
        dumps.append(time.perf_counter() - start)
    print(f"book: {path} ({size_mb:.2f} MB, {len(article.paragraphs)} paragraphs)")
    print(
        f"load+parse: median {statistics.median(times) * 1000:.0f} ms, "
        f"best {min(times) * 1000:.0f} ms (target < 300 ms)"
    )
    print(f"peak traced memory while loading: {peak / 1024 / 1024:.1f} MB (target < 100 MB)")
    print(f"peak RSS of a process that loads it: {int(rss.stdout) / 1024:.1f} MB")
    print(f"reader dump wall time: median {statistics.median(dumps) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
