"""Dialogue runs: unnamed turns take the speaker their run's named turns count to.

`reader/extract/dialogue_runs.py`; every text is invented dialogue.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from reader.extract import pipeline
from reader.extract.dialogue_runs import RunTurn, counted_speakers, voted_speakers
from reader.extract.mentions import PERSON
from reader.extract.model import Evidence
from reader.extract.reading import Item
from reader.extract.speakers import Cluster
from tests.unit.test_extract_cases import article, reading

TOM = Cluster(PERSON, ["Tom Reed"])
ADA = Cluster(PERSON, ["Ada Lane"])


def _run(*anchors: Cluster | None) -> list[RunTurn]:
    """A run of turns, one per paragraph, named by `anchors` (None: names nobody)."""
    return [RunTurn(i, [i], anchor) for i, anchor in enumerate(anchors)]


COUNTED = [
    (
        "two speakers an odd number of turns apart: the turns between alternate",
        _run(TOM, None, None, ADA),
        {1: ADA, 2: TOM},
    ),
    (
        "one speaker an even number apart: only that speaker's own turns are known",
        _run(TOM, None, None, None, TOM),
        {2: TOM},
    ),
    (
        "two speakers an even number apart disagree: the run splits, nothing is given",
        _run(TOM, None, ADA),
        {},
    ),
    ("a single named turn counts nothing", _run(None, TOM, None), {}),
    (
        "a run naming two people: a same-speaker pair gets the other one between",
        _run(TOM, ADA, None, ADA),
        {2: TOM},
    ),
    (
        "a run naming two people: its turns before the first and after the last are left",
        _run(None, TOM, ADA, None, None),
        {},
    ),
    (
        "each agreeing pair of anchors fills its own stretch",
        _run(TOM, None, TOM, None, None, ADA),
        {1: ADA, 3: ADA, 4: TOM},
    ),
]


@pytest.mark.parametrize(("run", "expected"), [c[1:] for c in COUNTED], ids=[c[0] for c in COUNTED])
def test_counted_speakers(run: list[RunTurn], expected: dict[int, Cluster]) -> None:
    assert counted_speakers(run) == expected


def _voting(weights: Sequence[tuple[Cluster | None, int]]) -> tuple[list[Item], list[RunTurn]]:
    """Items and a run whose turns have these speakers and vote weights."""
    items = [Item(i, i, speaker=speaker) for i, (speaker, _) in enumerate(weights)]
    run = [RunTurn(i, [i], None, weight) for i, (_, weight) in enumerate(weights)]
    return items, run


def test_the_weighted_turns_of_two_speakers_set_the_parity_of_the_rest() -> None:
    items, run = _voting([(TOM, 1), (TOM, 0), (ADA, 0), (ADA, 2)])
    assert voted_speakers(items, run) == {1: ADA, 2: TOM}


def test_a_weighted_turn_at_the_wrong_parity_stops_the_vote() -> None:
    items, run = _voting([(TOM, 1), (ADA, 1), (TOM, 0), (TOM, 1)])
    assert voted_speakers(items, run) == {}


def test_one_weighted_speaker_gives_no_vote() -> None:
    items, run = _voting([(TOM, 1), (ADA, 0), (TOM, 1)])
    assert voted_speakers(items, run) == {}


DIALOGUE = (
    "The lamps were lit early in the parlour that evening.\n\n"
    '"Is the carriage ready?" asked Tom Reed.\n\n'
    '"Not yet."\n\n'
    '"Then we shall be late."\n\n'
    '"We shall not," said Ada Lane.'
)


def test_a_wrong_guess_inside_a_run_is_put_right(monkeypatch: pytest.MonkeyPatch) -> None:
    """One guessed turn given the wrong speaker no longer flips the turns after it."""
    real = pipeline.fill_from_later_turns

    def wrong_guess(
        items: list[Item], dialogue: bool, lo: int = 0, hi: int | None = None
    ) -> list[int]:
        filled = real(items, dialogue, lo, hi)
        turn = next(i for i in items if i.raw is not None and i.paragraph == 2)
        turn.speaker = items[0].speaker  # Tom's, not Ada's
        turn.evidence = Evidence("alternates-turn")
        return filled

    monkeypatch.setattr(pipeline, "fill_from_later_turns", wrong_guess)
    assert [speaker for _, _, speaker in reading(pipeline.run(article(DIALOGUE)))] == [
        "Tom Reed",
        "Ada Lane",
        "Tom Reed",
        "Ada Lane",
    ]


PRONOUN_DIALOGUE = (
    "The lamps were lit early in the parlour that evening.\n\n"
    '"Is the carriage ready?" asked Tom Reed.\n\n'
    '"Not yet," she said.\n\n'
    '"Then we shall be late."\n\n'
    '"We shall not," said Ada Lane.\n\n'
    '"You are sure?"\n\n'
    '"Quite sure."'
)


def test_a_she_said_turn_read_as_the_wrong_person_takes_the_counted_speaker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`she said` in a turn the run counts to Ada is Ada's, when the pronoun fits her."""
    real = pipeline.fill_from_later_turns

    def wrong_pronoun(
        items: list[Item], dialogue: bool, lo: int = 0, hi: int | None = None
    ) -> list[int]:
        filled = real(items, dialogue, lo, hi)
        turn = next(i for i in items if i.raw is not None and i.paragraph == 2)
        turn.speaker = items[0].speaker  # Tom's, not Ada's
        return filled

    monkeypatch.setattr(pipeline, "fill_from_later_turns", wrong_pronoun)
    extraction = pipeline.run(article(PRONOUN_DIALOGUE))
    assert [speaker for _, _, speaker in reading(extraction)] == [
        "Tom Reed",
        "Ada Lane",
        "Tom Reed",
        "Ada Lane",
        "Tom Reed",
        "Ada Lane",
    ]
    assert extraction.quotes[1].evidence is not None
    assert extraction.quotes[1].evidence.rule == "dialogue-run-pronoun"
