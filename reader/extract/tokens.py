"""Words and sentence ends in narration: a linear tokenizer and the full-stop rules of news text.

The tokenizer's pattern has no ambiguous repetition (every repeated group starts with a character
the previous group cannot match), so it runs in linear time on any input, including a megabyte of
punctuation.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Container, Sequence
from typing import NamedTuple

from reader.extract.cues import ABBREVIATIONS

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
# The split patterns are `_TOKEN` in a group, with possessive repeats (a word never gives back
# characters: what follows it is neither a word character nor a joiner followed by one, so
# backtracking could never find another match, and the engine keeps no backtracking state).
# Most paragraphs are ASCII (`str.isascii` is a flag read): for them the classes are spelt out
# in ASCII, which the engine tests faster than the Unicode categories; on ASCII text they match
# the same characters (`\s` there is space, \t\n\v\f\r and \x1c-\x1f).
# On other text the classes list the ASCII letters and digits before `\w` (the same set): the
# engine tests a class's items in order, and a range is a comparison where `\w` is a lookup in
# the Unicode database; most characters of news and fiction are ASCII even where a curly mark
# or a name with an accent makes the paragraph not (book.py's non-ASCII paragraphs split in
# 85 ms instead of 93, PolNeAR train's in 46 instead of 52, best of 5).
_SPLIT = re.compile(r"([A-Za-z0-9_\w]++(?:[-'’.][A-Za-z0-9_\w]++)*+|[^ A-Za-z0-9_\w\s])")
_SPLIT_ASCII = re.compile(r"([A-Za-z0-9_]++(?:[-'.][A-Za-z0-9_]++)*+|[^A-Za-z0-9_ \t-\r\x1c-\x1f])")


class Token(NamedTuple):
    """One word or punctuation character located in the article text, as a value.

    The rules read tokens as columns (`Toks`); a `Token` is made only for what they hand back,
    such as the cue verb of an attribution (`Toks.token`).
    """

    text: str
    """The token as written."""
    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last character."""


class Toks:
    """A run of tokens as parallel lists: token i is texts[i] at starts[i]..ends[i].

    Columns rather than one object per token: a paragraph's columns come out of one regex
    split in a few C-level passes, the rules' scans (`in`, `index`, set tests over a sentence)
    run in C over one column, and a book's hundreds of thousands of tokens cost no allocation
    beyond their strings. A token is a word when its first character is alphanumeric
    (`is_word`), capitalised when that character is upper case (`is_capitalised`).
    """

    __slots__ = ("ends", "lowers", "starts", "texts")

    def __init__(
        self, texts: list[str], lowers: list[str], starts: list[int], ends: list[int]
    ) -> None:
        self.texts = texts
        """Each token as written."""
        self.lowers = lowers
        """Each token in lower case (`str.lower`), for comparing with the word lists."""
        self.starts = starts
        """Offset of each token's first character."""
        self.ends = ends
        """Offset just past each token's last character."""

    def __len__(self) -> int:
        return len(self.texts)

    def sub(self, lo: int, hi: int) -> Toks:
        """The tokens lo..hi-1 as a run of their own (indexes from 0)."""
        return Toks(self.texts[lo:hi], self.lowers[lo:hi], self.starts[lo:hi], self.ends[lo:hi])

    def pick(self, indexes: Sequence[int]) -> Toks:
        """The tokens at `indexes`, in that order, as a run of their own."""
        texts, lowers, starts, ends = self.texts, self.lowers, self.starts, self.ends
        return Toks(
            [texts[i] for i in indexes],
            [lowers[i] for i in indexes],
            [starts[i] for i in indexes],
            [ends[i] for i in indexes],
        )

    def token(self, i: int) -> Token:
        """Token i as a value."""
        return Token(self.texts[i], self.starts[i], self.ends[i])


def is_word(toks: Toks, i: int) -> bool:
    """Whether token i is a word (starts with a letter or digit), not punctuation."""
    return toks.texts[i][0].isalnum()


def is_capitalised(toks: Toks, i: int) -> bool:
    """Whether token i starts with a capital letter."""
    return toks.texts[i][0].isupper()


def lower_base(word: str) -> str:
    """A lower-case token with a possessive `'s` dropped."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word


def split_into(
    text: str, start: int, stop: int, texts: list[str], starts: list[int], ends: list[int]
) -> None:
    """Append the word and punctuation tokens of `text[start:stop]` to the three columns.

    The split keeps the tokens at the odd places (white space between them at the even ones);
    the offsets are the running sum of the pieces' lengths.
    """
    piece = text[start:stop]
    pieces = (_SPLIT_ASCII if piece.isascii() else _SPLIT).split(piece)
    offsets = list(itertools.accumulate(map(len, pieces), initial=start))
    texts += pieces[1::2]
    starts += offsets[1:-1:2]
    ends += offsets[2::2]


def indexes_in(toks: Toks, lo: int, hi: int, words: Container[str]) -> list[int]:
    """Indexes i in lo..hi-1 whose token, in lower case, is one of `words`, in order.

    The rules look for a few cue words in sentences of dozens of tokens: one pass of C code
    over the sentence finds them instead of a Python test per token.
    """
    found = map(words.__contains__, toks.lowers[lo:hi])
    return list(itertools.compress(range(lo, hi), found))


def indexes_of(toks: Toks, lo: int, hi: int, texts: Container[str]) -> list[int]:
    """Indexes i in lo..hi-1 whose token text, as written, is one of `texts`, in order."""
    found = map(texts.__contains__, toks.texts[lo:hi])
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


def is_sentence_end(text: str, i: int, limit: int, word: str | None = None) -> bool:
    """True when the `.`, `!` or `?` at `text[i]` ends a sentence (looking no further than limit).

    A full stop after an abbreviation or an initial does not end one; nor does a stop that is
    followed by a lower-case word. Closing quote marks and brackets after the stop are skipped.
    The word before a full stop is the run of letters, digits and dots before it (at most 13
    characters); a caller that knows it already (`word_before_stop`) passes it in.
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
        if word is None:
            k = i
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "."):
                k -= 1
                if i - k > 12:
                    break
            word = text[k:i]
        if is_abbreviation(word):
            return False
    while j < limit and text[j].isspace():
        j += 1
    return not (j < limit and text[j].islower())


def word_before_stop(text: str, toks: Toks, i: int) -> str | None:
    """The word `is_sentence_end` reads before the full stop token i, when the tokens tell it.

    That is the token right before the stop when it is glued to it and all letters or digits:
    the whole token when it is shorter than 13 characters and what precedes it is neither a
    letter, a digit nor a dot (the scan back stops there), its last 13 characters when it is
    longer. Else None (the scan is done on the text).
    """
    if not i or toks.ends[i - 1] != toks.starts[i]:
        return None
    word = toks.texts[i - 1]
    if not word.isalnum():
        return None
    if len(word) >= 13:
        return word[-13:]
    start = toks.starts[i - 1]
    if start and (text[start - 1].isalnum() or text[start - 1] == "."):
        return None
    return word


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case `text` and strip diacritics and hyphens, for comparing name variants."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.replace("-", "").replace("‐", "").replace("ı", "i").replace("ł", "l")
