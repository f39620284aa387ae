"""Peak memory of the extraction child on 3 MB books (issue 17 wants it under 60 MB).

The reader itself extracts in a thread of its own process (`reader.ui.background`), where
bench_ui's memory figures count it; this measures the same extraction in the child that
`BackgroundExtractor(child=True)` starts.

Runs the child exactly as the reader did (`python -P -m reader.ui.background`, the article
written to its stdin by `reader.packing.write_article`, its answer read to the end) on three
books of about 3 MB, and reads the child's own peak resident set from `os.wait4`, which the
kernel keeps per process (no sampling can miss a short peak). Also prints the child's CPU time
and how many lines of quotes it sent.

Linux counts into a child's peak the size of the process it was started from (the exec keeps
the larger), so each child is started by a small launcher process before the launcher loads
the book: the launcher's ~20 MB then, far below the child's peak, cannot be what is read.

    .venv/bin/python benchmarks/bench_child_memory.py [--runs N] [--huge]

The books: `benchmarks/book.py`'s (hard-wrapped prose, about 20,000 quotes), the development
set repeated (`bench_extract.book`), and `pty_harness.make_book`'s (one line per paragraph).
Exits 1 when a median is 60 MB or more.

Each book's `reader quotes BOOK --format json` is measured the same way, the whole command as
its own process (`QUOTES_TARGET_MB`): it holds the extraction, the input read again to count
offsets in it, and the quotes as they are written. When it built every quote's dict and a dict
of tuples a span to move the offsets, it peaked at 97.5 MB on `benchmarks/book.py`'s book.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import bench_extract, pty_harness  # noqa: E402
from benchmarks.book import make_book  # noqa: E402

TARGET_MB = 60
QUOTES_TARGET_MB = 65
"""The peak of the whole `reader quotes BOOK --format json` process on a 3 MB book."""


def books(directory: Path, huge: bool = False) -> dict[str, Path]:
    """The three ~3 MB books (and with `huge` bench_ui's 30 MB text), written into `directory`."""
    paths = {
        "benchmarks/book.py": directory / "book-py.txt",
        "development set repeated": directory / "dev-set.txt",
        "bench_ui book": directory / "bench-ui.txt",
    }
    paths["benchmarks/book.py"].write_text(make_book(), encoding="utf-8")
    paths["development set repeated"].write_text(bench_extract.book(), encoding="utf-8")
    pty_harness.make_book(paths["bench_ui book"])
    if huge:
        paths["bench_ui 30 MB text"] = directory / "bench-ui-30.txt"
        pty_harness.make_book(paths["bench_ui 30 MB text"], size=30_000_000, seed=30)
    return paths


LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(
    [sys.executable, "-P", "-m", "reader.ui.background"],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE,
)
from pathlib import Path
from reader.load import load_path
from reader.packing import write_article
from reader.ui.background import read_frame, read_frames
article = load_path(Path(sys.argv[1]))
with child.stdin:
    write_article(child.stdin, article)
with child.stdout:
    status = read_frame(child.stdout)
    lines = read_frames(child.stdout)
_pid, _code, usage = os.wait4(child.pid, 0)
child.returncode = 0
assert status == b"ok", status
print(usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, len(lines), len(article.text))
"""
"""Started afresh for each run: starts the child while small, then loads and sends the book."""


def launched(launcher: str, path: Path) -> list[str]:
    """The words a fresh `python -c launcher path` prints: its child's figures."""
    done = subprocess.run(
        [sys.executable, "-c", launcher, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout.split()


def child_run(path: Path) -> tuple[float, float, int, int]:
    """Peak MB, CPU seconds, quote lines and characters of one extraction child on `path`."""
    peak, cpu, lines, chars = launched(LAUNCHER, path)
    return float(peak), float(cpu), int(lines), int(chars)


QUOTES_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(
    [sys.executable, "-m", "reader", "quotes", sys.argv[1], "--format", "json"],
    stdout=subprocess.DEVNULL,
)
_pid, code, usage = os.wait4(child.pid, 0)
assert code == 0, code
print(usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)
"""
"""Started afresh for each run, small: `reader quotes` on the book, its output thrown away."""


def quotes_run(path: Path) -> tuple[float, float]:
    """Peak MB and CPU seconds of one `reader quotes PATH --format json` process."""
    peak, cpu = launched(QUOTES_LAUNCHER, path)
    return float(peak), float(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per book")
    parser.add_argument("--huge", action="store_true", help="also bench_ui's 30 MB text")
    args = parser.parse_args()
    print(f"load {os.getloadavg()[0]:.1f} ({os.cpu_count()} cpus); medians of {args.runs} runs")
    missed = False
    with tempfile.TemporaryDirectory(prefix="bench-child-") as tmp:
        paths = books(Path(tmp), args.huge)
        results = {
            name: [child_run(path) for _ in range(args.runs)] for name, path in paths.items()
        }
        for name, runs in results.items():
            peaks = [peak for peak, _, _, _ in runs]
            cpu = statistics.median(seconds for _, seconds, _, _ in runs)
            peak = statistics.median(peaks)
            missed |= peak >= TARGET_MB and runs[0][3] < 10_000_000  # the target is for 3 MB
            print(
                f"  {name:<26} {runs[0][3] / 1e6:4.1f} M chars  peak {peak:5.1f} MB"
                f" ({min(peaks):.1f}-{max(peaks):.1f})  cpu {cpu:.2f} s"
                + (
                    f"  {'ok' if peak < TARGET_MB else 'MISSED'} (target < {TARGET_MB} MB)"
                    if runs[0][3] < 10_000_000
                    else ""
                )
            )
            if runs[0][3] < 10_000_000:
                missed |= _quotes_row(paths[name], args.runs)
    return 1 if missed else 0


def _quotes_row(path: Path, runs: int) -> bool:
    """Print the `reader quotes` row of a book; True when its median misses the target."""
    measured = [quotes_run(path) for _ in range(runs)]
    peaks = [peak for peak, _ in measured]
    peak = statistics.median(peaks)
    ok = peak < QUOTES_TARGET_MB
    print(
        f"  {'  reader quotes --format json':<26} {'':13} peak {peak:5.1f} MB"
        f" ({min(peaks):.1f}-{max(peaks):.1f})  cpu"
        f" {statistics.median(cpu for _, cpu in measured):.2f} s"
        f"  {'ok' if ok else 'MISSED'} (target < {QUOTES_TARGET_MB} MB)"
    )
    return not ok


if __name__ == "__main__":
    sys.exit(main())
