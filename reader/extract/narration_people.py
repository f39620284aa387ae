"""The people a sentence with no quote names, noted so that a later `he` or turn can find them.

`reading.read_reported` reads every sentence of narration; when it reports no speech, the
sentence's people are noted for the speaker table: a list of people opening it
(`listed_people`), an inverted subject (`inverted_subject`), the subject of a clause when the
main subject is no person (`clause_person`), the persons named after a verb, in dialogue
(`named_objects`), and the topic a sentence opens on (`topic`). Split from `reading.py`, which
reads the quotes themselves.
"""

from __future__ import annotations

import itertools
import operator

from reader.extract.cues import PLACE_HEADS, PREPOSITIONS
from reader.extract.fresh_rules10 import at_a_place
from reader.extract.gender import name_gender
from reader.extract.mentions import (
    GROUP,
    ORG,
    PERSON,
    PLACE_PREPOSITIONS,
    ROLE,
    Mention,
    np_starting_at,
)
from reader.extract.paragraphs import Para

MAX_LISTED_CHUNKS = 12
"""Comma chunks read for a list of people opening a sentence (names and their roles)."""


def listed_people(text: str, para: Para, lo: int, hi: int) -> Mention | None:
    """`Ann Reed, the aide, Tom Hale and Jo Dale, the adviser, met ...`: the people as a group.

    A sentence that opens with two or more named people, the last joined by `and` (each may
    carry a role in apposition), has them all as its subject: a later `they` is the group.
    """
    texts, lowers, starts = para.texts, para.lowers, para.starts
    if not texts[lo][0].isupper() or texts[lo + 1 : lo + 5].count(",") == 0:
        return None  # most sentences: a quick look rules a list of names out
    if "and" not in lowers[lo:hi]:
        return None
    names: list[str] = []
    a, end, joined = lo, lo, False
    for _ in range(MAX_LISTED_CHUNKS):
        b = a
        while b < hi and texts[b] != ",":
            b += 1
        k = a + 1 if a < b and lowers[a] == "and" else a
        got = np_starting_at(text, para, k, b)
        if got is not None and got[0].kind == PERSON:
            names.append(got[0].name)
            joined = joined or k > a
            end = got[1]
            if got[1] < b:  # the verb follows the last name in its chunk
                break
        elif not (got is not None and got[0].kind in (ROLE, ORG) and names):
            break
        if b >= hi:
            break
        a = b + 1
    if len(names) < 2 or not joined or end <= lo:
        return None
    surface = text[starts[lo] : para.ends[end - 1]]
    name = ", ".join(names[:-1]) + " and " + names[-1]
    return Mention(surface, starts[lo], para.ends[end - 1], GROUP, name)


_INVERTING_VERBS = frozenset(("was", "were", "is", "are"))
_INVERSION_REACH = 10
"""Tokens read after the opening preposition for the verb of an inverted sentence."""


def inverted_subject(text: str, para: Para, lo: int, hi: int) -> Mention | None:
    """`Among those celebrating was Marjorie Bighead, 74, who ...`: the person after the verb.

    A sentence opened by a preposition and inverted around `was`/`were` (no comma before the
    verb) has its subject after the verb: the person a later `she said` stands for.
    """
    lowers, texts = para.lowers, para.texts
    if lowers[lo] not in PREPOSITIONS:
        return None
    for k in range(lo + 1, min(hi - 1, lo + _INVERSION_REACH)):
        if lowers[k] in _INVERTING_VERBS:
            got = np_starting_at(text, para, k + 1, hi)
            return got[0] if got is not None and got[0].kind == PERSON else None
        if not texts[k][0].isalnum():
            return None
    return None


OBJECT_RULE = "object"
"""The rule name on a person noted because a sentence names them after a verb."""


def named_objects(
    text: str, para: Para, lo: int, hi: int, subject: Mention | None
) -> list[Mention]:
    """The persons a sentence names after a verb, not as its subject (`she told Marianne`).

    They are not speaking, but the next quote may be theirs: `he` or a quote-only turn after
    `Elinor smiled at Marianne.` may be Marianne's. A name after a place preposition (`in
    Concord`, `to London`) or opening the sentence is left out, and so is the subject. `at`
    names a person only after a verb of looking or gesturing (`fresh_rules10.at_a_place`). A
    name after a comma counts (`As we went home, Mary spoke bitterly.`: a subject after a
    fronted clause, which `sentence_person` does not read). On the PDNC development novels:
    11 speakers right that were wrong for `at`, 26 for the comma; none changed in PolNeAR dev.
    """
    texts, lowers = para.texts, para.lowers
    out: list[Mention] = []
    # the tokens holding a capital, found by comparing the columns in C: most are lower case,
    # and this runs on every sentence near a quote
    cased = itertools.compress(
        range(lo + 1, hi), map(operator.ne, texts[lo + 1 : hi], lowers[lo + 1 : hi])
    )
    done = lo
    for i in cased:
        if i < done or not texts[i][0].isupper() or texts[i - 1][:1].isupper():
            continue
        prev = lowers[i - 1]
        if prev in _OBJECT_BEFORE_NOT or not (prev[:1].isalpha() or prev == ","):
            continue
        if at_a_place(lowers, i):  # `stayed at Mansfield`, `spotted at Crystal Falls`
            continue
        got = np_starting_at(text, para, i, hi)
        if got is None:
            continue
        mention, done = got
        if mention.kind == PERSON and (subject is None or mention.start != subject.start):
            out.append(mention)
    return out


CLAUSE_RULE = "clause-person"
"""The rule name on a person noted because a sentence with no person as its subject names
them (`clause_person`): a candidate for a later `he` / `she`, never the last speaker."""


def clause_person(text: str, para: Para, lo: int, hi: int) -> Mention | None:
    """`Did that mean Luis Garcia would vote?`, `It is odd because Ann Lee ...`: the one named.

    A sentence whose subject is no person (none found, or `it`, `there`) still tells whom a
    later `he` or `she` stands for: the first person it names after a verb or a conjunction
    (as `named_objects` finds them) by a given name or a title that tells a sex (`Luis
    Garcia`, `Mrs. Dalton`). Other capitalised runs there are as often places and things
    (`from either Sioux City or Mason City`) as people.
    """
    for mention in named_objects(text, para, lo, hi, None):
        if mention.name.rsplit(None, 1)[-1].lower() in PLACE_HEADS:
            continue
        if mention.gender is not None or name_gender(mention.name) is not None:
            return mention
    return None


_OBJECT_BEFORE_NOT = (PLACE_PREPOSITIONS | {"the", "a", "an"}) - {
    "at",
    "about",
    "after",
    "against",
    "before",
    "behind",
    "beside",
    "toward",
    "towards",
    "upon",
}
"""Words after which a capitalised name is a place, a time, a thing or part of a title rather
than a person who may speak next (`in Concord`, `of State`); `smiled at Marianne`, `turned
to Nell`, `looked after Tom` name people."""


_TOPIC_GLUE = frozenset({"for", "to"})


def topic(text: str, para: Para, lo: int, hi: int) -> Mention | None:
    """`As for Trump, he said he is not worried.`: the person a sentence opens on as its topic.

    The `he` or `she` that follows stands for them; they are noted before it is resolved.
    """
    if lo + 3 >= hi or para.lowers[lo + 1] not in _TOPIC_GLUE:
        return None
    found = np_starting_at(text, para, lo + 2, hi)
    if found is None or found[0].kind != PERSON or found[1] >= hi or para.texts[found[1]] != ",":
        return None
    return found[0]
