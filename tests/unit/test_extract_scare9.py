"""Kind rules of the ninth round: titles a sentence opens with, titles after more work nouns.

Each case reads like the bug a reader would report; the texts are invented.
"""

from __future__ import annotations

import pytest

from reader.document import blocks_of, build_article
from reader.extract import QuoteKind, extract
from reader.extract.model import KindRule

D, P, S, T = QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.SCARE, QuoteKind.TITLE


def kinds_of(text: str) -> dict[str, tuple[QuoteKind, KindRule | None]]:
    """Each top-level quote's text mapped to its kind and the rule that decided it."""
    article = build_article(blocks_of(text.split("\n\n")), title="", source="<test>")
    out = {}
    for q in extract(article).quotes:
        if q.nested or q.kind is QuoteKind.INDIRECT:
            continue
        assert q.evidence is not None
        out[q.text] = (q.kind, q.evidence.kind_rule)
    return out


TITLE_CASES = [
    (
        "a show's name opening a sentence with 'which' after it was listed as a direct quote",
        'The season is crowded. "Quiet Hours," which opens on Friday, is a comedy about a hotel.',
        "Quiet Hours,",
    ),
    (
        "a show's name with its channel in apposition was listed as a direct quote",
        'Two dramas return. "Harbor Lights," on Channel 4, is about a family of pilots.',
        "Harbor Lights,",
    ),
    (
        "a film described in apposition after a fronted phrase was listed as a direct quote",
        'To top it off, "Cold Town," a film about a mill strike, opens the festival.',
        "Cold Town,",
    ),
    (
        "a one-word album title with its year after it was listed as a direct quote",
        'She recorded nine albums, the last of them, "Inverno," in 2019, and then retired.',
        "Inverno,",
    ),
    (
        "a title after 'in his autobiography' was listed as the author's direct quote",
        'Later, in his autobiography, "A Life in Steel," published in 2010, Kerr described '
        "his youth in Ohio.",
        "A Life in Steel,",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "quote"), TITLE_CASES, ids=[case for case, _, _ in TITLE_CASES]
)
def test_titles_are_not_reported_as_quotes(case: str, text: str, quote: str) -> None:
    kind, rule = kinds_of(text)[quote]
    assert kind is T, (case, rule)


SPEECH_CASES = [
    (
        "a short Title-Cased line followed by who said it stays her direct quote",
        '"Thank You, Everyone," the mayor said, and sat down.',
        "Thank You, Everyone,",
        D,
    ),
    (
        "a short greeting followed by a clause naming the speaker stays a direct quote",
        '"Good Morning, Leeds," a presenter called out, to cheers.',
        "Good Morning, Leeds,",
        D,
    ),
    (
        "a sentence-case line after a fronted phrase is still speech",
        'Asked about the delay, "we are nearly there," which was all she would say.',
        "we are nearly there,",
        P,
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "quote", "kind"), SPEECH_CASES, ids=[case for case, *_ in SPEECH_CASES]
)
def test_short_speech_stays_a_quote(case: str, text: str, quote: str, kind: QuoteKind) -> None:
    got, rule = kinds_of(text)[quote]
    assert got is not T and got in (D, P), (case, got, rule)
    del kind


def test_the_title_rule_is_named_on_the_evidence() -> None:
    """`reader quotes --explain` can say which rule made the show's name a title."""
    found = kinds_of('"Harbor Lights," on Channel 4, is about a family of pilots.')
    assert found["Harbor Lights,"] == (T, KindRule.TITLE_OPENING_SENTENCE)


PASSIVE_NAME_CASES = [
    (
        "a nickname after 'has been called' was listed as the skip's partial quote",
        'Mara Lind has been called "The Anvil" since her first season, and she won again.',
        "The Anvil",
        S,
    ),
    (
        "a ferry's name after 'is called' was listed as the skipper's partial quote",
        'Tomas Berg said little. The new ferry is called "Blue Heron", and it sails at noon.',
        "Blue Heron",
        S,
    ),
    (
        "a judgement in lower case after 'has been called' stays a partial quote",
        'Mara Lind said the plan has been called "reckless" by every union in the city.',
        "reckless",
        P,
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "quote", "kind"),
    PASSIVE_NAME_CASES,
    ids=[case for case, *_ in PASSIVE_NAME_CASES],
)
def test_names_given_passively(case: str, text: str, quote: str, kind: QuoteKind) -> None:
    assert kinds_of(text)[quote][0] is kind, case


LIST_CASES = [
    (
        "the second and third of a list of searched words were listed as direct quotes",
        'Clerks searched the files for words such as "harbour," "strike," "Varna" and '
        '"safety memo." Nothing came back.',
        ["harbour,", "strike,", "safety memo."],
        S,
    ),
    (
        "a film between two other films in a list of roles was listed as a direct quote",
        'Ortiz, who had parts in "The Long Field," "Orbit 9," and "Tides of March," retired.',
        ["The Long Field,", "Orbit 9,", "Tides of March,"],
        T,
    ),
    (
        "the second of two films she grew up watching was listed as her partial quote",
        'Ana Rees said she grew up watching "The Salt Road" and "Nightjar" with her father.',
        ["The Salt Road", "Nightjar"],
        T,
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "quotes", "kind"), LIST_CASES, ids=[case for case, *_ in LIST_CASES]
)
def test_listed_quotes_share_a_kind(
    case: str, text: str, quotes: list[str], kind: QuoteKind
) -> None:
    found = kinds_of(text)
    assert [found[q][0] for q in quotes] == [kind] * len(quotes), (case, found)


def test_lines_of_dialogue_in_one_paragraph_are_not_a_list() -> None:
    """`"No." "Never."`: two short lines one after the other are speech, not listed terms."""
    found = kinds_of('Kerr asked if she would sign. "Never." "Not ever," Ana Rees said.')
    assert found["Not ever,"][0] is D


def test_a_partial_quote_keeps_its_list_partial() -> None:
    """`called him "a liar" and "a fraud"`: epithets after a verb of calling stay hers."""
    found = kinds_of('Ana Rees called him "a liar" and "a fraud" on Tuesday.')
    assert found["a liar"][0] is P and found["a fraud"][0] is P


BRACKET_AND_BYLINE_CASES = [
    (
        "a film with its year in brackets was listed as a direct quote",
        '"The last of the salt boats" (1987) closes the festival, restored from the negative.',
        "The last of the salt boats",
        T,
    ),
    (
        "campaign posters dated in brackets were listed as direct quotes",
        '"No to the new bridge" (2011) - "Keep the ferry!" (2014). Both posters were pulped.',
        "No to the new bridge",
        T,
    ),
    (
        "a poster whose bracket names it before the year was listed as a direct quote",
        '"Our valley, our water" (regional election poster 2009) was banned within a week.',
        "Our valley, our water",
        T,
    ),
    (
        "the rest of a pasted HTML tag after an attribute value was listed as a quote",
        'The senator posted it at once.\n\n<post data-author="@kerrfield" data-date="May 2, 2024'
        '\n\n" >Great crowd in Leeds tonight. Thank you all.</post>',
        ">Great crowd in Leeds tonight. Thank you all.</post>",
        S,
    ),
    (
        "a headline whose byline names 'the' outlet was listed as a direct quote",
        '-"Harbour ferry to stop at midnight," by the Coast Herald\'s Ana Rees: http://x.io/1',
        "Harbour ferry to stop at midnight,",
        T,
    ),
    (
        "a passive fragment before 'by' was held back as a headline's byline",
        'Dale Ortiz said the bill had been "quietly gutted" by Senate leaders last spring.',
        "quietly gutted",
        P,
    ),
    (
        "a fragment after a determiner and before 'by' was held back as a headline's byline",
        'Kerr said he had been attacked in a "hatchet job" by The Valley Star, and would sue.',
        "hatchet job",
        P,
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "quote", "kind"),
    BRACKET_AND_BYLINE_CASES,
    ids=[case for case, *_ in BRACKET_AND_BYLINE_CASES],
)
def test_brackets_and_bylines(case: str, text: str, quote: str, kind: QuoteKind) -> None:
    found = kinds_of(text)
    assert quote in found, (case, sorted(found))
    assert found[quote][0] is kind, (case, found[quote])


def test_speech_before_a_bracket_without_a_year_stays_a_quote() -> None:
    """`"...," she said (in French)`: a bracket after a quote dates it only with a year."""
    found = kinds_of('"I am staying" (for now), Ana Rees said, and sat down again.')
    assert found["I am staying"][0] is D
