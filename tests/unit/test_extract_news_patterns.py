"""News patterns read on the sixth fresh round's errors (issue 17): who speaks, on invented text.

Each case is invented text shaped like an error class read on the fresh news articles 99-119
(never their text); the case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from tests.unit.test_extract_cases import article, reading

D, P = "direct", "partial"

TOP_LEVEL = [
    (
        "'Name, a Liberal Democrat, said' is Name's, not a speaker called 'Democrat'",
        "Councillor Petra Lund, a Liberal Democrat, said the plan could catch 'a boy with a"
        " kite'. She called it 'a hammer for a walnut'.",
        [
            ("a boy with a kite", P, "Petra Lund"),
            ("a hammer for a walnut", P, "Petra Lund"),
        ],
    ),
    (
        "'Name, an Ontario Conservative, said \"...\"' is Name's",
        'Omar Reyes, an Ontario Conservative, said: "We will vote against it."',
        [("We will vote against it.", D, "Omar Reyes")],
    ),
    (
        "'Another parent, Name, told trustees she ...' makes Name the next `she`, not 'Another'",
        '"It is unfair," said Rosa Lind, a mother of two.\n\nAnother parent, Dana Moss, told'
        ' trustees she had looked at other schools.\n\n"I do not say that as a threat," she said.',
        [
            ("It is unfair,", D, "Rosa Lind"),
            ("I do not say that as a threat,", D, "Dana Moss"),
        ],
    ),
    (
        "'Other families, like Name, ...': `Other` opens the sentence and names no one",
        '"We will appeal," said Rosa Lind.\n\nOther families, like Omar Reyes, drove in from'
        ' the county.\n\n"It took an hour," he said.',
        [("We will appeal,", D, "Rosa Lind"), ("It took an hour,", D, "Omar Reyes")],
    ),
    (
        "'Among those at the hall was Name, 74, who ...' makes Name the next `she`",
        '"It is unfair," said Rosa Lind, a mother of two.\n\nAmong those at the hall was Dana'
        ' Moss, 74, who had voted in every election.\n\n"Never for them," she said.',
        [("It is unfair,", D, "Rosa Lind"), ("Never for them,", D, "Dana Moss")],
    ),
    (
        "'In the end, the vote was close.' is no inversion: the comma comes before the verb",
        '"It is unfair," said Rosa Lind.\n\nIn the end, the vote was Tuesday.\n\n"We lost,"'
        " she said.",
        [("It is unfair,", D, "Rosa Lind"), ("We lost,", D, "Rosa Lind")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), TOP_LEVEL, ids=[c[0] for c in TOP_LEVEL])
def test_speakers(name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected


NESTED = [
    (
        "'I called my neighbour and said, \"...\"' inside her quote is hers, not a speaker 'I'",
        '"The first night I saw it," Ida Marsh said. "I phoned my brother and said, \'Keep'
        " the cat inside.' She thought I was joking.\"",
        "Keep the cat inside.",
        "Ida Marsh",
    ),
    (
        "'I told myself, \"...\"' inside his quote is his",
        '"My hands were cold," Tomas Berg said. "I told myself, \'Just slide it like'
        " practice.' And it stopped.\"",
        "Just slide it like practice.",
        "Tomas Berg",
    ),
    (
        "'I yelled at him, \"...\"' inside her quote, with `she said` after it, is hers",
        'Ruth Okafor lives on the corner.\n\n"It was loud," she said. "I yelled at my son,'
        " 'Get in the car!'\"",
        "Get in the car!",
        "Ruth Okafor",
    ),
]


@pytest.mark.parametrize(("name", "text", "quote", "speaker"), NESTED, ids=[c[0] for c in NESTED])
def test_nested_first_person_is_the_outer_speaker(
    name: str, text: str, quote: str, speaker: str
) -> None:
    extraction = extract(article(text))
    nested = [q for q in extraction.quotes if q.nested and q.text == quote]
    assert len(nested) == 1
    found = extraction.speaker(nested[0].speaker)
    assert found is not None and found.name == speaker
    assert all(s.name != "I" for s in extraction.speakers)
