"""`reader quotes` JSON/YAML offsets find each quote in the text the user gave, headline included.

The article's text (what `reader dump` prints) leaves out the headline and joins wrapped lines;
offsets into it point at the wrong words of the input a script holds. Invented text throughout.
"""

from __future__ import annotations

import io
import json
import random
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from reader.cli import main
from reader.load import load_bytes
from reader.load.input_offsets import input_spans

HEADLINE_REPEATED = (
    "Council calls dock plan 'a betrayal'\n\n"
    'Union leader Ada Roan said the dock plan was "a betrayal" of the port\'s workers.\n\n'
    '"We will strike," she said.\n'
)
"""A body quote whose words are also in the headline, before it in the input."""

WRAPPED = (
    "Ferry fares rise\n"
    "\n"
    "\tThe harbour master, Piet van Dam, said the new fares were\r\n"
    '"a tax on islanders," and that "nobody on the mainland\r\n'
    '   would stand for it."\r\n'
    "\r\n"
    '"We asked twice," said Mara Holt, who runs the co-\n'
    'op. "Nobody answered."\n'
)
"""Hard-wrapped lines, an indent, a tab, CRLF line ends and a hyphen broken across lines."""


def _quotes(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    *extra: str,
    fmt: str = "json",
) -> dict[str, Any]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    assert main(["quotes", "-", "--format", fmt, "--kind", "direct,partial", *extra]) == 0
    out = capsys.readouterr().out
    data: dict[str, Any] = json.loads(out) if fmt == "json" else yaml.safe_load(out)
    return data


def _folded(text: str) -> str:
    return " ".join(text.split())


def test_a_body_quote_repeating_the_headline_points_at_the_body(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _quotes(capsys, monkeypatch, HEADLINE_REPEATED)
    assert data["offsets"] == "input"
    betrayal = next(q for q in data["quotes"] if q["text"] == "a betrayal")
    body = HEADLINE_REPEATED.index("\n\n")
    assert betrayal["start"] > body
    for quote in data["quotes"]:
        assert HEADLINE_REPEATED[quote["start"] : quote["end"]] == quote["text"]


def test_offsets_count_in_wrapped_indented_crlf_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _quotes(capsys, monkeypatch, WRAPPED)
    texts = [q["text"] for q in data["quotes"]]
    assert "a tax on islanders," in texts and "Nobody answered." in texts
    for quote in data["quotes"]:
        assert _folded(WRAPPED[quote["start"] : quote["end"]]) == _folded(quote["text"])
        speaker = quote["evidence"]["mention_span"]
        if speaker is not None:
            assert _folded(WRAPPED[speaker[0] : speaker[1]]) == quote["evidence"]["mention"]


def test_each_part_of_a_split_quote_and_its_segments_count_in_the_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = 'Port votes\n\n"If you look back," Mayor Ada Roan said, "we built this\nbridge twice."\n'
    data = _quotes(capsys, monkeypatch, text, fmt="yaml")
    parts = data["quotes"]
    assert [q["part"] for q in parts] == [1, 2]
    for part in parts:
        assert _folded(text[part["start"] : part["end"]]) == part["text"]
        assert [list(s) for s in part["segments"]] == [[p["start"], p["end"]] for p in parts]


def test_article_offsets_stay_available_and_match_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(WRAPPED, encoding="utf-8")
    assert main(["dump", str(path), "--format", "json"]) == 0
    body = "\n\n".join(p["text"] for p in json.loads(capsys.readouterr().out)["paragraphs"])
    assert main(["quotes", str(path), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["offsets"] == "input"
    assert all(body[q["article_start"] : q["article_end"]] == q["text"] for q in listed["quotes"])
    assert main(["quotes", str(path), "--format", "json", "--offsets", "article"]) == 0
    old = json.loads(capsys.readouterr().out)
    assert old["offsets"] == "article"
    assert [(q["start"], q["end"]) for q in old["quotes"]] == [
        (q["article_start"], q["article_end"]) for q in listed["quotes"]
    ]


def test_markdown_input_keeps_article_offsets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.md"
    path.write_text('# Port votes\n\n"We will *strike*," said Ada Roan.\n', encoding="utf-8")
    assert main(["quotes", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["offsets"] == "article"
    assert all(q["start"] == q["article_start"] for q in data["quotes"])


@pytest.mark.parametrize(
    ("case", "source"),
    [
        ("escape sequence dropped", 'Port\n\nShe said \x1b[31m"No way." Then left.\n'),
        ("byte-order mark and tabs", '\ufeffPort\n\n\tShe said "No way." Then left.\n'),
        ("repeated headline", 'Port\nPort\n\nShe said "No way." Then left.\n'),
    ],
)
def test_input_spans_survive_what_the_loader_drops(case: str, source: str) -> None:
    article = load_bytes(source.encode("utf-8"), name="x", source="x")
    match = re.search(r'"No way\."', article.text)
    assert match is not None, case
    (span,) = input_spans(source, article, [match.span()])
    assert span is not None, case
    assert source[span[0] : span[1]] == '"No way."', case


def test_a_paragraph_missing_from_the_input_maps_to_none() -> None:
    article = load_bytes(b'Port\n\nShe said "No way." Then left.\n', name="x", source="x")
    assert input_spans("Something else entirely.", article, [(9, 17)]) == [None]


def test_repeated_sentences_map_each_quote_to_its_own_copy() -> None:
    """A book repeats its sentences: the k-th copy of a quote is the k-th copy in the input."""
    rng = random.Random(3)
    sentences = [
        "The river rose again during the night and the old bridge stayed closed.",
        "Nobody in the village could remember a winter quite like this one.",
        '"We will rebuild it before the spring," said the mayor, Ines Ferro.',
        "The council met on Tuesday evening to argue about the budget.",
        '"Nobody asked us," Amsel said.',
    ]
    paragraphs = [" ".join(rng.choice(sentences) for _ in range(5)) for _ in range(120)]
    source = "The Long Winter\n\n" + "\n\n".join(textwrap.fill(p, 70) for p in paragraphs) + "\n"
    article = load_bytes(source.encode("utf-8"), name="x", source="x")
    spans = [m.span() for m in re.finditer(r'"[^"]+"', article.text)]
    assert len(spans) > 100
    for (start, end), found in zip(spans, input_spans(source, article, spans), strict=True):
        assert found is not None
        words = article.text[start:end]
        assert _folded(source[found[0] : found[1]]) == _folded(words)
        before_in_article = _folded(article.text[:start]).count(_folded(words))
        assert _folded(source[: found[0]]).count(_folded(words)) == before_in_article
