"""Who speaks a quote nested in someone's quote, when the words inside name them `he` or `she`.

`"He said, 'I was wrong about you,'" Kaminski recalled`: the one Kaminski calls `he` is not
Kaminski, who would say `I` (that case is `pipeline._quoting_self`). So when `he` / `she` in
the narration inside an enclosing quote resolves to the enclosing quote's own speaker, the
pronoun stands instead for the latest other person of a fitting sex, or for no one.
Read from the seventh fresh set (an obituary's and a poet's remembered words); news only, as
in dialogue the turn rules read every quote's speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.extract.mentions import PRONOUN, Mention
from reader.extract.speakers import Cluster

_SEX = {"he": "m", "she": "f"}


def other_than_quoter(
    mention: Mention, resolved: Cluster | None, quoter: Cluster | None, people: Sequence[Cluster]
) -> Cluster | None:
    """The speaker of `mention` inside `quoter`'s quote: never `quoter` for `he` / `she`.

    `resolved` is what the speaker table made of the mention; `people` the persons last
    mentioned, latest first (`SpeakerTable.recent_people`).
    """
    want = _SEX.get(mention.name) if mention.kind == PRONOUN else None
    if want is None or quoter is None or resolved is not quoter:
        return resolved
    for cluster in people:
        if cluster is not quoter and cluster.gender in (None, want):
            return cluster
    return None
