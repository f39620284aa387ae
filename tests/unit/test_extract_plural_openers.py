"""A capitalised plural common noun opening a sentence is no one `he` or `she` may stand for.

Found by reading the Speakers pane of the 3 MB benchmark book in the real reader at 120x40:
`Trains` (aliased `the buses ran an hour late`) and `Children` were listed as its sixth and
eighth speakers, each given the quotes of a later `"...," he added`.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.mentions import PERSON, Mention
from reader.extract.sentence_subjects import plural_opener
from tests.unit.test_extract_cases import article
from tests.unit.test_extract_fresh9_patterns import quotes_of
from tests.unit.test_extract_kind_rules import toks


@pytest.mark.parametrize(
    "opening",
    [
        "Trains were cancelled across the valley, and the buses ran an hour late.",
        "Children in Port Alden took a ferry to school for the first time.",
        "Ferries are running again on the lake.",
    ],
)
def test_a_plural_opener_is_no_speaker(opening: str) -> None:
    text = f'{opening}\n\n"The work could begin in January," he added.'
    extraction = extract(article(text))
    assert not {s.name for s in extraction.speakers} & {"Trains", "Children", "Ferries"}
    assert quotes_of(extraction)["The work could begin in January,"][1] is None


def test_a_person_opening_the_sentence_still_speaks() -> None:
    text = 'Tom Marsh was cheered by the crowd.\n\n"The work could begin in January," he added.'
    assert quotes_of(extract(article(text)))["The work could begin in January,"][1] == "Tom Marsh"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Trains were cancelled", True),
        ("Children took a ferry", True),
        ("Jones said", False),
        ("Marsh was cheered", False),
    ],
)
def test_plural_opener_alone(sentence: str, expected: bool) -> None:
    tokens = toks(sentence)
    first = tokens.texts[0]
    mention = Mention(first, 0, len(first), PERSON, first)
    assert plural_opener(tokens, mention, (0, len(tokens.texts))) is expected
