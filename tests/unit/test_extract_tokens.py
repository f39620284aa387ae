"""The tokenizer's sentence ends, as named cases: abbreviations, initials, dotted words."""

from __future__ import annotations

import pytest

from reader.extract.tokens import is_sentence_end

CASES = [
    ("plain full stop", "He left. She stayed.", 7, True),
    ("title", "Mr. Smith left.", 2, False),
    ("initial", "George W. Bush said.", 8, False),
    ("dotted abbreviation", "the U.S. said", 7, False),
    ("domain name", "read cnn.com. Then", 12, True),
    ("lower-case word after", "about 5 p.m. today", 11, False),
    ("closing mark after", 'he said." Then', 7, True),
    ("glued to a word", "a.b", 1, False),
    ("underscore is not a letter", "snake_case. Next", 10, True),
]


@pytest.mark.parametrize(
    ("text", "i", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_sentence_end_cases(text: str, i: int, expected: bool) -> None:
    assert is_sentence_end(text, i, len(text)) is expected
