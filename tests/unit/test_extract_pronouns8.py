"""Who a later `he` or `she` stands for when the person was named outside a subject (issue 17).

Eighth pass. Each case is invented text shaped like an error class read by hand on PolNeAR
train (with coreference); the case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from tests.unit.test_extract_cases import article, reading

D, P = "direct", "partial"

CASES = [
    (
        "'..., Mayor Tod Perry noted.' closing a sentence makes the mayor the next 'he'",
        "Harrowby has a long history of welcoming refugees, Mayor Tod Perry noted. Every year"
        ' a new group arrives.\n\n"Right now, we get about 3,000 a year," he said.',
        [("Right now, we get about 3,000 a year,", D, "Tod Perry")],
    ),
    (
        "'..., explained Ana Ruiz.' closing a sentence makes her the next 'she'",
        "The rules changed twice last year, explained Ana Ruiz. Nobody was told.\n\n"
        '"We found out from the newspaper," she said.',
        [("We found out from the newspaper,", D, "Ana Ruiz")],
    ),
    (
        "a question naming 'Luis Garcia' gives him the 'he' of the answer",
        "The crowd went quiet. Did that mean Luis Garcia would vote for the plan?\n\n"
        '"No, no, no," he said, laughing.',
        [("No, no, no,", D, "Luis Garcia")],
    ),
    (
        "'It is surprising because Karen Holt ...' gives her the 'she' that follows",
        "It is surprising because Karen Holt has not always had kind words for the port."
        ' Although she says she "loves the harbour," she also accuses it of costing jobs.',
        [("loves the harbour,", P, "Karen Holt")],
    ),
    (
        "'Footage of Tarik Haddad appears' is Haddad's, not a speaker called 'Footage'",
        "The footage was filmed in 2010 by a fan.\n\nFootage of Tarik Haddad again appears"
        ' on the screen. "You either leave or you fight," he says.',
        [("You either leave or you fight,", D, "Tarik Haddad")],
    ),
    (
        "'Ever since Ben Sand announced his run, he's said: \"...\"' is Sand's (a contracted he)",
        "Ever since Ben Sand announced his run last year, he's said the same thing at every"
        ' stop: "It is not about me."',
        [("It is not about me.", D, "Ben Sand")],
    ),
    (
        "'she'd told' is a pronoun speaker like 'she had told'",
        'Rosa Mint ran the shop for years.\n\n"We never closed on a Sunday," she\'d told the'
        " council.",
        [("We never closed on a Sunday,", D, "Rosa Mint")],
    ),
    (
        "'At the last debate he hinted ..., adding, \"...\"' is his: a fronted phrase, no comma",
        "Omar Pike spoke at the end.\n\nAt the last debate he only hinted at his rival by"
        ' mentioning the wall and adding, "I have an idea of who should build it."',
        [("I have an idea of who should build it.", D, "Omar Pike")],
    ),
    (
        "'His Catholic faith ..., and he said ...: \"...\"' is his, not a speaker 'Catholic'",
        "Tom Reyes grew up in Ohio.\n\nHis Catholic faith is important to him, and he said he"
        ' often thinks of what his parents told him: "Go to church."',
        [("Go to church.", D, "Tom Reyes")],
    ),
    (
        "'Does Omar Brandt ...?' opening a question is Brandt, not 'Does Omar Brandt'",
        'Does Omar Brandt regret the vote? He was asked twice.\n\n"Not for a second," he said.',
        [("Not for a second,", D, "Omar Brandt")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_pronoun_cases(name: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert reading(extract(article(text))) == expected


def test_a_place_named_in_a_sentence_without_a_subject_is_no_one() -> None:
    # `Virginia Beach` opens with a given name; a place's last word rules it out
    text = (
        'Ann Lee toured the county. "The roads are bad," she said.\n\n'
        "The stops lie far from either Sioux City or Virginia Beach.\n\n"
        '"We will go anyway," she said.'
    )
    assert reading(extract(article(text)))[-1] == ("We will go anyway,", D, "Ann Lee")


ROLE_CASES = [
    (
        "'The 48-year-old general manager said' is the manager named before, not a new speaker",
        'Paul Gravel spent Friday insisting the club was not "chasing a rental."\n\n"The window'
        ' is open," Gravel told reporters.\n\nThe 48-year-old general manager said talks began'
        ' "in earnest" on Tuesday.',
        "Paul Gravel",
    ),
    (
        "'The Grade 12 student said' after 'Student trustee Abby Mensah' is Mensah",
        "Student trustee Abby Mensah also opposed the motion. The Grade 12 student said her"
        ' friends had left "because the bus thing got too complicated."',
        "Abby Mensah",
    ),
]


@pytest.mark.parametrize(("name", "text", "speaker"), ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
def test_a_role_is_the_person_named_with_it(name: str, text: str, speaker: str) -> None:
    extraction = extract(article(text))
    assert reading(extraction)[-1][2] == speaker
    assert len([s for s in extraction.speakers if s.quote_count]) == 1  # listed once, by name


def test_the_premier_is_a_person_not_an_organisation() -> None:
    text = (
        "Gord Ellison, the Premier, faced questions about the sale.\n\n"
        '"Go ahead and laugh," the Premier blurted out, before the Speaker called for order.'
    )
    extraction = extract(article(text))
    speaker = extraction.speaker(extraction.quotes[0].speaker)
    assert speaker is not None
    assert not speaker.organisation
    assert speaker.name == "Gord Ellison"


def test_a_past_verb_with_an_object_after_a_comma_credits_no_one() -> None:
    # `..., promised a decision` is what the subject did, not a credit like `..., said a spokesman`
    text = "Ana Ruiz, who chaired the regional board, promised a decision within a month."
    assert reading(extract(article(text)), indirect=True) == []
