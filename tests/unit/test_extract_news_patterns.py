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
]


@pytest.mark.parametrize(("name", "text", "expected"), TOP_LEVEL, ids=[c[0] for c in TOP_LEVEL])
def test_speakers(name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected
