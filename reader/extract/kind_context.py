"""`KindContext`: what the kind rules read about one quote, with facts worked out on demand."""

from __future__ import annotations

from collections.abc import Callable

from reader.extract.attribution import Attribution
from reader.extract.kind_signs import (
    SCARE_MAX_WORDS,
    Frame,
    ScareCue,
    characterisation,
    count_words,
    find_scare_cue,
    is_title_case,
    modifies_noun,
)
from reader.extract.model import QuoteKind
from reader.extract.tokens import Toks

_UNSET: object = object()


class KindContext:
    """What the kind rules read about one top-level quote, with the derived facts they share.

    The derived facts (`words`, `title_case`, `scare_cue`, `frame`) are worked out when a rule
    first asks and kept: most quotes (`"...," she said`) are decided without ever reading them.
    """

    __slots__ = (
        "_frame",
        "_scare_cue",
        "_title_case",
        "_words",
        "attribution",
        "before",
        "cued",
        "embedded",
        "in_list",
        "named",
        "nested",
        "post",
        "pre",
        "quote",
    )

    def __init__(
        self,
        quote: str,
        pre: Toks,
        post: Toks,
        attribution: Attribution | None,
        embedded: bool,
        in_list: bool,
        nested: bool = False,
    ) -> None:
        self.quote = quote
        """The quoted words, without their marks."""
        self.pre = pre
        """The narration of the quote's sentence before its opening mark."""
        self.post = post
        """The narration of the quote's sentence after its closing mark."""
        self.attribution = attribution
        """What the sentence says about who speaks (None: nothing)."""
        self.embedded = embedded
        """True when the quote sits inside a sentence of narration."""
        self.in_list = in_list
        """True when the quote is one of several quoted terms joined by commas or `and`."""
        self.nested = nested
        """True when the quote sits inside another quote, read as if the outer one narrated it."""
        self.before = pre.texts[-1] if pre.texts else ""
        """The token right before the opening mark, as written (empty at a sentence start)."""
        self.cued = attribution is not None and attribution.cue is not None
        """Whether the attribution found a cue verb."""
        self.named = attribution is not None and attribution.mention is not None
        """Whether the attribution names a speaker."""
        self._words = -1
        self._title_case: bool | None = None
        self._scare_cue: object = _UNSET
        self._frame: object = _UNSET

    @property
    def words(self) -> int:
        """How many words the quote has (counted up to one more than any rule asks about)."""
        if self._words < 0:
            self._words = count_words(self.quote, 2 * SCARE_MAX_WORDS)
        return self._words

    @property
    def title_case(self) -> bool:
        """Whether most of the quote's words are capitalised (`is_title_case`)."""
        if self._title_case is None:
            self._title_case = is_title_case(self.quote)
        return self._title_case

    @property
    def scare_cue(self) -> ScareCue | None:
        """The scare cue right before the quote (`so-called`, `the phrase`), if any."""
        if self._scare_cue is _UNSET:
            self._scare_cue = find_scare_cue(self.pre)
        return self._scare_cue  # type: ignore[return-value]

    @property
    def frame(self) -> Frame | None:
        """How an embedded quote characterises something (`called it "..."`), if it does.

        None for a quote that is not embedded or that modifies the noun after it.
        """
        if self._frame is _UNSET:
            modifies = modifies_noun(self.post, self.quote)
            self._frame = characterisation(self.pre) if self.embedded and not modifies else None
        return self._frame  # type: ignore[return-value]


KindDecision = Callable[[KindContext], QuoteKind | None]
"""A kind rule: the kind it decides for a quote, or None to let the next rule read it."""
