"""The ranking test set: typed queries and the passage a reader means by each.

The queries live in `tests/data/search/queries.yaml`; each names the expected best paragraph
by a piece of text only that paragraph holds, so the file reads without paragraph numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from reader.document import Article
from reader.load import load_path, load_sample
from reader.search.index import SearchIndex

DATA = Path(__file__).parent.parent / "data" / "search"


@dataclass(frozen=True)
class RankingCase:
    """One query of the set."""

    article: str
    kind: str
    query: str
    expect: str

    @property
    def name(self) -> str:
        return f"{self.kind}: {self.query} ({self.article})"


def _cases() -> list[RankingCase]:
    data = yaml.safe_load((DATA / "queries.yaml").read_text(encoding="utf-8"))
    return [RankingCase(**entry) for entry in data["queries"]]


CASES = _cases()


@cache
def _article(name: str) -> Article:
    return load_sample() if name == "<sample>" else load_path(DATA / name)


@cache
def _index(name: str) -> SearchIndex:
    return SearchIndex(_article(name))


def _expected_paragraph(case: RankingCase) -> int:
    holders = [p.position for p in _article(case.article).paragraphs if case.expect in p.text]
    assert len(holders) == 1, f"{case.name}: {case.expect!r} is in paragraphs {holders}"
    return holders[0]


def _rank_of_expected(case: RankingCase) -> int | None:
    """1-based rank of the expected paragraph among the results, None when missing."""
    results = _index(case.article).search(case.query, limit=10)
    assert results is not None
    ranked = [hit.paragraph_index for hit in results.hits]
    expected = _expected_paragraph(case)
    return ranked.index(expected) + 1 if expected in ranked else None


def test_the_set_is_large_and_varied() -> None:
    assert len(CASES) >= 30
    assert {"typo", "partial", "reordered", "diacritics", "phrase", "case"} <= {
        c.kind for c in CASES
    }
    assert len({c.article for c in CASES}) >= 3


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_expected_passage_is_in_the_top_three(case: RankingCase) -> None:
    rank = _rank_of_expected(case)
    assert rank is not None and rank <= 3, f"{case.name}: expected passage ranked {rank}"


def test_expected_passage_comes_first_for_nine_queries_in_ten() -> None:
    misses = [c.name for c in CASES if _rank_of_expected(c) != 1]
    top1 = 1 - len(misses) / len(CASES)
    assert top1 >= 0.9, f"top-1 {top1:.0%}; not first: {misses}"
