"""Who speaks a quote nested in someone's quote, and when `reader quotes` lists it on its own.

Who speaks it, when the words inside name them `he` or `she`:

`"He said, 'I was wrong about you,'" Kaminski recalled`: the one Kaminski calls `he` is not
Kaminski, who would say `I` (that case is `pipeline._quoting_self`). So when `he` / `she` in
the narration inside an enclosing quote resolves to the enclosing quote's own speaker, the
pronoun stands instead for the latest other person of a fitting sex, or for no one.
Read from the seventh fresh set (an obituary's and a poet's remembered words); news only, as
in dialogue the turn rules read every quote's speaker.

When it is listed on its own: `left_to_enclosing`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.extract.mentions import PRONOUN, Mention
from reader.extract.model import Quote, QuoteKind
from reader.extract.speakers import Cluster

_SEX = {"he": "m", "she": "f"}


def left_to_enclosing(quote: Quote) -> bool:
    """Whether nested `quote` is shown only in its enclosing quote, not listed on its own.

    `reader quotes` lists who said what. Speech no one is named for is left: `"People think,
    'Oh, it must be easy,'" she said` lists her words, and the inner ones are shown there, in
    her quote; listed again as a quote of its own, by no one, they would say nothing more (as
    reported speech by no one known is not listed either). So is a partial quote inside a
    quote, named or not (`"We told them it was 'not negotiable,'" she said`): a fragment of the
    speaker's own sentence, most often a term she quotes; on PolNeAR train 26 of 26 and on the
    fresh articles 4 of 5 were no one's words as the gold reads them. And so is one that only
    `he` / `she` says, whoever the extraction takes them for (`other_than_quoter`): the one
    remembered as `he` is most often met only as that, a father or a coach, and on the fresh
    articles such a quote given to a named person was right 4 times in 14. A nested term or
    title (`"They called it 'the long winter,'" he said`) is listed with its kind, and every
    nested quote stays in the extraction (`reader dump`, the reader's highlights).
    """
    if not quote.nested:
        return False
    if quote.kind is QuoteKind.PARTIAL:
        return True
    if quote.kind is not QuoteKind.DIRECT:
        return False
    mention = quote.evidence.mention if quote.evidence is not None else None
    return quote.speaker is None or (mention is not None and mention.lower() in _SEX)


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
