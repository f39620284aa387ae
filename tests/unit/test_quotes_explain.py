"""`reader quotes FILE --explain`: one readable block per quote with the rules behind it."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from reader.cli import main
from reader.commands.explain import evidence_lines, write_explanations
from reader.data import __file__ as data_init
from reader.extract.model import Evidence, Extraction, KindRule, Quote, QuoteKind, Span, Speaker

SAMPLE = str(Path(data_init).parent / "sample.txt")


def test_explain_prints_a_block_per_quote_with_speaker_and_kind_rules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["quotes", SAMPLE, "--kind", "direct,partial"]) == 0
    rows = len(capsys.readouterr().out.splitlines()) - 1  # the table, less its heading
    assert main(["quotes", SAMPLE, "--kind", "direct,partial", "--explain"]) == 0
    blocks = capsys.readouterr().out.strip().split("\n\n")
    assert len(blocks) == rows
    first = [line.strip() for line in blocks[0].splitlines()]
    assert first[0] == "1. paragraph 2, direct"
    assert "speaker: Ines Ferrante-Ruiz" in first
    assert "speaker rule: said-after" in first
    assert any(line.startswith("cue: said  (offsets ") for line in first)
    assert "kind rule: attributed-utterance" in first
    assert all("kind rule: " in block for block in blocks)


def test_a_field_added_to_the_evidence_is_printed_without_a_change_here() -> None:
    longer = dataclasses.make_dataclass(
        "LongerEvidence",
        [("mention_rule", str, dataclasses.field(default=""))],
        bases=(Evidence,),
        frozen=True,
    )
    evidence = longer(rule="after-said", kind_rule=KindRule.NICKNAME, mention_rule="full-name")
    lines = list(evidence_lines(evidence, {}))
    assert "speaker rule: after-said" in lines
    assert "kind rule: nickname" in lines
    assert "mention rule: full-name" in lines


def test_article_text_is_shown_literally_never_as_terminal_escapes() -> None:
    text = "Red \x1b[31malert\x1b[0m now\u202e"
    mention = "Ana\x07 Lopes"
    quote = Quote(
        0,
        len(text),
        text,
        QuoteKind.DIRECT,
        0,
        speaker="ana",
        evidence=Evidence("after-said", "said", Span(0, 4), mention, Span(5, 14)),
    )
    extraction = Extraction(
        quotes=(quote,),
        speakers=(
            Speaker(
                "ana",
                "Ana\x1b]0;x\x07",
            ),
        ),
    )
    out = io.StringIO()
    write_explanations([quote], extraction, out)
    printed = out.getvalue()
    assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
    assert "Red \\x1b[31malert\\x1b[0m now\\x202e" in printed
    assert "mention: Ana\\x07 Lopes  (offsets 5-14)" in printed
