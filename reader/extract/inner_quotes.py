"""Who speaks a quote nested in someone's quote, and when `reader quotes` lists it on its own.

`"He said, 'I was wrong about you,'" Kaminski recalled`: the one Kaminski calls `he` is not
Kaminski, who would say `I` (that case is `pipeline._quoting_self`). So `he` / `she` in the
narration inside an enclosing quote stands for a person of a fitting sex named close by, in the
quote's paragraph or the two before, other than the enclosing quote's own speaker; or, when
there is none, for someone the text does not name (`"She told me, 'I'm done,'" Kim said`: not
the woman named three paragraphs up). A remembered `he` is most often a father, a coach or a
neighbour met only as that, not the person last named: on the fresh articles `he` / `she`
resolved farther back was wrong 10 times in 11, and a nested quote listed with the wrong
speaker costs more than one left to its enclosing quote. Read from the seventh and eighth fresh
sets (an obituary's and a poet's remembered words); news only, as in dialogue the turn rules
read every quote's speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.extract.mentions import PRONOUN, Mention
from reader.extract.model import Quote, QuoteKind
from reader.extract.speakers import Cluster

NEAR_PARAGRAPHS = 2
"""How many paragraphs before a nested quote's own the person `he` / `she` stands for is looked
for: its paragraph and the two before (an obituary names the one remembered, then the one who
remembers, then quotes: `tests/unit/test_extract_fresh7_patterns.py`)."""

_SEX = {"he": "m", "she": "f"}


def left_to_enclosing(quote: Quote) -> bool:
    """Whether nested `quote` is shown only in its enclosing quote, not listed on its own.

    `reader quotes` lists who said what. Speech no one is named for is left: `"People think,
    'Oh, it must be easy,'" she said` lists her words, and the inner ones are shown there, in
    her quote; listed again as a quote of its own, by no one, they would say nothing more (as
    reported speech by no one known is not listed either). So is a partial quote inside a
    quote, named or not (`"We told them it was 'not negotiable,'" she said`): a fragment of the
    speaker's own sentence, most often a term she quotes; on PolNeAR train 26 of 26 and on the
    fresh articles 4 of 5 were no one's words as the gold reads them. A nested term or title
    (`"They called it 'the long winter,'" he said`) is listed with its kind, and every nested
    quote stays in the extraction (`reader dump`, the reader's highlights).
    """
    if not quote.nested:
        return False
    return quote.kind is QuoteKind.PARTIAL or (
        quote.kind is QuoteKind.DIRECT and quote.speaker is None
    )


def other_than_quoter(
    mention: Mention, resolved: Cluster | None, quoter: Cluster | None, near: Sequence[Cluster]
) -> Cluster | None:
    """The speaker of `mention` inside `quoter`'s quote: a person close by, never `quoter`.

    `resolved` is what the speaker table made of the mention; `near` the persons mentioned in
    the last `NEAR_PARAGRAPHS` paragraphs before it was resolved, latest first
    (`SpeakerTable.recent_people`). Any other mention than `he` / `she` keeps `resolved`.
    """
    want = _SEX.get(mention.name) if mention.kind == PRONOUN else None
    if want is None or quoter is None:
        return resolved
    if resolved is not None and resolved is not quoter and resolved in near:
        return resolved
    for cluster in near:
        if cluster is not quoter and cluster.gender in (None, want):
            return cluster
    return None
