"""Search history (up/down in the bar, kept per article) and palette scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.search import SearchHistory, load_history, save_history
from reader.search.palette import rank_labels
from reader.search.rank import _candidates

# --- history --------------------------------------------------------------------------------


def test_history_is_kept_per_article_newest_last_without_repeats() -> None:
    history = SearchHistory()
    history.add("article-a", "bridge")
    history.add("article-a", "mayor")
    history.add("article-b", "glacier")
    history.add("article-a", "bridge")
    history.add("article-a", "   ")
    assert history.entries("article-a") == ["mayor", "bridge"]
    assert history.entries("article-b") == ["glacier"]
    assert history.entries("article-c") == []


def test_history_forgets_the_oldest_beyond_its_limit() -> None:
    history = SearchHistory(limit=3)
    for query in ["one", "two", "three", "four"]:
        history.add("a", query)
    assert history.entries("a") == ["two", "three", "four"]


def test_up_and_down_step_through_past_searches_and_back_to_the_draft() -> None:
    history = SearchHistory()
    for query in ["first", "second", "third"]:
        history.add("a", query)
    cursor = history.cursor("a")
    assert cursor.newer("draft") == "draft"
    assert cursor.older("draft") == "third"
    assert cursor.older("third") == "second"
    assert cursor.older("second") == "first"
    assert cursor.older("first") == "first"
    assert cursor.newer("first") == "second"
    assert cursor.newer("second") == "third"
    assert cursor.newer("third") == "draft"


def test_up_with_no_history_keeps_what_was_typed() -> None:
    assert SearchHistory().cursor("a").older("typed") == "typed"


def test_history_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state" / "search-history.json"
    history = SearchHistory()
    history.add("a", "Çavuşoğlu")
    history.add("b", '"exact phrase"')
    save_history(history, path)
    again = load_history(path)
    assert again.entries("a") == ["Çavuşoğlu"]
    assert again.entries("b") == ['"exact phrase"']


def test_a_missing_or_damaged_history_file_is_an_empty_history(tmp_path: Path) -> None:
    assert load_history(tmp_path / "missing.json").entries("a") == []
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{not json", encoding="utf-8")
    assert load_history(damaged).entries("a") == []
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")  # not UTF-8: still no crash
    assert load_history(binary).entries("a") == []


# --- palette --------------------------------------------------------------------------------

LABELS = [
    "Speaker: Deniz Çavuşoğlu",
    "Speaker: Selin Erdoğan",
    "Quote: “We are not asking for a political settlement. We are asking for a road…”",
    "Heading: Talks resume on Saturday",
    "Command: toggle dark mode",
    "Command: quit",
]


def test_palette_finds_a_speaker_typed_without_diacritics() -> None:
    best = rank_labels("cavusoglu", LABELS)[0]
    assert best.label == "Speaker: Deniz Çavuşoğlu"
    assert "".join(best.label[i] for i in best.positions) == "Çavuşoğlu"


def test_palette_forgives_typos_and_ranks_the_closest_first() -> None:
    assert rank_labels("erdgan", LABELS)[0].label == "Speaker: Selin Erdoğan"
    assert rank_labels("politcal setlement", LABELS)[0].index == 2
    assert rank_labels("dark", LABELS)[0].label == "Command: toggle dark mode"


def test_palette_with_an_empty_query_offers_everything_in_order() -> None:
    assert [m.index for m in rank_labels("", LABELS, limit=3)] == [0, 1, 2]


def test_palette_offers_nothing_for_nonsense() -> None:
    assert rank_labels("zzqxj", LABELS) == []


def test_palette_scores_hundreds_of_long_labels() -> None:
    labels = [f"Quote: paragraph {n} says something about the weather" for n in range(500)]
    labels.append("Quote: the harbour will be bought back by the fishermen")
    assert rank_labels("harbor bought back", labels)[0].index == 500


CANDIDATE_CASES = [
    # (case, coverage by unit, units holding the query as typed, how many, expected units)
    ("best coverage first", {1: 0.2, 2: 0.9, 3: 0.5}, set(), 2, [2, 3]),
    ("ties go to the earlier unit", {7: 0.5, 3: 0.5, 5: 0.5}, set(), 2, [3, 5]),
    ("a literal holder jumps the queue", {1: 0.9, 2: 0.1, 3: 0.8}, {2}, 2, [2, 1]),
    ("literal holders beyond the count", {1: 0.9, 2: 0.1, 3: 0.2}, {2, 3}, 1, [3]),
    ("a literal holder left out by the filters", {1: 0.9, 3: 0.8}, {2}, 2, [1, 3]),
    ("fewer passages than asked", {4: 0.3}, {4}, 5, [4]),
]


@pytest.mark.parametrize(
    ("coverage", "first", "count", "expected"),
    [case[1:] for case in CANDIDATE_CASES],
    ids=[case[0] for case in CANDIDATE_CASES],
)
def test_stage_one_candidates(
    coverage: dict[int, float], first: set[int], count: int, expected: list[int]
) -> None:
    chosen = _candidates(coverage, first, count)
    assert [unit for unit, _cover in chosen] == expected
    assert all(cover == coverage[unit] for unit, cover in chosen)
