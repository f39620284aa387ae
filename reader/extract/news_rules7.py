"""Seventh-round news rules: who carries a sign, who chants, which title a later role stands for.

Read from the errors on the seventh fresh set (mostly Canadian news); each is a general pattern
of news writing, not one article's quirk:

* `holder_of_sign`: `On Wednesday, workers carried signs reading "..."`: the ones carrying the
  sign are its speakers even when a fronted phrase hides the sentence's subject;
* `crowd_subject`: `At noon, about 200 people rallied outside, chanting "..."`: a counted or
  bare group noun opening a clause is its subject;
* `holds_title`: `the judge` stands for `Justice Harriet Olumide`, `the officer` for
  `Cst. Ana Ruiz`: a title, its short or formal form and its rank's noun match one role;
* `participle_clause`: `X spent the week insisting "..."`: the main clause's subject speaks
  the participle's words (a table of clause shapes, one so far);
* `role_head`: `Ana Ruiz, president of the university` is `the president` later, so the head of
  a role is the noun before its `of`, not the last word.

Pure functions over tokens and strings; no state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.extract.cues import DETERMINERS, GROUP_NOUNS, ROLE_STOP_WORDS
from reader.extract.mentions import GROUP, ORG, PERSON, PRONOUN, ROLE, Mention, np_ending_at
from reader.extract.tokens import Toks, lower_base

CARRY_VERBS: frozenset[str] = frozenset(
    {
        "brandished",
        "brandishing",
        "carried",
        "carries",
        "carry",
        "carrying",
        "displayed",
        "displaying",
        "held",
        "hoisted",
        "hoisting",
        "hold",
        "holding",
        "holds",
        "waved",
        "waving",
        "wearing",
        "wore",
    }
)
"""Verbs of holding up a written thing (`carried signs reading`, `waving placards that said`)."""

_SIGN_HOLDERS = frozenset({PERSON, PRONOUN, ROLE, ORG, GROUP})


def holder_of_sign(text: str, toks: Toks, lo: int, k: int) -> Mention | None:
    """`..., workers carried signs reading "..."`: the noun phrase before the carrying verb.

    Token k is the written thing (`signs`); token k-1 must be a verb of carrying, and the noun
    phrase right before it (after any fronted phrase) is who carried it.
    """
    v = k - 1
    if v <= lo or toks.lowers[v] not in CARRY_VERBS:
        return None
    mention = np_ending_at(text, toks, lo, v) or _bare_plural(text, toks, lo, v)
    if mention is None or mention.kind not in _SIGN_HOLDERS:
        return None
    return mention


def _bare_plural(text: str, toks: Toks, lo: int, v: int) -> Mention | None:
    """`, nurses carried`: a lone lower-case plural noun opening its clause, as a group."""
    n = v - 1
    word = toks.texts[n]
    if n < lo or not word.isalpha() or not word.islower() or not word.endswith("s"):
        return None
    if n > lo and toks.texts[n - 1] != ",":
        return None
    start, end = toks.starts[n], toks.ends[n]
    return Mention(text[start:end], start, end, GROUP, text[start:end])


_COUNT_WORDS = frozenset(
    {
        "about",
        "almost",
        "around",
        "dozens",
        "hundreds",
        "more",
        "nearly",
        "over",
        "several",
        "some",
        "than",
        "thousands",
    }
)
"""Words that may count a crowd before its noun (`about 200 people`, `more than a dozen`)."""
_FRONTED_REACH = 20
"""Tokens read for the commas that close a fronted phrase (`At noon on Tuesday, ...`)."""
_COUNT_REACH = 4
"""Tokens allowed between a clause's start and its group noun (`more than 1,000 people`)."""


def crowd_subject(text: str, toks: Toks, lo: int, hi: int) -> Mention | None:
    """`At noon, about 200 people rallied ...`: a group noun opening a clause, with its count.

    The clause starts at lo or after one of the commas of a fronted phrase; the group noun
    follows only counting words, and a lower-case word (its verb) follows it.
    """
    texts, lowers = toks.texts, toks.lowers
    starts = [lo] + [i + 1 for i in range(lo, min(hi, lo + _FRONTED_REACH)) if texts[i] == ","]
    for s in starts:
        g = s
        while (
            g < hi
            and g - s <= _COUNT_REACH
            and (
                lowers[g] in _COUNT_WORDS
                or lowers[g] in DETERMINERS
                or lowers[g] == "of"
                or texts[g][0].isdigit()
            )
        ):
            g += 1
        if g + 1 >= hi or g - s > _COUNT_REACH or lower_base(lowers[g]) not in GROUP_NOUNS:
            continue
        verb = texts[g + 1]
        if not verb[0].isalpha() or verb[0].isupper() or lowers[g + 1] in ROLE_STOP_WORDS:
            continue
        mention = np_ending_at(text, toks, s, g + 1)
        if mention is not None and mention.kind == GROUP:
            return mention
    return None


TITLE_FORMS: dict[str, tuple[str, ...]] = {
    "justice": ("judge",),
    "cst": ("constable", "officer"),
    "const": ("constable", "officer"),
    "constable": ("officer",),
    "cpl": ("corporal", "officer"),
    "corporal": ("officer",),
    "sgt": ("sergeant", "officer"),
    "sergeant": ("officer",),
    "insp": ("inspector", "officer"),
    "inspector": ("officer",),
    "supt": ("superintendent", "officer"),
    "superintendent": ("officer",),
    "det": ("detective", "officer"),
    "detective": ("officer",),
    "prof": ("professor",),
    "rev": ("reverend",),
    "sen": ("senator",),
    "gov": ("governor",),
    "capt": ("captain",),
    "lt": ("lieutenant",),
    "gen": ("general",),
    "chairman": ("chair",),
    "chairwoman": ("chair",),
}
"""The other words a later role may use for a title (`Justice X`: `the judge`; `Sgt. X` and
`Cst. X`: `the constable`, `the officer`)."""


_TITLES_FOR: dict[str, frozenset[str]] = {
    form: frozenset(t for t, forms in TITLE_FORMS.items() if form in forms)
    for form in {f for forms in TITLE_FORMS.values() for f in forms}
}
"""Each role word and the written titles it may stand for (`officer`: `cst`, `sgt`, ...)."""


def holds_title(words: Sequence[str], wanted: set[str]) -> bool:
    """Whether a name's folded title words hold every word of a role: `the officer`, `Sgt. X`.

    A wanted word is held when it is written (`chief` in `Fire chief`) or when one of the
    written titles goes by it (`justice` for `judge`). The plain test comes first: it decides
    most roles, and the one a role without other forms needs.
    """
    if wanted.issubset(words):
        return True
    bare = {w.rstrip(".") for w in words}
    return all(w in bare or not _TITLES_FOR.get(w, frozenset()).isdisjoint(bare) for w in wanted)


_ROLE_GLUE = frozenset({"of", "for", "at", "with"})


def role_head(role: str) -> str:
    """The noun a role is later called by: `president` in `president of the university`.

    The word before the role's first `of` / `for` / `at` / `with`, else its last word.
    """
    words = role.split()
    for i in range(1, len(words)):
        if words[i].lower() in _ROLE_GLUE:
            return words[i - 1]
    return words[-1] if words else ""


_SPEND = frozenset({"spend", "spends", "spent", "spending"})
_SPENT_REACH = 6
"""Words allowed between `spent` and its participle (`spent most of Friday afternoon`)."""


def _spent_time(toks: Toks, lo: int, c: int) -> int | None:
    """`X spent the afternoon insisting`: the index of `spent` before the participle c."""
    for v in range(c - 2, max(lo, c - 2 - _SPENT_REACH) - 1, -1):
        if not toks.texts[v][0].isalnum():
            return None
        if toks.lowers[v] in _SPEND:
            return v
    return None


PARTICIPLE_CLAUSES: tuple[tuple[str, Callable[[Toks, int, int], int | None]], ...] = (
    ("spent-saying", _spent_time),
)
"""Shapes of a clause whose speech participle speaks for the main clause's subject, in order:
each finds where the subject's clause ends before the participle."""


def participle_clause(toks: Toks, lo: int, cues: Sequence[int]) -> tuple[str, int, int] | None:
    """The first shape in `PARTICIPLE_CLAUSES` that fits a speech participle among `cues`.

    Returns the shape's name, where the main clause ends (its subject is read before it) and
    the participle's index; None when no participle has one of the shapes.
    """
    lowers = toks.lowers
    for c in reversed(cues):
        if not lowers[c].endswith("ing"):
            continue
        for name, shape in PARTICIPLE_CLAUSES:
            end = shape(toks, lo, c)
            if end is not None and end > lo:
                return name, end, c
    return None
