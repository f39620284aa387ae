"""Words and sentence ends in narration: a linear tokenizer and the full-stop rules of news text.

The tokenizer's pattern has no ambiguous repetition (every repeated group starts with a character
the previous group cannot match), so it runs in linear time on any input, including a megabyte of
punctuation.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Container, Sequence
from typing import NamedTuple

from reader.extract.cues import ABBREVIATIONS

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_SPLIT = re.compile(f"({_TOKEN.pattern})")
_new_token = tuple.__new__


class Token(NamedTuple):
    """A word or punctuation character located in the article text (never modified).

    A tuple: a paragraph's tokens are built in one pass of C code (`tokenize`), which is several
    times cheaper than calling a constructor per token, and books have millions of them. Build
    one alone with `make_token`, which fills in the two flags.
    """

    text: str
    """The token as written."""
    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last character."""
    is_word: bool
    """True for a word (starts with a letter or digit), False for punctuation."""
    is_capitalised: bool
    """True when the word starts with a capital letter (`Erdogan`, `UN`, `Çavuşoğlu`)."""
    lower: str
    """The token in lower case (`str.lower`): the rules compare it with their word lists, and
    computing it once per token in C is cheaper than calling `str.lower` at every comparison."""

    @property
    def lower_base(self) -> str:
        """The token in lower case, with a possessive `'s` dropped."""
        word = self.lower
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        return word


def make_token(text: str, start: int, end: int) -> Token:
    """The token `text` at `start`..`end`, its flags read off its first character."""
    first = text[0]
    return _new_token(Token, (text, start, end, first.isalnum(), first.isupper(), text.lower()))


_first_char = operator.itemgetter(0)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split `text[start:end]` into word and punctuation tokens with article offsets."""
    stop = len(text) if end is None else end
    # split keeps the tokens at the odd places; offsets are the running sum of the piece lengths
    pieces = _SPLIT.split(text[start:stop])
    offsets = list(itertools.accumulate(map(len, pieces), initial=start))
    words = pieces[1::2]
    fields = zip(
        words,
        offsets[1:-1:2],
        offsets[2::2],
        map(str.isalnum, map(_first_char, words)),
        map(str.isupper, map(_first_char, words)),
        map(str.lower, words),
        strict=True,
    )
    return list(map(_new_token, itertools.repeat(Token), fields))


_token_text = operator.itemgetter(0)
token_lower = operator.itemgetter(5)
"""A token's lower-case text, as a C function for `map`."""


def indexes_in(tokens: Sequence[Token], lo: int, hi: int, words: Container[str]) -> list[int]:
    """Indexes i in lo..hi-1 whose token, in lower case, is one of `words`, in order.

    The rules look for a few cue words in sentences of dozens of tokens: one pass of C code
    over the sentence finds them instead of a Python test per token.
    """
    found = map(words.__contains__, map(token_lower, tokens[lo:hi]))
    return list(itertools.compress(range(lo, hi), found))


def indexes_of(tokens: Sequence[Token], lo: int, hi: int, texts: Container[str]) -> list[int]:
    """Indexes i in lo..hi-1 whose token text, as written, is one of `texts`, in order."""
    found = map(texts.__contains__, map(_token_text, tokens[lo:hi]))
    return list(itertools.compress(range(lo, hi), found))


@functools.lru_cache(maxsize=4096)
def is_abbreviation(word: str) -> bool:
    """True when `word` followed by a full stop does not end a sentence (`Mr`, `Sen`, `J`).

    Cached: asked at every full stop and capitalised word, and the same few words recur.
    """
    if len(word) == 1 and word.isupper():
        return True  # an initial: "George W. Bush"
    if "." in word:
        return all(len(part) <= 2 for part in word.split("."))  # "U.S", "a.m", not "cnn.com"
    return word[:1].isupper() and word.lower() in ABBREVIATIONS


_CLOSERS_AFTER_STOP = "\"'”’»)]"


def is_sentence_end(text: str, i: int, limit: int) -> bool:
    """True when the `.`, `!` or `?` at `text[i]` ends a sentence (looking no further than limit).

    A full stop after an abbreviation or an initial does not end one; nor does a stop that is
    followed by a lower-case word. Closing quote marks and brackets after the stop are skipped.
    """
    char = text[i]
    if char not in ".!?…":
        return False
    j = i + 1
    while j < limit and text[j] in _CLOSERS_AFTER_STOP:
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


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case `text` and strip diacritics and hyphens, for comparing name variants."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.replace("-", "").replace("‐", "").replace("ı", "i").replace("ł", "l")
