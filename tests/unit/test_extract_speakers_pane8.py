"""The Speakers pane lists people and bodies once each, never a place (issue 17).

Each case is invented text; each failed on the code before its rule was added.
"""

from __future__ import annotations

from reader.extract import extract
from reader.extract.model import Extraction
from tests.unit.test_extract_cases import article


def pane(extraction: Extraction) -> list[str]:
    """The names the Speakers pane lists, for speakers with at least one quote."""
    return [s.name for s in extraction.speakers if s.quote_count]


def test_bare_title_before_a_name_is_kept_so_the_role_finds_the_person() -> None:
    text = (
        'The club lost 3-0 on Sunday, a result that head coach Tom Brandt called "a disgrace'
        ' to the shirt."\n\n'
        '"We were poor," Brandt said.\n\n'
        "Fans booed at the end. The coach, who joined in May, said he would not resign.\n\n"
        '"I am staying," he said.'
    )
    extraction = extract(article(text))
    assert pane(extraction) == ["Tom Brandt"]
    (brandt,) = extraction.speakers
    assert "head coach Tom Brandt" in brandt.aliases


def test_a_lone_place_word_before_a_body_noun_is_no_speaker() -> None:
    text = 'The vote was close.\n\nCity hall has promised a "supply depot" on the north side.'
    assert "City" not in pane(extract(article(text)))


def test_a_lower_case_place_phrase_is_no_speaker() -> None:
    text = (
        'Villagers fought to keep their railway station after a review called the line "unviable."'
    )
    assert "their railway station" not in pane(extract(article(text)))


def test_a_surname_that_is_a_place_word_still_speaks() -> None:
    text = 'The vote was close.\n\nPark also said the plan was "fully costed."'
    assert pane(extract(article(text))) == ["Park"]


def test_the_city_as_a_governing_body_still_speaks() -> None:
    text = '"We will not pay," the city said in a statement.'
    assert pane(extract(article(text))) == ["the city"]


def test_a_role_owned_by_a_two_word_body_joins_the_name_after_it() -> None:
    text = (
        "Tenants were told on Friday.\n\n"
        '"We understand this is hard," wrote Elm Grove\'s vice-president of communications,'
        ' Tom Reyes. "Every tenant will be able to return."\n\n'
        'Later Reyes said they would "build again."'
    )
    extraction = extract(article(text))
    assert pane(extraction) == ["Tom Reyes"]
    assert "Elm Grove's vice-president of communications" in extraction.speakers[0].aliases


def test_a_surname_that_is_a_title_word_stays_the_person() -> None:
    text = (
        "Deaths rose again.\n\n"
        "Regional supervising coroner Dr. Mireille Cardinal said tests found the drug in most"
        " cases.\n\n"
        '"We are looking at a bad supply," Cardinal said.\n\n'
        'Later that day, the coroner said "the numbers speak."'
    )
    extraction = extract(article(text))
    assert pane(extraction) == ["Mireille Cardinal"]
