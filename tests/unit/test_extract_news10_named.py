"""Named speakers that places, possessives and fronted phrases hid (issue 17, tenth pass).

Each case is invented text shaped like an error class read by hand on PolNeAR train (with and
without coreference); the case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.news_rules10 import past_fronted_chunks, possessor_start
from tests.unit.test_extract_cases import article, reading
from tests.unit.test_extract_kind_rules import toks as tokens_of

D, P = "direct", "partial"

CASES = [
    (
        "'At a rally in Dover, N.H., on Tuesday, X endorsed Y, saying \"...\"' is X's, not N.H.'s",
        "At a rally in Dover, N.H., on Tuesday, Senator Dana Reed endorsed Ms. Lane, saying"
        ' that his rival would "make a fine mayor."',
        [("make a fine mayor.", P, "Dana Reed")],
    ),
    (
        "'At an event in Ames, Iowa, on Sunday, X tried ..., saying \"...\"' is X's, not Iowa's",
        "At an event in Ames, Iowa, on Sunday, Mrs. Lane tried to explain her plan, saying"
        ' that the county should "rally its partners."',
        [("rally its partners.", P, "Lane")],
    ),
    (
        "a quote after a dateline 'DOVER, N.H. - X showed ...' continues X, not N.H.",
        "DOVER, N.H. - At a rally here last week, Tom Pike showed the crowd a clip of the"
        ' mayor.\n\n"Mayor Hale, let me help you out."',
        [("Mayor Hale, let me help you out.", D, "Tom Pike")],
    ),
    (
        "a dateline 'LA CROSSE, Wisc. — X blamed ...' names no speaker 'Wisc'",
        "LA CROSSE, Wisc. — Gov. Tom Pike on Thursday blamed the press for the fuss over"
        ' the claim that the mayor "sold the park," saying they were nitpicking.',
        [("sold the park,", P, "Tom Pike")],
    ),
    (
        "'..., with X reportedly yelling: \"...\"' is X's, not the place opening the sentence",
        "At a rally in Dover, Delaware, on Saturday, some fans jostled a heckler, with Reed"
        ' reportedly yelling: "Get him out of here!"',
        [("Get him out of here!", D, "Reed")],
    ),
    (
        "'\"...,\" said former secretary of state X' is X's: `state` there is a noun",
        '"The first line of defense is the community," said former secretary of state Dana'
        " Lane, who praised the mayor.",
        [("The first line of defense is the community,", D, "Dana Lane")],
    ),
    (
        "'The issue came up after Mr. Pike had said, \"...\"' is Pike's, not 'The issue came up'",
        'The issue came up after Mr. Pike had said, "Our city does plenty of that too."',
        [("Our city does plenty of that too.", D, "Pike")],
    ),
    (
        "'Reed took on Lane after the front-runner had said that \"...\"' is the front-runner's",
        "Mr. Reed took on Ann Lane on Sunday after the front-runner had said on Saturday that he"
        ' was "the best recruiter they have."',
        [("the best recruiter they have.", P, "the front-runner")],
    ),
    (
        "'\"...,\" the Vermont senator and party candidate told ABC's \"Today.\"' is not ABC's",
        '"China is worried too," the Vermont senator and party candidate told ABC\'s "Today."'
        ' "You are a threat to them as well."',
        [
            ("China is worried too,", D, "the Vermont senator and party candidate"),
            ("Today.", "title", None),
            ("You are a threat to them as well.", D, "the Vermont senator and party candidate"),
        ],
    ),
    (
        "'\"...,\" the old, weary man told NBC' leaves the speaker unnamed, not NBC",
        '"We are done," the old, weary man told NBC.',
        [("We are done,", D, None)],
    ),
    (
        '\'Hale, the author of "Viral," about news, said the days when ... "..."\' is Hale\'s',
        'Hale, the author of "Viral," a book about news, said the days when the nation had'
        ' "one common story" are gone.',
        [("Viral,", "scare", None), ("one common story", P, "Hale")],
    ),
    (
        "'Officials were stunned, said the minister, \"...\"' is still the minister's",
        'Officials were stunned, said the minister, "because nobody expected it."',
        [("because nobody expected it.", P, "the minister")],
    ),
    (
        "'Asked on Monday whether X would ..., Y shook her head and said, \"No.\"' is Y's",
        "Asked on Monday whether her aide Tom Pike would hold a cabinet post, Ann Lane shook"
        ' her head and said, "No."',
        [("No.", D, "Ann Lane")],
    ),
    (
        "'Carol Mendez's spokesman said, \"...\"' is the spokesman's, not nobody's",
        'Carol Mendez\'s spokesman said, "We will never back down from this fight."',
        [("We will never back down from this fight.", D, "Carol Mendez's spokesman")],
    ),
    (
        "'In response, Mrs. Lane's campaign said that \"...\"' is the campaign's",
        "In response, Mrs. Lane's campaign said in a statement that \"Dana Lane will not be"
        ' bullied" by anyone.',
        [("Dana Lane will not be bullied", D, "Mrs. Lane's campaign")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_named_cases(name: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert reading(extract(article(text))) == expected


@pytest.mark.parametrize(
    ("text", "first_comma_word", "subject"),
    [
        ("At a rally in Dover, N.H., on Tuesday, Reed said", "N.H", "Reed"),
        ("In Ames, Iowa, Lane said", "Iowa", "Lane"),
        ("At the debate, Lane said", "Lane", "Lane"),
        ("In Ames, Reed, the mayor, said", "Reed", "Reed"),
    ],
)
def test_past_fronted_chunks_reads_over_a_state_and_a_date(
    text: str, first_comma_word: str, subject: str
) -> None:
    toks = tokens_of(text)
    start = toks.texts.index(first_comma_word)
    assert toks.texts[past_fronted_chunks(toks, start, len(toks))] == subject


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Carol Mendez's spokesman said", "Carol"),
        ("Sen. Ann Reed's office said", "Sen"),
        ("The mayor told Ann Reed's aides", None),
    ],
)
def test_possessor_start_finds_a_name_opening_its_chunk(text: str, expected: str | None) -> None:
    toks = tokens_of(text)
    i = next(k for k, t in enumerate(toks.texts) if t.endswith("'s"))
    start = possessor_start(toks, 0, i)
    assert (toks.texts[start] if start is not None else None) == expected


def test_a_person_of_a_town_before_a_state_is_still_the_speaker() -> None:
    text = '"I do not know where he stands," said voter Ann Hooton of Derry, N.H., on Friday.'
    assert reading(extract(article(text))) == [("I do not know where he stands,", D, "Ann Hooton")]


GARBAGE_CASES = [
    (
        "'Using a crude word ..., he said \"...\"' is not spoken by 'Using' (a five-letter -ing)",
        "Mr. Volkov also spoke of the war.\n\nUsing a crude word to describe the rebels, he said"
        ' perhaps they "wanted to flatter the generals."',
        [("wanted to flatter the generals.", P, "Volkov")],
    ),
    (
        "'Unless rivals quit, \"...\"' after 'said X' is X's, not 'Unless''s",
        '"It is a big moment," said Ann Pike, a strategist. Unless more rivals quit the race,'
        ' "it is hard to see how he is stopped."',
        [
            ("It is a big moment,", D, "Ann Pike"),
            ("it is hard to see how he is stopped.", P, "Ann Pike"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), GARBAGE_CASES, ids=[c[0] for c in GARBAGE_CASES]
)
def test_sentence_openers_are_no_speakers(
    name: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert reading(extract(article(text))) == expected


CREDIT_CASES = [
    (
        "a quote paragraph credited on the line below ('- Dana Lane.') is Lane's",
        "The mayor has long dodged the question.\n\n"
        '"I will look into it. I do not know the status, but I will look into it."\n\n'
        "- Dana Lane.\n\nLane has been looking into it for a long time.",
        [
            (
                "I will look into it. I do not know the status, but I will look into it.",
                D,
                "Dana Lane",
            )
        ],
    ),
    (
        "a credit with a role after the name ('-President Tom Pike, tweeting ...') is Pike's",
        '"Great speech. She is tested. She is ready."\n\n'
        "-President Tom Pike, tweeting after the speech.",
        [("Great speech. She is tested. She is ready.", D, "Tom Pike")],
    ),
    (
        "a photo credit under a quote ('- Reuters.') names no speaker",
        'The rally went on.\n\n"It was a great day for all of us here."\n\n- Reuters.',
        [("It was a great day for all of us here.", D, None)],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), CREDIT_CASES, ids=[c[0] for c in CREDIT_CASES]
)
def test_a_credit_line_under_a_quote_names_its_speaker(
    name: str, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert reading(extract(article(text))) == expected


COLON_CASES = [
    (
        "a paragraph ending 'President Lane released the following statement:' names Lane",
        "When Wallace died in 1998, President Lane released the following statement:\n\n"
        '"We offer our condolences to the family."',
        [("We offer our condolences to the family.", D, "Lane")],
    ),
    (
        "'The Times made claims, and the Daily Star responded:' names the last clause's subject",
        "The Times made the same claims in February, and the Daily Star responded:\n\n"
        '"If people are so prone to attacks, they should be barred."',
        [("If people are so prone to attacks, they should be barred.", D, "Daily Star")],
    ),
    (
        "(a guard) 'As Ann Reed observed, ... it was the stage itself:' names Reed, not 'it'",
        "Of course, as Ann Reed of the Star observed, the winner was not on the stage, it was"
        ' the stage itself:\n\n"The clear winner of the debate was the network."',
        [("The clear winner of the debate was the network.", D, "Ann Reed")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), COLON_CASES, ids=[c[0] for c in COLON_CASES])
def test_a_paragraph_ending_with_a_colon_names_the_speaker_of_the_quote_below(
    name: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert reading(extract(article(text))) == expected


@pytest.mark.parametrize("verb", ["beamed", "chided", "griped", "riffed", "deadpanned"])
def test_a_turn_verb_right_after_the_closing_mark_names_the_speaker(verb: str) -> None:
    text = f'"This is fantastic!" {verb} Donald Hartley of Madison, Alabama.'
    assert reading(extract(article(text))) == [("This is fantastic!", D, "Donald Hartley")]
