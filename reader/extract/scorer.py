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
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

_DATA = Path(__file__).with_name("data") / "speaker_scorer.json"

MAX_CANDIDATES = 4
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
    one_word: bool
    """True when its name is one word (a surname or a given name alone)."""
    first_name: str
    """For a one-word name that is a known given name: `agrees` or `conflicts` with the
    pronoun's sex (`Stephen` for `she`); else empty. A lone word may be a surname (`Kerr`), so
    this is weighed, not obeyed."""
    dialogue: bool
    """True when the text is dialogue (a novel) rather than news."""
    object_only: bool = False
    """True when its latest mention named it after a verb (`she told Marianne`), not as a
    subject or a speaker: a candidate the rules did not offer before."""


_RANK = ("rank0", "rank1", "rank2", "rank3")
_BACK = ("back0", "back1", "back2", "back3")
_DIALOGUE_RANK = ("dialogue_rank0", "dialogue_rank1", "dialogue_rank2", "dialogue_rank3")


def pronoun_features(c: Candidate) -> dict[str, float]:
    """The named features of one candidate (absent features are 0)."""
    f: dict[str, float] = {_RANK[min(c.rank, 3)]: 1.0}
    f[_BACK[min(c.paragraphs_back, 3)]] = 1.0
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
    if c.one_word:
        f["one_word"] = 1.0
    if c.first_name:
        f[f"first_name_{c.first_name}"] = 1.0
    if c.object_only:
        f["object_only"] = 1.0
    if c.dialogue:
        f["dialogue"] = 1.0
        f[_DIALOGUE_RANK[min(c.rank, 3)]] = 1.0
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
    counted_back: bool = False
    """True when the named turns after the quote count back to it (`turns.later_turn_pick`:
    `"Well?"` / `"He did."` / `"And then?" asked Ada.`: the first is Ada's)."""
    addressed_next: bool = False
    """True when the turn right after speaks to it by name: it likely spoke this one."""


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
    if c.counted_back:
        f[mode + "counted_back"] = 1.0
    if c.addressed_next:
        f[mode + "addressed_next"] = 1.0
    f["mentions"] = math.log1p(c.mentions) / 3
    f["speeches"] = math.log1p(c.speeches) / 3
    return f


def pronoun_score(c: Candidate, w: dict[str, float]) -> float:
    """`pronoun_features(c)` dotted with `w`, without building the features.

    The same sum as the dictionary's, written out: scoring every pronoun's candidates through
    dictionaries cost about 6% of a 3 MB book's extraction (benchmarks/bench_extract.py).
    `tests/unit/test_extract_scorer.py` checks the two agree.
    """
    g = w.get
    rank = min(c.rank, 3)
    s = g(_RANK[rank], 0.0) + g(_BACK[min(c.paragraphs_back, 3)], 0.0)
    s += g("chars_back", 0.0) * (math.log1p(c.chars_back) / 8)
    s += g(_SEX[c.sex], 0.0)
    s += g("mentions", 0.0) * (math.log1p(c.mentions) / 3)
    if c.speeches:
        s += g("speeches", 0.0) * (math.log1p(c.speeches) / 3) + g("spoke", 0.0)
    if c.beyond_reach:
        s += g("beyond_reach", 0.0)
    if c.role:
        s += g("role", 0.0)
    if c.previous:
        s += g("previous", 0.0)
    if c.one_word:
        s += g("one_word", 0.0)
    if c.first_name:
        s += g(_FIRST[c.first_name], 0.0)
    if c.object_only:
        s += g("object_only", 0.0)
    if c.dialogue:
        s += g("dialogue", 0.0) + g(_DIALOGUE_RANK[rank], 0.0)
        if c.previous:
            s += g("dialogue_previous", 0.0)
    return s


_SEX = {sex: f"sex_{sex}" for sex in ("told-agrees", "guess-agrees", "guess-conflicts", "unknown")}
_FIRST = {"agrees": "first_name_agrees", "conflicts": "first_name_conflicts"}


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


class Choice(NamedTuple):
    """The scorer's pick among the candidates, with what it read."""

    best: int
    """Index of the winning candidate."""
    probability: float
    """Its share of the softmax over the candidates."""
    features: Callable[[], dict[str, float]]
    """The winner's features, worked out when asked (`reasons`)."""
    weights: dict[str, float]
    """The weights it was scored with."""

    @property
    def reasons(self) -> tuple[tuple[str, float], ...]:
        """The (at most three) features that added most to the winner's score, with how much.

        Worked out only when asked, as the quote's evidence is written.
        """
        w = self.weights
        contributions = sorted(
            ((name, w.get(name, 0.0) * value) for name, value in self.features().items()),
            key=lambda nv: -abs(nv[1]),
        )
        return tuple((n, round(v, 2)) for n, v in contributions[:3] if v)


def choose(candidates: list[Candidate]) -> Choice | None:
    """The best of a pronoun's `candidates`, or None when no weights are shipped."""
    w = weights()
    if not w or not candidates:
        return None
    scores = [pronoun_score(c, w) for c in candidates]
    best, top = 0, scores[0]
    for i in range(1, len(scores)):
        if scores[i] > top:
            best, top = i, scores[i]
    total = sum(math.exp(x - top) for x in scores)
    return Choice(best, 1.0 / total, functools.partial(pronoun_features, candidates[best]), w)


def choose_turn(candidates: list[TurnCandidate]) -> Choice | None:
    """The best speaker of an unattributed quote, or None when no weights are shipped."""
    return choose_by([turn_features(c) for c in candidates], weights("turn_weights"))


def choose_by(feats: list[dict[str, float]], w: dict[str, float]) -> Choice | None:
    """The candidate whose features score highest under `w` (None without weights).

    Ties go to the earlier candidate (the latest mentioned, or the rules' pick).
    """
    if not w or not feats:
        return None
    get = w.get
    scores = [sum(get(k, 0.0) * v for k, v in f.items()) for f in feats]
    best, top = 0, scores[0]
    for i in range(1, len(scores)):
        if scores[i] > top:
            best, top = i, scores[i]
    total = sum(math.exp(x - top) for x in scores)
    return Choice(best, 1.0 / total, functools.partial(dict, feats[best]), w)


class ScorerNote:
    """How the scorer chose for a pronoun, put in words only when shown (`str()`).

    Every pronoun's quote carries one; wording them all would cost about 3% of a book's
    extraction for words that only `--explain` shows. Kept small (the winner, its share, the
    count): a book holds one per pronoun quote until its quotes are sent.
    """

    __slots__ = ("count", "probability", "winner")

    def __init__(self, winner: Candidate | None, probability: float, count: int) -> None:
        self.winner = winner
        """The chosen candidate (None: it was the only one, nothing was ranked)."""
        self.probability = probability
        """Its share of the softmax over the candidates."""
        self.count = count
        """How many candidates there were."""

    def __str__(self) -> str:
        if self.winner is None:
            return "speaker-scorer: the only candidate"
        choice = Choice(
            0, self.probability, functools.partial(pronoun_features, self.winner), weights()
        )
        return describe(choice, self.count)

    def __repr__(self) -> str:
        return f"ScorerNote({self})"


ONLY_CANDIDATE = ScorerNote(None, 1.0, 1)
"""The note of a pronoun that had one candidate (one shared value)."""


def describe(choice: Choice, count: int) -> str:
    """`speaker-scorer: 0.81 of 3 candidates (sex_told-agrees +1.20, back0 +0.50)`."""
    reasons = ", ".join(f"{name} {value:+.2f}" for name, value in choice.reasons)
    return f"speaker-scorer: {choice.probability:.2f} of {count} candidates ({reasons})"
