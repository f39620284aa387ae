"""The learned speaker scorer: who `he` and `she` stand for when several people could.

Invented text, each case id reading like the bug report it guards against.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from reader.cli import main
from reader.extract import extract
from reader.extract.scorer import (
    Candidate,
    TurnCandidate,
    choose,
    pronoun_features,
    pronoun_score,
    turn_features,
    weights,
)
from tests.unit.test_extract_cases import article, reading

D = "direct"

CASES = [
    (
        "she after a woman and a man named by first name alone goes to the woman, not the man "
        "named last",
        'Ines sat by the fire. Stephen came in and shut the door.\n\n"Is it late?" she asked.',
        [("Is it late?", D, "Ines")],
    ),
    (
        "she wrote after 'Union chief Mara Holt emailed Kerr' is Holt, not the man she emailed",
        'Union chief Mara Holt emailed Kerr on Monday. "We are not moving," she wrote.',
        [("We are not moving,", D, "Mara Holt")],
    ),
    (
        "he said two paragraphs after the man was named is that man",
        "Ivo Maas, the port director, toured the new dock on Friday.\n\n"
        "The cranes stood idle along the quay.\n\n"
        '"We will double the traffic by spring," he said.',
        [("We will double the traffic by spring,", D, "Ivo Maas")],
    ),
    (
        "he is never an organisation or a fragment of one: the Ministry of Farming and Rural "
        "Affairs",
        "The Ministry of Farming and Rural Affairs said prices would rise.\n\n"
        '"We will act," he said.',
        [("We will act,", D, None)],
    ),
    (
        "he after a woman named last goes to the man named before her",
        'Judge Alan Brock read the verdict. Nora Pike handed him the file. "The court is '
        'adjourned," he said.',
        [("The court is adjourned,", D, "Alan Brock")],
    ),
]


TURN_CASES = [
    (
        "first-person dialogue: the man who came in answers the narrator's question, the "
        "narrator does not answer himself",
        "Bill Gorton came in and sat down by the stove.\n\n"
        '"Where is Rosa?" I asked.\n\n"She went to the market."\n\n"When?"\n\n"An hour ago."',
        [
            ("Where is Rosa?", D, "I"),
            ("She went to the market.", D, "Bill Gorton"),
            ("When?", D, "I"),
            ("An hour ago.", D, "Bill Gorton"),
        ],
    ),
    (
        "news: a quote-only paragraph after a named speaker's quote goes on with that speaker",
        'Port director Ivo Maas opened the dock on Friday. "It is a big day," Maas said.\n\n'
        '"We will double the traffic by spring."',
        [
            ("It is a big day,", D, "Ivo Maas"),
            ("We will double the traffic by spring.", D, "Ivo Maas"),
        ],
    ),
]

CASES += TURN_CASES


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_pronoun_speaker(case: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected


def _candidate(**changes: object) -> Candidate:
    base = Candidate(
        rank=0,
        paragraphs_back=0,
        beyond_reach=False,
        chars_back=40,
        sex="unknown",
        role=False,
        previous=False,
        mentions=1,
        speeches=0,
        one_word=False,
        first_name="",
        dialogue=False,
    )
    return base._replace(**changes)


def test_the_scorer_prefers_a_person_of_the_told_sex_over_a_nearer_one_of_the_other() -> None:
    nearer = _candidate(rank=0, first_name="conflicts", one_word=True)
    further = _candidate(rank=1, chars_back=120, sex="told-agrees")
    choice = choose([nearer, further])
    assert choice is not None
    assert choice.best == 1


def test_the_scorer_prefers_the_name_in_this_paragraph_over_one_three_paragraphs_back() -> None:
    here = _candidate(rank=0, chars_back=30)
    far = _candidate(rank=1, paragraphs_back=3, chars_back=900)
    choice = choose([here, far])
    assert choice is not None
    assert choice.best == 0


def test_the_trainer_learns_to_prefer_the_candidate_that_is_right() -> None:
    from tools.train_speaker_scorer import accuracy, fit

    # invented: the right candidate is always the one with feature `b`, never the first one
    data = [([{"a": 1.0}, {"b": 1.0}], [False, True], 0, f"doc{i}") for i in range(20)]
    w = fit(data, l2=0.01, steps=50, rate=1.0)
    assert accuracy(data, None) == 0.0
    assert accuracy(data, w) == 1.0
    assert w["b"] > w["a"]


def test_the_fast_pronoun_score_is_the_dot_product_of_the_named_features() -> None:
    w = weights()
    for rank in range(5):
        for sex in ("told-agrees", "guess-agrees", "guess-conflicts", "unknown"):
            for first in ("", "agrees", "conflicts"):
                for flag in (False, True):
                    c = _candidate(
                        rank=rank,
                        paragraphs_back=rank,
                        beyond_reach=flag,
                        chars_back=17 * rank,
                        sex=sex,
                        first_name=first,
                        role=flag,
                        previous=not flag,
                        dialogue=flag,
                        speeches=rank,
                        mentions=rank + 1,
                        one_word=flag,
                        object_only=flag,
                    )
                    dot = sum(w.get(k, 0.0) * v for k, v in pronoun_features(c).items())
                    assert pronoun_score(c, w) == pytest.approx(dot)


def test_every_shipped_weight_names_a_feature_the_scorer_computes() -> None:
    produced: set[str] = set()
    for rank in range(4):
        for back in range(4):
            for sex in ("told-agrees", "guess-agrees", "guess-conflicts", "unknown"):
                for first in ("", "agrees", "conflicts"):
                    for flag in (False, True):
                        produced |= set(
                            pronoun_features(
                                _candidate(
                                    rank=rank,
                                    paragraphs_back=back,
                                    beyond_reach=flag,
                                    sex=sex,
                                    first_name=first,
                                    role=flag,
                                    previous=flag,
                                    one_word=flag,
                                    dialogue=flag,
                                    speeches=int(flag),
                                    object_only=flag,
                                )
                            )
                        )
    assert weights(), "no weights shipped in reader/extract/data/speaker_scorer.json"
    assert set(weights()) <= produced
    turn: set[str] = set()
    for rule in ("", "alternates-turn", "replies-turn", "continues-previous", "answers-vocative"):
        for order in (-1, 0, 1, 2, 3):
            for gap in (0, 1, 2):
                for flag in (False, True):
                    for dialogue in (False, True):
                        candidate = TurnCandidate(
                            rule,
                            flag,
                            gap,
                            order,
                            flag,
                            flag,
                            flag,
                            flag,
                            1,
                            1,
                            dialogue,
                            counted_back=flag,
                            addressed_next=flag,
                        )
                        turn |= set(turn_features(candidate))
    assert weights("turn_weights")
    assert set(weights("turn_weights")) <= turn


def test_explain_names_the_scorer_and_its_reasons_for_a_pronoun(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        'Ines sat by the fire. Stephen came in and shut the door.\n\n"Is it late?" she asked.\n',
        encoding="utf-8",
    )
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["quotes", str(path), "--explain"]) == 0
    text = out.getvalue()
    assert "speaker: Ines" in text
    assert "scorer: speaker-scorer:" in text
    assert "of 2 candidates (" in text
