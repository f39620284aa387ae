"""Where the title written before a name starts, when a capitalised word qualifies it.

`Fire chief Ron Delaney`, `Regina police spokesperson Ana Ruiz`, `UNB president Lorna Ade`: in
Canadian Press and AP style a title before a name is lower case and the place or body it
belongs to is capitalised. Reading the title as part of the mention keeps it as the person's
alias, so a later `the chief said` finds Delaney (`SpeakerTable._role`). Read from the seventh
fresh set; no Mention here, so `mentions` can use it without a cycle.
"""

from __future__ import annotations

from reader.extract.cues import PREPOSITIONS, ROLE_STOP_WORDS, SENTENCE_OPENERS, TITLES
from reader.extract.tokens import Toks

_QUALIFIER_WORDS = 3
"""Capitalised words read before a lower-case title (`Prince Albert police chief`)."""
_TITLE_WORDS = 3
"""Lower-case words allowed between the qualifier and the name (`police deputy chief`)."""


def qualified_title_start(toks: Toks, lo: int, p: int, r: int) -> int | None:
    """The first token of `Fire chief` before the name starting at token r, or None.

    Tokens p..r-1 are the lower-case words right before the name; the one next to it must be
    a title (`chief`, `president`, `spokesperson`). The capitalised words before them, up to
    `_QUALIFIER_WORDS` and no earlier than token lo, are the qualifier, when they open the
    chunk (at lo, or after a comma or an opening bracket) and are no sentence opener or
    preposition (`In`, `Somehow`).
    """
    if not (0 < r - p <= _TITLE_WORDS) or toks.lowers[r - 1] not in TITLES:
        return None
    texts, lowers = toks.texts, toks.lowers
    q = p
    while q > lo and p - q < _QUALIFIER_WORDS and texts[q - 1][0].isupper():
        q -= 1
    if q == p or (q > lo and texts[q - 1] not in (",", "(", "—")):
        return None
    if lowers[q] in SENTENCE_OPENERS or lowers[q] in PREPOSITIONS:
        return None
    return q


def bare_title_start(toks: Toks, lo: int, p: int, r: int) -> int | None:
    """The first token of `head coach` before the name starting at token r, or None.

    `a defeat that head coach Iain Drummond called ...`: lower-case title words with no
    capitalised qualifier, right after a clause word (`that`, `said`, `when`) that ended the
    walk back at token p. Read as part of the mention, the title is kept as the person's
    alias, so a later `The coach said` finds him (`SpeakerTable._titled_with`); without it,
    `The coach` was listed as a speaker of its own. Tokens p..r-1 are the lower-case words
    before the name; the one next to it must be a title.
    """
    if not (lo < p < r and r - p <= _TITLE_WORDS) or toks.lowers[r - 1] not in TITLES:
        return None
    if toks.lowers[p - 1] not in ROLE_STOP_WORDS:
        return None
    return p
