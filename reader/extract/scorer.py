"""The learned speaker scorer: ranks the people `he` or `she` may stand for.

The rules (`SpeakerTable._pronoun`) generate the candidates: the persons, and the roles that
stand for one person, mentioned within the pronoun's reach whose sex as told by a given name or
title does not contradict the pronoun. Each candidate is described by a few named features
(`pronoun_features`): how far back it was last mentioned, whether its sex is known to agree,
whether it spoke the last quote or was the subject of the sentence before, how often it was
mentioned and quoted. A logistic model (weights in `data/speaker_scorer.json`, trained by
`tools/train_speaker_scorer.py` on PolNeAR train with coreference and the PDNC development
novels only) scores each candidate by a dot product; the highest score wins.

Pure Python, no ML library: the weights are read on first use, so nothing is loaded before
extraction runs.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import NamedTuple

_DATA = Path(__file__).with_name("data") / "speaker_scorer.json"

MAX_CANDIDATES = 6
"""The most candidates ranked for one pronoun: the most recently mentioned ones that fit."""


class Candidate(NamedTuple):
    """What the scorer reads about one candidate antecedent of a pronoun."""

    rank: int
    """Place among the fitting candidates, latest mentioned first (0: the rules' choice)."""
    paragraphs_back: int
    """How many paragraphs before the pronoun it was last mentioned (0: the same one)."""
    beyond_reach: bool
    """True when last mentioned further back than the rules' reach (`PRONOUN_REACH`)."""
    chars_back: int
    """How many characters before the pronoun it was last mentioned."""
    sex: str
    """`told-agrees` (a given name or title tells the pronoun's sex), `guess-agrees` (an
    earlier pronoun guessed it), `guess-conflicts`, or `unknown`."""
    role: bool
    """True for a person known only by a role (`the sheriff`)."""
    previous: bool
    """True when it spoke the quote before, or was the subject of the sentence before."""
    mentions: int
    """How many times it was mentioned so far."""
    speeches: int
    """How many quotes were attributed to it so far."""
    words: int
    """Words in its canonical name (1: a surname or first name alone)."""
    first_name: str
    """For a one-word name that is a known given name: `agrees` or `conflicts` with the
    pronoun's sex (`Stephen` for `she`); else empty. A lone word may be a surname (`Kerr`), so
    this is weighed, not obeyed."""
    dialogue: bool
    """True when the text is dialogue (a novel) rather than news."""


def pronoun_features(c: Candidate) -> dict[str, float]:
    """The named features of one candidate (absent features are 0)."""
    f: dict[str, float] = {f"rank{min(c.rank, 3)}": 1.0}
    f[f"back{min(c.paragraphs_back, 3)}"] = 1.0
    if c.beyond_reach:
        f["beyond_reach"] = 1.0
    f["chars_back"] = math.log1p(c.chars_back) / 8
    f[f"sex_{c.sex}"] = 1.0
    if c.role:
        f["role"] = 1.0
    if c.previous:
        f["previous"] = 1.0
    f["mentions"] = math.log1p(c.mentions) / 3
    f["speeches"] = math.log1p(c.speeches) / 3
    if c.speeches:
        f["spoke"] = 1.0
    f["one_word"] = 1.0 if c.words == 1 else 0.0
    if c.first_name:
        f[f"first_name_{c.first_name}"] = 1.0
    if c.dialogue:
        f["dialogue"] = 1.0
        f[f"dialogue_rank{min(c.rank, 3)}"] = 1.0
        if c.previous:
            f["dialogue_previous"] = 1.0
    return f


class TurnCandidate(NamedTuple):
    """What the scorer reads about one candidate speaker of an unattributed quote.

    The quote opens a paragraph whose own sentence names nobody (`"Not yet."` after a turn of
    dialogue, or a news quote continuing the speaker above).
    """

    rule: str
    """The name of the continuation rule that would give it the quote, or empty."""
    previous: bool
    """True when it spoke the quote before."""
    gap: int
    """Paragraphs between the quote before and this one (0: the paragraph right above)."""
    order: int
    """Its place among the latest distinct speakers (0: the last to speak), or -1."""
    mentioned_since: bool
    """True when the narration since the quote before names it."""
    addressed_before: bool
    """True when the quote before spoke to it by name (`"You think so, Hastings?"`)."""
    addressed_here: bool
    """True when this quote speaks to it by name: then it is not the speaker."""
    narrator: bool
    """True for the first-person narrator (`I`)."""
    mentions: int
    """How many times it was mentioned so far."""
    speeches: int
    """How many quotes were attributed to it so far."""
    dialogue: bool
    """True when the text is dialogue (a novel) rather than news."""


def turn_features(c: TurnCandidate) -> dict[str, float]:
    """The named features of one candidate speaker of an unattributed quote."""
    f: dict[str, float] = {}
    mode = "d_" if c.dialogue else "n_"
    if c.rule:
        f[mode + "rule"] = 1.0
        f[mode + "rule_" + c.rule] = 1.0
    if c.previous:
        f[mode + f"previous_gap{min(c.gap, 2)}"] = 1.0
    f[mode + f"order{min(c.order, 3) if c.order >= 0 else 'none'}"] = 1.0
    if c.mentioned_since:
        f[mode + "mentioned_since"] = 1.0
    if c.addressed_before:
        f["addressed_before"] = 1.0
    if c.addressed_here:
        f["addressed_here"] = 1.0
    if c.narrator:
        f["narrator"] = 1.0
    f["mentions"] = math.log1p(c.mentions) / 3
    f["speeches"] = math.log1p(c.speeches) / 3
    return f


@functools.cache
def _all_weights() -> dict[str, dict[str, float]]:
    try:
        data = json.loads(_DATA.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {
        section: {str(k): float(v) for k, v in data[section].items()}
        for section in ("weights", "turn_weights")
        if section in data
    }


def weights(section: str = "weights") -> dict[str, float]:
    """The trained weights by feature name (empty when none are shipped).

    `weights` for pronouns, `turn_weights` for unattributed quotes.
    """
    return _all_weights().get(section, {})


def score(features: dict[str, float], w: dict[str, float]) -> float:
    """The candidate's score: the dot product of its features with the weights."""
    return sum(w.get(name, 0.0) * value for name, value in features.items())


class Choice(NamedTuple):
    """The scorer's pick among a pronoun's candidates, with why."""

    best: int
    """Index of the winning candidate."""
    probability: float
    """Its share of the softmax over the candidates."""
    reasons: tuple[tuple[str, float], ...]
    """The features that added most to its score, with their contribution."""


def choose(candidates: list[Candidate]) -> Choice | None:
    """The best of a pronoun's `candidates`, or None when no weights are shipped."""
    return choose_by([pronoun_features(c) for c in candidates], weights())


def choose_turn(candidates: list[TurnCandidate]) -> Choice | None:
    """The best speaker of an unattributed quote, or None when no weights are shipped."""
    return choose_by([turn_features(c) for c in candidates], weights("turn_weights"))


def choose_by(feats: list[dict[str, float]], w: dict[str, float]) -> Choice | None:
    """The candidate whose features score highest under `w` (None without weights)."""
    if not w or not feats:
        return None
    scores = [score(f, w) for f in feats]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    top = max(scores)
    total = sum(math.exp(s - top) for s in scores)
    contributions = sorted(
        ((name, w.get(name, 0.0) * value) for name, value in feats[best].items()),
        key=lambda nv: -abs(nv[1]),
    )
    reasons = tuple((n, round(v, 2)) for n, v in contributions[:3] if v)
    return Choice(best, math.exp(scores[best] - top) / total, reasons)


def describe(choice: Choice, count: int) -> str:
    """`speaker-scorer: 0.81 of 3 candidates (sex_told-agrees +1.20, back0 +0.50)`."""
    reasons = ", ".join(f"{name} {value:+.2f}" for name, value in choice.reasons)
    return f"speaker-scorer: {choice.probability:.2f} of {count} candidates ({reasons})"
