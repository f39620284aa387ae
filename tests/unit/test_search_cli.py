"""`reader search FILE QUERY`: what a script sees on stdout and in the exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.load import load_path

ARTICLE = Path(__file__).parent.parent / "data" / "search" / "ceasefire.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_ranked_paragraphs_with_offsets_and_snippets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, str(ARTICLE), "humanitarian catastrofe", "--format", "json")
    assert code == 0
    data = json.loads(out)
    article = load_path(ARTICLE)
    best = data["results"][0]
    paragraph = article.paragraphs[best["paragraph"] - 1]  # numbered from 1
    assert best["paragraph_id"] == paragraph.id
    assert (best["start"], best["end"]) == (paragraph.start, paragraph.end)
    assert "humanitarian catastrophe" in best["snippet"]
    assert [article.text[a:b] for a, b in best["spans"]] == ["humanitarian", "catastrophe"]
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    assert data["literal_matches"] == 0


def test_limit_caps_the_results(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(ARTICLE), "the", "--format", "json", "--limit", "2")
    assert len(json.loads(out)["results"]) == 2


def test_table_shows_one_aligned_row_per_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(ARTICLE), "cavusoglu", "--limit", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["#", "paragraph", "offsets", "score", "speaker", "snippet"]
    first = lines[1].split()
    assert first[0] == "1"
    assert first[1] == load_path(ARTICLE).paragraphs[3].id
    assert "Çavuşoğlu" in lines[1]


def test_no_result_exits_1_like_grep(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(ARTICLE), "zzqxj")
    assert code == 1
    assert out == ""
    assert "no results" in err


def test_quotes_scope_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(ARTICLE), "diesel", "--scope", "quotes", "--format", "json")
    data = json.loads(out)
    assert data["scope"] == "quotes"
    assert all(r["kind"] == "quote" for r in data["results"])
    assert code == (0 if data["results"] else 1)


def test_bad_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(ARTICLE), "x", "--limit", "0"]) == 2
    err = capsys.readouterr().err
    assert "at least 1" in err
    assert err.count("\n") == 1  # one line, no usage block


def test_search_is_listed_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "search" in capsys.readouterr().out
