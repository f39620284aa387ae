"""Dialogue turns in fiction: whose turn a quote-only paragraph is (`reader/extract/turns.py`).

Each case is invented text shaped like an error class read on the PDNC development novels; the
case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.pipeline import run
from reader.extract.scorer import TurnCandidate
from reader.extract.speakers import SpeakerTable
from tests.unit.test_extract_cases import article, reading

D = "direct"

CASES = [
    (
        "dialogue: the answer goes to the one named in the first quote of the turn before",
        "Nell Park came in from the yard and sat down.\n\n"
        '"Pass the bread," said Tom Reed.\n\n'
        '"Here it is," said Ada Brook.\n\n'
        '"Are you cold, Nell?" Ada Brook said. "The fire is low."\n\n'
        '"A little."',
        [
            ("Pass the bread,", D, "Tom Reed"),
            ("Here it is,", D, "Ada Brook"),
            ("Are you cold, Nell?", D, "Ada Brook"),
            ("The fire is low.", D, "Ada Brook"),
            ("A little.", D, "Nell Park"),
        ],
    ),
    (
        "first-person narrator: named by a friend who calls him five paragraphs from his turns",
        '"Who is there?" I said.\n\n'
        '"No one," Ivo Brandt said.\n\n'
        '"Is it locked?" I said.\n\n'
        '"It is," Ivo Brandt said.\n\n'
        '"Then we wait," I said.\n\n'
        "We waited by the door for an hour.\n\n"
        "The rain came, and the street emptied.\n\n"
        "Nobody passed.\n\n"
        "Ivo Brandt knelt at the lock.\n\n"
        '"The lamp, Hal!" Ivo Brandt cried.',
        [
            ("Who is there?", D, "Hal"),
            ("No one,", D, "Ivo Brandt"),
            ("Is it locked?", D, "Hal"),
            ("It is,", D, "Ivo Brandt"),
            ("Then we wait,", D, "Hal"),
            ("The lamp, Hal!", D, "Ivo Brandt"),
        ],
    ),
    (
        "dialogue opening with unnamed turns: the names given later count back to them",
        '"Well?"\n\n'
        '"He did, sir."\n\n'
        '"And then?" asked Ada Brook.\n\n'
        '"Then he left," said Tom Reed.\n\n'
        '"When?"\n\n'
        '"At noon."',
        [
            ("Well?", D, "Ada Brook"),
            ("He did, sir.", D, "Tom Reed"),
            ("And then?", D, "Ada Brook"),
            ("Then he left,", D, "Tom Reed"),
            ("When?", D, "Ada Brook"),
            ("At noon.", D, "Tom Reed"),
        ],
    ),
    (
        "dialogue: the answer to the only named speaker is not a continuation of her speech",
        "Ada Brook came in from the yard.\n\n"
        '"Is he here?" said Ada Brook.\n\n'
        '"No."\n\n'
        '"Where is he, then?"\n\n'
        '"Gone to town," said Tom Reed.',
        [
            ("Is he here?", D, "Ada Brook"),
            ("No.", D, "Tom Reed"),
            ("Where is he, then?", D, "Ada Brook"),
            ("Gone to town,", D, "Tom Reed"),
        ],
    ),
    (
        "dialogue: `she replied` after a turn that called Nell by name is Nell's, not the other"
        " woman's",
        "Nell Park and Ada Brook walked to the gate with Tom Reed.\n\n"
        '"Is the gate shut?" said Tom Reed.\n\n'
        '"It is," said Ada Brook.\n\n'
        '"Who shut it?"\n\n'
        '"I did."\n\n'
        '"You left the latch up, Nell," said Tom Reed.\n\n'
        '"I did not," she replied.',
        [
            ("Is the gate shut?", D, "Tom Reed"),
            ("It is,", D, "Ada Brook"),
            ("Who shut it?", D, "Tom Reed"),
            ("I did.", D, "Ada Brook"),
            ("You left the latch up, Nell,", D, "Tom Reed"),
            ("I did not,", D, "Nell Park"),
        ],
    ),
    (
        'dialogue: the reply to a turn told inside narration (`Tom walked past Nell. "..." he'
        " said.`) goes to the one he talks with, not the woman last named",
        "Tom Reed and Ada Brook sat by the fire.\n\n"
        '"Is it late?" asked Ada Brook.\n\n'
        '"Not yet."\n\n'
        '"Will you stay?"\n\n'
        '"I may."\n\n'
        'Tom Reed walked past Nell Park to the window. "It is snowing," he said.\n\n'
        '"Then you must stay," she said.',
        [
            ("Is it late?", D, "Ada Brook"),
            ("Not yet.", D, "Tom Reed"),
            ("Will you stay?", D, "Ada Brook"),
            ("I may.", D, "Tom Reed"),
            ("It is snowing,", D, "Tom Reed"),
            ("Then you must stay,", D, "Ada Brook"),
        ],
    ),
    (
        "dialogue: a turn left open for a later `she added:` in its paragraph takes the turn"
        " two back once the turns are counted",
        "Tom Reed came in out of the rain.\n\n"
        '"Ada!" said Tom Reed. "Is it done?"\n\n'
        '"Is what done?" said Ada Brook.\n\n'
        '"The sale, of course," said Tom Reed.\n\n'
        '"Is it sold, then?"\n\n'
        '"Did you not know?"\n\n'
        '"Not in the least." But, after a moment, she added: "Still, it does not surprise me."',
        [
            ("Ada!", D, "Tom Reed"),
            ("Is it done?", D, "Tom Reed"),
            ("Is what done?", D, "Ada Brook"),
            ("The sale, of course,", D, "Tom Reed"),
            ("Is it sold, then?", D, "Ada Brook"),
            ("Did you not know?", D, "Tom Reed"),
            ("Not in the least.", D, "Ada Brook"),
            ("Still, it does not surprise me.", D, "Ada Brook"),
        ],
    ),
    (
        "dialogue: the answer to a turn that called someone never named in the narration"
        " (`And you, Ivy?`) is theirs, not the alternation's",
        '"Well?"\n\n'
        '"Well what?"\n\n'
        '"Is it late?" said Tom Reed.\n\n'
        '"Not very," said Ada Brook.\n\n'
        '"And you, Ivy? Will you stay?" said Tom Reed.\n\n'
        '"I cannot."',
        [
            ("Well?", D, "Tom Reed"),
            ("Well what?", D, "Ada Brook"),
            ("Is it late?", D, "Tom Reed"),
            ("Not very,", D, "Ada Brook"),
            ("And you, Ivy? Will you stay?", D, "Tom Reed"),
            ("I cannot.", D, "Ivy"),
        ],
    ),
    (
        "dialogue: a turn opening with the name it calls (`Nora, will you stay?`) is answered"
        " by Nora, not by the alternation's speaker",
        '"Well?"\n\n'
        '"Well what?"\n\n'
        '"Is it late?" said Tom Reed.\n\n'
        '"Not very," said Ada Brook.\n\n'
        '"Nora, will you stay?" said Tom Reed.\n\n'
        '"I cannot."',
        [
            ("Well?", D, "Tom Reed"),
            ("Well what?", D, "Ada Brook"),
            ("Is it late?", D, "Tom Reed"),
            ("Not very,", D, "Ada Brook"),
            ("Nora, will you stay?", D, "Tom Reed"),
            ("I cannot.", D, "Nora"),
        ],
    ),
    (
        "dialogue: an exclamation opening a turn (`Impossible!`) is no one called: the"
        " alternation answers",
        '"Well?"\n\n'
        '"Well what?"\n\n'
        '"Is it late?" said Tom Reed.\n\n'
        '"Not very," said Ada Brook.\n\n'
        '"Impossible! It is dark," said Tom Reed.\n\n'
        '"It is winter."',
        [
            ("Well?", D, "Tom Reed"),
            ("Well what?", D, "Ada Brook"),
            ("Is it late?", D, "Tom Reed"),
            ("Not very,", D, "Ada Brook"),
            ("Impossible! It is dark,", D, "Tom Reed"),
            ("It is winter.", D, "Ada Brook"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_turn(name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected


def _turn_choices(text: str) -> dict[str, dict[str, TurnCandidate]]:
    """For each quote-opened turn the scorer ranked (by its words): each candidate's features."""
    table = SpeakerTable()
    table.choices = []
    doc = article(text)
    run(doc, table)
    out: dict[str, dict[str, TurnCandidate]] = {}
    for choice in table.choices:
        if choice.decision != "turn":
            continue
        words = doc.text[choice.start : doc.text.find('"', choice.start)]
        out[words] = {
            c.name: cand
            for c, cand in zip(choice.clusters, choice.candidates, strict=True)
            if isinstance(cand, TurnCandidate)
        }
    return out


def test_the_scorer_is_told_who_the_named_turns_after_count_back_to() -> None:
    choices = _turn_choices(
        "Ada Brook and Tom Reed sat by the fire, and neither spoke.\n\n"
        '"Well?"\n\n'
        '"He did, sir."\n\n'
        '"And then?" asked Ada Brook.\n\n'
        '"Then he left," said Tom Reed.'
    )
    well = choices["Well?"]
    assert well["Ada Brook"].counted_back
    assert not well["Tom Reed"].counted_back
    did = choices["He did, sir."]
    assert did["Tom Reed"].counted_back
    assert not did["Ada Brook"].counted_back


def test_the_scorer_is_told_who_the_next_turn_speaks_to() -> None:
    choices = _turn_choices(
        "Ada Brook and Tom Reed sat by the fire.\n\n"
        '"Is it late?" asked Ada Brook.\n\n'
        '"Not yet," said Tom Reed.\n\n'
        '"Then stay."\n\n'
        '"You are kind, Ada."'
    )
    stay = choices["Then stay."]
    assert stay["Ada Brook"].addressed_next
    assert not stay["Tom Reed"].addressed_next
