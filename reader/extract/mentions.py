"""Speaker mentions: names, titles, roles, organisations and pronouns read off a run of tokens.

No tagger is involved: a name is a run of capitalised words (with particles such as `von der`
and initials such as `W.`), a title is a known word in front of it (`Turkish President`), a role
is a lower-case noun phrase opened by a determiner (`the agency's spokeswoman`), an organisation
is a name with an organisation word or a definite article (`the Foreign Ministry`, `The UN`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reader.extract.cues import (
    DETERMINERS,
    FEMALE_TITLES,
    GROUP_NOUNS,
    MALE_TITLES,
    NAME_CONNECTORS,
    ORG_NOUNS,
    ORG_WORDS,
    ROLE_STOP_WORDS,
    SENTENCE_OPENERS,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    TITLES,
)
from reader.extract.tokens import Token, is_abbreviation, token_lower

PERSON = "person"
"""A named person (`Leonid Slutsky`)."""
ORG = "org"
"""An organisation, named or not (`The UN`, `the ministry`)."""
ROLE = "role"
"""A person known only by a role (`the agency's spokeswoman`)."""
GROUP = "group"
"""Several people (`officials`, `critics`)."""
PRONOUN = "pronoun"
"""A subject pronoun (`he`, `she`, `they`, `it`)."""

MAX_ROLE_TOKENS = 12
"""The longest role noun phrase read, in tokens."""


class Mention(NamedTuple):
    """A reference to a speaker in the text.

    A named tuple: a book makes tens of thousands, and a tuple is several times cheaper to
    build than a frozen dataclass.
    """

    text: str
    """The mention as written, titles included (`Turkish President Erdogan`)."""
    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last character."""
    kind: str
    """`PERSON`, `ORG`, `ROLE`, `GROUP` or `PRONOUN`."""
    name: str
    """The name without titles or article (`Erdogan`, `UN`), or the role / pronoun itself."""
    role: str | None = None
    """A role linked to the name by apposition (`the head of the ... Committee`)."""
    gender: str | None = None
    """`m` or `f` when a title or role word tells, else None."""


def _in_name(tokens: Sequence[Token], i: int) -> bool:
    """Whether tokens[i] can be part of a capitalised name run."""
    tok = tokens[i]
    if tok.is_word:
        if tok.is_capitalised:
            return True
        word = tok.lower
        if word in NAME_CONNECTORS or word == "of":
            # a particle only inside a name: "Ursula von der Leyen", "Department of Justice"
            return (
                0 < i < len(tokens) - 1
                and tokens[i - 1].is_capitalised
                and (tokens[i + 1].is_capitalised or tokens[i + 1].lower in NAME_CONNECTORS)
            )
        return False
    return (
        tok.text == "." and i > 0 and tokens[i - 1].is_word and is_abbreviation(tokens[i - 1].text)
    )


def _trim_run(tokens: Sequence[Token], s: int, e: int) -> tuple[int, int]:
    """Shrink a run so it neither starts nor ends with a particle, and drops sentence openers."""
    while s < e and (
        not tokens[s].is_word
        or not tokens[s].is_capitalised
        or (tokens[s].lower in SENTENCE_OPENERS and s + 1 < e)
    ):
        s += 1
    while e > s and (not tokens[e - 1].is_capitalised and tokens[e - 1].text != "."):
        e -= 1
    return s, e


def _text(text: str, tokens: Sequence[Token], s: int, e: int) -> str:
    return text[tokens[s].start : tokens[e - 1].end]


def _gender(words: Sequence[str]) -> str | None:
    for w in words:
        if w in MALE_TITLES:
            return "m"
        if w in FEMALE_TITLES:
            return "f"
    return None


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isupper() and letters.isalpha()


def _name_mention(
    text: str, tokens: Sequence[Token], s: int, e: int, prefix_start: int | None = None
) -> Mention | None:
    """A mention for the capitalised run tokens[s:e] (role words from `prefix_start` on)."""
    s, e = _trim_run(tokens, s, e)
    if s >= e:
        return None
    if e - s == 1 and (
        tokens[s].lower in SENTENCE_OPENERS
        or tokens[s].lower in SPEECH_VERBS
        or (tokens[s].lower.endswith(("ing", "ly", "ed")) and len(tokens[s].text) > 5)
        or "." in tokens[s].text
        or (tokens[s].text.isupper() and len(tokens[s].text) > 5)  # a dateline: PHILADELPHIA
    ):
        return None  # "Asked", "Standing": a sentence-initial verb, not a name
    words = list(map(token_lower, tokens[s:e]))
    definite = s > 0 and tokens[s - 1].lower == "the"
    org = (
        definite
        or any(w in ORG_WORDS for w in words)
        or (e - s == 1 and _is_acronym(tokens[s].text))
    )
    mention_start = prefix_start if prefix_start is not None else s
    if definite and prefix_start is None:
        mention_start = s - 1
    surface = _text(text, tokens, mention_start, e)
    if org:
        return Mention(
            surface, tokens[mention_start].start, tokens[e - 1].end, ORG, _text(text, tokens, s, e)
        )
    # the name is what follows the last title word
    name_start = s
    for i in range(s, e):
        if (tokens[i].is_word and tokens[i].lower in TITLES) or (
            tokens[i].text == "." and name_start == i
        ):
            name_start = i + 1
    while name_start < e and not tokens[name_start].is_capitalised:
        name_start += 1
    prefix_words = list(map(token_lower, tokens[mention_start:e]))
    if name_start >= e:
        return Mention(
            surface,
            tokens[mention_start].start,
            tokens[e - 1].end,
            ROLE,
            surface,
            gender=_gender(prefix_words),
        )
    name = _text(text, tokens, name_start, e)
    for suffix in ("’s", "'s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return Mention(
        surface,
        tokens[mention_start].start,
        tokens[e - 1].end,
        PERSON,
        name,
        gender=_gender(prefix_words),
    )


def _pronoun(tok: Token) -> Mention | None:
    word = tok.lower
    if word in SUBJECT_PRONOUNS:
        return Mention(
            tok.text, tok.start, tok.end, PRONOUN, word, gender={"he": "m", "she": "f"}.get(word)
        )
    return None


def np_ending_at(text: str, tokens: Sequence[Token], lo: int, j: int) -> Mention | None:
    """The noun phrase that ends just before tokens[j] and starts no earlier than tokens[lo]."""
    if j <= lo:
        return None
    last = tokens[j - 1]
    if last.is_word and j - 1 >= lo:
        pron = _pronoun(last)
        if pron is not None:
            return pron
    r = j
    while r > lo and _in_name(tokens, r - 1):
        r -= 1
    if (r < j and tokens[j - 1].is_capitalised) or (r < j and tokens[j - 1].text == "."):
        # lower-case role words right before the name, when they open the chunk
        p = r
        while (
            p > lo
            and tokens[p - 1].is_word
            and not tokens[p - 1].is_capitalised
            and (tokens[p - 1].lower not in ROLE_STOP_WORDS)
        ):
            p -= 1
        if p < r and (p == lo or tokens[p].lower in DETERMINERS) and r - p <= 6:
            return _name_mention(text, tokens, r, j, prefix_start=p)
        return _name_mention(text, tokens, r, j)
    return _role_ending_at(text, tokens, lo, j)


def _role_ending_at(text: str, tokens: Sequence[Token], lo: int, j: int) -> Mention | None:
    """A lower-case role phrase ending before tokens[j] (`the agency's spokeswoman`)."""
    head = tokens[j - 1]
    if not head.is_word or (head.is_capitalised and head.lower_base not in GROUP_NOUNS):
        return None
    i = j - 1
    start: int | None = None
    while i >= lo and j - i <= MAX_ROLE_TOKENS:
        tok = tokens[i]
        w = tok.lower
        if not tok.is_word and tok.text not in ("-", "’", "'"):
            break
        if w in ROLE_STOP_WORDS or w in SPEECH_VERBS:
            break
        if w in DETERMINERS:
            start = i
            if i - 1 > lo and tokens[i - 1].lower in ("of", "for", "at", "to"):
                i -= 1  # "the head of [the ... department]": read on to the outer phrase
                continue
            break
        if tok.text.endswith(("'s", "’s")) and tok.is_capitalised and i == lo:
            start = i
            break
        i -= 1
    if start is None:
        if head.lower_base in GROUP_NOUNS:
            start = max(i + 1, lo)
        elif i + 1 == lo and lo < j and tokens[lo].text.endswith(("'s", "’s")):
            start = lo
        else:
            return None
    return _role_mention(text, tokens, start, j)


def _role_mention(text: str, tokens: Sequence[Token], s: int, e: int) -> Mention | None:
    if all(t.lower in DETERMINERS or t.lower in ("of", "for", "to", "at") for t in tokens[s:e]):
        return None  # "a", "a series of": no noun
    surface = _text(text, tokens, s, e)
    head_index = e - 1
    for k in range(s + 1, e):
        if tokens[k].lower in ("of", "for", "at", "to"):
            head_index = k - 1  # "the head of the department": the head is "head"
            break
    head = tokens[head_index].lower_base
    words = list(map(token_lower, tokens[s:e]))
    if head in GROUP_NOUNS:
        kind = GROUP
    elif head in ORG_NOUNS or head in ORG_WORDS:
        kind = ORG
    else:
        kind = ROLE
    return Mention(
        surface, tokens[s].start, tokens[e - 1].end, kind, surface, gender=_gender(words)
    )


def np_starting_at(
    text: str, tokens: Sequence[Token], i: int, hi: int
) -> tuple[Mention, int] | None:
    """The noun phrase starting at tokens[i] (before tokens[hi]), and the index past it."""
    if i >= hi:
        return None
    tok = tokens[i]
    if tok.is_word:
        pron = _pronoun(tok)
        if pron is not None:
            return pron, i + 1
    if tok.is_capitalised and not (
        tok.lower_base in GROUP_NOUNS and i + 1 < hi and not tokens[i + 1].is_capitalised
    ):
        e = i
        while e < hi and _in_name(tokens, e):
            e += 1
        while e > i and not tokens[e - 1].is_capitalised and tokens[e - 1].text != ".":
            e -= 1
        if (
            e > i
            and tokens[e - 1].text.endswith(("'s", "’s"))
            and e < hi
            and (tokens[e].is_word and not tokens[e].is_capitalised)
        ):
            return _role_starting_at(text, tokens, i, hi)  # "Ukraine's foreign ministry"
        mention = _name_mention(text, tokens, i, e)
        if mention is not None and e < hi and tokens[e].text.endswith(("'s", "’s")):
            return None
        return (mention, e) if mention is not None else None
    if not tok.is_word:
        return None
    w = tok.lower
    if w == "that":
        return None  # far more often "said that ..." than a demonstrative
    if (
        w not in DETERMINERS
        and w not in GROUP_NOUNS
        and not (i + 1 < hi and tokens[i + 1].lower_base in GROUP_NOUNS)
    ):
        return None
    return _role_starting_at(text, tokens, i, hi)


def _role_starting_at(
    text: str, tokens: Sequence[Token], i: int, hi: int
) -> tuple[Mention, int] | None:
    """A role phrase read forward from tokens[i] up to a stop word or punctuation."""
    e = i + 1
    while e < hi and e - i < MAX_ROLE_TOKENS:
        t = tokens[e]
        if not t.is_word:
            if t.text in ("-",):
                e += 1
                continue
            break
        tw = t.lower
        if tw in ROLE_STOP_WORDS or tw in SPEECH_VERBS:
            break
        e += 1
    while e > i + 1 and tokens[e - 1].lower in ("of", "for", "the", "a", "an"):
        e -= 1
    mention = _role_mention(text, tokens, i, e)
    return None if mention is None else (mention, e)
