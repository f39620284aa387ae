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


@functools.cache
def weights() -> dict[str, float]:
    """The trained weights by feature name (empty when no weights are shipped)."""
    try:
        data = json.loads(_DATA.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {str(k): float(v) for k, v in data["weights"].items()}


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
    """The best of `candidates` by the learned scores, or None when no weights are shipped."""
    w = weights()
    if not w or not candidates:
        return None
    feats = [pronoun_features(c) for c in candidates]
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
