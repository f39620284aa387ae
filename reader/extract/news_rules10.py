"""Tenth-round news rules: named speakers that places, possessives and fronted phrases hid.

Read from the wrong and missing speakers of named people on PolNeAR train (both conversions);
each is a general shape of news writing, not one article's quirk:

* `past_fronted_chunks`: `At a rally in Portsmouth, N.H., on Tuesday, Senator Reed said`:
  a fronted phrase runs on over a place's state and another prepositional phrase between
  commas; the sentence's subject comes after them, not the state;
* `role_conjunction`: `"...," the Vermont senator and presidential candidate told ABC`: one
  person's two roles joined by `and` are one speaker;
* `TOLD`: after `told`, the object is the listener: when the subject before the cue cannot be
  read, the speaker is left unnamed, not taken from the listener;
* `ends_phrase`: `..., about the spread of news, said the days when ... "..."`: after a
  comma, the noun phrase after `said` is an inverted speaker only when nothing follows it;
* `CLAUSE_CONJUNCTIONS`: `The issue came up after Mr. Pike had said, "..."`: a person (or a
  role naming one) after `after`, `before`, `since` or `until` and right before a cue is the
  cue's subject (`subjects.subject_before`);
* `FRONTED_QUESTIONS`: `Asked on Monday whether Mr. Lane would take a post, Mrs. Lane shook
  her head and said, "No."`: a long question fronted by `Asked` is read to its comma, and the
  subject after it speaks (`sentence_subjects.sentence_subject`);
* `PLACE_ABBREVIATIONS`, `before_state`: `MANCHESTER, N.H. - ...`, `in Ames, Iowa, on
  Sunday`: a state or province written as dotted initials, and a town named before a state,
  are places, never speakers;
* `possessor_start`: `Carol Mendez's spokesman said`: a role owned by a person named in full
  is a speaker (only `Reed's spokesman`, one word, was read before).

Functions over tokens; they read no mention and no speaker table (`mentions` imports them).
"""

from __future__ import annotations

import bisect

from reader.extract.cues import (
    ABBREVIATIONS,
    DETERMINERS,
    PERSON_SUFFIXES,
    PLACES,
    PREPOSITIONS,
    THING_NOUNS,
    TITLES,
)
from reader.extract.tokens import Toks

PLACE_ABBREVIATIONS = frozenset(
    {
        "n.h",
        "n.y",
        "n.j",
        "n.c",
        "n.d",
        "n.m",
        "s.c",
        "s.d",
        "r.i",
        "d.c",
        "w.va",
        "u.s",
        "u.k",
        "b.c",
        "p.e.i",
        "n.s",
        "n.b",
    }
)
"""US states, Canadian provinces and countries abbreviated with full stops (`N.H.`, `D.C.`,
`B.C.`; `Calif.` and `Wisc.` are `cues.ABBREVIATIONS`), lower case and without the last full
stop, which is a token of its own: alone before their full stop they are a place."""


CLAUSE_CONJUNCTIONS = frozenset({"after", "before", "since", "until"})
"""Prepositions that also open a clause: `after Mr. Pike had said, "..."` makes Pike the
subject of `said`, not the object of `after` (`Trump in his speech called` keeps the rule
that the noun phrase after a preposition is its object)."""


FRONTED_QUESTIONS = frozenset({"asked", "pressed", "questioned"})
"""Participles opening a sentence with what its subject was asked: `Asked on Monday whether
her husband would hold a cabinet post, Mrs. Lane shook her head and said, "No."`"""
FRONTED_QUESTION_REACH = 30
"""Tokens read for the comma closing such a question (longer than other fronted phrases: the
question is a clause of its own); the sentence's subject comes after it."""

_CHUNK_REACH = 6
"""The longest comma chunk read as one more part of a fronted phrase (`Des Moines, Iowa,`)."""


def _address_chunk(toks: Toks, s: int, comma: int) -> bool:
    """Whether tokens s..comma-1 are a place alone: `Iowa`, `New Hampshire`, `N.H.`, `Calif.`."""
    texts, lowers = toks.texts, toks.lowers
    words = [i for i in range(s, comma) if texts[i] != "."]
    if not words or any(not texts[i][0].isupper() for i in words):
        return False
    if len(words) == 1 and (
        lowers[words[0]] in PLACE_ABBREVIATIONS or lowers[words[0]] in ABBREVIATIONS
    ):
        return comma - s == 2  # the abbreviation and its full stop
    return " ".join(lowers[i] for i in words) in PLACES


def past_fronted_chunks(toks: Toks, s: int, hi: int) -> int:
    """Where the subject starts after a fronted phrase's first comma at s-1, read on over its parts.

    `At a rally in Portsmouth, N.H., on Tuesday, Senator Reed said`: a place's state (`N.H.`)
    and a further prepositional phrase (`on Tuesday`) standing between commas still belong to
    the fronted phrase; the subject opens the first chunk that is neither.
    """
    texts, lowers = toks.texts, toks.lowers
    while s < hi:
        comma = s
        while comma < hi and comma - s <= _CHUNK_REACH and texts[comma] != ",":
            comma += 1
        if comma >= hi or texts[comma] != ",":
            return s
        if not (
            _address_chunk(toks, s, comma) or (lowers[s] in PREPOSITIONS and texts[s][0].islower())
        ):
            return s
        s = comma + 1
    return s


_NAME_RUN_TOKENS = 6
"""The longest name read back from a possessive (`Sen. Kelly Ayotte's`)."""


def possessor_start(toks: Toks, lo: int, i: int) -> int | None:
    """Where the name whose possessive is token i starts, when it opens its chunk, else None.

    `Carol Mendez's spokesman said`, `Sen. Reed's office said`: a role owned by a person named
    in full opens the sentence or a chunk (after a comma or a mark). Read back over capitalised
    words and the full stops of titles (`Sen.`); a lower-case word before the name (`told
    Reed's office`) makes the role an object, not a subject.
    """
    texts = toks.texts
    p = i
    while (
        p > lo and i - p < _NAME_RUN_TOKENS and (texts[p - 1][0].isupper() or texts[p - 1] == ".")
    ):
        p -= 1
    if p == i or not texts[p][0].isupper():
        return None
    return p if p == lo or not texts[p - 1][0].isalnum() else None


def before_state(toks: Toks, e: int) -> bool:
    """Whether tokens from e are `, N.H.` or `, Iowa,`: the name before them is a town.

    `DOVER, N.H. - ...`, `in Ames, Iowa, on Sunday`: a capitalised run followed by a comma
    and a state (dotted initials, or a state or country closed by punctuation) names a place.
    """
    texts, lowers = toks.texts, toks.lowers
    if e + 2 >= len(texts) or texts[e] != ",":
        return False
    state = lowers[e + 1]
    if state in PLACE_ABBREVIATIONS:
        return texts[e + 2] == "."
    return state in PLACES and not texts[e + 2][0].isalnum()


TOLD = frozenset({"told", "tells", "tell"})
"""Cues whose object is the one spoken to: `..., the senator told ABC's "Good Morning
America."` names the listener after the cue, never the speaker."""


def person_noun(word: str) -> bool:
    """A title or a noun for a person (`senator`, `candidate`, `organizer`, `economist`)."""
    return word in TITLES or (word.endswith(PERSON_SUFFIXES) and word not in THING_NOUNS)


def role_conjunction(toks: Toks, i: int, head: int) -> bool:
    """Whether `and` at token i joins two roles of one person in a role phrase ending at `head`.

    `the independent Vermont senator and Democratic presidential candidate`: `and` between two
    nouns for a person (a title or a `-er`, `-or`, `-ist`... noun), the second the phrase's
    head, and before a word that is no determiner (`the senator and the governor` are two
    people), continues one role.
    """
    lowers = toks.lowers
    if i < 1 or i + 1 >= head or lowers[i] != "and":
        return False
    if lowers[i + 1] in DETERMINERS or not toks.texts[i + 1][0].isalpha():
        return False
    return person_noun(lowers[i - 1]) and person_noun(lowers[head])


def ends_phrase(toks: Toks, end: int, hi: int) -> bool:
    """Whether the mention ending at offset `end` is followed by punctuation (or nothing) before hi.

    An inverted speaker stands alone after its cue (`, said the minister, "..."`, `said Ana
    Ruiz: "..."`); a word after it (`, said the days when ...`) makes it the subject of the
    clause the cue introduces, not the one speaking.
    """
    k = bisect.bisect_left(toks.starts, end)
    return k >= hi or not toks.texts[k][0].isalnum()
