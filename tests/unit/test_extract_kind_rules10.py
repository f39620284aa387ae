"""Terms and names a sentence owns, names or defines (kind_rules10), on invented text.

Each case is invented text shaped like a class of scare quotes read on PolNeAR train and the
fresh sets (never their text); the case id reads like the bug report it came from. The rules
are also read alone, on a `KindContext`, so each one's reach is tested apart from the others.
"""

from __future__ import annotations

import pytest

from reader.extract import QuoteKind, extract
from reader.extract.attribution import Attribution
from reader.extract.kind_context import KindContext
from reader.extract.kind_rules10 import (
    name_in_habitual_call,
    possessive_term,
    term_as_subject,
    term_named_after,
    term_offered_as_equivalent,
)
from reader.extract.mentions import PERSON, Mention
from reader.extract.model import Extraction, KindRule
from tests.unit.test_extract_cases import article
from tests.unit.test_extract_kind_rules import toks

S, T = QuoteKind.SCARE, QuoteKind.TITLE


def quotes_of(extraction: Extraction) -> dict[str, tuple[str, str | None, KindRule | None]]:
    """Each top-level quote's text with its kind, its speaker's name and its kind rule."""
    out: dict[str, tuple[str, str | None, KindRule | None]] = {}
    for q in extraction.quotes:
        if q.nested or q.kind is QuoteKind.INDIRECT:
            continue
        speaker = extraction.speaker(q.speaker)
        rule = q.evidence.kind_rule if q.evidence is not None else None
        out[q.text] = (q.kind.value, speaker.name if speaker else None, rule)
    return out


NOT_SPEECH = [
    (
        "one word after a possessive ('the senator's \"reset\"') is a term, not her words",
        'Trade worries grew in the region under Senator Ada Voss\'s "reset" to the north.',
        "reset",
        KindRule.POSSESSIVE_TERM,
    ),
    (
        "a quote followed by ', a phrase fans used' is a phrase in use, not the speaker's words",
        'Lena Hart said she was not quitting for "a cash grab," a phrase some fans had used'
        " online.",
        "a cash grab,",
        KindRule.TERM_NAMED_AFTER,
    ),
    (
        "'call him \"the Ace,\" a nickname' is a nickname even after a verb of calling",
        'Teammates call him "the Ace," a nickname he picked up as a rookie.',
        "the Ace,",
        KindRule.TERM_NAMED_AFTER,
    ),
    (
        "a nickname's apposition may come after a short phrase ('in practice, a nickname')",
        'Ben Ortiz said the team had started calling Kerr "The Gate" in practice, a nickname'
        " the goalie said he had not earned.",
        "The Gate",
        KindRule.TERM_NAMED_AFTER,
    ),
    (
        "'regulars call it simply \"the Nook\"' is the name a place goes by",
        'The shop hosted readings for decades, and regulars call it simply "the Nook."',
        "the Nook.",
        KindRule.NAME_IN_HABITUAL_CALL,
    ),
    (
        "a short term opening its own definition ('\"Red zone\" is the ...') is a term",
        'The agency rated the river "red zone" on Monday. "Red zone" is the highest level of'
        " flood risk in the province.",
        "Red zone",
        KindRule.TERM_AS_SUBJECT,
    ),
    (
        "words a language office 'suggests \"...\" as an equivalent' are words, not speech",
        'The office wrote to the cafe on Monday. It suggests "galette fondue" as an equivalent'
        " for the cafe's best-selling item.",
        "galette fondue",
        KindRule.TERM_OFFERED_AS_EQUIVALENT,
    ),
    (
        "a CBC-style video teaser ('WATCH | \"...,\" residents say') is a headline, not speech",
        'The rink closed on Monday.\n\nWATCH | "We are not leaving," residents say as the rink'
        " closes\n\nThe city will vote in May.",
        "We are not leaving,",
        KindRule.TEASER_LINE,
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "quote", "rule"), NOT_SPEECH, ids=[c[0] for c in NOT_SPEECH]
)
def test_terms_and_names_are_not_speech(name: str, text: str, quote: str, rule: KindRule) -> None:
    kind, _, found = quotes_of(extract(article(text)))[quote]
    assert (kind, found) in (("scare", rule), ("title", rule)), name


SPEECH_KEPT = [
    (
        "a longer fragment after a possessive stays the owner's words",
        'Delegates weighed Mayor Ada Voss\'s "grand bargain" at the convention.',
        "grand bargain",
    ),
    (
        "'\"...\" — a word he used several times —' is an aside on the speaker's own words",
        'Mayor Tom Reed said the crews needed "patience" - a word he used several times - after'
        " the flood.",
        "patience",
    ),
    (
        "'called them \"...\", a phrase she says' keeps the caller's words",
        'Lise Moreau heard her aunt call them "the people of the lake," a phrase she says was'
        " a joke.",
        "the people of the lake,",
    ),
    (
        "'the media would call him \"...\"' is somebody's words, not a name in use",
        'Tom Reed said the press would call him "The Coward" if he stayed home.',
        "The Coward",
    ),
    (
        "an idea 'proposed \"...\" as an alternative' stays the proposer's words",
        'Councillor Ray Lund proposed "a two-year pilot" as an alternative to the ban.',
        "a two-year pilot",
    ),
    (
        "a short answer before its attribution is speech ('\"Red zone,\" she said')",
        '"Red zone," said Ana Lopes, the river warden.',
        "Red zone,",
    ),
]


@pytest.mark.parametrize(("name", "text", "quote"), SPEECH_KEPT, ids=[c[0] for c in SPEECH_KEPT])
def test_speech_near_those_patterns_is_kept(name: str, text: str, quote: str) -> None:
    assert quotes_of(extract(article(text)))[quote][0] in ("direct", "partial"), name


def context(
    before: str, quote: str, after: str = "", attribution: Attribution | None = None
) -> KindContext:
    """An embedded quote between `before` and `after`."""
    return KindContext(quote, toks(before), toks(after), attribution, True, False)


def test_possessive_term_alone() -> None:
    owner = Attribution("possessive", Mention("Voss", 0, 4, PERSON, "Voss"), None)
    assert possessive_term(context("under Voss's", "reset", "to", owner)) is S
    assert possessive_term(context("under Voss's", "grand bargain", "at", owner)) is None
    subject = Attribution("sentence-subject", Mention("Voss", 0, 4, PERSON, "Voss"), None)
    assert possessive_term(context("Voss backed the", "reset", "to", subject)) is None


def test_term_named_after_alone() -> None:
    assert term_named_after(context("not quitting for", "a cash grab,", "a phrase fans")) is S
    assert term_named_after(context("not quitting for", "a cash grab", ", the term fans")) is S
    assert term_named_after(context("known to all as", "Big Sal,", "a nickname")) is T
    assert term_named_after(context("offer", "hope", "- a word he used")) is None
    assert term_named_after(context("offer", "hope", "a word he used")) is None
    assert term_named_after(context("offer", "hope,", "a reference to")) is None


def test_name_in_habitual_call_alone() -> None:
    assert name_in_habitual_call(context("regulars call it simply", "the Nook.")) is S
    assert name_in_habitual_call(context("locals call him", "Big Sal")) is S
    assert name_in_habitual_call(context("locals call him", "a liar")) is None
    assert name_in_habitual_call(context("she calls it", "the Nook")) is None
    assert name_in_habitual_call(context("they would call him", "The Coward")) is None
    assert name_in_habitual_call(context("Riders Call It", "The Longest Wait")) is None


def test_term_as_subject_alone() -> None:
    standalone = KindContext("Red zone", toks(""), toks("is the highest level"), None, False, False)
    assert term_as_subject(standalone) is S
    answer = KindContext("Red zone,", toks(""), toks("is the highest level"), None, False, False)
    assert term_as_subject(answer) is None
    speech = KindContext("We won", toks(""), toks("was all he said"), None, False, False)
    assert term_as_subject(speech) is None


def test_term_offered_as_equivalent_alone() -> None:
    assert term_offered_as_equivalent(context("It suggests", "galette", "as an equivalent")) is S
    assert term_offered_as_equivalent(context("She gave", "merci", "as the translation")) is S
    assert (
        term_offered_as_equivalent(context("He proposed", "a pilot", "as an alternative")) is None
    )
    assert term_offered_as_equivalent(context("She saw", "a win", "as a sign")) is None
