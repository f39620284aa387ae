"""The library at scale: import with extraction, reindex, `reader said`, library-wide search.

Run: `.venv/bin/python benchmarks/bench_library.py [--articles 1000] [--seed 16]`.

The library is generated: articles of about 5 KB (the issue's 10,000 articles / 50 MB, scaled
by `--articles`) made of invented sentences with recurring people under varied names and
titles, reported speech and quotes, and filler words drawn from a growing vocabulary. Figures:

- import: MB of text per second through `Library.add_all` (extraction included, in worker
  processes), for the first and
  the second half (equal rates mean linear cost);
- reindex: seconds to rebuild the index from the files, and that time scaled to 10,000 articles;
- said: seconds for the whole `reader said NAME` process (median of 5), and in process;
- search: milliseconds per keystroke for queries typed one character at a time (median, p95);
- memory: peak resident set of this process and of the `reader said` process.

Targets (issue 16, at 10,000 articles): import >= 2 MB/s, reindex <= 60 s, said <= 0.3 s,
search <= 50 ms median and <= 120 ms p95, memory <= 150 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.document import blocks_of, build_article  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.library.search import LibrarySearch  # noqa: E402

PEOPLE = [
    ("Recep Tayyip Erdoğan", ["Turkish President Recep Tayyip Erdoğan", "Erdogan", "Erdoğan"]),
    ("Ahmet Kaya", ["Energy Minister Ahmet Kaya", "Kaya"]),
    ("Anna Lindqvist", ["Dr. Anna Lindqvist", "Lindqvist"]),
    ("Jean-Pierre Dubois", ["French Foreign Minister Jean-Pierre Dubois", "Dubois"]),
    ("Maria Santos", ["Mayor Maria Santos", "Santos"]),
    ("Olena Kovalenko", ["Prime Minister Olena Kovalenko", "Kovalenko"]),
    ("Kofi Mensah", ["UN envoy Kofi Mensah", "Mensah"]),
    ("Ngozi Okafor", ["Central bank governor Ngozi Okafor", "Okafor"]),
]
TOPICS = ["dam", "pipeline", "harbour", "budget", "bridge", "grid", "harvest", "border", "port"]
QUERIES = [
    "dam finished spring",
    "Erdgan harbour",
    '"will not stop"',
    "@Kaya budget",
    "pipelne costs",
    "mayor santos bridge",
]
TARGETS = {"import": 2.0, "reindex": 60.0, "said": 0.3, "median": 50.0, "p95": 120.0, "mb": 150}


def _words(rng: random.Random, vocabulary: list[str], count: int) -> str:
    if rng.random() < 0.3:
        vocabulary.append("".join(rng.choice("aeioubcdfgklmnprstvz") for _ in range(7)))
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def article(rng: random.Random, n: int, vocabulary: list[str]):  # type: ignore[no-untyped-def]
    paragraphs = []
    topic = rng.choice(TOPICS)
    while sum(map(len, paragraphs)) < 5000:
        name, aliases = rng.choice(PEOPLE)
        first, later = rng.choice([name, aliases[0]]), rng.choice(aliases[1:])
        filler = _words(rng, vocabulary, 25)
        paragraphs.append(
            f"{first} said on Monday that the {topic} would be finished by spring. "
            f'"We will not stop the {topic} now," {later} told reporters. {filler}.'
        )
    return build_article(blocks_of(paragraphs), title=f"The {topic} {n}", source=f"gen-{n}.txt")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocabulary = [
        "the",
        "a",
        "of",
        "to",
        "and",
        "in",
        "said",
        "would",
        "new",
        "plan",
        "city",
        "water",
        "state",
        "power",
    ]
    root = Path(tempfile.mkdtemp(prefix="bench-library-"))
    library = Library.open(str(root))
    rates = []
    half = args.articles // 2
    for part in (range(half), range(half, args.articles)):
        articles = [article(rng, n, vocabulary) for n in part]
        size = sum(len(a.text.encode()) for a in articles) / 1e6
        start = time.perf_counter()
        library.add_all(articles)
        rates.append(size / (time.perf_counter() - start))
    total_mb = sum(len(library.files.text(row.meta).encode()) for row in library.articles()) / 1e6
    start = time.perf_counter()
    library.reindex()
    reindex = time.perf_counter() - start
    scaled = reindex * 10_000 / args.articles
    start = time.perf_counter()
    person = library.find_person("Erdgan")
    assert person is not None
    said_count = len(library.said(person.id))
    said_in_process = time.perf_counter() - start
    env = {**os.environ, "READER_LIBRARY_DIR": str(root)}
    said_runs = []
    for _ in range(5):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "reader", "said", "Erdgan"], env=env, capture_output=True
        )
        said_runs.append(time.perf_counter() - start)
        assert done.returncode == 0, done.stderr
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    search = LibrarySearch(library)
    timings = []
    for query in QUERIES:
        for end in range(2, len(query) + 1):
            start = time.perf_counter()
            search.search(query[:end], limit=10)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    median, p95 = statistics.median(timings), timings[int(len(timings) * 0.95)]
    said_median = statistics.median(said_runs)
    print(f"library: {args.articles} articles, {total_mb:.1f} MB of text, in {root}")
    print(
        f"import: {rates[0]:.2f} MB/s first half, {rates[1]:.2f} MB/s second half "
        f"(target >= {TARGETS['import']} MB/s)"
    )
    print(
        f"reindex: {reindex:.1f} s; scaled to 10,000 articles {scaled:.0f} s "
        f"(target <= {TARGETS['reindex']:.0f} s)"
    )
    print(
        f"said: whole process {said_median:.2f} s median of 5 "
        f"(min {min(said_runs):.2f}, max {max(said_runs):.2f}); in process "
        f"{said_in_process * 1000:.0f} ms for {said_count} quotes (target <= 0.3 s)"
    )
    print(
        f"search: {len(timings)} keystrokes, median {median:.1f} ms, p95 {p95:.1f} ms "
        f"(targets <= {TARGETS['median']:.0f} / {TARGETS['p95']:.0f} ms)"
    )
    print(
        f"memory: this process peak {_peak_mb():.0f} MB (it generated the articles), "
        f"'reader said' peak {child_mb:.0f} MB (target <= {TARGETS['mb']} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
