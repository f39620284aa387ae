"""Every output numbers paragraphs the same way: from 1, as the reader's `¶ n/N` and ids do."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from reader.cli import main

QUOTE = "We cannot ask people to drive forty minutes"
"""A quote of the built-in sample, in its second paragraph (`¶ 2/…`, id `p2-…`)."""


def output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def number_in_id(paragraph_id: str) -> int:
    return int(re.match(r"p(\d+)-", paragraph_id).group(1))  # type: ignore[union-attr]


def test_dump_numbers_paragraphs_as_their_ids_do(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(output(capsys, "dump", "--sample"))
    assert [p["index"] for p in data["paragraphs"]][:3] == [1, 2, 3]
    assert all(p["index"] == number_in_id(p["id"]) for p in data["paragraphs"])
    assert all(q["paragraph"] == number_in_id(q["paragraph_id"]) for q in data["quotes"])


def test_quotes_table_json_and_yaml_give_the_same_paragraph(
    capsys: pytest.CaptureFixture[str],
) -> None:
    table = output(capsys, "quotes", "--sample")
    row = next(line for line in table.splitlines() if QUOTE[:30] in line)
    from_json = json.loads(output(capsys, "quotes", "--sample", "--format", "json"))["quotes"]
    from_yaml = yaml.safe_load(output(capsys, "quotes", "--sample", "--format", "yaml"))["quotes"]
    in_json = next(q for q in from_json if q["text"].startswith(QUOTE))
    in_yaml = next(q for q in from_yaml if q["text"].startswith(QUOTE))
    assert int(row.split()[0]) == in_json["paragraph"] == in_yaml["paragraph"] == 2


def test_speakers_table_and_json_give_the_same_paragraphs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    table = output(capsys, "speakers", "--sample")
    row = next(line for line in table.splitlines() if line.startswith("Ines Ferrante-Ruiz"))
    speakers = json.loads(output(capsys, "speakers", "--sample", "--format", "json"))["speakers"]
    mayor = next(s for s in speakers if s["name"] == "Ines Ferrante-Ruiz")
    assert ",".join(map(str, mayor["paragraphs"])) in row.split()
    assert mayor["paragraphs"][0] == 2


def test_search_json_numbers_as_the_id_it_gives(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(output(capsys, "search", "--sample", QUOTE, "--format", "json"))
    best = data["results"][0]
    assert best["paragraph"] == number_in_id(best["paragraph_id"]) == 2


def test_notes_and_export_number_as_the_table_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nFirst paragraph here.\n\nThe mayor said so on Monday.\n")
    notes = ["--notes-dir", str(tmp_path / "notes")]
    output(capsys, "notes", "add", str(article), "--quote", "The mayor said so", *notes)
    listed = json.loads(output(capsys, "notes", str(article), "--format", "json", *notes))
    assert listed["notes"][0]["paragraph"] == 2
    table = output(capsys, "notes", str(article), *notes)
    assert table.splitlines()[2].split()[2] == "2"
    assert "¶2" in output(capsys, "export", str(article), *notes)
