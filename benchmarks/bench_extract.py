"""Benchmark: quote and speaker extraction over a ~3 MB book, and over pathological inputs.

The book is the development set (tests/data/extract/articles) repeated, with the names varied
per copy so that speakers do not all merge, until it is about 3 MB: one `Article` of ~25,000
paragraphs. The issue's target is under one second for the book.

    .venv/bin/python benchmarks/bench_extract.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.book import make_book
from reader.document import Article, blocks_of, build_article
from reader.extract import QuoteKind, extract
from reader.extract.collector import paused_collector
from reader.extract.paragraphs import Paras
from reader.extract.spans import find_spans

ROOT = Path(__file__).resolve().parents[1]
TARGET_BYTES = 3_000_000


def book() -> str:
    """The dev-set articles repeated (names suffixed per copy) up to about 3 MB."""
    articles = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "tests" / "data" / "extract" / "articles").glob("*.txt"))
    ]
    parts: list[str] = []
    size = copy = 0
    while size < TARGET_BYTES:
        for text in articles:
            varied = text.replace(" said", " says" if copy % 2 else " said").replace(
                "Ortega", f"Ortega{copy % 7 or ''}"
            )
            parts.append(varied)
            size += len(varied.encode("utf-8"))
        copy += 1
    return "\n\n".join(parts)


def namesakes(size: int = 2_000_000) -> str:
    """Short items, each naming a new person who shares the given name of all the others.

    A speaker table that compares its people field by field in its name buckets (as
    `SpeakerTable` did until `Cluster` compared by identity) takes time quadratic in their
    number here: 48 s of CPU for these 2 MB, against 2.5 s since (a 3 MB book of the
    development set takes about 1.7 s).
    """
    parts: list[str] = []
    total = n = 0
    while total < size:
        item = (
            f"Officials met Deputy Minister Daniel Okonkwo{n} at the harbour on Tuesday.\n\n"
            f'"We will rebuild the bridge before the spring," Okonkwo{n} said.'
        )
        parts.append(item)
        total += len(item) + 2
        n += 1
    return "\n\n".join(parts)


def timed(
    label: str,
    text: str,
    repeat: int = 3,
    *,
    load: bool = False,
    phases: bool = False,
    collector: bool = False,
) -> float:
    """Best CPU time of `repeat` extractions of `text`, printed with its rate.

    The collector is paused around each run as the reader's extraction child and subcommands
    do (`reader.extract.collector`); `collector=True` leaves it running, as a library caller's
    would.
    """
    if load:
        from reader.load import load_bytes

        article = load_bytes(text.encode("utf-8"), name="book.txt", source="<bench>")
    else:
        article = build_article(blocks_of(text.split("\n\n")), title="", source="<bench>")
    best = float("inf")
    extraction = None
    for _ in range(repeat):
        extraction = None  # the last run's result is freed before the clock starts
        with nullcontext() if collector else paused_collector():
            start = time.process_time()  # CPU time: the machine may be shared
            extraction = extract(article)
            best = min(best, time.process_time() - start)
    assert extraction is not None
    counts = {k.value: sum(1 for q in extraction.quotes if q.kind is k) for k in QuoteKind}
    mb = len(text.encode("utf-8")) / 1e6
    print(
        f"{label:<34} {mb:6.2f} MB  {len(article.paragraphs):>6} paragraphs  "
        f"{best:6.3f} s  {mb / best:6.2f} MB/s  quotes={sum(counts.values())} "
        f"speakers={len(extraction.speakers)}"
    )
    if phases:
        print_phases(article, best, repeat)
    return best


def print_phases(article: Article, total: float, repeat: int) -> None:
    """Where the time goes: pairing the marks, tokenizing the narration, and the rules.

    The first two are the floor any rule set pays in pure Python: the marks must be paired and
    the narration split into located words before a rule can read it. Every paragraph is
    tokenized here (the pipeline skips the few with no quote, cue word or quoted neighbour), so
    the remainder slightly understates what the rules, the speaker table and the output cost.
    """
    text, paragraphs = article.text, article.paragraphs

    def best_of(work: Callable[[], object]) -> float:
        best = float("inf")
        for _ in range(repeat):
            with paused_collector():  # as the extraction is timed
                start = time.process_time()
                work()
                best = min(best, time.process_time() - start)
        return best

    raws = find_spans(text, paragraphs)

    def tokenize_all() -> None:
        paras = Paras(text, article, raws)
        for number in range(len(paragraphs)):
            paras[number]  # tokenized on first use
            paras.drop(number)

    spans = best_of(lambda: find_spans(text, paragraphs))
    tokens = best_of(tokenize_all)
    rest = total - spans - tokens
    for name, seconds in (
        ("pairing quotation marks", spans),
        ("tokenizing narration", tokens),
        ("rules, speakers, output", rest),
    ):
        print(f"    {name:<30} {seconds:6.3f} s  {seconds / total:4.0%}")


def main() -> int:
    seconds = timed("book (dev set repeated)", book(), phases=True)
    running = timed("the same, the collector running", book(), collector=True)
    ratio = running / seconds
    print(f"    collector running / paused: {ratio:.2f}x (see reader.extract.collector)")
    timed("benchmarks/book.py prose book", make_book(), load=True, phases=True)
    timed("1 MB of straight double marks", '"' * 1_000_000, repeat=1)
    timed("1 MB of alternating curly marks", "“a ”b ‘c ’d " * 90_000, repeat=1)
    timed(
        "one 1 MB paragraph, one stray mark",
        '"' + "word and more words, said Tom. " * 33_000,
        repeat=1,
    )
    timed("2 MB of people sharing a given name", namesakes(), repeat=1, load=True)
    print(f"book target (< 1 s): {'met' if seconds < 1.0 else 'NOT met'} ({seconds:.3f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
