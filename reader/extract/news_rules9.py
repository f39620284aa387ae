"""Ninth-round news rules: named speakers that the narration around a quote already gives.

Read from the wrong and missing speakers of named people on PolNeAR train without coreference;
each is a general shape of news writing, not one article's quirk:

* `introduced_and_closed`: `Police Chief Ana Ruiz lobbied for a ban, saying, "Fewer guns is
  better." The province is one of nine that allow it.`: a quote that its own sentence
  introduces (a cue and a comma, or `that`, right before the opening mark) and that closes its
  sentence (a full stop, `?` or `!` inside the closing mark) belongs to the one who introduced
  it; a speech verb in the sentence after it (`states`, `later said`) is a new sentence's.

Functions over tokens and text; they read no speaker table.
"""

from __future__ import annotations

from reader.extract.tokens import Toks

_INTRODUCERS = frozenset({",", "that", "—", "–"})
"""What stands right before an opening mark when the sentence introduces the quote."""
_FULL_STOPS = frozenset(".!?")
"""Marks that close a sentence inside a quote's closing mark."""


def introduced_and_closed(toks: Toks, lo: int, open_i: int, quote_text: str) -> bool:
    """Whether narration `toks[lo:open_i]` introduces the quote and the quote ends the sentence.

    `quote_text` is the quoted words (without their marks); the sentence is closed when its last
    character that is not a quote mark or a space is `.`, `?` or `!`.
    """
    if open_i - lo < 2 or toks.lowers[open_i - 1] not in _INTRODUCERS:
        return False
    tail = quote_text.rstrip(" \"'“”‘’\u00a0")
    return bool(tail) and tail[-1] in _FULL_STOPS
