"""A named corpus of tricky inputs: each case reads like the bug report it would become."""

from __future__ import annotations

import pytest

from reader.document import Article, blocks_of, build_article
from reader.extract import Extraction, QuoteKind, extract


def article(text: str) -> Article:
    """An article whose paragraphs are the blank-line-separated parts of `text`."""
    return build_article(blocks_of(text.split("\n\n")), title="", source="<test>")


def reading(extraction: Extraction, *, indirect: bool = False) -> list[tuple[str, str, str | None]]:
    """(text, kind, speaker name) of every top-level quote, as a reader would list them."""
    out = []
    for q in extraction.quotes:
        if q.nested or (q.kind is QuoteKind.INDIRECT and not indirect):
            continue
        speaker = extraction.speaker(q.speaker)
        out.append((q.text, q.kind.value, speaker.name if speaker else None))
    return out


D, P, S, T = "direct", "partial", "scare", "title"

CASES = [
    (
        "straight marks, said after the name",
        '"We are ready," said Mayor Ana Lopes.',
        [("We are ready,", D, "Ana Lopes")],
    ),
    (
        "straight marks, name before said",
        'Ana Lopes spoke last.\n\n"We are ready," Lopes said.',
        [("We are ready,", D, "Ana Lopes")],
    ),
    (
        "curly marks, role as speaker",
        "“It works,” the minister said.",
        [("It works,", D, "the minister")],
    ),
    (
        "single curly marks around apostrophes",
        "Jane Hill spoke first. ‘We don’t know Erdogan’s plans,’ she said.",
        [("We don’t know Erdogan’s plans,", D, "Jane Hill")],
    ),
    ("guillemets", "«We will stay», Pierre Dupont said.", [("We will stay", D, "Pierre Dupont")]),
    (
        "low-high German marks",
        "„Wir bleiben“, said Klaus Weber.",
        [("Wir bleiben", D, "Klaus Weber")],
    ),
    ("latex marks", "``Never again,'' said Tom Reed.", [("Never again,", D, "Tom Reed")]),
    (
        "doubled apostrophe closer",
        "\"It is over,'' said Tom Reed.",
        [("It is over,", D, "Tom Reed")],
    ),
    (
        "curly closer used as opener, doubled curly apostrophe closer",
        'Sara Lind called it "a mess”. ”We will fix it.’’',
        [("a mess", P, "Sara Lind"), ("We will fix it.", D, "Sara Lind")],
    ),
    (
        "apostrophes never open a quote",
        "The teammates’ bus left in the ’90s, and Erdogan’s aides didn’t mind the players' fees.",
        [],
    ),
    (
        "multi-paragraph quote is one quote",
        'Mia Park spoke at length.\n\n"First paragraph.\n\n"Second paragraph," she said.',
        [("First paragraph.\n\nSecond paragraph,", D, "Mia Park")],
    ),
    (
        "split quote is one utterance",
        '"First part," Ruth Okonjo said, "second part."',
        [("First part, second part.", D, "Ruth Okonjo")],
    ),
    (
        "unbalanced mark recovers at the paragraph end",
        'He said "this never ends.\n\nTom Reed called it "a farce" on Monday.',
        [("this never ends.", P, None), ("a farce", P, "Tom Reed")],
    ),
    (
        "colon introduction",
        'Leonid Slutsky promised to act at every venue: "We will invite them all."',
        [("We will invite them all.", D, "Leonid Slutsky")],
    ),
    (
        "apposition: role, name, said",
        '"It is painful," the agency\'s spokeswoman, Dana Ruiz, said.',
        [("It is painful,", D, "Dana Ruiz")],
    ),
    (
        "apposition: said role, name",
        '"It is painful," said the agency\'s spokeswoman, Dana Ruiz.',
        [("It is painful,", D, "Dana Ruiz")],
    ),
    (
        "presidential aide before the name",
        '"The door is open," presidential aide Yury Ushakov said.',
        [("The door is open,", D, "Yury Ushakov")],
    ),
    (
        "according to",
        'The plan is "dead on arrival," according to Senator Max Ford.',
        [("dead on arrival,", P, "Max Ford")],
    ),
    (
        "told reporters that",
        'Rafael Ortega told reporters that the piers were "beyond repair".',
        [("beyond repair", P, "Rafael Ortega")],
    ),
    (
        "organisation in a statement",
        'The ministry said in a statement that it was "deeply concerned".',
        [("deeply concerned", P, "The ministry")],
    ),
    (
        "pronoun resolved to the last fitting speaker",
        'Anna Berg took the stage. "We hired too fast," she said.',
        [("We hired too fast,", D, "Anna Berg")],
    ),
    (
        "quote-only paragraph continues the speaker",
        '"One," said Tom Reed.\n\n"Two."',
        [("One,", D, "Tom Reed"), ("Two.", D, "Tom Reed")],
    ),
    (
        "scare quote after what they call",
        'Rebels hold what they call "liberated zones" in the north.',
        [("liberated zones", S, None)],
    ),
    (
        "scare quote after so-called",
        'The so-called "peace dividend" never came.',
        [("peace dividend", S, None)],
    ),
    (
        "an epithet applied by a labelling verb is the labeller's words",
        'Governor Tom Hale branded the deal "reckless" and left.',
        [("reckless", P, "Tom Hale")],
    ),
    (
        "a quote after `as` characterises: somebody's words",
        'Lee Park praised her as a "fighter".',
        [("fighter", P, "Lee Park")],
    ),
    (
        "a judgement after a copula is somebody's words",
        'Ruth Okafor blasted the ruling. The verdict was "a travesty" in her view.',
        [("a travesty", P, "Ruth Okafor")],
    ),
    (
        "a word in the clause of a verb of judging is the judge's",
        'In a long speech, Lina Ortiz slammed the council over its "cowardice".',
        [("cowardice", P, "Lina Ortiz")],
    ),
    (
        "a phrase its subject uses is the subject's words",
        'Tom Hale has used the phrase "fair shares" often in his campaign.',
        [("fair shares", P, "Tom Hale")],
    ),
    (
        "a term inside reported speech is reported, even as a modifier",
        'Sara Lind said the "top secret" files were safe.',
        [("top secret", P, "Sara Lind")],
    ),
    (
        "epithets after a verb of calling and its object",
        'Ana Reyes calls people "cowards" and "frauds" in her posts.',
        [("cowards", P, "Ana Reyes"), ("frauds", P, "Ana Reyes")],
    ),
    (
        "a chant is speech",
        'Protesters chanted "No more cuts!" all night.',
        [("No more cuts!", P, "Protesters")],
    ),
    (
        "a call as a noun applies no epithet",
        'The party stripped out a call for "open borders" from the platform.',
        [("open borders", S, None)],
    ),
    (
        "a speech participle after a comma: the main clause's subject speaks",
        'Mayor Ana Lopes attacked the council for its budget, saying, "This plan is a failure."',
        [("This plan is a failure.", D, "Ana Lopes")],
    ),
    (
        "a cue coordinated with an earlier verb shares its subject",
        'Governor Tom Hale outlined a plan and vowed to punish "greedy landlords" in court.',
        [("greedy landlords", P, "Tom Hale")],
    ),
    (
        "a fragment coordinated with a partial quote is one too",
        'The fact-checkers rated the claim as "false" or "pants on fire" last year.',
        [("false", P, None), ("pants on fire", P, None)],
    ),
    (
        "a noun that looks like a labelling verb applies nothing",
        'Files had labels such as "urgent" and "secret".',
        [("urgent", S, None), ("secret", S, None)],
    ),
    (
        "a bare role before the name after according to",
        'According to talk radio host Tom Hale, the move reeks of "fear" and desperation.',
        [("fear", P, "Tom Hale")],
    ),
    (
        "likening is characterising",
        'Tom Hale likened the refugees to a "vicious snake" in a song.',
        [("vicious snake", P, "Tom Hale")],
    ),
    (
        "considering something an epithet is characterising it",
        'Tom Hale considered the offer "an insult".',
        [("an insult", P, "Tom Hale")],
    ),
    (
        "`Such` opening a sentence is not a name",
        'Such jobs are considered "inherently public" in the rules.',
        [("inherently public", P, None)],
    ),
    (
        "a quoted term used as a modifier stays a scare quote",
        'The "super fund" money came late.',
        [("super fund", S, None)],
    ),
    (
        "title of a report",
        'The authority will publish its report "Rivers at Risk" in May.',
        [("Rivers at Risk", T, None)],
    ),
    (
        "speech after a title noun is still speech",
        "Mr. Trump said of the episode, ''I don't like it,'' and left.",
        [("I don't like it,", D, "Trump")],
    ),
    (
        "a quoted name in apposition to a title noun is a title",
        'The anti-Trump spot, "Trumpcare," links his health plan to hers.',
        [("Trumpcare,", T, None)],
    ),
    (
        "a nickname inside a name is not speech",
        'Rep. Robert C. "Bobby" Scott threw open his back yard.',
        [("Bobby", S, None)],
    ),
    (
        "a stray inch mark does not swallow the article",
        'A 5" pipe burst.\n\n"Fine," said Tom Reed.',
        [("Fine,", D, "Tom Reed")],
    ),
    (
        "a party-and-state aside after the name is not the speaker",
        'Sen. Ann Reed (D-OR) said the levy was a "total mess" for farmers.',
        [("total mess", P, "Ann Reed")],
    ),
    (
        "an aside in brackets before a relative clause is skipped",
        'Rep. Tom Hale (R-Utah), who chairs the panel, said the deal was "a farce."',
        [("a farce.", P, "Tom Hale")],
    ),
    (
        "a place in apposition is not the speaker",
        'Ann Reed, in Ohio, said the levy was "a mess" for farmers.',
        [("a mess", P, "Ann Reed")],
    ),
    (
        "the object of a preposition before the verb is not the speaker",
        'Tom Hale in his opening speech called the levy "a disgrace" to farmers.',
        [("a disgrace", P, "Tom Hale")],
    ),
    (
        "a noun right after a preposition is not a cue verb",
        'Ann Reed opened a new line of attack, stating the levy was "a fraud."',
        [("a fraud.", P, "Ann Reed")],
    ),
    (
        "as someone put it, before the quote",
        'As Ana Reyes, a historian, put it, "The town never recovered."',
        [("The town never recovered.", D, "Ana Reyes")],
    ),
    (
        "as someone put it, after the quote",
        '"The town never recovered," as the mayor put it.',
        [("The town never recovered,", D, "the mayor")],
    ),
    (
        "a speech verb in an infinitive after the subject's verb",
        'Ana Reyes went on to say, "The town never recovered."',
        [("The town never recovered.", D, "Ana Reyes")],
    ),
    (
        "a Canadian councillor's abbreviated title is not her name",
        '"Not this year," said Coun. Ines Barlow.',
        [("Not this year,", D, "Ines Barlow")],
    ),
    (
        "a trade word opening the sentence is not the person named after it",
        'Construction worker Milo Dassen was blunt. "Build it now," he said.',
        [("Build it now,", D, "Milo Dassen")],
    ),
    (
        "a participle opening an obituary's sentence is not part of her name, nor is she he",
        "Born Agnes Pell Ward in 1931, she learned the fiddle young.\n\n"
        '"She never wrote a tune down," he said.',
        [("She never wrote a tune down,", D, None)],
    ),
    (
        "a role and a title before the name, then a relative clause, then called it",
        'The folklorist Dr. Ned Varga, who catalogued the songs, called it "our best archive."',
        [("our best archive.", P, "Ned Varga")],
    ),
    (
        "a person of an organisation whose name holds a lower-case word told us",
        'Tim Odara of the Right to Shelter Coalition told us it was "the same money again."',
        [("the same money again.", P, "Tim Odara")],
    ),
    (
        "an organisation's relative clause holds one quote and its statement another",
        "The Prairie Growers Association, which has called the levy \u201ca tax on bread,\u201d "
        "said in a statement that it was \u201cdeeply disappointed\u201d by the vote.",
        [
            ("a tax on bread,", P, "Prairie Growers Association"),
            ("deeply disappointed", P, "Prairie Growers Association"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_reading(name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected, name


def test_name_variants_with_diacritics_merge_into_one_speaker() -> None:
    text = 'Mevlüt Çavuşoğlu arrived late. "Yes," Cavusoglu said. "No," said Çavuşoğlu.'
    extraction = extract(article(text))
    assert [s.name for s in extraction.speakers] == ["Mevlüt Çavuşoğlu"]
    assert {"Cavusoglu", "Çavuşoğlu"} <= set(extraction.speakers[0].aliases)
    assert extraction.speakers[0].quote_count == 2


def test_hyphenated_name_with_title_merges() -> None:
    text = '"Soon," said Mayor Ines Ferrante-Ruiz.\n\n"Very soon," Ferrante-Ruiz added.'
    extraction = extract(article(text))
    assert [(s.name, s.quote_count) for s in extraction.speakers] == [("Ines Ferrante-Ruiz", 2)]
    assert "Mayor Ines Ferrante-Ruiz" in extraction.speakers[0].aliases


def test_role_linked_by_apposition_becomes_an_alias() -> None:
    text = (
        'The head of the Duma committee, Leonid Slutsky, called it "a black hole".\n\n'
        '"We will act," the head of the Duma committee said.'
    )
    extraction = extract(article(text))
    assert [s.name for s in extraction.speakers] == ["Leonid Slutsky"]
    assert "The head of the Duma committee" in extraction.speakers[0].aliases


def test_organisation_is_flagged() -> None:
    extraction = extract(article('"We are monitoring it," the UN said.'))
    assert extraction.speakers[0].organisation


def test_reported_speech_without_marks_is_indirect() -> None:
    text = "Erdogan said that he expected positive outcomes from the meeting."
    extraction = extract(article(text))
    assert reading(extraction, indirect=True) == [
        ("he expected positive outcomes from the meeting", "indirect", "Erdogan")
    ]


def test_evidence_points_at_cue_and_mention() -> None:
    text = '"We are ready," said Mayor Ana Lopes.'
    extraction = extract(article(text))
    evidence = extraction.quotes[0].evidence
    assert evidence is not None and evidence.cue_span and evidence.mention_span
    assert text[evidence.cue_span.start : evidence.cue_span.end] == "said"
    assert text[evidence.mention_span.start : evidence.mention_span.end] == "Mayor Ana Lopes"


def test_nested_quote_is_marked_nested_inside_its_parent() -> None:
    text = "\"He told me 'never again' and I believed him,\" said Ann Cole."
    extraction = extract(article(text))
    outer, inner = extraction.quotes
    assert not outer.nested and inner.nested
    assert inner.text == "never again"
    assert outer.start <= inner.start < inner.end <= outer.end


def test_split_quote_keeps_both_segments_in_the_text() -> None:
    text = '"First part," Ruth Okonjo said, "second part."'
    quote = extract(article(text)).quotes[0]
    assert quote.split and len(quote.segments) == 2
    assert [text[s.start : s.end] for s in quote.segments] == ["First part,", "second part."]


def test_quotes_in_title_of_sample_are_consistent() -> None:
    from reader.load import load_sample

    sample = load_sample()
    extraction = extract(sample)
    kinds = {q.kind for q in extraction.quotes}
    assert {QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.TITLE} <= kinds
    for q in extraction.quotes:
        assert sample.text[q.start : q.end].startswith(q.text.split("\n")[0][:20])


def test_a_federal_agency_named_for_its_country_is_an_organisation_not_her() -> None:
    """`Environment Canada` was a person, and then the woman quoted next paragraph."""
    text = (
        'Environment Canada said "more rain" was coming on Saturday.\n\n'
        '"I did not even know that was a thing," she said.'
    )
    extraction = extract(article(text))
    said = {q.text: extraction.speaker(q.speaker) for q in extraction.quotes}
    agency = said["more rain"]
    assert agency is not None and agency.name == "Environment Canada" and agency.organisation
    assert said["I did not even know that was a thing,"] is None
