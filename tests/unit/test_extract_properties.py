"""Properties on random text, and linear time on pathological input.

Property tests: extraction never raises, every offset lies inside the text, quotes never overlap
unless one is nested inside the other. Linear-time tests: inputs that make naive scanners or
backtracking regexes blow up (a megabyte of unmatched marks, one huge paragraph) must finish,
and doubling the input must not much more than double the work (measured in CPU time with
generous bounds; the speed targets themselves live in benchmarks/bench_extract.py).
"""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.document import Article, blocks_of, build_article
from reader.extract import QuoteKind, extract
from reader.extract.collector import paused_collector
from reader.extract.spans import MAX_QUOTE_CHARS

MARKS = "\"'“”‘’«»„``''’’"
ALPHABET = MARKS + "abcdeHSTW  ,.:;!?-—\n" + "sáç"
WORDS = [
    "said",
    "told",
    "Erdogan",
    "he",
    "she",
    "the",
    "ministry",
    "according",
    "to",
    "that",
    "Mr.",
    "Ana",
    "Lopes",
    "called",
    "so-called",
    "report",
    "“",
    "”",
    '"',
    "‘",
    "’",
    "'",
    ",",
    ".",
    ":",
    "\n\n",
    "''",
    "``",
    "«",
    "»",
    "„",
    "“",
]


def article(text: str) -> Article:
    return build_article(blocks_of(text.split("\n\n")), title="", source="<test>")


def check(art: Article) -> None:
    extraction = extract(art)
    n = len(art.text)
    ids = {s.id for s in extraction.speakers}
    top = []
    for q in extraction.quotes:
        assert 0 <= q.start <= q.end <= n
        assert 0 <= q.paragraph < len(art.paragraphs)
        for seg in q.segments:
            assert q.start <= seg.start <= seg.end <= q.end
        if q.evidence is not None:
            for span in (q.evidence.cue_span, q.evidence.mention_span):
                if span is not None:
                    assert 0 <= span.start <= span.end <= n
        assert q.speaker is None or q.speaker in ids
        if not q.nested and q.kind is not QuoteKind.INDIRECT:
            top.append(q)
    top.sort(key=lambda q: q.start)
    for a, b in itertools.pairwise(top):
        assert a.end <= b.start, (a, b)
    for q in extraction.quotes:
        if q.nested:
            assert any(p.start <= q.start and q.end <= p.end for p in top), q


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_characters_never_break_extraction(text: str) -> None:
    check(article(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=120))
def test_random_news_like_words_never_break_extraction(words: list[str]) -> None:
    check(article(" ".join(words)))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_breaks_extraction(text: str) -> None:
    check(article(text))


PATHOLOGICAL = [
    ("unmatched straight marks", lambda n: '"' * n),
    ("alternating curly marks with words", lambda n: "“a ”b ‘c ’d «e »f „g " * (n // 24)),
    ("one paragraph with a stray opener", lambda n: '"' + "word and more, said Tom. " * (n // 25)),
    ("opening marks only", lambda n: "“x " * (n // 3)),
    ("possessive apostrophes", lambda n: "the teammates’ " * (n // 15)),
    ("abbreviations", lambda n: "Mr. " * (n // 4)),
    ("capitalised words", lambda n: "Big " * (n // 4)),
    ("cue verbs", lambda n: "said " * (n // 5)),
]


def cpu_seconds(text: str) -> float:
    """This thread's CPU for one extraction of `text`, the collector paused as the reader's is.

    Measures the rules' own scaling, not the test process's: a thread left running by an
    earlier test would be counted in the process's CPU, and full collections walk every
    object the earlier tests left alive. In one CI run the big input measured 2.04 s against
    0.85-0.94 s alone, and the test failed.
    """
    art = article(text)
    with paused_collector():
        start = time.thread_time()
        extract(art)
        return time.thread_time() - start


@pytest.mark.parametrize(("name", "make"), PATHOLOGICAL, ids=[p[0] for p in PATHOLOGICAL])
def test_pathological_input_scales_linearly(name: str, make) -> None:  # type: ignore[no-untyped-def]
    small = cpu_seconds(make(50_000))
    big = cpu_seconds(make(200_000))
    # four times the input; quadratic work would take sixteen times as long
    assert big < 8 * small + 0.5, (name, small, big)


def test_a_megabyte_of_unmatched_marks_finishes() -> None:
    assert cpu_seconds('"' * 1_000_000) < 30
    assert cpu_seconds("“" * 1_000_000) < 30


def test_one_megabyte_paragraph_finishes_and_the_quote_is_capped() -> None:
    text = '"' + "word and more words, said Tom. " * 33_000
    art = article(text)
    start = time.thread_time()
    extraction = extract(art)
    assert time.thread_time() - start < 30
    assert extraction.quotes
    assert all(q.end - q.start <= MAX_QUOTE_CHARS for q in extraction.quotes)
