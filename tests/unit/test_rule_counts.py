"""`benchmarks/rule_counts.py`: how often each kind or attribution rule fired and was right."""

from __future__ import annotations

from benchmarks import rule_counts
from tests.conftest import needs_shared_eval


def _span(text: str, piece: str) -> dict[str, object]:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


@needs_shared_eval
def test_each_rule_is_counted_against_the_gold_quotes_and_non_quotes() -> None:
    text = (
        "Harbour vote\n\n"
        '"We will rebuild the bridge by spring," Mayor Ana Lopes said on Monday.\n\n'
        'Critics warned of a so-called "red line" in the budget talks.\n\n'
        '"The river is rising again," said Tom Hale.'
    )
    gold = [
        {**_span(text, "We will rebuild the bridge by spring,"), "speaker": "Ana Lopes"},
        {**_span(text, "The river is rising again,"), "speaker": "Ana Lopes"},  # wrong on purpose
    ]
    record = {"id": "t", "text": text, "quotes": gold, "nonquotes": [_span(text, "red line")]}
    table = rule_counts.count([record], rule_counts.load_scorer(rule_counts.SCORER))
    reported = table["kind:attributed-utterance"]
    assert (reported["fired"], reported["scored"], reported["right"]) == (2, 2, 2)
    scare = table["kind:scare-cue-before"]
    assert (scare["fired"], scare["gold non-quote"], scare["right"]) == (1, 1, 1)
    speakers = {name: row for name, row in table.items() if name.startswith("speaker:")}
    assert sum(row["fired"] for row in speakers.values()) == 2
    assert sum(row["right"] for row in speakers.values()) == 1  # Tom Hale is not Ana Lopes
