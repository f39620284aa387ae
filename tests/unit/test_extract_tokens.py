"""The tokenizer's sentence ends: named cases, and the regex shortcut against the plain rule.

`is_sentence_end` finds the word before a full stop with one regex search; the plain rule it
replaces (walk back over letters, digits and dots, at most 13 characters) is kept here as the
reference the property test compares with.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.tokens import is_abbreviation, is_sentence_end


def reference_is_sentence_end(text: str, i: int, limit: int) -> bool:
    """The rule as first written, one character at a time."""
    char = text[i]
    if char not in ".!?…":
        return False
    j = i + 1
    while j < limit and text[j] in "\"'”’»)]":
        j += 1
    if j < limit and not text[j].isspace():
        return False
    if char == ".":
        k = i
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "."):
            k -= 1
            if i - k > 12:
                break
        if is_abbreviation(text[k:i]):
            return False
    while j < limit and text[j].isspace():
        j += 1
    return not (j < limit and text[j].islower())


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
    assert reference_is_sentence_end(text, i, len(text)) is expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='aZ9_. !?"”)éΩ²\u00a0', max_size=30), st.data())
def test_sentence_end_matches_the_reference_rule(text: str, data: st.DataObject) -> None:
    for i, char in enumerate(text):
        if char in ".!?":
            limit = data.draw(st.integers(i + 1, len(text)))
            assert is_sentence_end(text, i, limit) == reference_is_sentence_end(text, i, limit)
