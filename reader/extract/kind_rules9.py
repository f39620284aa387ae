"""Ninth-round kind rules: names, headings, signs and hashtags that nobody says.

Read from the scare terms reported as quotes on the ninth fresh set (mostly Canadian news);
each is a general pattern of news writing, not one article's quirk:

* `hashtag_term`: `using the hashtag "#Trail2026"`: a hashtag or a handle alone is a term;
* `heading_or_theme`: `under its usual heading, "Rail Safety Review,"`, `the parade theme,
  "Amazonia: The River Speaks."`, a video `posted under the caption "..."` with no poster
  named: the words a list, a report, a parade or a post goes under are a title;
* `name_given_after_noun`: `a recruitment drive, branded "Alberta Works,"`, `a method referred
  to in internal e-mails as "batching"`: a participle after a common noun gives a thing its
  name; nobody speaks it (with a speaker as subject, `she branded it "..."`, it stays hers);
* `unheld_sign`: `A hand-painted sign reading "..." remained propped against a shed`: a sign
  that nobody in the sentence holds or carries shows printed words, not anyone's speech
  (`Protesters held signs reading "..."` keeps its holders as speakers);
* `titled_with_aside`: `a sale he has titled, with some humour, "All Must Go."`: `titled` and
  its title may be parted by an aside between commas.

Each rule reads a `KindContext` and decides a kind or passes; `kinds.RULES` orders them.
"""

from __future__ import annotations

import re

from reader.extract.cues import DETERMINERS
from reader.extract.kind_context import KindContext
from reader.extract.kind_signs import OBJECT_PRONOUNS, TITLE_MAX_WORDS
from reader.extract.mentions import PERSON, PRONOUN
from reader.extract.model import QuoteKind
from reader.extract.paragraphs import Para


def hashtag_term(c: KindContext) -> QuoteKind | None:
    """`the hashtag "#Trail2026"`, `"@CityOfHalifax"`: a hashtag or handle alone, a term."""
    quote = c.quote
    if quote.lstrip()[:1] not in ("#", "@"):
        return None  # every quote asks: the first character decides for nearly all of them
    words = quote.strip(" .,;:!?").split()
    if len(words) == 1 and len(words[0]) > 1:
        return QuoteKind.SCARE
    return None


_HEADING_NOUNS = frozenset(["heading", "headings", "header", "subheading", "subhead"])
"""Nouns whose quoted words are a heading: a title in any case (`under the heading "..."`)."""
_THEME_NOUNS = frozenset(["theme", "themes", "motif"])
"""Nouns whose Title-Cased quoted words name a theme (`the parade theme, "Amazonia"`)."""


_LABEL_NOUNS = _HEADING_NOUNS | _THEME_NOUNS | {"caption"}
"""Every last word `heading_or_theme` reads a title after."""


def heading_or_theme(c: KindContext) -> QuoteKind | None:
    """`under its usual heading, "..."`, `the parade theme, "Amazonia: The River"`: a title."""
    lowers = c.pre.lowers[-3:]
    if lowers and lowers[-1] in (",", ":"):
        lowers = lowers[:-1]
    if not lowers or lowers[-1] not in _LABEL_NOUNS or c.words > TITLE_MAX_WORDS:
        return None  # the last word first: counting the quote's words costs more
    if lowers[-1] in _HEADING_NOUNS:
        return QuoteKind.TITLE
    if lowers[-1] in _THEME_NOUNS and c.title_case:
        return QuoteKind.TITLE
    if lowers[-1] == "caption" and "under" in lowers and not _person_named(c):
        return QuoteKind.TITLE  # `a video, posted under the caption "..."`: nobody posts it here
    return None


def _person_named(c: KindContext) -> bool:
    """Whether the sentence names a person (or a pronoun) as the quote's speaker.

    `She posted a photo with the caption "..."` makes the caption her words; a video `posted
    under the caption "..."` with no poster named is a label.
    """
    mention = c.attribution.mention if c.attribution is not None else None
    return mention is not None and mention.kind in (PERSON, PRONOUN)


_GIVEN_NAME_PARTICIPLES = frozenset(["branded", "billed", "rebranded", "styled"])
"""Participles giving a thing its name right after the noun (`a drive, branded "..."`)."""
_REFERRED_REACH = 6
"""How many words `referred to ... as` may hold between `to` and `as` (`in internal e-mails`)."""


def _common_noun(word: str, lower: str) -> bool:
    """Whether a token is a lower-case noun a naming participle can follow (not `it`, `was`)."""
    return (
        word[:1].isalpha()
        and word[:1].islower()
        and lower not in OBJECT_PRONOUNS
        and lower not in DETERMINERS
        and lower not in _NOT_NOUNS
    )


_NOT_NOUNS = frozenset(
    [
        *("who", "which", "that", "is", "was", "are", "were", "be", "been", "being", "has"),
        *("have", "had", "also", "once", "then", "publicly", "repeatedly", "not", "and", "or"),
    ]
)
"""Words before a participle that make it a verb of a clause, not a noun's modifier."""


def name_given_after_noun(c: KindContext) -> QuoteKind | None:
    """`a drive, branded "Alberta Works,"`, `a method referred to as "..."`: a thing's name.

    The participle follows a common noun (a comma may part them); the quote is a title when
    Title-Cased, else a term.
    """
    texts, lowers = c.pre.texts, c.pre.lowers
    n = len(lowers)
    if n and lowers[-1] in (",", ":"):
        n -= 1
    if n < 2:
        return None
    if lowers[n - 1] in _GIVEN_NAME_PARTICIPLES:
        participle = n - 1
    elif lowers[n - 1] == "as" and "referred" in lowers[max(0, n - 3 - _REFERRED_REACH) : n]:
        participle = max(
            i for i in range(max(0, n - 3 - _REFERRED_REACH), n) if lowers[i] == "referred"
        )
        if participle + 1 >= n or lowers[participle + 1] != "to":
            return None
    else:
        return None
    j = participle - 1
    if j > 0 and lowers[j] == ",":
        j -= 1
    if j < 0 or not _common_noun(texts[j], lowers[j]):
        return None
    if c.words > TITLE_MAX_WORDS:
        return None
    return QuoteKind.TITLE if c.title_case else QuoteKind.SCARE


_SIGN_NOUNS = frozenset(
    ["sign", "signs", "banner", "banners", "placard", "placards", "poster", "posters"]
)
"""Things that show printed words (`a sign reading "..."`)."""
_SHOWING_VERBS = frozenset(["read", "reads", "reading", "said", "says", "saying", "bearing"])
"""Verbs giving the words a sign shows."""


def unheld_sign(c: KindContext) -> QuoteKind | None:
    """`A sign reading "..." stood by the shed`: a sign's words with no holder named: scare.

    Only when the sentence names no speaker: `Protesters carried signs reading "..."` credits
    the words to the protesters, as the news sets' gold does.
    """
    if c.named:
        return None
    lowers = c.pre.lowers[-4:]
    if lowers and lowers[-1] in (",", ":"):
        lowers = lowers[:-1]
    if len(lowers) < 2 or lowers[-1] not in _SHOWING_VERBS:
        return None
    k = len(lowers) - 2
    if lowers[k] in ("that", "which") and k > 0:
        k -= 1
    return QuoteKind.SCARE if lowers[k] in _SIGN_NOUNS else None


_TITLING_VERBS = frozenset(["titled", "entitled"])
"""Verbs whose object is a title, however far an aside puts it (`titled, wryly, "..."`)."""
_ASIDE_WORDS = 8
"""The longest aside between `titled` and its title, in tokens."""


def titled_with_aside(c: KindContext) -> QuoteKind | None:
    """`he has titled, with some humour, "All Must Go."`: a title after an aside in commas."""
    lowers = c.pre.lowers
    n = len(lowers)
    if n < 4 or lowers[-1] != ",":
        return None
    for k in range(n - 2, max(0, n - 2 - _ASIDE_WORDS), -1):
        if lowers[k] == ",":
            if k > 0 and lowers[k - 1] in _TITLING_VERBS:
                return QuoteKind.TITLE if c.words <= TITLE_MAX_WORDS else None
            return None
    return None


_GLOSS_OPENERS = frozenset(["—", "–", "(", "-"])
"""What alone stands between a quote and its translation (`"Obrigado" — "Thank you."`)."""


def glosses(para: Para, previous_end: int, start: int) -> bool:
    """Whether a quote opening at offset `start` translates the one closing at `previous_end`.

    `A banner read "Nós vamos voltar" — "We will return."`, `"Tumechoka!" ("We are tired!")`:
    only a dash or an opening bracket stands between the two quotes of one paragraph
    (`para`'s tokens). The translation is the same words, so it takes the first quote's kind
    (`pipeline` does that when the translation has no attribution of its own).
    """
    first, last = para.index_at(previous_end), para.index_at(start)
    return last - first == 1 and para.texts[first] in _GLOSS_OPENERS


_TIMESTAMP = re.compile(r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*[—–-]\s")
"""A live blog's entry time and dash (`11:40 a.m. — `) opening a line."""
_LINE_END = re.compile(r"""[.!?…]["'”’»)]*\s*$""")


def timestamped_subhead(paragraph: str, title: str) -> bool:
    """`11:40 a.m. — Tizya: 'I've got one more push in them'`: a live blog's entry heading.

    A line that opens with a time and a dash and ends without a full stop heads the entry
    below it; its quote repeats one from the entry, as a headline's does (`PARAGRAPH_RULES`).
    """
    del title
    return (
        _TIMESTAMP.match(paragraph) is not None
        and "\n" not in paragraph
        and _LINE_END.search(paragraph) is None
    )
