"""Tenth-round news rules read across paragraphs: the line under or over a quote names its speaker.

Fact checks and "quotable" round-ups set a quote as a paragraph of its own and credit it on the
line below (read from PolNeAR train, where every such quote had been given someone else):

    "I will look into it. I don't know the status."

    - Dana Lane.

`credit_line` reads the paragraph after a quote that ends its paragraph: a dash, then a person's
name closed by a full stop or a comma (`-Tom Pike, tweeting after the speech.`), in a short line.
A body (`- Reuters.`, a photo credit) or anything longer is no credit.

`colon_paragraph` reads the paragraph before a quote that opens its paragraph, when it ends
with a colon (`Breitbart News responded:`): its last sentence introduces the quote.
"""

from __future__ import annotations

from reader.extract.attribution import Attribution, before_quote
from reader.extract.cues import SPEECH_VERBS
from reader.extract.mentions import GROUP, ORG, PERSON, PRONOUN, ROLE, np_starting_at
from reader.extract.paragraphs import Paras, sentence_start
from reader.extract.spans import RawQuote
from reader.extract.tokens import Toks, indexes_in

CREDIT_RULE = "credit-line"
"""The speaker rule recorded when `credit_line` named a quote's speaker."""
_DASHES = frozenset("-—–―")
_MAX_CREDIT_CHARS = 120
"""The longest line read as a credit (`-President Obama, tweeting after Clinton's speech.`)."""
_AFTER_QUOTE = " \t.,;\"'”’)]"
"""What may stand between a quote's closing mark and the end of its paragraph."""


def credit_line(text: str, paras: Paras, q: RawQuote) -> Attribution | None:
    """The person a dash credits on the line under quote `q`, when `q` ends its paragraph."""
    last = q.segments[-1].paragraph
    if last + 1 >= len(paras):
        return None
    line = paras.text_of(last + 1)
    if not line or line[0] not in _DASHES or len(line) > _MAX_CREDIT_CHARS:
        return None  # the cheap tests first: most paragraphs open with a letter or a mark
    if text[q.outer_end : paras.end_of(last)].strip(_AFTER_QUOTE):
        return None  # narration after the quote: its own sentence reads it
    para = paras[last + 1]
    k = 0
    while k < len(para.texts) and para.texts[k] in _DASHES:
        k += 1
    found = np_starting_at(text, para, k, len(para.texts))
    if found is None or found[0].kind != PERSON:
        return None
    end = found[1]
    if end < len(para.texts) and para.texts[end] not in (",", "."):
        return None
    return Attribution(CREDIT_RULE, found[0], None)


COLON_PARAGRAPH_RULE = "colon-paragraph"
"""The speaker rule recorded when `colon_paragraph` named a quote's speaker."""


def colon_paragraph(text: str, paras: Paras, q: RawQuote) -> Attribution | None:
    """Who the paragraph before quote `q` (which opens its paragraph) names, ending with a colon.

    `When Wallace died, President Lane released the following statement:` then the quote as
    a paragraph of its own: the last sentence before the colon is read as a colon intro
    (`before_quote`), so its own subject (`Lane`, `Breitbart News responded:`) speaks, not the
    first person the paragraph names (`Wallace`), which continuing the paragraph's speaker gave.
    """
    number = q.paragraph
    if number == 0:
        return None
    before = paras.text_of(number - 1).rstrip()
    if not before.endswith(":"):
        return None  # the cheap test first
    para = paras[number - 1]
    hi = len(para.texts)
    if hi < 3 or para.texts[hi - 1] != ":":
        return None
    lo = sentence_start(para, hi - 1, 0)
    found = _as_cue(text, para, lo, hi)  # `As Breitbart News reported, ...:`
    clause = _last_clause(text, para, lo, hi) if found is None else None
    if clause is not None:  # `..., and Breitbart News responded:`
        found = before_quote(text, para, clause, hi, embedded=False)
    if found is None or found.mention is None:
        found = before_quote(text, para, lo, hi, embedded=False)
    if found is None or found.mention is None:
        return None
    return Attribution(COLON_PARAGRAPH_RULE, found.mention, found.cue)


_LEADS = frozenset({"and", "but", "so", "then"})
_CLAUSE_SUBJECTS = frozenset({PERSON, ORG, ROLE, GROUP, PRONOUN})


def _last_clause(text: str, para: Toks, lo: int, hi: int) -> int | None:
    """Where the last comma chunk of tokens lo..hi-1 starts, when it opens with its own subject.

    `The Times made the claims, and Breitbart News responded:`: the chunk after the last comma
    (past `and`) opens with a name or a pronoun, so it is a clause of its own, read first.
    """
    texts, lowers = para.texts, para.lowers
    k = hi - 1
    while k > lo and texts[k - 1] != ",":
        k -= 1
    if k <= lo:
        return None
    s = k + 1 if lowers[k] in _LEADS else k
    found = np_starting_at(text, para, s, hi)
    if found is None or found[0].kind not in _CLAUSE_SUBJECTS or lowers[s] == "it":
        return None  # `..., it was the stage itself:` is no one's clause
    return s


def _as_cue(text: str, para: Toks, lo: int, hi: int) -> Attribution | None:
    """`As Breitbart News reported, ...:`, `as Ann Reed observed, ...:`: the one credited.

    `As` (or `as`), a person or a body, then a speech verb and a comma: the sentence passes on
    what they said, and the colon introduces their words.
    """
    lowers = para.lowers
    for i in indexes_in(para, lo, hi - 2, _AS):
        found = np_starting_at(text, para, i + 1, hi)
        if found is None or found[0].kind not in (PERSON, ORG):
            continue
        cue = found[1]
        if cue + 1 < hi and lowers[cue] in SPEECH_VERBS and para.texts[cue + 1] == ",":
            return Attribution(COLON_PARAGRAPH_RULE, found[0], para.token(cue))
    return None


_AS = frozenset({"as"})
