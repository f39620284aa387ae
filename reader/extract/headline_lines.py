"""Paragraphs whose quotes belong to a headline: teaser lines, a repeated headline, headline style.

`PARAGRAPH_RULES` is read before the kind rules: a quote in `READ MORE: "..."` or in the
article's own headline written again in the body is a title, whatever the narration says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from reader.extract.kind_rules9 import timestamped_subhead
from reader.extract.model import KindRule, QuoteKind

_TEASER = re.compile(
    r"(?:READ MORE|Read more|RELATED|Related|SEE ALSO|See also|ALSO READ|Also read|MORE|WATCH"
    r"|Watch|LISTEN|Listen|RECOMMENDED|DON'T MISS|PHOTOS|VIDEO)\s*[:|]"
)
"""The label of a line that links to another article or a video (`READ MORE: ...`, `WATCH |
...`, as CBC News writes it), at a paragraph start."""
_FOLD_WORDS = re.compile(r"\w+")


def teaser_line(paragraph: str, title: str) -> bool:
    """`READ MORE: "We will rebuild," mayor says`, `WATCH | ...`: a linked headline, not speech."""
    del title
    return _TEASER.match(paragraph) is not None


def _headline_length(paragraph: str, title: str) -> bool:
    """Whether `paragraph` is short enough to be the (non-empty) `title` written again."""
    return bool(title) and len(paragraph) <= 2 * len(title) + 8


def repeated_headline(paragraph: str, title: str) -> bool:
    """The headline again in the body (marks, case or punctuation changed): not speech here."""
    if not _headline_length(paragraph, title):
        return False
    return _FOLD_WORDS.findall(paragraph.casefold()) == _FOLD_WORDS.findall(title.casefold())


_HEADLINE_VERBS = re.compile(
    r"\b(?:says|say|warns|vows|tells|urges|calls|claims|insists|admits|promises|pledges)\b"
)
"""Present-tense speech verbs as headlines write them (`'We will rebuild,' mayor says`)."""
_SENTENCE_END = re.compile(r"""[.!?…](?:[ \u00a0\u202f]?["'”’»)])*\s*$""")
"""A full stop closing a paragraph, marks after it; French guillemets keep a space inside
(`... Now I do. »`: fresh round ten), so a space may stand before each mark."""
_QUOTE_MARKS = re.compile(r"""["“”‘’«»]|(?:^|\s)'|'(?:\s|$|[,.;:!?])""")


def headline_style_line(paragraph: str, title: str) -> bool:
    """`'It doesn't bring back the graves,' elder says as members vote`: a deck, not speech.

    Under a headline, news sites print a second line in the headline's style: a present-tense
    `says` and no full stop. Its quote repeats one from the story (or stands for it); the
    article's own paragraphs end their sentences.
    """
    return (
        _headline_length(paragraph, title)
        and "\n" not in paragraph
        and _SENTENCE_END.search(paragraph) is None
        and _HEADLINE_VERBS.search(paragraph) is not None
        and _QUOTE_MARKS.search(paragraph) is not None
    )


class ParagraphRule(NamedTuple):
    """A rule that decides the kind of every top-level quote of a paragraph, read first."""

    name: KindRule
    """The name recorded on the evidence of the quotes it decides."""
    applies: Callable[[str, str], bool]
    """Whether it applies, given the paragraph's text and the article's title."""
    kind: QuoteKind
    """The kind it gives the quotes of the paragraph."""


PARAGRAPH_RULES: tuple[ParagraphRule, ...] = (
    ParagraphRule(KindRule.TEASER_LINE, teaser_line, QuoteKind.TITLE),
    ParagraphRule(KindRule.REPEATED_HEADLINE, repeated_headline, QuoteKind.TITLE),
    ParagraphRule(KindRule.HEADLINE_STYLE_LINE, headline_style_line, QuoteKind.TITLE),
    ParagraphRule(KindRule.TIMESTAMPED_SUBHEAD, timestamped_subhead, QuoteKind.TITLE),
)
"""Paragraphs whose quotes are parts of headlines, whatever the narration around them says."""


_TEASER_INITIALS = frozenset("RMWLSADPV")
"""First letters of the `_TEASER` labels: a paragraph starting otherwise cannot be a teaser."""


def paragraph_kind(paragraph: str, title: str) -> tuple[QuoteKind, KindRule] | None:
    """The kind and rule for every quote of a paragraph (`PARAGRAPH_RULES`), or None."""
    first = paragraph[:1]
    if (
        first not in _TEASER_INITIALS
        and not first.isdigit()
        and not _headline_length(paragraph, title)
    ):
        return None  # most paragraphs of a book: no rule can apply (a digit: a time stamp)
    for rule in PARAGRAPH_RULES:
        if rule.applies(paragraph, title):
            return rule.kind, rule.name
    return None
