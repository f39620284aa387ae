"""FirstOccurrences answers as `str.find` does, before and after it indexes the text."""

from __future__ import annotations

import pytest

from reader.extract.occurrences import INDEX_AFTER, FirstOccurrences

TEXT = (
    "Minister Daniel Okonkwo-Ryan met McKerr and Kerrigan. Kerr said so. "
    "Élodie Kerr-Smith spoke. Ö. The end: Okonkwo"
)

CASES = [
    ("a full name's surname", "Okonkwo-Ryan"),
    ("inside a longer word", "Kerr"),
    ("after a capital inside a word", "Kerrigan"),
    ("absent", "Haddad"),
    ("one letter", "K"),
    ("a non-ASCII capital", "Élodie"),
    ("at the very end", "Okonkwo"),
    ("lower case", "said"),
]


@pytest.mark.parametrize(("case", "word"), CASES, ids=[c for c, _ in CASES])
def test_find_is_str_find_at_every_end(case: str, word: str) -> None:
    occurrences = FirstOccurrences(TEXT)
    # enough plain searches first that the later ones read the index
    for _ in range(INDEX_AFTER * 2 + 2):
        occurrences.find("Nobody", len(TEXT))
    for end in range(len(TEXT) + 1):
        assert occurrences.find(word, end) == TEXT.find(word, 0, end), (case, end)


def test_a_long_text_is_indexed_after_its_searches_read_it_over() -> None:
    occurrences = FirstOccurrences(TEXT)
    for _ in range(INDEX_AFTER):
        assert occurrences.find("Nobody", len(TEXT)) == -1
    assert occurrences.find("Kerr", len(TEXT)) == TEXT.find("Kerr")
    assert occurrences._at is not None  # the searches now read the index, not the text
