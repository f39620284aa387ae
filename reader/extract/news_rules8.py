"""Eighth-round news rules: who speaks a quote inside a quote, and which quotes are one another.

Read from the errors on the eighth fresh set (mostly Canadian news); each is a general pattern of
news writing, not one article's quirk:

* `introduced_inside_quote`: `"I said, 'Ma'am, it is one word.' She said one word is plenty."`:
  inside someone's quote, a quote introduced by a speech verb and a comma right before
  it is that verb's subject's, not the subject of the sentence after it (which is the quoter
  going on with their story). At the top level the sentence after a quote is its attribution
  (`"...," she said`), but inside a quote the narration is the quoter's own;
* `wraps_whole_quote`: `"'Closed for fishing,'" he said`: a quote whose words are all one
  inner quote is the speaker repeating those words (a label, a motto); the inner quote is not a
  second, unattributed quotation;
* `after_fronted_question`: `Asked when residents could go home, she would only say "..."`:
  a sentence opened by `Asked` tells what the speaker was asked; its words (`when residents`)
  are not who speaks, the clause after the comma names them;
* `in_the_words_of`: `Old Crow was, in the words of one elder, "..."`, `the plan is, in Lee's
  words, "..."`: the one whose words they are speaks the fragment;
* `voiced_for`: `"...," the interpreter said, speaking for him`, `her lawyer read a
  statement from her. "...," he read`: a spokesperson or interpreter voices someone else's
  words, which are that person's.

Functions over tokens and offsets; `principal_speaker` alone reads the speaker table.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.extract.attribution import Attribution, is_cue
from reader.extract.kind_signs import OBJECT_PRONOUNS
from reader.extract.mentions import PERSON, PRONOUN, Mention, np_ending_at
from reader.extract.speakers import PRONOUN_REACH, Cluster, SpeakerTable
from reader.extract.tokens import Toks

_INTRO_PUNCTUATION = frozenset({",", ":"})
"""What stands between a speech verb and the quote it introduces (`I said, '...'`)."""


def introduced_inside_quote(toks: Toks, lo: int, open_i: int) -> bool:
    """Whether the narration `toks[lo:open_i]` ends with a speech verb introducing the quote.

    `I said, '...'`, `She told me: '...'`, `He'd say, '...'`: a cue, an optional object pronoun,
    then a comma or colon right before the opening mark.
    """
    k = open_i - 1
    if k <= lo or toks.texts[k] not in _INTRO_PUNCTUATION:
        return False
    k -= 1
    if k > lo and toks.lowers[k] in OBJECT_PRONOUNS:
        k -= 1  # "told me,"
    return k >= lo and is_cue(toks, k)


_FRONTED_QUESTION = frozenset({"asked", "questioned", "pressed"})
"""Participles opening a sentence with what its subject was asked (`Asked about the cuts, ...`)."""


def after_fronted_question(toks: Toks, lo: int, open_i: int, cue_start: int) -> int | None:
    """Where the main clause starts when the sentence `toks[lo:open_i]` opens with `Asked ...,`.

    Only when the cue the attribution found (at offset `cue_start`) is that opening participle:
    the clause after the first comma is where the speaker is named. None otherwise.
    """
    if lo >= open_i or toks.lowers[lo] not in _FRONTED_QUESTION or toks.starts[lo] != cue_start:
        return None
    for k in range(lo + 1, open_i - 1):
        if toks.texts[k] == ",":
            return k + 1
    return None


IN_THE_WORDS_OF_RULE = "in-the-words-of"
"""The attribution rule recorded when `in_the_words_of` named a fragment's speaker."""
_WORDS_OWNER_REACH = 6
"""How many words of a speaker `in the words of ...` reads before the quote."""


def in_the_words_of(text: str, toks: Toks, lo: int, hi: int) -> Attribution | None:
    """The speaker of `in the words of X, "..."` or `in X's words, "..."` right before a quote.

    The narration `toks[lo:hi]` ends (but for a comma or colon) with the phrase.
    """
    lowers = toks.lowers
    end = hi - 1 if hi > lo and toks.texts[hi - 1] in _INTRO_PUNCTUATION else hi
    first = max(lo, end - _WORDS_OWNER_REACH - 4)
    for w in range(end - 1, first, -1):
        if lowers[w] != "words" or lowers[w - 1 : w] == ["own"]:
            continue
        if w + 1 < end and lowers[w + 1] == "of" and lowers[max(lo, w - 2) : w] == ["in", "the"]:
            mention = np_ending_at(text, toks, w + 2, end)  # in the words of one elder
        elif end == w + 1 and w - 2 >= lo and lowers[w - 2] == "in":
            owner = w - 1  # in Lee's words
            if not toks.texts[owner].endswith(("'s", "’s")):
                return None
            mention = np_ending_at(text, toks, max(lo, owner - 3), owner + 1)
        else:
            return None
        if mention is None or mention.kind == PRONOUN:
            return None
        return Attribution(IN_THE_WORDS_OF_RULE, mention, toks.token(w))
    return None


def wraps_whole_quote(text: str, outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    """Whether the inner quote's span takes up all the words of the outer quote's span.

    Spans are (start, end) offsets of the quoted words without their marks; what is left of the
    outer one once the inner is taken out may only be punctuation and quote marks.
    """
    before = text[outer[0] : inner[0]]
    after = text[inner[1] : outer[1]]
    return not any(ch.isalnum() for ch in before + after)


# `"...," the interpreter said, speaking for him`: the words are his, the interpreter's voice.
_SPEAKING_FOR = re.compile(
    r"[^.!?\"“”\n]{0,60}?,\s*(?:speaking|reading|translating|interpreting)\s+"
    r"(?:for|on\s+behalf\s+of)\s+(him|her|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\b"
)
# `"...," Marchetti read.`: the sentence after the quote says it was read out.
_READ_AFTER = re.compile(r"[^.!?\"“”\n]{0,60}?\bread\b")
# `X read a statement from her to reporters.`: the statement's words are hers.
_READ_FROM = re.compile(
    r"\bread(?:\s+out|\s+aloud)?\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+)?"
    r"(?:statement|letter|message|note|declaration)\s+(?:from|by|on\s+behalf\s+of|written\s+by)"
    r"\s+(him|her|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\b"
)
VOICED_FOR_RULE = "voiced-for"
"""The speaker rule recorded when `voiced_for` gave a quote to the one whose words it voices."""
_AFTER_REACH = 64
"""Characters after a closing mark that hold the comma of `_SPEAKING_FOR` and the `read` of
`_READ_AFTER` when either matches (each reads at most 60 before them)."""
_READ_REACH = 600
"""How many characters before a quote `read a statement from ...` is looked for (about the
paragraph before)."""


class Principal(NamedTuple):
    """Whose words a spokesperson voices: a pronoun (`him`) or a name, where it is written."""

    words: str
    """`him`, `her`, or the name as written."""
    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last character."""


def voiced_for(text: str, outer_start: int, outer_end: int) -> Principal | None:
    """Whose words a quote is when the one named with it only voices them, or None.

    Read in the sentence after the quote's closing mark (`outer_end`): `"...," the interpreter
    said, speaking for him`; or `"...," Marchetti read` after `read a statement from her` in
    the narration before its opening mark (`outer_start`).
    """
    after = text[outer_end : outer_end + _AFTER_REACH]
    if "," not in after and "read" not in after:
        return None  # neither pattern can match: most quotes, told without a regex
    found = _SPEAKING_FOR.match(text, outer_end)
    if found is not None:
        return Principal(found.group(1), found.start(1), found.end(1))
    if _READ_AFTER.match(text, outer_end) is None:
        return None
    found_all = list(_READ_FROM.finditer(text, max(0, outer_start - _READ_REACH), outer_start))
    if not found_all:
        return None
    last = found_all[-1]
    return Principal(last.group(1), last.start(1), last.end(1))


_SEX = {"him": "m", "her": "f"}


def principal_speaker(
    table: SpeakerTable, principal: Principal, voice: Cluster | None, paragraph: int
) -> Cluster | None:
    """The speaker `principal` stands for: a name, or `him` / `her` as the latest other person.

    Never `voice`, the one who voices the words; None when no one fits.
    """
    want = _SEX.get(principal.words.lower())
    if want is None:
        name = principal.words
        mention = Mention(name, principal.start, principal.end, PERSON, name)
        found = table.resolve(mention, paragraph)
        return found if found is not voice else None
    for cluster in table.recent_people(paragraph - PRONOUN_REACH):
        if cluster is not voice and cluster.gender in (None, want):
            return cluster
    return None
