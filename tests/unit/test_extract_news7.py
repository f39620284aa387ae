"""Pronoun speakers read on PolNeAR train's errors (issue 17, round 7), on invented text.

Each case is invented text shaped like an error class read by hand on PolNeAR train with
coreference (never its text); the case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.common_words import common_opener, written_lowercase
from tests.unit.test_extract_cases import article, reading

D, P = "direct", "partial"

CASES = [
    (
        "'Immigration is ..., he said \"...\"': `he` is no common word opening the sentence",
        "Martin Sole spoke on immigration in the valley towns.\n\nImmigration is now a matter"
        " of dignity; gone are the days when, like some union leaders, he said that only rich"
        ' people wanted "open borders." At a rally, Sole promised change.',
        [("open borders.", P, "Martin Sole")],
    ),
    (
        "'Proposals from Name, he added, amount to \"...\"' is not a speaker called Proposals",
        '"We will need a new tax," said Mr. Ruben Kaye of the Budget Centre. The proposals'
        " keep coming.\n\nProposals so far from the front-runner, Nora Vale, he added, amount"
        ' to "tinkering at the edges."\n\n"Sooner or later, we will have one," he said.',
        [
            ("We will need a new tax,", D, "Ruben Kaye"),
            ("tinkering at the edges.", P, "Ruben Kaye"),
            ("Sooner or later, we will have one,", D, "Ruben Kaye"),
        ],
    ),
    (
        "'Research shows ...' then '\"...,\" he said': research is no person for `he`",
        "Their neighbour Colm Reddy, 83, knows what the capital needs. Research on jobs has"
        " found the same. Research from the state agrees.\n\n"
        '"It will take a junkyard dog," he said.\n\nThe research was published in May.',
        [("It will take a junkyard dog,", D, "Colm Reddy")],
    ),
    (
        "'X called it \"arbitrary.\" Name, an operative, warned ...' makes Name the next `he`",
        'Ruben Kaye called the suspension "arbitrary." Ivo Marsh, a party operative, warned'
        ' Saturday that the move could hurt the party.\n\n"The stakes are high," he wrote.',
        [("arbitrary.", P, "Ruben Kaye"), ("The stakes are high,", D, "Ivo Marsh")],
    ),
    (
        "'Name started the row when he ... and later said, \"...\"' is Name's",
        "Retired Col. Lars Wilk started the row when he raised the bombing and later said,"
        ' "It is not just them."',
        [("It is not just them.", D, "Lars Wilk")],
    ),
    (
        "'When he returned he began by saying, \"...\"' is his, not a speaker called Relief",
        'Judge Ian Berm took a recess.\n\nWhen he returned he began by saying, "I do not'
        ' think so." Relief came over me.',
        [("I do not think so.", D, "Ian Berm")],
    ),
    (
        "'she released a statement saying, \"...\"' is hers",
        "Ivy Tran signed a deal in 2012.\n\nAt the time, she released a statement saying,"
        ' "The firm has done well."',
        [("The firm has done well.", D, "Ivy Tran")],
    ),
    (
        "'Ever since Name announced his run, he has said ...: \"...\"' is Name's",
        "Ever since Ben Sand announced his run, he has said the same thing at every stop:"
        ' "It is about us."',
        [("It is about us.", D, "Ben Sand")],
    ),
    (
        "'\"...\" to Mr. Kaye, said Name, a strategist' is Name's, not Kaye's",
        'Mr. Kaye spoke on Friday.\n\nBut Ms. Vale would do well to begin "building'
        ' bridges" to Mr. Kaye, said Ivo Marsh, a former strategist.\n\n"It seems certain'
        ' he will run," he said.',
        [
            ("building bridges", P, "Ivo Marsh"),
            ("It seems certain he will run,", D, "Ivo Marsh"),
        ],
    ),
]


PANE = [
    (
        "'Former national skipper Name ...' then 'The former national skipper said' is one person",
        "Former national skipper Pieter Vos watched from the stands. The former national"
        ' skipper said the defence "needs work."\n\n"It was a tough night," said Vos.',
        ["Pieter Vos"],
    ),
    (
        "'Retired teacher Name watched ...' makes Name the next `she`",
        'Retired teacher Ann Kerr watched the flames.\n\n"We lost everything," she said.',
        ["Ann Kerr"],
    ),
]


@pytest.mark.parametrize(("name", "text", "speakers"), PANE, ids=[c[0] for c in PANE])
def test_speakers_pane(name: str, text: str, speakers: list[str]) -> None:
    extraction = extract(article(text))
    assert [s.name for s in extraction.speakers if s.quote_count] == speakers


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_speakers(name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected


def test_a_word_written_in_lower_case_elsewhere_is_common() -> None:
    text = "Proposals came in. The proposals were late. Kunin said no. Will Kunin?"
    assert written_lowercase(text, "Proposals", 0)
    assert not written_lowercase(text, "Kunin", 0)
    assert common_opener(text, "Proposals", "Proposals", 0)
    assert not common_opener(text, "Mr. Proposals", "Proposals", 0)


def test_a_word_inside_another_word_is_not_written_in_lower_case() -> None:
    text = "Kerr spoke. The anti-kerr campaign and kerrs and kerr-like things."
    assert not written_lowercase(text, "Kerr", 0)
