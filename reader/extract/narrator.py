"""The narrator's name: who `I` is, read off what the others call them.

In a first-person story the narrator's quotes are credited to `I`. The people they talk with
address them by name (`"You think so, Hastings?"` in the turn before or after one of the
narrator's own): the name most often addressed in a quote next to a narrator's turn, that is
no other known person's, becomes the narrator's name (`I` stays an alias).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.extract.reading import Item
from reader.extract.speakers import SpeakerTable
from reader.extract.vocatives import called_names

MIN_VOTES = 1
"""Quotes that must address the same name next to the narrator's turns before it is taken."""


def name_narrator(text: str, items: Sequence[Item], table: SpeakerTable) -> None:
    """Give the narrator the name the others address them by, when the text says it twice."""
    narrator = table.narrator
    if narrator is None:
        return
    narrator_turns = {
        item.paragraph
        for item in items
        if item.raw is not None and item.speaker is narrator and item.raw.depth == 0
    }
    votes: Counter[str] = Counter()
    for item in items:
        if item.raw is None or item.raw.depth > 0:
            continue
        if item.speaker is None or item.speaker is narrator:
            continue
        if item.paragraph - 1 not in narrator_turns and item.paragraph + 1 not in narrator_turns:
            continue
        for name in called_names(text[item.raw.start : item.raw.end]):
            known = table.known_person(name)
            if known is None or known is narrator:
                votes[name] += 1
    if votes:
        name, count = votes.most_common(1)[0]
        if count >= MIN_VOTES:
            table.name_narrator(name)
