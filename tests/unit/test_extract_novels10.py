"""Speakers in novels (helper novels10): error classes read on the PDNC development novels.

Each case is invented text shaped like one class of error; the case id reads like the bug report
it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.mentions import PERSON, PRONOUN, Mention
from reader.extract.not_persons import not_a_person
from reader.extract.speakers import SpeakerTable
from tests.unit.test_extract_cases import article, reading

D = "direct"

CASES = [
    (
        "a quote-only paragraph after narration naming the speaker after a fronted clause",
        'As they walked home, Ann Bell spoke bitterly of the trial.\n\n"That hateful man!"',
        [("That hateful man!", D, "Ann Bell")],
    ),
    (
        "a fiction tag verb: `interposed` and `ejaculated` after the quote name the speaker",
        "Tom Reed and Ann Bell were quarrelling.\n\n"
        '"Enough," interposed Ann Bell.\n\n'
        '"Ha!" ejaculated Tom Reed.',
        [("Enough,", D, "Ann Bell"), ("Ha!", D, "Tom Reed")],
    ),
    (
        "a fronted adjective opening the sentence is not the antecedent of `she replied`",
        "Tom Reed sat down. Ann Bell looked up.\n\n"
        'Ignorant of the force of this question, she replied, "Yes, quite."',
        [("Yes, quite.", D, "Ann Bell")],
    ),
    (
        "first-person narrator: a friend's `Monsieur` is no name to give the narrator",
        '"Who is there?" I said.\n\n'
        '"No one," Ivo Brandt said.\n\n'
        '"Is it locked?" I said.\n\n'
        '"It is, Monsieur," Ivo Brandt said.',
        [
            ("Who is there?", D, "I"),
            ("No one,", D, "Ivo Brandt"),
            ("Is it locked?", D, "I"),
            ("It is, Monsieur,", D, "Ivo Brandt"),
        ],
    ),
    (
        "dialogue: a quote-only turn after a turn continued from narration is the other's reply",
        '"It is late," I said.\n\n'
        "Mark Poirot switched to another subject.\n\n"
        '"Was Cynthia at lunch?"\n\n'
        '"She is at the hospital again."\n\n'
        '"She works hard, then."\n\n'
        '"She does."',
        [
            ("It is late,", D, "I"),
            ("Was Cynthia at lunch?", D, "Mark Poirot"),
            ("She is at the hospital again.", D, "I"),
            ("She works hard, then.", D, "Mark Poirot"),
            ("She does.", D, "I"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_novel_speaker(name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected


def test_he_whose_turn_it_is_is_not_a_woman_by_her_given_name() -> None:
    # `"Is the tea hot, Elinor?"` / `"Not yet," he said.`: Elinor's turn by the vocative, but
    # `he` is not Elinor, whose given name tells her sex even before any `she` was read
    table = SpeakerTable()
    table.dialogue = True
    ben = table.resolve(Mention("Ben Hale", 0, 8, PERSON, "Ben Hale"), 0)
    elinor = table.resolve(Mention("Elinor", 20, 26, PERSON, "Elinor"), 0)
    assert ben is not None and elinor is not None
    he = Mention("he", 60, 62, PRONOUN, "he", gender="m")
    assert table.resolve(he, 1, turn=elinor) is ben


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Indian", True),
        ("Indians", True),
        ("Monsieur", True),
        ("God", True),
        ("Indiana Jones", False),
        ("Chapter XII The Strange Story", True),
        ("Elinor", False),
    ],
)
def test_not_a_person(word: str, expected: bool) -> None:
    assert not_a_person(word) is expected


def test_a_nationality_written_alone_is_no_speaker() -> None:
    # `She asked about Indian music.`: `Indian` was noted as a person and took turns
    table = SpeakerTable()
    assert table.resolve(Mention("Indian", 0, 6, PERSON, "Indian"), 0) is None
    table.note_person(Mention("Indian", 0, 6, PERSON, "Indian"), 0)
    assert table.recent_people(0) == []


def test_a_heading_read_as_a_name_is_no_speaker() -> None:
    # `Chapter XII\nThe Strange Story` above `"...," said he.`: the heading took the pronoun
    table = SpeakerTable()
    heading = "Chapter XII The Strange Story"
    assert table.resolve(Mention(heading, 0, 29, PERSON, heading), 0) is None


def test_a_name_run_ending_on_the_pronoun_i_does_not_rename_the_narrator() -> None:
    # `Privately I thought ...`: the run `Privately I` was met as a person of surname `I`,
    # the narrator's, and became the narrator's name (over `Hastings`, called by a friend)
    table = SpeakerTable()
    narrator = table.resolve(Mention("I", 0, 1, PRONOUN, "i"), 0)
    assert narrator is not None
    before = narrator.name
    table.note_person(Mention("Privately I", 10, 21, PERSON, "Privately I"), 1)
    assert narrator.name == before
