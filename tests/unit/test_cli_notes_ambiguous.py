"""`reader notes add` with a passage found many times: each paragraph is named once, none lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main


def ambiguous_add(capsys: pytest.CaptureFixture[str], tmp_path: Path, paragraphs: list[str]) -> str:
    """The error `notes add --quote bridge` gives on an article of `paragraphs`."""
    article = tmp_path / "article.txt"
    article.write_text("Bridges\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    code = main(
        ["notes", "add", str(article), "--quote", "bridge", "--notes-dir", str(tmp_path / "n")]
    )
    assert code == 2
    return capsys.readouterr().err


def test_a_paragraph_with_the_passage_twice_is_named_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    paragraphs = ["The bridge and the bridge.", "No crossing here.", "A third bridge."]
    err = ambiguous_add(capsys, tmp_path, paragraphs)
    assert "occurs 3 times (paragraphs 1, 3);" in err


def test_one_paragraph_holding_every_occurrence_is_one_paragraph(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    err = ambiguous_add(capsys, tmp_path, ["A bridge, a bridge, a bridge."])
    assert "occurs 3 times (paragraph 1);" in err


def test_a_long_list_says_how_many_more_instead_of_stopping_short(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    paragraphs = [f"Paragraph {n} is about a bridge." for n in range(1, 31)]
    err = ambiguous_add(capsys, tmp_path, paragraphs)
    listed = ", ".join(str(n) for n in range(1, 21))
    assert f"occurs 30 times (paragraphs {listed} and 10 more);" in err
    assert err.count("\n") == 1  # still one line
