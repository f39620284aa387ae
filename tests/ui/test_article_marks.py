"""How overlapping marks (highlights, quotes, search hits) colour the article's text."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from rich.segment import Segment
from rich.style import Style

from reader.ui.widgets.article_marks import MarkLayers, MarkStyle

BODY = Style(color="white")
LOOKS = [
    Style(color="#000000", bgcolor="yellow"),
    Style(color="#000000", bgcolor="green", underline=True),
    Style(bold=True),
    Style(bgcolor="blue", italic=True),
    Style(underline=False, color="red"),
]


def as_style(style: MarkStyle) -> Style:
    assert isinstance(style, Style)
    return style


def summed_one_by_one(
    text: str, marks: list[tuple[int, int, Style]], start: int, end: int
) -> list[Segment]:
    """What the marks mean: every mark over a character, summed in order."""
    cuts = sorted({start, end, *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    cuts = [c for c in cuts if start <= c <= end]
    pieces = []
    for a, b in pairwise(cuts):
        style = BODY
        for s, e, look in marks:
            if s <= a and b <= e:
                style = style + look
        pieces.append(Segment(text[a:b], style))
    return pieces


@pytest.mark.parametrize("seed", range(12))
def test_many_overlapping_highlights_look_as_if_each_were_laid_on_in_turn(seed: int) -> None:
    # 10,000 notes on a short article overlap hundreds deep; drawing them must not change
    # what any character looks like.
    rng = random.Random(seed)
    text = "x" * 400
    spans = []
    for _ in range(300):
        start = rng.randrange(0, 380)
        spans.append((start, start + rng.randrange(1, 60), rng.choice(LOOKS)))
    layers = MarkLayers()
    layers.set_marks("notes", spans, priority=1)
    row_start, row_end = 100, 180
    drawn = layers.segments(text, row_start, row_end, BODY, as_style)
    by_start = sorted(spans, key=lambda mark: mark[0])
    ordered = [
        (max(s, row_start), min(e, row_end), look)
        for s, e, look in by_start
        if e > row_start and s < row_end
    ]
    assert drawn == summed_one_by_one(text, ordered, row_start, row_end)


@pytest.mark.parametrize("seed", range(8))
def test_layers_of_overlapping_marks_are_laid_on_lowest_priority_first(seed: int) -> None:
    # Quote tints under notes under search hits: a later layer wins where they overlap.
    rng = random.Random(seed)
    text = "y" * 300
    layers = MarkLayers()
    ordered: list[tuple[int, int, int, Style]] = []
    row_start, row_end = 60, 140
    for name, priority in (("search", 9), ("quotes", 0), ("notes", 5)):
        spans = []
        for _ in range(rng.randrange(0, 80)):
            start = rng.randrange(0, 280)
            spans.append((start, start + rng.randrange(1, 40), rng.choice(LOOKS)))
        layers.set_marks(name, spans, priority=priority)
        ordered += [
            (priority, max(s, row_start), min(e, row_end), look)
            for s, e, look in sorted(spans, key=lambda mark: mark[0])
            if e > row_start and s < row_end
        ]
    by_priority = [(s, e, look) for _, s, e, look in sorted(ordered, key=lambda mark: mark[0])]
    drawn = layers.segments(text, row_start, row_end, BODY, as_style)
    assert drawn == summed_one_by_one(text, by_priority, row_start, row_end)


def test_setting_marks_answers_the_ranges_whose_look_changed() -> None:
    layers = MarkLayers()
    assert layers.set_marks("search", [(10, 15, "reverse"), (40, 45, "reverse")], 50) == [
        (10, 15),
        (40, 45),
    ]
    assert layers.set_marks("search", [(40, 45, "reverse"), (10, 15, "reverse")], 50) == []
    assert layers.set_marks("search", [(10, 15, "reverse"), (60, 65, "reverse")], 50) == [
        (40, 45),
        (60, 65),
    ]
    assert layers.set_marks("search", [(10, 15, "reverse"), (60, 65, "reverse")], 51) == [
        (10, 15),
        (60, 65),
    ]
    assert layers.set_marks("search", [], 51) == [(10, 15), (60, 65)]
    assert layers.set_marks("search", [], 51) == []
