"""The narrator's name: who `I` is, read off what the others call them.

In a first-person story the narrator's quotes are credited to `I`. The people they talk with
address them by name (`"You think so, Hastings?"` within three paragraphs of one of the
narrator's own turns, whoever is credited with the quote): the name most often addressed so,
that is no other known person's, becomes the narrator's name (`I` stays an alias). Only the
turn right before or after counted at first; in the PDNC development novels the friend's
`"You're crazy, Jake"` is as often two paragraphs away, across a line of narration.

When no quote near the narrator's turns calls anyone, a name called in any quote of a text
told in the first person, that is never met outside the quotes, is the narrator's: in a
stretch of a detective story the friend says `"The lamp, Hastings!"` five paragraphs from
the narrator's last line (on the PDNC development novels: 42 quotes right that were wrong,
14 wrong that were right, 35 wrong either way).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from reader.extract.not_persons import not_a_person
from reader.extract.reading import Item
from reader.extract.speakers import Cluster, SpeakerTable
from reader.extract.vocatives import called_names

MIN_VOTES = 1
"""Quotes that must address the same name next to the narrator's turns before it is taken."""


MIN_FAR_VOTES = 1
"""Quotes, anywhere in the text, that must call the same name before it is taken, when no
quote near the narrator's turns calls anyone and the name is never met outside the quotes."""

MIN_TURNS_FOR_FAR = 3
"""Turns the narrator must have before a name called far from them is taken: a text told in
the first person, not a third-person story with a stray `I` in its narration."""

NEAR = (-3, -2, -1, 1, 2, 3)
"""How far (in paragraphs) from one of the narrator's turns a quote may be and still speak to
the narrator."""


class Said(NamedTuple):
    """A top-level quote as the narrator's naming reads it."""

    paragraph: int
    """The paragraph where it starts."""
    speaker: Cluster | None
    """Its speaker."""
    start: int
    """Where its first segment starts in the text."""
    end: int
    """Where its last segment ends."""


class SaidColumns:
    """The top-level quotes of a text, kept as columns until the narrator is named at the end.

    A window's items are let go once built (`reader.extract.pipeline.Windows`); these few
    numbers a quote (about 28 bytes) are all the naming needs of them.
    """

    def __init__(self) -> None:
        self._paragraphs = array("q")
        self._speakers: list[Cluster | None] = []
        self._starts = array("q")
        self._ends = array("q")

    def add(self, items: Iterable[Item]) -> None:
        """Keep the top-level quotes among `items` (each with its speaker as it is now)."""
        for item in items:
            raw = item.raw
            if raw is not None and raw.depth == 0:
                self._paragraphs.append(item.paragraph)
                self._speakers.append(item.speaker)
                self._starts.append(raw.start)
                self._ends.append(raw.end)

    def __iter__(self) -> Iterator[Said]:
        return map(Said, self._paragraphs, self._speakers, self._starts, self._ends)


def name_narrator(text: str, items: Iterable[Said], table: SpeakerTable) -> None:
    """Give the narrator the name the others address them by.

    Near the narrator's turns; else far from them, when the name is no one met elsewhere.
    `items` are the text's top-level quotes (`SaidColumns`), read more than once.
    """
    narrator = table.narrator
    if narrator is None:
        return
    narrator_turns = {item.paragraph for item in items if item.speaker is narrator}
    others = [item for item in items if item.speaker is not narrator]
    near_at = [
        at
        for at, item in enumerate(others)
        if any(item.paragraph + d in narrator_turns for d in NEAR)
    ]
    near = [others[at] for at in near_at]
    votes = _calls(text, near, table, lambda known: known is narrator or known.called_only)
    if votes:
        name, count = votes.most_common(1)[0]
        if count >= MIN_VOTES:
            table.name_narrator(name)
        return
    if len(narrator_turns) < MIN_TURNS_FOR_FAR:
        return
    taken = set(near_at)
    far = [item for at, item in enumerate(others) if at not in taken]
    votes = _calls(text, far, table, lambda known: False)
    if votes:
        name, count = votes.most_common(1)[0]
        if count >= MIN_FAR_VOTES:
            table.name_narrator(name)


def _calls(
    text: str, quotes: Sequence[Said], table: SpeakerTable, counts: Callable[[Cluster], bool]
) -> Counter[str]:
    """How often each name is called in `quotes`, when no one met has it or `counts` says so."""
    votes: Counter[str] = Counter()
    for item in quotes:
        for name in called_names(text[item.start : item.end]):
            if not_a_person(name):
                continue  # `"Oui, Monsieur."`: a form of address, no name
            known = table.known_person(name)
            if known is None or counts(known):
                votes[name] += 1
    return votes
