"""The quote-kind rules: each named case a reader would report, and the rule table's shape."""

from __future__ import annotations

import pytest

from reader.document import blocks_of, build_article
from reader.extract import QuoteKind, extract
from reader.extract.headline_lines import (
    PARAGRAPH_RULES,
    headline_style_line,
    repeated_headline,
    teaser_line,
)
from reader.extract.kind_context import KindContext
from reader.extract.kind_lists import PAIR_RULES
from reader.extract.kind_rules import (
    in_their_words,
    named_by_participle,
    title_after_told,
    titled_by,
)
from reader.extract.kind_signs import called_in_general, in_words_of_someone
from reader.extract.kinds import RULES, Position, classify
from reader.extract.model import KindRule
from reader.extract.tokens import Toks, split_into

D, P, S, T = QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.SCARE, QuoteKind.TITLE


def kinds_of(text: str, title: str = "") -> list[tuple[str, QuoteKind, KindRule | None]]:
    """(quote text, kind, the kind rule on its evidence) of every top-level quote of `text`."""
    article = build_article(blocks_of(text.split("\n\n")), title=title, source="<test>")
    out = []
    for q in extract(article).quotes:
        if q.nested or q.kind is QuoteKind.INDIRECT:
            continue
        assert q.evidence is not None  # every quote between marks says which rule decided it
        out.append((q.text, q.kind, q.evidence.kind_rule))
    return out


CASES = [
    (
        "a fragment introduced by 'in her words' is hers, not a scare quote",
        'The mayor, Ana Lopes, did not hold back. The plan was, in her words, "unhealthy."',
        [("unhealthy.", P, KindRule.IN_THEIR_WORDS)],
    ),
    (
        "'as he put it' introduces his words",
        'Tom Hale left early. The vote was, as he put it, "a farce from start to end."',
        [("a farce from start to end.", P, KindRule.IN_THEIR_WORDS)],
    ),
    (
        "an epithet after 'called it' is the caller's words even before a noun",
        'Tomas Berg called it "locker room" talk and moved on.',
        [("locker room", P, KindRule.ATTRIBUTED_FRAGMENT)],
    ),
    (
        "a term after 'so-called' is held at a distance",
        'Officials have warned for months about a so-called "red line" in the talks.',
        [("red line", S, KindRule.SCARE_CUE_BEFORE)],
    ),
    (
        "a thing's name after 'a phenomenon called' is nobody's speech",
        'Pollsters point to a phenomenon called "differential nonresponse" in the figures.',
        [("differential nonresponse", S, KindRule.NAMED_BY_PARTICIPLE)],
    ),
    (
        "a Title-Cased name after 'a group called' is a name, not speech",
        'Funds came from a local group called "Friends of the Harbour" last year.',
        [("Friends of the Harbour", T, KindRule.NAMED_BY_PARTICIPLE)],
    ),
    (
        "a speaker who calls something so is still quoted",
        'The senator called the plan "a disgrace" on Tuesday.',
        [("a disgrace", P, KindRule.CHARACTERISING_FRAGMENT)],
    ),
    (
        "a programme the speaker told something to is a title",
        '"We will win this state," Ana Lopes told "Morning Report & Friends" on Sunday.',
        [
            ("We will win this state,", D, KindRule.ATTRIBUTED_UTTERANCE),
            ("Morning Report & Friends", T, KindRule.TITLE_AFTER_TOLD),
        ],
    ),
    (
        "an attribute value of HTML left in the text is markup, not speech",
        'Ana Lopes wrote <post date="2016-06-29">a long reply</post> on Monday.',
        [("2016-06-29", S, KindRule.MARKUP_VALUE)],
    ),
    (
        "a term the writer goes on to define is held at a distance",
        'Ana Lopes said the bridge is in a "flood fringe zone," which is defined as land at risk.',
        [("flood fringe zone,", S, KindRule.TERM_DEFINED_AFTER)],
    ),
    (
        "a term a whole trade uses ('what forecasters are calling') is nobody's speech",
        'Crews are bracing for what forecasters are calling a "weather bomb" on Friday.',
        [("weather bomb", S, KindRule.SCARE_CUE_BEFORE)],
    ),
    (
        "a name in general use ('what is sometimes called') is held at a distance",
        'The reef recovers through what is sometimes called "tidal memory," a slow change.',
        [("tidal memory,", S, KindRule.SCARE_CUE_BEFORE)],
    ),
    (
        "a name a crowd took to calling someone is a nickname, not speech",
        'The rookie, whom teammates have taken to calling "Boy Wonder," scored twice.',
        [("Boy Wonder,", S, KindRule.SCARE_CUE_BEFORE)],
    ),
    (
        "what one named person called something is still her words",
        'Ana Lopes praised what she called "a year of brave choices" at the gala.',
        [("a year of brave choices", P, KindRule.CHARACTERISING_FRAGMENT)],
    ),
    (
        "a paper's title in sentence case after 'under the title' is a title",
        'The study, published under the title "Salt marsh loss in two estuaries," drew praise.',
        [("Salt marsh loss in two estuaries,", T, KindRule.TITLE_AFTER_TITLE_NOUN)],
    ),
    (
        "a report's title ending in a question mark after 'titled' is a title",
        "Hale's report, titled 'Rural Buses: A Future?', also named four stations.",
        [("Rural Buses: A Future?", T, KindRule.TITLE_AFTER_TITLE_NOUN)],
    ),
    (
        "a film title with a lower-case French particle is still a title",
        'Best actor went to Tomas Berg for his role as a cabby in "Chemin de Nuit" last night.',
        [("Chemin de Nuit", T, KindRule.EMBEDDED_TITLE)],
    ),
    (
        "a nickname after 'known around the league as' is a name, not speech",
        'Dana Moss, known around the league as "the Wall," made 41 saves on Saturday.',
        [("the Wall,", S, KindRule.SCARE_CUE_BEFORE)],
    ),
    (
        "a part someone played ('best known for his turns as') is not a nickname",
        'Tomas Berg is best known for his turns as the "reluctant uncle" on the sitcom.',
        [("reluctant uncle", P, KindRule.CHARACTERISING_FRAGMENT)],
    ),
    (
        "a book's title after 'a book on X called', the title noun a few words back",
        'Tomas Berg wrote a slim book on the Dutch Defence called "Quiet Squares" in 1994.',
        [("Quiet Squares", T, KindRule.TITLE_AFTER_TITLE_NOUN)],
    ),
    (
        "a line of a linked story quoted in a round-up is an excerpt, not speech",
        'CLOSING: "The Blue Door, a jazz bar on Elm Street, will shut in May." http://ex.am/p1',
        [
            (
                "The Blue Door, a jazz bar on Elm Street, will shut in May.",
                T,
                KindRule.EXCERPT_WITH_LINK,
            )
        ],
    ),
    (
        "a film title ending in an exclamation mark after 'the movie' is a title",
        'Ana Lopes had a small part in the movie "Shark Night: Not Again!" last year.',
        [("Shark Night: Not Again!", T, KindRule.TITLE_AFTER_TITLE_NOUN)],
    ),
    (
        "a word in the clause of 'implied' is the subject's, not a scare quote",
        'Tomas Berg implied the referee was tired and "lazy" because of the score.',
        [("lazy", P, KindRule.ATTRIBUTED_FRAGMENT)],
    ),
    (
        "a term someone 'talked up' is their wording",
        'Ana Lopes talked up her "street-by-street plan" at the rally.',
        [("street-by-street plan", P, KindRule.ATTRIBUTED_FRAGMENT)],
    ),
    (
        "a campaign's slogan may run longer than a term and is still nobody's speech here",
        'Banners bore the slogan "Clean streets, green parks and quiet nights for every child".',
        [
            (
                "Clean streets, green parks and quiet nights for every child",
                S,
                KindRule.SCARE_CUE_BEFORE,
            )
        ],
    ),
    (
        "a READ MORE teaser line's quote is a headline, not speech",
        'The bridge closed in March.\n\nREAD MORE: "We will rebuild," mayor says of the bridge',
        [("We will rebuild,", T, KindRule.TEASER_LINE)],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_kind(name: str, text: str, expected: list[tuple[str, QuoteKind, KindRule]]) -> None:
    assert kinds_of(text) == expected, name


def test_a_headline_repeated_in_the_body_holds_no_speech() -> None:
    title = 'Mayor: "We will rebuild"'
    body = 'Mayor: "We will rebuild."\n\nThe mayor spoke on Monday.'
    assert kinds_of(body, title) == [("We will rebuild.", T, KindRule.REPEATED_HEADLINE)]


def test_a_deck_under_the_headline_holds_no_speech() -> None:
    title = "Harbour town votes to rebuild the sea wall"
    body = (
        "'We will not move,' mayor says as council backs $40M plan\n\n"
        'Council voted 7-2 on Monday. "We will not move," Mayor Ana Lopes said.'
    )
    assert kinds_of(body, title) == [
        ("We will not move,", T, KindRule.HEADLINE_STYLE_LINE),
        ("We will not move,", D, KindRule.ATTRIBUTED_UTTERANCE),
    ]


def test_headline_style_line_alone() -> None:
    title = "Harbour town votes to rebuild the sea wall"
    assert headline_style_line("'We will not move,' mayor says as council backs plan", title)
    assert headline_style_line("Mayor says plan is 'the only way' as vote nears", title)
    # a sentence of the story ends with a full stop, a quote's own end mark or its closing mark
    assert not headline_style_line("'We will not move,' the mayor says.", title)
    assert not headline_style_line('The mayor says it is "the only way."', title)
    assert not headline_style_line("The mayor says the plan is the only way", title)  # no quote
    assert not headline_style_line("'We will not move,' mayor says as council backs it", "")


def test_the_same_quote_outside_a_repeated_headline_is_speech() -> None:
    body = '"We will rebuild," the mayor said.\n\nThe mayor spoke on Monday.'
    assert kinds_of(body, "Mayor promises a new bridge") == [
        ("We will rebuild,", D, KindRule.ATTRIBUTED_UTTERANCE)
    ]


def nested_kinds_of(text: str) -> list[tuple[str, QuoteKind, KindRule | None]]:
    """(quote text, kind, kind rule) of every quote nested inside another quote of `text`."""
    article = build_article(blocks_of(text.split("\n\n")), title="", source="<test>")
    return [
        (q.text, q.kind, q.evidence.kind_rule if q.evidence else None)
        for q in extract(article).quotes
        if q.nested
    ]


NESTED_CASES = [
    (
        "a word a speaker quotes inside her own sentence is a term she holds at a distance",
        "\"They said 'pivot' about forty times in one meeting,\" Dana Moss said.",
        [("pivot", S, KindRule.TERM_INSIDE_A_QUOTE)],
    ),
    (
        "a nickname others gave the speaker, quoted inside her quote, is not speech",
        "\"My grandkids call me 'the professor' now,\" Dana Moss said.",
        [("the professor", S, KindRule.TERM_INSIDE_A_QUOTE)],
    ),
    (
        "a short line of dialogue a speaker reports, addressed to someone, is speech",
        "\"My brother calls to ask, 'Are you home?' every week,\" Dana Moss said.",
        [("Are you home?", QuoteKind.DIRECT, KindRule.STANDALONE_UTTERANCE)],
    ),
    (
        "a one-word sentence said by someone the speaker reports is their utterance",
        "\"The bank says 'wait.' The orchard does not wait,\" Dana Moss said.",
        [("wait.", P, KindRule.CHARACTERISING_FRAGMENT)],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), NESTED_CASES, ids=[c[0] for c in NESTED_CASES]
)
def test_nested_kind(name: str, text: str, expected: list[tuple[str, QuoteKind, KindRule]]) -> None:
    assert nested_kinds_of(text) == expected, name


def test_in_words_of_someone_alone() -> None:
    assert in_words_of_someone(toks("He implied the judge was"))
    assert in_words_of_someone(toks("She referenced the"))
    assert in_words_of_someone(toks("Berg casts the mayor as a man who would"))
    assert in_words_of_someone(toks("Lopes believes in schools that"))
    assert not in_words_of_someone(toks("She bought the"))


def test_titled_by_alone() -> None:
    assert titled_by(toks("a paper titled"))
    assert titled_by(toks("a report, entitled,"))
    assert titled_by(toks("published under the title"))
    assert not titled_by(toks("she said the title"))
    assert not titled_by(toks("she said"))


def test_called_in_general_alone() -> None:
    assert called_in_general(toks("ahead of what forecasters are calling a"))
    assert called_in_general(toks("through what health economists call"))
    assert called_in_general(toks("through what is sometimes called"))
    assert called_in_general(toks("what Harbour sports radio has taken to calling"))
    assert not called_in_general(toks("through what she called"))
    assert not called_in_general(toks("through what Gilbert called the"))
    assert not called_in_general(toks("through what one analyst called"))
    assert not called_in_general(toks("he called the plan"))
    # a time someone called it so, not a term in use
    assert not called_in_general(toks("is what former staff have called a"))
    assert not called_in_general(toks("eliminated what had been called the"))


def toks(text: str) -> Toks:
    """The tokens of `text` as the rules read them."""
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    split_into(text, 0, len(text), texts, starts, ends)
    return Toks(texts, [t.lower() for t in texts], starts, ends)


def context(before: str, quote: str, after: str = "") -> KindContext:
    """An embedded quote with no attribution, between `before` and `after`."""
    return KindContext(quote, toks(before), toks(after), None, True, False)


def test_named_by_participle_alone() -> None:
    assert named_by_participle(context("an account called", "fast facts")) is S
    assert named_by_participle(context("a blog, called the", "Feed")) is T
    assert named_by_participle(context("she called", "a disgrace")) is None
    assert named_by_participle(context("critics called it", "a disgrace")) is None
    assert named_by_participle(context("the plan was called", "a disgrace")) is None


def test_in_their_words_alone() -> None:
    assert in_their_words(context("the plan was, in her words,", "unhealthy.")) is P
    assert in_their_words(context("in Lopes's own words", "unhealthy.")) is P
    assert in_their_words(context("in other words,", "unhealthy.")) is None


def test_title_after_told_alone() -> None:
    assert title_after_told(context("she told", "Meet the Press")) is T
    assert title_after_told(context("she told", "we will win")) is None


def test_teaser_and_headline_paragraph_rules_alone() -> None:
    assert teaser_line('READ MORE: "Yes," says mayor', "")
    assert teaser_line('Related: "Yes," says mayor', "")
    assert teaser_line('WATCH | "Yes," says mayor', "")
    assert not teaser_line('More than "a few" came.', "")
    assert repeated_headline("MAYOR: 'WE WILL REBUILD'", 'Mayor: "We will rebuild"')
    assert not repeated_headline('Mayor: "We will rebuild," she said.', "Mayor: We will rebuild")


def test_every_rule_has_one_name_and_a_sentence_always_gets_a_kind() -> None:
    names = [r.name for r in RULES] + [r.name for r in PARAGRAPH_RULES]
    names += [r.name for r in PAIR_RULES]
    assert sorted(names) == sorted(KindRule)  # each name used once, none left unused
    assert {Position.AFTER_NARRATION, Position.SENTENCE_START} <= RULES[-1].scope
    assert classify("Hello there.", toks(""), toks(""), None, False) == (
        D,
        KindRule.STANDALONE_UTTERANCE,
    )
    assert classify("a long fragment of words", toks("and"), toks(""), None, True)[0] is P


def test_a_height_in_feet_and_inches_opens_no_quote() -> None:
    text = "Among the details in the letter: Tom Hale is 6'3\" tall, his doctor said."
    assert kinds_of(text) == []
    curly = "Among the details: Hale is 5’11” tall and fit, said his doctor."
    assert kinds_of(curly) == []
