"""Quotes nested in someone's quote, as `reader quotes --kind direct,partial` lists them.

A careful reader gives an inner quote to the person the enclosing quote says spoke it, and
lists it on its own only then: words inside a quote that no one is named for, or a fragment
the speaker quotes, are shown in the enclosing quote and nowhere else. Invented text.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from reader.cli import main

PORT = (
    "Dock strike enters third week\n\n"
    "Union leader Ada Roan met the port's owners on Monday. She left after an hour.\n\n"
    "The owners' spokesman, Piet van Dam, said talks would resume.\n\n"
    "Workers gathered outside the gates on Tuesday.\n\n"
    "Trucks queued along the harbour road for most of the day.\n\n"
    "\"She told me, 'I'm done,'\" Kim Park said of her sister, who worked the cranes.\n\n"
    "\"People think, 'Oh, it must be easy.' It is not,\" said Lou Brandt, a crane operator.\n\n"
    "\"We told them the pension was 'not negotiable,'\" said Ada Roan.\n\n"
    "\"Then Mayor Ines Ferro stood up and said, 'We are not moving,'\" Brandt said.\n\n"
    "\"I said to them, 'Leave the gates open.' Nobody listened.\"\n\n"
    "Piet van Dam ran the night shift for a decade.\n\n"
    "\"He said, 'Keep the cranes running.' So we did,\" Kim Park said.\n\n"
    "\"Ada Roan says the owners 'will not budge on pensions,' and I believe her,\" said Kim Park.\n"
)


def _listed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str
) -> dict[str, dict[str, Any]]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    assert main(["quotes", "-", "--format", "json", "--kind", "direct,partial"]) == 0
    return {q["text"].strip(",. "): q for q in json.loads(capsys.readouterr().out)["quotes"]}


@pytest.mark.parametrize(
    ("case", "inner"),
    [
        ("she, with no one named in the two paragraphs before", "I'm done"),
        ("words that no one is named for", "Oh, it must be easy"),
        ("a fragment the speaker quotes", "not negotiable"),
        ("a fragment of what someone named inside says", "will not budge on pensions"),
        ("I, in a quote whose speaker is unknown", "Leave the gates open"),
        ("he, who may be someone met only as he", "Keep the cranes running"),
    ],
)
def test_an_inner_quote_is_left_to_its_enclosing_quote(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, case: str, inner: str
) -> None:
    listed = _listed(capsys, monkeypatch, PORT)
    assert inner not in listed, case
    assert any(inner in text and not q.get("nested") for text, q in listed.items()), case


def test_an_inner_quote_goes_to_the_person_named_inside(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = _listed(capsys, monkeypatch, PORT)
    inner = listed["We are not moving"]
    assert inner["nested"] is True
    assert inner["speaker"] == "Ines Ferro"
    outer = next(q for text, q in listed.items() if text.startswith("Then Mayor"))
    assert outer["speaker"] == "Lou Brandt"


def test_a_speaker_quoting_themself_keeps_the_inner_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "Flood warning lifted\n\n"
        "\"I called my neighbour and said, 'Do not let the dog out,'\" said Mara Holt.\n"
    )
    listed = _listed(capsys, monkeypatch, text)
    assert listed["Do not let the dog out"]["speaker"] == "Mara Holt"
