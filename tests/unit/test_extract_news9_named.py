"""Named speakers that the narration around a quote gives (issue 17, ninth pass, no coreference).

Each case is invented text shaped like an error class read by hand on PolNeAR train without
coreference; the case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from tests.unit.test_extract_cases import article, reading

D, P = "direct", "partial"

CASES = [
    (
        "'X lobbied for a ban, saying, \"....\" It is one of nine ...' is X's, not 'nine'",
        "Before the fair, Police Chief Ana Ruiz lobbied for a ban on guns downtown, saying,"
        ' "Fewer guns is better." The province is one of nine states where guns are allowed.',
        [("Fewer guns is better.", D, "Ana Ruiz")],
    ),
    (
        "'X told reporters that \"....\" Aides later said ...' is X's, not the aides'",
        "Senator Paul Odum told reporters that he had met the minister and that"
        ' "I think a pause is coming." Although the ministry declined to comment, Senate'
        " aides later said the remark was a guess.",
        [("I think a pause is coming.", D, "Paul Odum")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_named_cases(name: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert reading(extract(article(text))) == expected


PARTICIPLE_CASES = [
    (
        "'Both issued a statement, Odum saying he was \"...\"' is Odum's, not 'both men ...'",
        'Both men issued a statement afterwards, Odum saying he was "very encouraged" and Pike'
        ' calling it a "great meeting."',
        [("very encouraged", P, "Odum"), ("great meeting.", P, "Pike")],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), PARTICIPLE_CASES, ids=[c[0] for c in PARTICIPLE_CASES]
)
def test_the_participle_nearest_the_quote_names_its_speaker(
    name: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert reading(extract(article(text))) == expected


def test_x_said_adding_stays_with_x_when_the_sentence_opens_with_others() -> None:
    # the participle hangs on `Spicer said`, not on the sentence's first subject
    text = (
        'Lee and Odum will meet next week, Ann Spicer said, adding, "They need to sit down and'
        ' talk."'
    )
    assert reading(extract(article(text))) == [("They need to sit down and talk.", D, "Ann Spicer")]


OWNER_CASES = [
    (
        "'Ann Reed's response was: \"...\"' is Reed's, not the aide's named before",
        "Aide Huma Ross emailed the secretary about the deaths. Ann Reed's response was:"
        ' "Is that shop in Ohio?"',
        [("Is that shop in Ohio?", D, "Ann Reed")],
    ),
    (
        "'Mary Holt's comment that \"...\" drew fire' is Holt's words, not a scare quote",
        'Critics pounced. Mary Holt\'s comment that "the plan is dead" drew fire from Tom Pike.',
        [("the plan is dead", P, "Mary Holt")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), OWNER_CASES, ids=[c[0] for c in OWNER_CASES])
def test_the_owner_of_a_noun_for_words_is_the_speaker(
    name: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert reading(extract(article(text))) == expected


APPOSITION_CASES = [
    (
        "'\"...,\" Nate Hale, the pollster who founded a site tweeted' is Hale's, not 'a site'",
        '"Clinton needs a plan for the young," Nate Hale, the pollster who founded a site'
        " tweeted on Wednesday.",
        [("Clinton needs a plan for the young,", D, "Nate Hale")],
    ),
    (
        "'Katie Pike, who is chairman of the group said' (no closing comma) is Pike's",
        '"This ad raises questions," Katie Pike, who is chairman of the group said in a statement.',
        [("This ad raises questions,", D, "Katie Pike")],
    ),
    (
        "'Mr. Slinker, whose firm, Paradata, uses data, said ...:' is Slinker's, not Paradata's",
        "Mr. Slinker, whose start-up, Paradata, uses data, said the candidate fit the valley:"
        ' "He is a start-up kind of guy."',
        [("He is a start-up kind of guy.", D, "Slinker")],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), APPOSITION_CASES, ids=[c[0] for c in APPOSITION_CASES]
)
def test_a_name_before_its_apposition_is_the_speaker(
    name: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert reading(extract(article(text))) == expected


def test_which_as_an_object_is_no_open_apposition() -> None:
    # `which an inquiry said was`: the inquiry said it, not the one named before the comma
    text = (
        "Tom Mukasey, a former judge, criticised the email use, which an FBI inquiry said was"
        ' "extremely careless" but legal.'
    )
    speaker = reading(extract(article(text)))[0][2]
    assert speaker != "Tom Mukasey"


def test_a_state_department_official_is_a_speaker_not_a_verb() -> None:
    # `State` is a speech verb in lower case (`to state`); capitalised it names the department
    text = 'In a statement for this story, a State Department official said, "We disagree."'
    assert reading(extract(article(text))) == [("We disagree.", D, "a State Department official")]


def test_a_sentence_fronted_by_as_a_result_names_no_speaker() -> None:
    # `a result` is the preposition's object: the fragment goes on with Brill, named before
    text = (
        "Tom Brill has argued the law was crippled. As a result, there's still"
        ' "a very powerful industry that can charge whatever."'
    )
    assert reading(extract(article(text)))[-1][2] == "Tom Brill"
