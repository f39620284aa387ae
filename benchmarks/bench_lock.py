"""Concurrent writers on one notes file: no save gives up, every note is on disk.

Run: `.venv/bin/python benchmarks/bench_lock.py [--writers 3] [--notes 300]`

Each writer is its own process with its own `NotesStore` on the same article, adding its
notes one by one as fast as it can (each add is a save: lock, re-read, merge, write). It
reports the number of saves that failed and the longest and 99th-percentile wait for the
lock per writer; at the end the file must hold writers x notes live notes.

Target (issue 18): with 3 writers x 300 notes, 0 saves fail (a save gives up after
`annotations.notes_disk.LOCK_TIMEOUT` seconds), and all 900 notes are on disk.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WRITER = """
import contextlib, json, sys, time
from pathlib import Path
import annotations.notes_disk as store_module
from annotations.store import NotesStore, StoreError
from reader.document import blocks_of, build_article

waits = []
real_lock = store_module.file_lock

@contextlib.contextmanager
def timed_lock(path, timeout):
    started = time.monotonic()
    with real_lock(path, timeout):
        waits.append(time.monotonic() - started)
        yield

store_module.file_lock = timed_lock
notes_dir, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
paragraphs = [f"Paragraph {i} of the shared article, with words to highlight." for i in range(50)]
article = build_article(blocks_of(paragraphs), title="Shared", source="shared.txt")
store = NotesStore.open(article, notes_dir, author=name)
print("ready", flush=True)
sys.stdin.readline()
failed = 0
for i in range(count):
    start = article.text.index(f"Paragraph {i % 50} ")
    try:
        store.add(article.text, start, start + 12, note=f"{name} {i}")
    except StoreError:
        failed += 1
print(json.dumps({"failed": failed, "waits": waits}), flush=True)
"""


def main() -> None:
    """Run the writers at once and print what they saw."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--notes", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, directory, f"w{n}", str(args.notes)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for n in range(args.writers)
        ]
        for writer in writers:
            assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        started = time.monotonic()
        for writer in writers:
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        results = [json.loads(writer.communicate()[0]) for writer in writers]
        elapsed = time.monotonic() - started
        from annotations.yaml_io import parse_bytes

        (path,) = Path(directory).glob("*.notes.yaml")
        on_disk = len(parse_bytes(path.read_bytes(), path.name).live)
    print(f"{args.writers} writers x {args.notes} notes in {elapsed:.1f} s")
    for n, result in enumerate(results):
        waits = sorted(result["waits"])
        p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))] if waits else 0.0
        print(
            f"  writer {n}: {result['failed']} saves failed; lock wait median "
            f"{statistics.median(waits) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"max {max(waits, default=0) * 1000:.0f} ms"
        )
    expected = args.writers * args.notes
    failed = sum(r["failed"] for r in results)
    print(f"notes on disk: {on_disk} of {expected}; failed saves: {failed}")
    sys.exit(0 if failed == 0 and on_disk == expected else 1)


if __name__ == "__main__":
    main()
