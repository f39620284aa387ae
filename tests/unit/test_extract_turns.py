"""Dialogue turns in fiction: whose turn a quote-only paragraph is (`reader/extract/turns.py`).

Each case is invented text shaped like an error class read on the PDNC development novels; the
case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from tests.unit.test_extract_cases import article, reading

D = "direct"

CASES = [
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
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_turn(name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected
