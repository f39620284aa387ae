"""News patterns read on the ninth fresh round's errors (issue 17), on invented text.

Each case is invented text shaped like an error class read on the fresh news articles 164-188
(mostly Canadian; never their text); the case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import QuoteKind, extract
from reader.extract.model import Extraction
from tests.unit.test_extract_cases import article


def quotes_of(extraction: Extraction) -> dict[str, tuple[str, str | None]]:
    """Each top-level quote's text with its kind and its speaker's name."""
    out: dict[str, tuple[str, str | None]] = {}
    for q in extraction.quotes:
        if q.nested or q.kind is QuoteKind.INDIRECT:
            continue
        speaker = extraction.speaker(q.speaker)
        out[q.text] = (q.kind.value, speaker.name if speaker else None)
    return out


NOT_SPEECH = [
    (
        "a campaign 'branded \"...\"' is its name, not the minister's words",
        'Officials pointed to the recruitment drive, branded "Prairie Works," which the minister'
        " said had brought in 200 nurses.",
        "Prairie Works,",
        "title",
    ),
    (
        "a practice 'referred to in memos as \"...\"' is a term",
        'The bank charged fees through a method referred to in internal memos as "low-to-high'
        ' batching." The lawyers filed suit in May.',
        "low-to-high batching.",
        "scare",
    ),
    (
        "a list posted 'under the heading \"...\"' is a title",
        'Staff have posted the list online under the heading "Flu — Current Clinic Hours,"'
        " which will be updated daily.",
        "Flu — Current Clinic Hours,",
        "title",
    ),
    (
        "'under its usual heading, \"...\"' is a title, not the agency's words",
        "The safety board said a report would be published under its usual heading, "
        '"Rail Safety Review," though it could take a year.',
        "Rail Safety Review,",
        "title",
    ),
    (
        "a parade's 'theme, \"Title: Cased\"' is a title",
        "The float was the centrepiece of the school's parade theme, "
        '"Amazonia: The River Speaks." Its sculptor arrived at dawn.',
        "Amazonia: The River Speaks.",
        "title",
    ),
    (
        "'the hashtag \"#Tag\"' is a term, not words of the one told to use it",
        'Send us your photos from the trail using the hashtag "#Trail2026".',
        "#Trail2026",
        "scare",
    ),
    (
        "a sign nobody holds, 'reading \"...\"', shows printed words",
        'By noon the crowd had gone. A hand-painted sign reading "Fish Rights = Our Rights"'
        " stood against a shed.",
        "Fish Rights = Our Rights",
        "scare",
    ),
    (
        "'titled, with some humour, \"...\"': an aside between titled and its title",
        "He hopes to sell the rest at a sale he has titled, with some humour, "
        '"All Must Go, Even Me."',
        "All Must Go, Even Me.",
        "title",
    ),
    (
        "a video 'posted under the caption \"...\"' with no poster named: a label",
        'A video of the cook, posted under the caption "Thirty years, one stove," has been'
        " viewed a million times.",
        "Thirty years, one stove,",
        "title",
    ),
    (
        "a live blog's '11:40 a.m. — Name: \"...\"' line heads an entry: a title",
        "Day 6 updates\n\n11:40 a.m. — Tizya: 'I have one more push in them'\n\nTizya was"
        ' first out of Carmacks.\n\n"I have one more push in them," the musher said.',
        "I have one more push in them",
        "title",
    ),
    (
        "a translation after a dash takes the kind of the words it translates",
        'A banner on the gate read "Nós vamos voltar" — "We will return." Nobody signed it.',
        "We will return.",
        "scare",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "quote", "kind"), NOT_SPEECH, ids=[c[0] for c in NOT_SPEECH]
)
def test_names_headings_and_signs_are_not_speech(
    name: str, text: str, quote: str, kind: str
) -> None:
    assert quotes_of(extract(article(text)))[quote][0] == kind


SPEECH_KEPT = [
    (
        "protesters holding 'signs reading \"...\"' keep their words",
        'Protesters held signs reading "Save our rink." Their leader, Mia Stone, said the vote'
        ' was "a betrayal."',
        "Save our rink.",
        "Protesters",
    ),
    (
        "'she branded the plan \"...\"' with a speaker is her words",
        'Councillor Ada Kwan branded the plan "a disgrace" on Tuesday.',
        "a disgrace",
        "Ada Kwan",
    ),
    (
        "'Smith, Jones and Lee were asked' is a list, not a fronted word",
        'Lila Kaskamin won.\n\n"We slept in a van," singer Rae Dunford said.\n\nMia Smith,'
        ' Ann Jones and Lee were asked about it. "We said no," Ann Jones said.',
        "We said no,",
        "Ann Jones",
    ),
    (
        "'the official said' is no one met before, not the last person named",
        'Mayor Ann Holt spoke first.\n\nThe vote is on Tuesday. "We are not ready," the'
        " official said.",
        "We are not ready,",
        "the official",
    ),
    (
        "'X posted a photo under the caption \"...\"': the poster's words",
        'Later, Ana Ruiz posted a photo under the caption "We did it, team."',
        "We did it, team.",
        "Ana Ruiz",
    ),
    (
        "a translation of someone's words after a bracket is still theirs",
        '"Merci," said Lise Roy. "Thank you all for coming."',
        "Merci,",
        "Lise Roy",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "quote", "speaker"), SPEECH_KEPT, ids=[c[0] for c in SPEECH_KEPT]
)
def test_speech_near_those_patterns_is_kept(name: str, text: str, quote: str, speaker: str) -> None:
    kind, found = quotes_of(extract(article(text)))[quote]
    assert (kind in ("direct", "partial"), found) == (True, speaker)


SPEAKERS = [
    (
        "'she said' after a student 'from Ho Chi Minh City' is the student, not the city",
        "Among the students was Tran Mai Lan, a second-year student from Ho Chi Minh City, who"
        ' said her parents had sold their car.\n\n"I told them it was worth it," she said.',
        {"I told them it was worth it,": "Tran Mai Lan"},
    ),
    (
        "'from Mexico City' is a place even though its words look like names",
        "Among the students in the lobby was Maria Lopez, a second-year student from Mexico"
        ' City, who said her parents had sold their car.\n\n"I told them it was worth it," she'
        " said.",
        {"I told them it was worth it,": "Maria Lopez"},
    ),
    (
        "'president of Ste. Rose Minor Hockey' is no woman called Rose Minor Hockey",
        "Chantelle Dyck, president of Ste. Rose Minor Hockey, spent the day on the phone. She"
        ' said she had found a few slots.\n\n"We have kids practising at 9 p.m.," she said.',
        {"We have kids practising at 9 p.m.,": "Chantelle Dyck"},
    ),
    (
        "'X, a planner for the developer, Birchwood Homes, told' is X's, not the developer's",
        "Ravi Menon, a planner for the developer, Birchwood Homes, told the committee the"
        ' project had been designed to "blend in" with the trees.',
        {"blend in": "Ravi Menon"},
    ),
    (
        "'Gary in Lakeside, the last caller, described' is Gary's, not 'the last caller'",
        'Gary in Lakeside, the last caller, described himself as a "reformed driver" who now'
        ' walks.\n\n"People act like it is a tragedy," he said.',
        {"reformed driver": "Gary", "People act like it is a tragedy,": "Gary"},
    ),
    (
        "'Velez, the band's drummer, grabbed the mic. \"...,\" he said' is Velez's",
        'Harbour Lights won group of the year. "We slept in a van," singer Rae Dunford told the'
        ' audience. "Tonight we get a hotel. Tomas snores."\n\nVelez, the band\'s drummer,'
        ' grabbed the microphone. "I do not snore," he said.',
        {"I do not snore,": "Velez"},
    ),
    (
        "'Host X joked about the \"...,\" which she said ...' is the host's, not the last one's",
        '"We slept in a van," singer Rae Dunford told the audience.\n\nHost Celine Aube, the'
        ' comedian, opened with a joke about the province\'s "two seasons," which she said now'
        ' meant "eight months of winter and four months of road work."',
        {"eight months of winter and four months of road work.": "Celine Aube"},
    ),
    (
        "'Backstage, Kaskamin was asked ...' notes Kaskamin, not a person called Backstage",
        'Lila Kaskamin won songwriter of the year.\n\n"We slept in a van," singer Rae Dunford'
        ' told the audience.\n\nBackstage, Kaskamin was asked what the award meant.\n\n"I was'
        ' told nobody would play it," she said.',
        {"I was told nobody would play it,": "Lila Kaskamin"},
    ),
    (
        '\'"...?" the reporter asked. "...," she replied\' is not the reporter\'s',
        "Asked by a reporter how much each customer would get, Ms. Helen Marchetti said it would"
        ' depend.\n\n"That is it?" the reporter asked.\n\n"That is after the bank fought us for'
        ' six years," she replied.',
        {"That is after the bank fought us for six years,": "Helen Marchetti"},
    ),
    (
        "'X asked her ... \"...,\" she replied' is hers, not the asker's",
        'Anna Berg chairs the board. Maria Holt asked her about the vote.\n\n"No comment," she'
        " replied.",
        {"No comment,": "Anna Berg"},
    ),
    (
        "'X was asked ... \"...,\" she replied' is still X's: she was the one asked",
        'Anna Berg chairs the board.\n\nLater, Maria Holt was asked about the vote.\n\n"No'
        ' comment," she replied.',
        {"No comment,": "Maria Holt"},
    ),
    (
        "'\"It is not funny, Einar,\" she said' is not Einar's: a quote calls its addressee",
        'Gudrun Sigurdardottir has moved her sheep three times.\n\n"We moved them to the east'
        ' field," the 63-year-old said.\n\nThe eruption began on Tuesday night north of the'
        " town.\n\nGudrun's son Einar, 34, runs the farm with her.\n\n\"Nobody pays for the"
        ' time," Einar said.\n\nHe laughed. She did not.\n\n"It is not funny, Einar," she said.',
        {"It is not funny, Einar,": "Gudrun Sigurdardottir"},
    ),
    (
        "'Stephane X, a retired pilot, said ... \"...,\" he told' is his: Stephane is a man",
        'Mayor Rejean Harvey said residents still talk about a spill.\n\n"People here live from'
        ' the river," he said.\n\nStephane Lavoie, a retired pilot, said the channel is among'
        ' the most difficult in Quebec.\n\n"The currents change with every tide," he told'
        " Radio-Canada.",
        {"The currents change with every tide,": "Stephane Lavoie"},
    ),
    (
        "'\"...,\" the statement said' is the words of whoever issued it",
        'In a statement, Northland Bank said it had "modernized its processing" in 2023.\n\n"We'
        ' remain committed to fairness," the statement said.',
        {"We remain committed to fairness,": "Northland Bank"},
    ),
    (
        "'Host X opened the show by asking a question: \"...\"' is the host's",
        'Host Anil Rao opened the show by asking a question: "Would you pay more?"',
        {"Would you pay more?": "Anil Rao"},
    ),
    (
        "'Pat from Brookfield was not convinced. \"...,\" the caller said' is Pat's",
        'Host Anil Rao took calls.\n\nPat from Brookfield was not convinced. "I have heard that'
        ' for years," the caller said. "I am 63."',
        {"I have heard that for years,": "Pat", "I am 63.": "Pat"},
    ),
    (
        "'the 34-year-old said' after 'Our reporter X caught her' is not the reporter",
        "Kaija Lindgren has pulled into the checkpoint with 12 dogs. Our reporter Sean Caley"
        ' caught her as she was bedding down her team.\n\n"They wanted to keep going," the'
        " 34-year-old said.",
        {"They wanted to keep going,": "Kaija Lindgren"},
    ),
    (
        "'Race marshal Gail Sidney says' names Gail Sidney, not someone called Race",
        "Vet Marc Tessier said it was fine.\n\nRace marshal Gail Sidney says crews have flagged"
        ' a new stretch.\n\n"Mushers have been briefed," she said.',
        {"Mushers have been briefed,": "Gail Sidney"},
    ),
    (
        "'The statement ended: \"...\"' is the words of whoever issued it",
        'In a statement, the Fisheries Department said it "recognizes and affirms" the'
        ' right.\n\nThe statement ended: "We urge all parties to exercise calm and restraint."',
        {"We urge all parties to exercise calm and restraint.": "Fisheries Department"},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), SPEAKERS, ids=[c[0] for c in SPEAKERS])
def test_speaker_of_news_patterns(name: str, text: str, expected: dict[str, str]) -> None:
    found = quotes_of(extract(article(text)))
    assert {q: found[q][1] for q in expected} == expected
