"""The tokenizer's sentence ends, as named cases: abbreviations, initials, dotted words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.tokens import _SPLIT, is_sentence_end

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


_PLAIN_SPLIT = re.compile(r"(\w++(?:[-'’.]\w++)*+|[^\w\s])")
"""The split pattern with `\\w` alone: `_SPLIT` lists the ASCII ranges first, for speed only."""

_MIXED = st.text(
    alphabet=st.sampled_from(
        list("aZ9_ -'’.,\t\n") + list("éŁİßµ²٣ⅷ\u00a0\u2009\u3000“”«»—…ʿ\u0301")
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_the_split_of_non_ascii_text_is_the_plain_word_pattern_s(text: str) -> None:
    assert _SPLIT.split(text) == _PLAIN_SPLIT.split(text)
