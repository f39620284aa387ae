"""`reader quotes` and `reader speakers` print what the extractor found, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from reader.data import __file__ as data_init

SAMPLE = str(__import__("pathlib").Path(data_init).parent / "sample.txt")


def test_quotes_json_lists_speaker_names_kinds_and_paragraphs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["quotes", SAMPLE, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    quotes = data["quotes"]
    first = quotes[0]
    assert first["speaker"] == "Ines Ferrante-Ruiz"
    assert first["kind"] == "direct"
    assert first["evidence"]["cue"] == "said"
    assert {q["kind"] for q in quotes} >= {"direct", "partial", "title", "indirect"}


def test_quotes_kind_filter_keeps_only_those_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", SAMPLE, "--format", "yaml", "--kind", "direct,partial"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["quotes"]
    assert {q["kind"] for q in data["quotes"]} <= {"direct", "partial"}


def test_quotes_table_shows_one_line_per_quote(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", SAMPLE]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["para", "kind", "speaker"]
    assert any("Derek Amsel" in line and "direct" in line for line in lines)


def test_speakers_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speakers", SAMPLE]) == 0
    table = capsys.readouterr().out
    assert "Ines Ferrante-Ruiz" in table and "Mayor Ines Ferrante-Ruiz" in table
    assert main(["speakers", SAMPLE, "--format", "json"]) == 0
    speakers = json.loads(capsys.readouterr().out)["speakers"]
    mayor = next(s for s in speakers if s["name"] == "Ines Ferrante-Ruiz")
    assert mayor["quotes"] >= 2 and "The mayor" in mayor["aliases"]


def test_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", SAMPLE, "--kind", "gossip"]) == 2
    err = capsys.readouterr().err
    assert "unknown kind gossip" in err
    assert err.count("\n") == 1  # one line, no usage block


def test_extraction_never_loads_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from reader.extract import extract; from reader.load import load_sample; "
        "extract(load_sample()); print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_split_quote_is_listed_part_by_part_each_verbatim_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The joined text of a split quote is nowhere in the article; each part's words are."""
    article = tmp_path / "a.txt"
    article.write_text(
        'Port votes\n\n"If you look back," Mayor Ada Roan said, "we built this bridge twice."\n',
        encoding="utf-8",
    )
    assert main(["quotes", str(article), "--format", "json", "--kind", "direct"]) == 0
    quotes = json.loads(capsys.readouterr().out)["quotes"]
    assert [(q["text"], q["part"], q["parts"]) for q in quotes] == [
        ("If you look back,", 1, 2),
        ("we built this bridge twice.", 2, 2),
    ]
    assert {q["speaker"] for q in quotes} == {"Ada Roan"}
    assert main(["dump", str(article), "--format", "json"]) == 0
    body = "\n\n".join(p["text"] for p in json.loads(capsys.readouterr().out)["paragraphs"])
    assert all(body[q["article_start"] : q["article_end"]] == q["text"] for q in quotes)
    given = article.read_text(encoding="utf-8")
    assert all(given[q["start"] : q["end"]] == q["text"] for q in quotes)
    assert main(["quotes", str(article)]) == 0
    assert sum("Ada Roan" in line for line in capsys.readouterr().out.splitlines()) == 1
