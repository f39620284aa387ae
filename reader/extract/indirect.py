"""Reported speech without quote marks: `Erdogan said that he expected ...`, `X assured that ...`.

A sentence of narration (no quotation marks in it) is reported speech when a cue verb that takes
a clause follows a speaker mention and is followed by `that`, by an object and `that`
(`told reporters that`), or directly by the subject of a clause (`said he expected`); and when it
opens with `According to X,`. The reported clause runs to the end of the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reader.extract.attribution import according_to, is_cue, object_after, subject_before
from reader.extract.cues import CLAUSE_VERBS, DETERMINERS, SUBJECT_PRONOUNS
from reader.extract.mentions import Mention
from reader.extract.tokens import Token, indexes_in

_DIRECT_CLAUSE_VERBS = frozenset(
    {
        "said",
        "says",
        "added",
        "adds",
        "believes",
        "believed",
        "thinks",
        "thought",
        "warned",
        "warns",
        "insisted",
        "insists",
        "argued",
        "argues",
        "claimed",
        "claims",
        "predicted",
    }
)
_PREPOSITIONS = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "late",
        "earlier",
        "last",
        "this",
        "through",
        "via",
        "to",
    }
)
_ACCORDING = frozenset({"according"})
REPORTING_WORDS = CLAUSE_VERBS | _ACCORDING
"""The words one of which `find_reported` needs in a sentence (in lower case)."""
MIN_CLAUSE_WORDS = 3
"""A reported clause shorter than this (in words) is not worth listing."""


class Reported(NamedTuple):
    """One piece of reported speech found in a sentence.

    A named tuple: a book makes tens of thousands, and a tuple is several times cheaper to
    build than a frozen dataclass.
    """

    start: int
    """Offset of the first character of the reported clause."""
    end: int
    """Offset just past its last character."""
    mention: Mention
    """Who reports it, as mentioned."""
    cue: Token
    """The cue verb (or `according`)."""
    rule: str
    """`reported-that`, `reported-clause` or `according-to`."""


def _clause_start(tokens: Sequence[Token], c: int, hi: int) -> int | None:
    """Index where the reported clause after the cue tokens[c] begins, or None."""
    i = c + 1
    if i < hi and tokens[i].lower == "that":
        return i + 1
    if i < hi and tokens[i].lower in _PREPOSITIONS:
        # "said in a statement that", "said on Monday that"
        j = i
        while j < hi and j - i < 7 and tokens[j].is_word and tokens[j].lower != "that":
            j += 1
        if j < hi and tokens[j].lower == "that":
            return j + 1
    word = tokens[c].lower
    if word in ("told", "tells", "assured", "assures", "warned", "reminded", "promised"):
        # an object first: told reporters that, assured him that
        j = i
        while j < hi and j - i < 6 and tokens[j].is_word and tokens[j].lower != "that":
            j += 1
        if j < hi and tokens[j].lower == "that":
            return j + 1
        return None
    if word in _DIRECT_CLAUSE_VERBS and i < hi:
        nxt = tokens[i]
        if nxt.is_word and (
            nxt.lower in SUBJECT_PRONOUNS
            or nxt.lower in DETERMINERS
            or (nxt.is_capitalised and nxt.lower != "i")
        ):
            return i
    return None


def find_reported(text: str, tokens: Sequence[Token], lo: int, hi: int) -> Reported | None:
    """Reported speech in the sentence tokens[lo:hi] (narration only), or None."""
    if hi - lo < 4:
        return None
    if tokens[lo].lower == "according":
        acc = according_to(text, tokens, lo, hi)
        if acc is not None and acc.mention is not None and acc.cue is not None:
            k = lo
            while k < hi and tokens[k].text != ",":
                k += 1
            if k + MIN_CLAUSE_WORDS < hi:
                return _reported(tokens, k + 1, hi, acc.mention, acc.cue, "according-to")
    for c in indexes_in(tokens, lo + 1, hi, CLAUSE_VERBS):
        tok = tokens[c]
        if not is_cue(tokens, c):
            continue
        if tok.lower.endswith("ing"):
            continue
        start = _clause_start(tokens, c, hi)
        if start is None or hi - start < MIN_CLAUSE_WORDS:
            continue
        mention = subject_before(text, tokens, lo, c)
        if mention is None:
            continue
        return _reported(
            tokens,
            start,
            hi,
            mention,
            tok,
            "reported-that" if tokens[start - 1].lower == "that" else "reported-clause",
        )
    for c in indexes_in(tokens, lo, hi - 1, _ACCORDING):
        if tokens[c + 1].lower == "to":
            mention = object_after(text, tokens, c + 2, hi)
            if mention is not None and c - lo >= MIN_CLAUSE_WORDS:
                return _reported(tokens, lo, c, mention, tokens[c], "according-to")
    return None


def _reported(
    tokens: Sequence[Token], s: int, e: int, mention: Mention, cue: Token, rule: str
) -> Reported | None:
    while e > s and not tokens[e - 1].is_word:
        e -= 1
    if e - s < MIN_CLAUSE_WORDS:
        return None
    return Reported(tokens[s].start, tokens[e - 1].end, mention, cue, rule)
