"""Quotes listed one after another share a kind: `words such as "ambassador," "attack" and "Libya"`.

A quote's own sentence decides its kind (`reader.extract.kinds`), but the second and later items
of a list of quoted words have little narration of their own: after `"ambassador,"` the next
quote starts a new window of narration, so `"attack,"` read alone looked like a line of speech.
Items of one list play one role in their sentence, so a quote joined to a scare quote or a title
by commas, `and` or `or` alone takes that kind. `reading.share_coordinated` does the same for a
partial quote (`called him "a liar" and "a fraud"`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from reader.extract.kind_signs import count_words
from reader.extract.model import KindRule, QuoteKind

if TYPE_CHECKING:  # the pipeline passes its items in; importing reading here would be a cycle
    from reader.extract.paragraphs import Paras
    from reader.extract.reading import Item

_LIST_GLUE = frozenset({",", "and", "or", "&"})
"""Tokens that may stand between two items of a list of quotes."""
_JOINERS = frozenset({",", "and", "or"})
_LIST_GAP = 3
"""Tokens at most between two listed quotes (`," and "`, `, or `)."""
LISTED_MAX_WORDS = 6
"""A listed item is a term or a title: longer quotes are read on their own."""
_HELD_BACK = (QuoteKind.SCARE, QuoteKind.TITLE)
_REPORTED = (QuoteKind.DIRECT, QuoteKind.PARTIAL)


def share_list_kind(text: str, paras: Paras, a: Item, b: Item) -> None:
    """`such as "ambassador," "attack" and "Libya"`: an item listed after a term is a term.

    `a` and `b` are consecutive top-level quotes. When `a` is a scare quote or a title and `b`,
    a short quote in the same paragraph, follows it with only commas, `and` or `or` between
    (the comma may sit inside `a`'s marks), `b` takes `a`'s kind. A quote that stands as a
    sentence of its own must end in a comma to be listed (`"Apollo 13,"`): `"No." "Never."`
    are lines of dialogue.
    """
    qa, qb = a.raw, b.raw
    if qa is None or qb is None or qa.segments[-1].paragraph != qb.paragraph:
        return
    if a.kind not in _HELD_BACK or b.kind not in _REPORTED or len(qb.segments) > 1:
        return
    para = paras[qb.paragraph]
    first, last = para.index_at(qa.outer_end), para.index_at(qb.outer_start)
    if last - first > _LIST_GAP:
        return
    gap = para.lowers[first:last]
    if not all(w in _LIST_GLUE for w in gap):
        return
    quote = text[qb.start : qb.end].rstrip()
    if count_words(quote, LISTED_MAX_WORDS) > LISTED_MAX_WORDS:
        return
    if not _JOINERS.intersection(gap) and text[qa.start : qa.end].rstrip()[-1:] != ",":
        return
    if not b.embedded and quote[-1:] != ",":
        return
    b.kind = a.kind
    b.kind_rule = KindRule.LISTED_AFTER_A_TERM


class PairRule(NamedTuple):
    """A kind rule read on two consecutive quotes, after each has its own kind."""

    name: KindRule
    """The name recorded on the evidence of the second quote when the rule changes its kind."""
    applies: Callable[[str, Paras, Item, Item], None]
    """The rule: sets the second quote's kind (and rule) when it applies."""


PAIR_RULES: tuple[PairRule, ...] = (PairRule(KindRule.LISTED_AFTER_A_TERM, share_list_kind),)
"""The kind rules over pairs of consecutive quotes, in the order the pipeline reads them."""
