"""Dialogue runs: the unnamed turns between two named ones take the speaker the count gives.

In fiction a run of paragraphs each opened by a quote is two people taking turns. The turn
rules (`turns.py`) count forwards from the nearest turn with a speaker, so one wrong guess
flips every turn after it. Once a stretch of items is resolved, `reconcile_runs` reads each
run as a whole: the turns whose own sentence names a person (`"No," said Emma.`) are anchors;
between two anchors that agree with strict alternation (the same speaker an even number of
turns apart, two speakers an odd number), each turn that names nobody takes the speaker whose
turn it is (`dialogue-run`). Two anchors that disagree split the run: the turns between them
are left as they were. A paragraph not opened by a quote ends a run.

One pass over the items, bounded by `TURN_LOOKBACK` around the stretch; no token is read.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

from reader.extract.mentions import PERSON, PRONOUN
from reader.extract.model import Evidence, QuoteKind
from reader.extract.reading import Item
from reader.extract.speakers import Cluster
from reader.extract.turns import TURN_LOOKBACK

RUN_RULE = "dialogue-run"
"""The rule name on a turn whose speaker the anchors of its run count to."""
RUN_PRONOUN_RULE = "dialogue-run-pronoun"
"""The rule name on a turn's `he said` / `she said` that its run counts to another speaker."""

_OWN_RULES = frozenset(
    {"said-after", "after-said", "before-said", "same-sentence", "colon-intro", "participle"}
)
"""Rules that read a turn's speaker off its own sentence: a turn so named is an anchor when
the mention is a person's name."""

_SETTLED = _OWN_RULES | {"acts-beside", "answers-vocative"}
"""Rules whose speaker a run's count does not override (read off the text, or the one the
turn before called by name)."""


_WEIGHTS = {"answers-vocative": 2, "acts-beside": 1}
"""How much a turn's speaker counts in a run's vote (`voted_speakers`) by the rule that chose
it; a name read off the turn's own sentence counts `_NAMED_WEIGHT`, `he said` one."""
_NAMED_WEIGHT = 4


class RunTurn(NamedTuple):
    """One paragraph of a run: its items and the speaker its own sentence names, if any."""

    paragraph: int
    """The paragraph's index."""
    positions: list[int]
    """The positions in `items` of its top-level quotes of speech."""
    anchor: Cluster | None
    """The person a quote of the paragraph names in its own sentence, else None."""
    weight: int = 0
    """How much the speaker of its first quote counts in a vote (`_weight`)."""


def _speech(item: Item) -> bool:
    """Whether `item` is a top-level quote of speech that a run counts."""
    if item.raw is None or item.raw.depth > 0 or item.dropped or item.split_tail:
        return False
    return item.kind not in (QuoteKind.SCARE, QuoteKind.TITLE)


def _anchor(item: Item) -> Cluster | None:
    """The speaker `item` names by a person's name in its own sentence, else None."""
    att, evidence = item.attribution, item.evidence
    if item.speaker is None or att is None or att.mention is None or evidence is None:
        return None
    if att.mention.kind != PERSON or evidence.rule not in _OWN_RULES:
        return None
    return item.speaker


def _weight(item: Item) -> int:
    """How much `item`'s speaker counts in its run's vote: 0 for one inferred from neighbours."""
    evidence = item.evidence
    if item.speaker is None or evidence is None:
        return 0
    if _anchor(item) is not None:
        return _NAMED_WEIGHT
    att = item.attribution
    if att is not None and att.mention is not None and evidence.rule in _OWN_RULES:
        return 1 if att.mention.kind == PRONOUN else 0
    return _WEIGHTS.get(evidence.rule or "", 0)


def voted_speakers(items: Sequence[Item], run: Sequence[RunTurn]) -> dict[int, Cluster]:
    """Each turn's speaker when the run's weighted turns are two people in strict alternation.

    The turns whose speaker was read off the text (`_weight`) vote; when they name exactly
    two people and every one of them sits at the parity of its speaker, all turns alternate.
    """
    parity: dict[int, Cluster] = {}
    for i, turn in enumerate(run):
        if turn.weight == 0:
            continue
        speaker = items[turn.positions[0]].speaker
        assert speaker is not None
        if parity.setdefault(i % 2, speaker) is not speaker:
            return {}
    if len(parity) < 2 or parity[0] is parity[1]:
        return {}
    return {i: parity[i % 2] for i, turn in enumerate(run) if turn.weight == 0}


def dialogue_runs(items: Sequence[Item], lo: int, hi: int) -> list[list[RunTurn]]:
    """The runs of quote-opened paragraphs that `items[lo:hi]` take part in, in order.

    The items up to `TURN_LOOKBACK` before `lo` and after `hi` are read too, so a run crossing
    the stretch's edge is seen whole enough to count.
    """
    start = max(0, lo - TURN_LOOKBACK)
    stop = min(len(items), hi + TURN_LOOKBACK)
    runs: list[list[RunTurn]] = []
    run: list[RunTurn] = []
    last_end = -2  # the paragraph where the run's last turn ends
    for pos in range(start, stop):
        item = items[pos]
        if not _speech(item):
            continue
        assert item.raw is not None
        if run and item.paragraph == run[-1].paragraph:
            run[-1].positions.append(pos)
            if run[-1].anchor is None:
                run[-1] = run[-1]._replace(anchor=_anchor(item))
            last_end = item.raw.segments[-1].paragraph
            continue
        if not item.opens_paragraph or item.paragraph != last_end + 1:
            if len(run) > 1:
                runs.append(run)
            run = []
        if item.opens_paragraph:
            run.append(RunTurn(item.paragraph, [pos], _anchor(item), _weight(item)))
        last_end = item.raw.segments[-1].paragraph
    if len(run) > 1:
        runs.append(run)
    return runs


def counted_speakers(run: Sequence[RunTurn]) -> dict[int, Cluster]:
    """Each unnamed turn's speaker (by its index in `run`) between two agreeing anchors.

    Anchors a and b, d turns apart, agree when they are two speakers and d is odd (the turns
    between alternate b, a, ...) or one speaker and d is even; in the second case the other
    speaker is known only when the run's anchors name two people, else only the turns at even
    distance from a are given (a's own). The turns before the first anchor and after the last
    are left to the turn rules (a third speaker may come in there). On the PDNC development
    novels: 12363 -> 12408 speakers right with the named pairs and the vote
    (`voted_speakers`), 12414 with the other one of two for a same-speaker pair.
    """
    anchors = [(i, t.anchor) for i, t in enumerate(run) if t.anchor is not None]
    out: dict[int, Cluster] = {}
    named = list(dict.fromkeys(id(a) for _, a in anchors))
    pair = {id(a): a for _, a in anchors}
    other_of: dict[int, Cluster] = {}
    if len(named) == 2:
        other_of = {named[0]: pair[named[1]], named[1]: pair[named[0]]}
    for (a, first), (b, second) in itertools.pairwise(anchors):
        same = first is second
        if same != ((b - a) % 2 == 0):
            continue  # they disagree: the run splits here
        for i in range(a + 1, b):
            if (i - a) % 2 == 0:
                out[i] = first
            elif not same:
                out[i] = second
            elif id(first) in other_of:
                out[i] = other_of[id(first)]
    return out


def reconcile_runs(
    items: Sequence[Item], dialogue: bool, lo: int = 0, hi: int | None = None
) -> int:
    """In dialogue, give the unnamed turns of `items[lo:hi]` the speaker their run counts to.

    A turn's quotes whose speaker was inferred (not read off their own sentence, `_SETTLED`)
    take the counted speaker. Returns how many quotes changed speaker.
    """
    if not dialogue:
        return 0
    if hi is None:
        hi = len(items)
    changed = 0
    for run in dialogue_runs(items, lo, hi):
        counted = counted_speakers(run) or voted_speakers(items, run)
        for index, speaker in counted.items():
            for pos in run[index].positions:
                if not lo <= pos < hi:
                    continue
                item = items[pos]
                evidence = item.evidence
                if item.speaker is speaker:
                    continue
                mention = None if item.attribution is None else item.attribution.mention
                rule = RUN_RULE
                if mention is not None:
                    if mention.kind != PRONOUN or not _fits(speaker, mention.gender):
                        continue
                    rule = RUN_PRONOUN_RULE
                elif evidence is not None and evidence.rule in _SETTLED:
                    continue
                item.speaker = speaker
                item.evidence = Evidence(rule, kind_rule=item.kind_rule)
                changed += 1
    return changed


def _fits(speaker: Cluster, gender: str | None) -> bool:
    """Whether `he` / `she` (`gender` m / f) can stand for `speaker`: a person of that sex."""
    if gender is None or speaker.kind != PERSON:
        return False
    if speaker.gender is not None:
        return speaker.gender == gender
    return speaker.given_sex in (None, gender)
