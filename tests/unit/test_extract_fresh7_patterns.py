"""News patterns read on the seventh fresh round's errors (issue 17): who speaks, on invented text.

Each case is invented text shaped like an error class read on the fresh news articles 120-141
(mostly Canadian; never their text); the case id reads like the bug report it came from. Only
the speaker is asserted: the quote's kind is another rule table's business.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.model import Extraction
from tests.unit.test_extract_cases import article


def speakers_of(extraction: Extraction, *, nested: bool = False) -> dict[str, str | None]:
    """Each quote's text and its speaker's name (top-level quotes, or nested ones)."""
    out: dict[str, str | None] = {}
    for q in extraction.quotes:
        if q.nested != nested or q.kind.value == "indirect":
            continue
        speaker = extraction.speaker(q.speaker)
        out[q.text] = speaker.name if speaker else None
    return out


TOP_LEVEL = [
    (
        "'On Monday, nurses carried signs reading \"...\"' is the nurses', not no one's",
        'On the steps of the legislature on Monday, nurses carried signs reading "Staff the'
        ' wards" and "Safe care now." A few drivers honked.',
        {"Staff the wards": "nurses", "Safe care now.": "nurses"},
    ),
    (
        "'After lunch, the tenants waved placards reading \"...\"' is the tenants'",
        'After lunch, the tenants waved placards reading "Fix the heat first." The landlord'
        " did not come out.",
        {"Fix the heat first.": "the tenants"},
    ),
    (
        "'At noon, about 300 people marched ..., chanting \"...\"' is the crowd's",
        'At noon, about 300 people marched past city hall, chanting "Keep the library open!"'
        " The council meets on Thursday.",
        {"Keep the library open!": "300 people"},
    ),
    (
        "'\"...,\" the judge said' after 'Justice Mara Velloso' is Velloso's, not 'the judge'",
        "On Friday, Superior Court Justice Mara Velloso sentenced Hollis to six years.\n\n"
        '"I am sorry," Hollis said.\n\n"A river is not a racetrack," the judge said.',
        {"I am sorry,": "Hollis", "A river is not a racetrack,": "Mara Velloso"},
    ),
    (
        "'\"...,\" the sergeant said' after 'Sgt. Ivo Pereira' is Pereira's",
        "Sgt. Ivo Pereira led the search on Sunday.\n\nVolunteers joined from three towns.\n\n"
        '"We will keep looking," the sergeant said.',
        {"We will keep looking,": "Ivo Pereira"},
    ),
    (
        "'The officer added ...' after 'said Cst. Name' is Name's, not a speaker 'The officer'",
        '"The highway is closed," said Cst. Ines Baptiste. The officer added that crews were'
        ' "doing what they can."',
        {"The highway is closed,": "Ines Baptiste", "doing what they can.": "Ines Baptiste"},
    ),
    (
        "'Liberal MNA Name said' names Name, not 'MNA Name', and tells his sex to 'he'",
        "Jo Lavoie, a Liberal organiser, left early.\n\nLiberal MNA Karim Haddad said the bill"
        ' was "badly drafted."\n\n"We will fight it," he said.',
        {"badly drafted.": "Karim Haddad", "We will fight it,": "Karim Haddad"},
    ),
    (
        "'Name spent the afternoon insisting the club was not \"...\"' is Name's",
        'HALIFAX — Dana Whitlock spent most of Monday insisting the club was not "selling the'
        ' future." By the evening, he had added two forwards.',
        {"selling the future.": "Dana Whitlock"},
    ),
    (
        "'Fire chief Name said ...' makes a later 'The chief said' Name's, not 'The chief'",
        'Fire chief Ron Abernathy said crews had worked "around the clock." The chief said'
        ' the blaze was "mostly contained."',
        {"around the clock.": "Ron Abernathy", "mostly contained.": "Ron Abernathy"},
    ),
    (
        "'Ottawa police Const. Name said ...': `Const.` ends no sentence, 'the constable' is Name",
        "Ottawa police Const. Amy Thibault said the driver fled.\n\n"
        '"We are asking for the public\'s help," the constable said.',
        {"We are asking for the public's help,": "Amy Thibault"},
    ),
    (
        "'Name, the president of the society, met ...' makes 'the president' Name later",
        "Irene Castellanos, the president of the historical society, met the council on"
        " Monday.\n\nTom Vance, a councillor, said the vote was close.\n\n"
        '"We are not giving up," the president added.',
        {"We are not giving up,": "Irene Castellanos"},
    ),
    (
        "'Born in Melfort, Sask., ..., Name was ...': then 'he said' is Name's, not 'Sask'",
        "Born in Melfort, Sask., on June 2, 1950, Oren Halvorsen was the youngest of five.\n\n"
        '"I was never the best skater," he said.',
        {"I was never the best skater,": "Oren Halvorsen"},
    ),
    (
        "'Elder Name' is a man named Name, so a later 'she said' is the chief's, not the elder's",
        "Chief Ada Moosomin spoke first. Then Elder Jonas Keewatin opened with a prayer.\n\n"
        '"We waited a long time for this," she said.',
        {"We waited a long time for this,": "Ada Moosomin"},
    ),
    (
        "'Raised in Kingston, Ont., Name ...': 'she said' is Name's, not 'Ont'",
        "Raised in Kingston, Ont., Delia Marchetti moved west at 19.\n\n"
        '"The prairie taught me patience," she said.',
        {"The prairie taught me patience,": "Delia Marchetti"},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), TOP_LEVEL, ids=[c[0] for c in TOP_LEVEL])
def test_speakers(name: str, text: str, expected: dict[str, str | None]) -> None:
    found = speakers_of(extract(article(text)))
    assert {q: found.get(q) for q in expected} == expected


NESTED = [
    (
        "'\"He said, '...'\" Name recalled': `he` is the one Name remembers, not Name",
        '"A coach has to be a little deaf," Otto Brandvold said in 1994.\n\nLeo Marchuk, who'
        " played for him,"
        " said the coach phoned him last year.\n\n"
        "\"He said, 'I should have played you more.' I did not know what to say,\""
        " Mr. Marchuk recalled.",
        "I should have played you more.",
        "Otto Brandvold",
    ),
    (
        "'\"She told me, '...'\" Name said': `she` is someone other than Name",
        "Greta Lindqvist ran the bakery until 2019.\n\nHer neighbour, Ruth Okafor, remembers"
        " her.\n\n\"She told me, 'Bread does not wait.' I still think of it,\" Okafor said.",
        "Bread does not wait.",
        "Greta Lindqvist",
    ),
]


@pytest.mark.parametrize(("name", "text", "quote", "speaker"), NESTED, ids=[c[0] for c in NESTED])
def test_nested_third_person_is_not_the_outer_speaker(
    name: str, text: str, quote: str, speaker: str | None
) -> None:
    assert speakers_of(extract(article(text)), nested=True).get(quote) == speaker


def test_nested_pronoun_with_no_one_else_is_left_unattributed() -> None:
    text = "\"He said, 'Go home.' And that was that,\" Carl Dube said."
    assert speakers_of(extract(article(text)), nested=True).get("Go home.") is None
