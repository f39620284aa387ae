"""News patterns read on the tenth fresh round's errors (issue 17), on invented text.

Each case is invented text shaped like an error class read on the fresh news articles 189-213
(mostly Canadian, with British, Australian and Indian stories; never their text); the case id
reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.document import blocks_of, build_article
from reader.extract import extract
from reader.extract.fresh_rules10 import (
    at_a_place,
    modified_place_object,
    place_adjective,
)
from reader.extract.narration_people import named_objects
from reader.extract.paragraphs import tokenize_paragraph
from tests.unit.test_extract_cases import article
from tests.unit.test_extract_fresh9_patterns import quotes_of

SPEAKERS = [
    (
        "'the chief of X in northern Alberta said' is the chief's, not Alberta's",
        "Chief Dana Whitecloud opened the new arena on Friday.\n\n"
        '"We waited nine years for this," the chief of Birch Hills First Nation in northern'
        " Alberta said.",
        {"We waited nine years for this,": "Dana Whitecloud"},
    ),
    (
        "'officials in rural Manitoba said' is the officials', not Manitoba's",
        "The roads were closed again on Monday.\n\n"
        '"Nobody should drive tonight," officials in rural Manitoba said.',
        {"Nobody should drive tonight,": "officials"},
    ),
    (
        "'the chief of X said' is the chief named before, not the nation",
        "Chief Priya Olsen cut the ribbon at noon.\n\n"
        '"It took a village," the chief of Lakeport Cree Nation said.',
        {"It took a village,": "Priya Olsen"},
    ),
    (
        "', she said,' after a clause whose subject is a woman named in it is still hers",
        "Tom Bell wrote the memo. In it, campaign chair Maria Reyes conceded the two had split"
        ' the contests, an outcome, she said, "we long expected."',
        {"we long expected.": "Maria Reyes"},
    ),
    (
        "'Prairie Bus Union Local 212 said ... \"...\"' is the local's, numbered",
        "Driver Sam Odum was hurt on Monday.\n\nPrairie Bus Union Local 212 said in a statement"
        ' that its members were "tired and angry."',
        {"tired and angry.": "Prairie Bus Union Local 212"},
    ),
    (
        "'with one Republican accusing X of \"...\"' is the member's, not the main subject's",
        "Lawmakers grilled the port chief on Monday, with one Republican accusing the agency of"
        ' "passing the buck" for months.',
        {"passing the buck": "one Republican"},
    ),
    (
        "'At a rally in Dover, N.H., on Monday, Senator X backed Y, saying' is X's, not N.H.'s",
        "At a rally in Dover, N.H., on Monday, Senator Ada Pryce of Maine backed the mayor,"
        ' saying she would "make a fine governor."',
        {"make a fine governor.": "Ada Pryce"},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), SPEAKERS, ids=[c[0] for c in SPEAKERS])
def test_speaker_of_news_patterns(name: str, text: str, expected: dict[str, str]) -> None:
    found = quotes_of(extract(article(text)))
    assert {q: found[q][1] for q in expected} == expected


def test_when_clause_subject_still_stands_for_she() -> None:
    """`When Ana Reyes spoke, she said, "..."`: a subordinate clause's subject is `she`."""
    text = 'Tom Bell chaired the meeting.\n\nWhen Ana Reyes spoke, she said, "We are ready."'
    assert quotes_of(extract(article(text)))["We are ready."][1] == "Ana Reyes"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("northwestern", True), ("southern", True), ("rural", True), ("modern", False)],
)
def test_place_adjective(word: str, expected: bool) -> None:
    assert place_adjective(word) is expected


def test_modified_place_object_needs_a_preposition() -> None:
    lowers = ["officials", "in", "northern", "ontario"]
    assert modified_place_object(lowers, lowers, 0, 3) == 1
    lowers = ["northern", "ontario"]
    assert modified_place_object(lowers, lowers, 0, 1) is None


NESTED_IN_SINGLE = [
    (
        "curly: '‘I told her, “Pet, ...,”’ she said' keeps the outer single-mark quote",
        "Joan Pike spoke at the meeting.\n\n"
        "‘I told her, “Pet, I have lived here since 1968,”’ she said.",
        "I told her, “Pet, I have lived here since 1968,”",
    ),
    (
        "straight: ''I told her, \"Pet, ...,\"' she said' keeps the outer single-mark quote",
        "Joan Pike spoke at the meeting.\n\n"
        "'I told her, \"Pet, I have lived here since 1968,\"' she said.",
        'I told her, "Pet, I have lived here since 1968,"',
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "outer"), NESTED_IN_SINGLE, ids=[c[0] for c in NESTED_IN_SINGLE]
)
def test_double_quote_nested_in_single_marks(name: str, text: str, outer: str) -> None:
    """A single mark glued to the inner quote's double mark closes the outer quote."""
    found = quotes_of(extract(article(text)))
    assert found[outer] == ("direct", "Joan Pike")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["spotted", "at", "Crystal"], True),
        (["arrived", "at", "Longbourn"], True),
        (["smiled", "at", "Marianne"], False),
        (["shouting", "at", "Tom"], False),
        (["looked", "up", "at", "Tom"], False),
        (["stared", "hard", "at", "Elinor"], False),
        (["showed", "up", "at", "Longbourn"], True),
    ],
)
def test_at_a_place(words: list[str], expected: bool) -> None:
    """The word before `at`, or the verb before an adverb such as `up`, tells a person's name."""
    assert at_a_place([w.lower() for w in words], len(words) - 1) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A crocodile has been spotted at Emerald Pools by a hiker.", []),
        ("Elinor smiled at Marianne and left.", ["Marianne"]),
    ],
)
def test_named_objects_after_at(sentence: str, expected: list[str]) -> None:
    """`spotted at Emerald Pools` names a place: no candidate for a later quote-only turn."""
    para = tokenize_paragraph(sentence, 0, len(sentence))
    found = named_objects(sentence, para, 0, len(para), None)
    assert [m.name for m in found] == expected


def test_guillemets_hold_english_marks_nested() -> None:
    """`« My mother says, "..." She is right, » the daughter said`: one quote, nested inside."""
    text = (
        "Lise Roy runs the farm with her mother.\n\n"
        '« My mother says, "The rain comes when it comes." She is right, » Roy said.'
    )
    extraction = extract(article(text))
    top = [q.text for q in extraction.quotes if not q.nested]
    assert top == ['My mother says, "The rain comes when it comes." She is right,']


TITLE = "Maple farmers take the province to court over quotas they call unfair to small farms"
"""A headline long enough that a paragraph under it may be a second headline line."""


def test_guillemet_quote_ending_a_paragraph_is_no_headline_line() -> None:
    """`« ... I did not have a say. Now I do. »`: its full stop stands before a spaced mark."""
    text = (
        "Lise Roy laughed when the comments were read to her. « In 2009 I was 24. I did not"
        " have a say in anything. Now I do. »"
    )
    extraction = extract(build_article(blocks_of([text]), title=TITLE, source="<t>"))
    assert [(q.kind.value, q.nested) for q in extraction.quotes] == [("direct", False)]
