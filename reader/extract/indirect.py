"""Reported speech without quote marks: `Erdogan said that he expected ...`, `X assured that ...`.

A sentence of narration (no quotation marks in it) is reported speech when a cue verb that takes
a clause follows a speaker mention and is followed by `that`, by an object and `that`
(`told reporters that`), or directly by the subject of a clause (`said he expected`); and when it
opens with `According to X,`. The reported clause runs to the end of the sentence.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from reader.extract.attribution import according_to, is_cue, object_after
from reader.extract.cues import CLAUSE_VERBS, DETERMINERS, SUBJECT_PRONOUNS
from reader.extract.mentions import PERSON, PRONOUN, Mention, np_starting_at
from reader.extract.subjects import subject_before
from reader.extract.tokens import Token, Toks, indexes_in

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


_ADD_VERBS = frozenset({"added", "adds"})
_ADDED_THINGS = frozenset({"a", "an", "another", "two", "three", "his", "her", "their", "its"})
"""After `added`, words that open the thing added (`added a field goal`, `added his name`), not
a reported clause (`added the plan was late` still is one)."""

_OBJECT_FIRST = frozenset(("told", "tells", "assured", "assures", "warned", "reminded", "promised"))


def _clause_start(toks: Toks, c: int, hi: int) -> int | None:
    """Index where the reported clause after the cue token c begins, or None."""
    texts, lowers = toks.texts, toks.lowers
    i = c + 1
    if i < hi and lowers[i] == "that":
        return i + 1
    if i < hi and lowers[i] in _PREPOSITIONS:
        # "said in a statement that", "said on Monday that"
        j = i
        while j < hi and j - i < 7 and texts[j][0].isalnum() and lowers[j] != "that":
            j += 1
        if j < hi and lowers[j] == "that":
            return j + 1
    word = lowers[c]
    if word in _OBJECT_FIRST:
        # an object first: told reporters that, assured him that
        j = i
        while j < hi and j - i < 6 and texts[j][0].isalnum() and lowers[j] != "that":
            j += 1
        if j < hi and lowers[j] == "that":
            return j + 1
        return None
    if word in _DIRECT_CLAUSE_VERBS and i < hi:
        first = texts[i][0]
        nxt = lowers[i]
        if nxt in _ADDED_THINGS and word in _ADD_VERBS:
            return None  # "kicker Logan Pryce added a 44-yard field goal": a thing added
        if first.isalnum() and (
            nxt in SUBJECT_PRONOUNS or nxt in DETERMINERS or (first.isupper() and nxt != "i")
        ):
            return i
    return None


def find_reported(text: str, toks: Toks, lo: int, hi: int) -> Reported | None:
    """Reported speech in the sentence tokens lo..hi-1 (narration only), or None."""
    if hi - lo < 4:
        return None
    lowers = toks.lowers
    if lowers[lo] == "according":
        acc = according_to(text, toks, lo, hi)
        if acc is not None and acc.mention is not None and acc.cue is not None:
            k = lo
            while k < hi and toks.texts[k] != ",":
                k += 1
            if k + MIN_CLAUSE_WORDS < hi:
                return _reported(toks, k + 1, hi, acc.mention, acc.cue, "according-to")
    if lowers[lo] == "as":
        credited = _as_writes(text, toks, lo, hi)
        if credited is not None:
            return credited
    for c in indexes_in(toks, lo + 1, hi, CLAUSE_VERBS):
        if not is_cue(toks, c):
            continue
        if lowers[c].endswith("ing"):
            continue
        if toks.texts[c - 1] == ",":
            aside = _credited_aside(text, toks, lo, hi, c)
            if aside is not None:
                return aside
        start = _clause_start(toks, c, hi)
        if start is None or hi - start < MIN_CLAUSE_WORDS:
            continue
        mention = subject_before(text, toks, lo, c)
        if mention is None:
            continue
        return _reported(
            toks,
            start,
            hi,
            mention,
            toks.token(c),
            "reported-that" if lowers[start - 1] == "that" else "reported-clause",
        )
    for c in indexes_in(toks, lo, hi - 1, _ACCORDING):
        if lowers[c + 1] == "to":
            mention = object_after(text, toks, c + 2, hi)
            if mention is not None and c - lo >= MIN_CLAUSE_WORDS:
                return _reported(toks, lo, c, mention, toks.token(c), "according-to")
    return _credited_after(text, toks, lo, hi)


_AS_REACH = 6
"""Words allowed between `As` and the cue verb (`As the agency's report notes`)."""


def _as_writes(text: str, toks: Toks, lo: int, hi: int) -> Reported | None:
    """`As Al-Jazeera writes in its article ..., the government has announced ...`.

    The sentence opens by crediting a source; the clause after the comma is what it reports.
    """
    texts = toks.texts
    for c in indexes_in(toks, lo + 2, min(hi, lo + 2 + _AS_REACH), CLAUSE_VERBS):
        if not is_cue(toks, c):
            continue
        mention = subject_before(text, toks, lo + 1, c)
        if mention is None or mention.kind == PRONOUN or mention.start != toks.starts[lo + 1]:
            return None
        comma = next((k for k in range(c + 1, hi) if texts[k] == ","), None)
        if comma is None:
            return None
        return _reported(toks, comma + 1, hi, mention, toks.token(c), "as-reports")
    return None


def _credited_aside(text: str, toks: Toks, lo: int, hi: int, c: int) -> Reported | None:
    """`And Trump, said Lena Sunshine, who knows him, does not forget.`: a credit set aside.

    The cue and a named speaker stand between commas inside the sentence: the sentence around
    them is what that speaker says (not the words of the subject before the first comma).
    """
    texts = toks.texts
    if c - 1 <= lo or texts[c - 1] != "," or toks.lowers[c] not in _DIRECT_CLAUSE_VERBS:
        return None
    if c + 1 >= hi or not texts[c + 1][0].isupper():
        return None  # no name right after the cue (the common case, decided cheaply)
    found = np_starting_at(text, toks, c + 1, hi)
    if found is None or found[0].kind != PERSON or found[1] >= hi or texts[found[1]] != ",":
        return None
    return _reported(toks, lo, hi, found[0], toks.token(c), "reported-aside")


CLOSING_CREDIT_VERBS = _DIRECT_CLAUSE_VERBS | frozenset(
    verb for verb in CLAUSE_VERBS if verb.endswith("ed") or verb in ("told", "wrote", "writes")
)
"""Cue verbs that may close a sentence crediting its clause: `said` and `added`, and any other
verb of reporting in the past (`..., Mayor Tod Perry noted.`, `..., explained Ana Ruiz.`):
the clause before the comma is what the speaker reported, and the speaker is the one a later
`he said` stands for (a PolNeAR train error class: the credited mayor was never met)."""


def _credited_after(text: str, toks: Toks, lo: int, hi: int) -> Reported | None:
    """`The family will cope, adds Nadia Haddad.` / `..., Haddad said.`: the clause comes first.

    The cue and its speaker close the sentence after a comma; what precedes the comma is the
    reported clause.
    """
    texts = toks.texts
    end = hi
    while end > lo and not texts[end - 1][0].isalnum():
        end -= 1
    for c in indexes_in(toks, lo + MIN_CLAUSE_WORDS, end, CLOSING_CREDIT_VERBS):
        if not is_cue(toks, c):
            continue
        if texts[c - 1] == ",":
            found = np_starting_at(text, toks, c + 1, end)
            if (
                found is not None
                and _closes_sentence(toks, found, end)
                # past `said`/`added`, only a name: `..., promised a decision` is no credit
                and (found[0].kind == PERSON or toks.lowers[c] in _DIRECT_CLAUSE_VERBS)
            ):
                return _reported(toks, lo, c - 1, found[0], toks.token(c), "reported-after")
        elif c == end - 1:
            mention = subject_before(text, toks, lo, c)
            if mention is None or mention.kind == PRONOUN:
                continue
            at = bisect.bisect_left(toks.starts, mention.start, lo, c)
            if at > lo and texts[at - 1] == ",":
                return _reported(toks, lo, at - 1, mention, toks.token(c), "reported-after")
    return None


def _closes_sentence(toks: Toks, found: tuple[Mention, int], end: int) -> bool:
    """Whether the speaker after a closing cue ends the sentence, or only an apposition follows.

    `..., said Lena Marsh.` and `..., said Lena Marsh, a budget analyst at the institute.`
    both credit her; `..., said Lena Marsh's office` does not.
    """
    mention, e = found
    if mention.kind == PRONOUN:
        return False
    return e == end or (mention.kind == PERSON and toks.texts[e] == "," and e + 1 < end)


def _reported(
    toks: Toks, s: int, e: int, mention: Mention, cue: Token, rule: str
) -> Reported | None:
    texts = toks.texts
    while e > s and not texts[e - 1][0].isalnum():
        e -= 1
    if e - s < MIN_CLAUSE_WORDS:
        return None
    return Reported(toks.starts[s], toks.ends[e - 1], mention, cue, rule)
