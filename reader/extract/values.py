"""Building the frozen value types of `model` in bulk, without their generated `__init__`.

A frozen dataclass's `__init__` sets each field through `object.__setattr__` (to get past the
frozen `__setattr__`), several times slower than the slot descriptors themselves; a book makes
tens of thousands of quotes, spans and evidences. These constructors make the same objects
(same class, every field set, equal and hashing alike) by setting the slots directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.extract.model import Evidence, KindRule, Quote, QuoteKind, Span

_new = object.__new__


def _setters(cls: type, names: str) -> list[Callable[[Any, Any], None]]:
    """The slot setters of `cls` for the space-separated field `names`, checked complete."""
    fields = names.split()
    # Checked at import (not by assert, which -O removes): a field added to the class, or a
    # __post_init__ these constructors would skip, must stop the program, not make bad values.
    if set(fields) != set(cls.__dataclass_fields__):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: the fields are not {names!r}")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__: build it with its constructor")
    return [cls.__dict__[name].__set__ for name in fields]


_span_start, _span_end = _setters(Span, "start end")
_ev_rule, _ev_cue, _ev_cue_span, _ev_mention, _ev_mention_span, _ev_kind_rule = _setters(
    Evidence, "rule cue cue_span mention mention_span kind_rule"
)
(
    _q_start,
    _q_end,
    _q_text,
    _q_kind,
    _q_paragraph,
    _q_speaker,
    _q_segments,
    _q_nested,
    _q_evidence,
    _q_split,
) = _setters(Quote, "start end text kind paragraph speaker segments nested evidence split")


def span(start: int, end: int) -> Span:
    """`Span(start, end)`."""
    value = _new(Span)
    _span_start(value, start)
    _span_end(value, end)
    return value


def evidence(
    rule: str | None,
    cue: str | None = None,
    cue_span: Span | None = None,
    mention: str | None = None,
    mention_span: Span | None = None,
    kind_rule: KindRule | None = None,
) -> Evidence:
    """`Evidence(rule, cue, cue_span, mention, mention_span, kind_rule)`."""
    value = _new(Evidence)
    _ev_rule(value, rule)
    _ev_cue(value, cue)
    _ev_cue_span(value, cue_span)
    _ev_mention(value, mention)
    _ev_mention_span(value, mention_span)
    _ev_kind_rule(value, kind_rule)
    return value


def quote(
    start: int,
    end: int,
    text: str,
    kind: QuoteKind,
    paragraph: int,
    speaker: str | None,
    segments: tuple[Span, ...],
    nested: bool,
    evidence: Evidence | None,
    split: bool,
) -> Quote:
    """`Quote(...)` with every field given."""
    value = _new(Quote)
    _q_start(value, start)
    _q_end(value, end)
    _q_text(value, text)
    _q_kind(value, kind)
    _q_paragraph(value, paragraph)
    _q_speaker(value, speaker)
    _q_segments(value, segments)
    _q_nested(value, nested)
    _q_evidence(value, evidence)
    _q_split(value, split)
    return value
