"""News patterns read on the eighth fresh round's errors (issue 17), on invented text.

Each case is invented text shaped like an error class read on the fresh news articles 142-163
(mostly Canadian; never their text); the case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import QuoteKind, extract
from reader.extract.model import Extraction
from reader.extract.news_rules8 import voiced_for
from tests.unit.test_extract_cases import article


def quotes_of(extraction: Extraction, *, nested: bool) -> dict[str, tuple[str, str | None]]:
    """Each quote's text with its kind and its speaker's name (top-level or nested quotes)."""
    out: dict[str, tuple[str, str | None]] = {}
    for q in extraction.quotes:
        if q.nested != nested or q.kind is QuoteKind.INDIRECT:
            continue
        speaker = extraction.speaker(q.speaker)
        out[q.text] = (q.kind.value, speaker.name if speaker else None)
    return out


VOICED = [
    (
        "'\"...,\" the interpreter said, speaking for him' is his, not the interpreter's",
        "Amanuel Berhe, 29, answered in Tigrinya.\n\n"
        '"I walked for eleven days," the interpreter said, speaking for him. "Then a truck'
        ' took us north."',
        {
            "I walked for eleven days,": "Amanuel Berhe",
            "Then a truck took us north.": "Amanuel Berhe",
        },
    ),
    (
        "'X read a statement from her. \"...,\" X read' is hers, not the reader's",
        "Rosalind Achebe did not attend. Instead, her lawyer, Paul Marchetti, read a statement"
        ' from her outside the court.\n\n"I have nothing to hide," Marchetti read.\n\n'
        "Marchetti then took questions.",
        {"I have nothing to hide,": "Rosalind Achebe"},
    ),
    (
        "'read a statement from Name' names the author even when the reader is a role",
        "The union's secretary read a statement from Dolores Ferreira at the rally.\n\n"
        '"We will not be divided," the secretary read.',
        {"We will not be divided,": "Dolores Ferreira"},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), VOICED, ids=[c[0] for c in VOICED])
def test_words_voiced_for_someone_are_theirs(
    name: str, text: str, expected: dict[str, str | None]
) -> None:
    found = quotes_of(extract(article(text)), nested=False)
    assert {q: found[q][1] for q in expected} == expected


@pytest.mark.parametrize(
    ("narration", "found"),
    [
        ("x" * 59, "him"),  # the comma at the furthest the pattern reads: still found
        ("x" * 60, None),  # one character further: the pattern never reaches it
    ],
    ids=["comma 60 characters after the mark", "comma 61 characters after the mark"],
)
def test_voiced_for_reads_as_far_after_the_mark_as_its_pattern(
    narration: str, found: str | None
) -> None:
    # `voiced_for` skips its patterns when no comma (and no `read`) is near the closing mark
    text = f'"We walked," {narration}, speaking for him.'
    principal = voiced_for(text, 0, text.index('" ') + 1)
    assert (principal.words if principal else None) == found


def test_a_speaker_who_reads_nothing_out_keeps_their_words() -> None:
    text = (
        "Paul Marchetti read the agreement twice before signing it.\n\n"
        '"It is a fair deal," Marchetti said.'
    )
    assert quotes_of(extract(article(text)), nested=False)["It is a fair deal,"][1] == (
        "Paul Marchetti"
    )


NESTED = [
    (
        "'\"I said, '...' She said ...\"': the inner quote is the outer speaker's, not hers",
        "\"The clerk was strict. I said, 'Ma'am, it is one word.' She said one word is"
        ' plenty," said Omar Kassab.',
        "Ma'am, it is one word.",
        "Omar Kassab",
    ),
    (
        "'\"I told him: '...' He laughed.\"': the inner quote is the outer speaker's",
        "\"I told him: 'Bring the boat back by noon.' He laughed at me,\" Greta Lindqvist said.",
        "Bring the boat back by noon.",
        "Greta Lindqvist",
    ),
]


@pytest.mark.parametrize(("name", "text", "quote", "speaker"), NESTED, ids=[c[0] for c in NESTED])
def test_quote_introduced_inside_a_quote(name: str, text: str, quote: str, speaker: str) -> None:
    assert quotes_of(extract(article(text)), nested=True)[quote][1] == speaker


def test_quote_that_is_one_inner_quote_is_reported_once() -> None:
    text = "Asked what the sign would say, he grinned.\n\n\"'Closed for fishing,'\" said Len Ortiz."
    extraction = extract(article(text))
    assert quotes_of(extraction, nested=True) == {}
    assert quotes_of(extraction, nested=False) == {"'Closed for fishing,'": ("direct", "Len Ortiz")}


MEANING = [
    (
        "'\"'Under review' means no,\" he said': words talked about, not said",
        '"\'Under review\' means no," said Ida Strand. "Everyone here knows it."',
        "Under review",
    ),
    (
        "'\"I know what 'we'll call you' means,\" she said': words talked about",
        "\"I know what 'we'll call you' means,\" said Ida Strand.",
        "we'll call you",
    ),
    (
        "'a word that meant both \"late\" and ...': a word talked about, not said",
        'Ortiz used a word that the translator said meant both "late" and "lost," she noted.',
        "late",
    ),
]


@pytest.mark.parametrize(("name", "text", "quote"), MEANING, ids=[c[0] for c in MEANING])
def test_words_whose_meaning_is_told_are_scare(name: str, text: str, quote: str) -> None:
    extraction = extract(article(text))
    found = quotes_of(extraction, nested=True) | quotes_of(extraction, nested=False)
    assert found[quote][0] == "scare"


def test_a_quote_that_means_something_long_is_still_speech() -> None:
    text = '"We are staying in this town no matter what it costs us," said Ida Strand.'
    extraction = extract(article(text))
    assert [q.kind for q in extraction.quotes] == [QuoteKind.DIRECT]


FRONTED_QUESTION = [
    (
        "'Asked when residents could go home, she would only say \"...\"' is hers, not"
        " 'when residents''",
        "Mayor Ann Lee spoke on Tuesday.\n\nAsked when residents could go home, she would only"
        ' say "when it is safe."',
        "when it is safe.",
        "Ann Lee",
    ),
    (
        "'Pressed about the budget, Lee said \"...\"' is Lee's",
        'Pressed about the budget gap, Lee said the town was "not in trouble."',
        "not in trouble.",
        "Lee",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "quote", "speaker"), FRONTED_QUESTION, ids=[c[0] for c in FRONTED_QUESTION]
)
def test_what_the_speaker_was_asked_is_not_the_speaker(
    name: str, text: str, quote: str, speaker: str
) -> None:
    assert quotes_of(extract(article(text)), nested=False)[quote][1] == speaker


IN_THE_WORDS_OF = [
    (
        "'was, in the words of one elder, \"...\"' is the elder's, not no one's",
        'By noon the harbour was, in the words of one elder, "a village with one chore."',
        "a village with one chore.",
        "one elder",
    ),
    (
        "'in the words of Mayor Name, \"...\"' is the mayor's, not a scare term",
        'The deal was, in the words of Mayor Jo Lindgren, "a disaster."',
        "a disaster.",
        "Jo Lindgren",
    ),
    (
        "'in Name's words, \"...\"' is Name's",
        'Jo Lindgren spoke last. The deal was, in Lindgren\'s words, "a mistake."',
        "a mistake.",
        "Jo Lindgren",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "quote", "speaker"), IN_THE_WORDS_OF, ids=[c[0] for c in IN_THE_WORDS_OF]
)
def test_in_the_words_of_names_the_speaker(name: str, text: str, quote: str, speaker: str) -> None:
    assert quotes_of(extract(article(text)), nested=False)[quote] == ("partial", speaker)


WORN = [
    (
        "'wearing a T-shirt that read \"...\"' is a printed slogan, not her quote",
        'Ines Palau, wearing an orange T-shirt that read "every drop counts here," said she'
        " had come from Lethbridge.",
        "every drop counts here,",
    ),
    (
        "'pinned on a button reading \"...\"' is a printed slogan",
        'Some wore a button reading "we were here first" on their coats.',
        "we were here first",
    ),
]


@pytest.mark.parametrize(("name", "text", "quote"), WORN, ids=[c[0] for c in WORN])
def test_words_printed_on_clothing_are_not_speech(name: str, text: str, quote: str) -> None:
    assert quotes_of(extract(article(text)), nested=False)[quote][0] == "title"


def test_a_sign_held_up_is_still_the_holders_words() -> None:
    text = 'Outside, Ines Palau held a sign that read "Save the river now."'
    kind, speaker = quotes_of(extract(article(text)), nested=False)["Save the river now."]
    assert kind != "title"
    assert speaker == "Ines Palau"


PROGRAMMES = [
    (
        "'said any \"rental freeze\" bylaw would ...' is a bylaw's name, not the planner's words",
        'Planner Ivo Renaud said any "rental freeze" bylaw would need a public meeting first.',
        "rental freeze",
    ),
    (
        "'asked for \"super mayor\" powers' is the powers' name",
        'The council voted against asking for "super mayor" powers on Tuesday.',
        "super mayor",
    ),
    (
        "'its \"spare hull\" fleet' is the fleet's name",
        'She pointed to what the ferry company calls its "spare hull" fleet, which she said was'
        " stretched thin.",
        "spare hull",
    ),
]


@pytest.mark.parametrize(("name", "text", "quote"), PROGRAMMES, ids=[c[0] for c in PROGRAMMES])
def test_a_quoted_name_before_a_programme_noun_is_scare(name: str, text: str, quote: str) -> None:
    assert quotes_of(extract(article(text)), nested=False)[quote][0] == "scare"


def test_a_judgement_before_an_ordinary_noun_is_still_partial() -> None:
    text = 'Senator Ana Ruiz said the bill was a "reckless" gamble with public money.'
    assert quotes_of(extract(article(text)), nested=False)["reckless"] == ("partial", "Ana Ruiz")


def test_words_under_the_headline_are_a_title_in_any_case() -> None:
    text = (
        "The parish newsletter gave its whole issue to the dispute under the headline 'who"
        " will stay?' and sold out."
    )
    assert quotes_of(extract(article(text)), nested=False)["who will stay?"][0] == "title"


def test_a_caption_is_still_the_posters_words() -> None:
    text = 'Coach Ida Brun posted a photo with the caption "we did it, all of us."'
    assert quotes_of(extract(article(text)), nested=False)["we did it, all of us."][0] != "title"
