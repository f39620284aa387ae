"""Who `he` and `she` are, and which capitalised words are no one (issue 17, third pass).

Each case is invented text shaped like an error class read on PolNeAR train or the PDNC
development novels; the case id reads like the bug report it came from.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.vocatives import addressed_names, called_names
from tests.unit.test_extract_cases import article, reading

D, P, S = "direct", "partial", "scare"

CASES = [
    (
        "he after 'Another analyst, ..., said the risk was regulatory.' in one paragraph is his",
        '"It is a good price," said Tan Wei Ling, an analyst at the bank.\n\nAnother analyst,'
        " who asked not to be named, said the bigger risk was regulatory."
        ' "Brussels will look very hard at the corridor," he said.',
        [
            ("It is a good price,", D, "Tan Wei Ling"),
            ("Brussels will look very hard at the corridor,", D, "Another analyst"),
        ],
    ),
    (
        "'Trump jokingly said, \"...\"' is Trump's: a manner adverb between name and cue",
        'Tom Brandt jokingly said, "I hate to say it, I am becoming an establishment guy."',
        [("I hate to say it, I am becoming an establishment guy.", D, "Tom Brandt")],
    ),
    (
        '\'"..." Mr. Zahed said: "..."\' gives Zahed the next quote, not the one before',
        '"We are refugees," Ms. Alawi said. "We are not terrorists." Mr. Zahed said: "The'
        ' attack was terrible."',
        [
            ("We are refugees,", D, "Alawi"),
            ("We are not terrorists.", D, "Alawi"),
            ("The attack was terrible.", D, "Zahed"),
        ],
    ),
    (
        "a dateline 'Washington (AFP) –' is no speaker of the sentence it opens",
        "Washington (AFP) – Senator Ana Clift has taken a swipe at her rival, saying that"
        ' "bombastic comments" do more harm than good.',
        [("bombastic comments", P, "Ana Clift")],
    ),
    (
        "'The Green candidate, Rosa Nwala, has just walked past' is Rosa, not an org 'Green'",
        "Janet Pilk said the count was slow.\n\nThe Green candidate, Rosa Nwala, has just walked"
        ' past us. Asked how she was feeling, she said she was "absolutely terrified."',
        [("absolutely terrified.", P, "Rosa Nwala")],
    ),
    (
        "'told analysts on a conference call that ... \"...\"' is hers, not the analysts'",
        "Chief executive Maria Oyelade told analysts on a conference call that the firm was"
        ' facing "the most difficult year in a generation."\n\n"We have absorbed as much as we'
        ' can," she said.',
        [
            ("the most difficult year in a generation.", P, "Maria Oyelade"),
            ("We have absorbed as much as we can,", D, "Maria Oyelade"),
        ],
    ),
    (
        "'Fortescue blurted out, \"...\"' is hers, not 'whether leaders'",
        'Asked whether leaders had pressed her, Ada Fortescue blurted out, "Everybody was'
        ' pressing us," before adding more.',
        [("Everybody was pressing us,", D, "Ada Fortescue")],
    ),
    (
        "'The Stroke Fund, a charity, said' is the fund's, not 'a charity'",
        'The Stroke Fund, a charity, said the findings offered "real hope" to patients.',
        [("real hope", P, "Stroke Fund")],
    ),
    (
        "'welcomed by Warden Dan Mathers, who said ... \"...\"' is the warden's",
        "The alert was welcomed by Warden Dan Mathers, who said he had heard from residents who"
        ' were "scared, but grateful to know."',
        [("scared, but grateful to know.", P, "Dan Mathers")],
    ),
    (
        "'Lim said he agreed with what Asante said but that ... \"...\"' is Lim's",
        "Coun. Andrew Lim, who voted no, said he agreed with much of what Asante said but that"
        ' the rules had been "rammed through" without consultation.',
        [("rammed through", P, "Andrew Lim")],
    ),
    (
        "'Rachel Burg, a philanthropist from Monsey, New York, said' is hers, not Monsey's",
        "Rachel Burg, a philanthropist from Monsey, New York, said the speeches led her to count"
        ' the senator out.\n\n"I feel bad to say it," she said.',
        [("I feel bad to say it,", D, "Rachel Burg")],
    ),
    (
        "he after 'As for Tom Drake, he said ...' is Drake, the sentence's topic",
        "Ana Reyes spoke first.\n\nAs for Tom Drake, he said he is not worried."
        ' "I think I will have the delegates," he said.',
        [("I think I will have the delegates,", D, "Tom Drake")],
    ),
    (
        "she after 'And Trump, said Lena Sunshine, ..., does not forget.' is Sunshine, not Trump",
        "And Trump, said Lena Sunshine, who remains friendly with him, does not forget.\n\n"
        '"If you let him down, there is no going back," she said.',
        [("If you let him down, there is no going back,", D, "Lena Sunshine")],
    ),
    (
        "'Mrs. Dalton' after 'Mr. Dalton' is another person, and the she after her is hers",
        'Mr. Dalton spoke first. "We are ready," Mr. Dalton said.\n\nA young woman asked Mrs.'
        ' Dalton about it.\n\n"Should we believe them?" the woman said.\n\nMrs. Dalton did'
        ' not hesitate. "Everybody should be heard," she said.',
        [
            ("We are ready,", D, "Mr. Dalton"),
            ("Should we believe them?", D, "the woman"),
            ("Everybody should be heard,", D, "Mrs. Dalton"),
        ],
    ),
    (
        "'It's \"this new journalism.\"' gives no speaker called 'It'",
        '"What he does is dangerous," Rey Nolan says. It\'s "this new in-your-face journalism."',
        [
            ("What he does is dangerous,", D, "Rey Nolan"),
            ("this new in-your-face journalism.", S, None),
        ],
    ),
    (
        "'Given Sanders' success' does not name a person 'Given Sanders'",
        "Given Sanders' success, his group will grow.\n\n"
        '"We keep the movement alive," Sanders told me.',
        [("We keep the movement alive,", D, "Sanders")],
    ),
    (
        "'the minister said' is the minister first named after a verb, then by surname",
        "Chief Mara Bell spoke after meeting Water Services Minister Daniel Okoro-Lind in Thunder"
        " Bay.\n\nOkoro-Lind acknowledged the delay in a statement.\n\n"
        '"I share the chief\'s frustration," the minister said.',
        [("I share the chief's frustration,", D, "Okoro-Lind")],
    ),
    (
        "'the Opposition leader' is not 'Government House Leader Brenda Mireau'",
        "Government House Leader Brenda Mireau moved closure.\n\nSandra Kowal, who took over"
        ' as interim leader, laughed.\n\n"Regret? No," the Opposition leader said.',
        [("Regret? No,", D, "the Opposition leader")],
    ),
    (
        "he after a 'FULL TEXT.' label is the admiral, not a person called FULL TEXT",
        "Adm. Harry Harris, who leads the command, makes no apologies.\n\nFULL TEXT.\n\n"
        'He has called the plan "provocative and expansionist" in public.',
        [("provocative and expansionist", P, "Harry Harris")],
    ),
    (
        "he after 'Our Revolution, will help' is the man named, not 'Revolution'",
        "Ben Sandor spoke for an hour.\n\nOne of the groups he will launch, Our Revolution, will"
        ' help recruit candidates.\n\n"We keep the movement alive," he told me.',
        [("We keep the movement alive,", D, "Ben Sandor")],
    ),
    (
        "'a coach said' is someone new, not 'Calgary coach Marc Gosse' named before",
        "Calgary coach Marc Gosse disagreed with the call.\n\nThe nickname came from junior"
        ' hockey, when a coach said he moved in the crease "like a moose on ice."',
        [("like a moose on ice.", P, "a coach")],
    ),
    (
        "'kicker Logan Pryce added a field goal' is no speech: the next he is the quarterback",
        "Marcus Dell then found Ed Baker for a score, and kicker Logan Pryce added a"
        " 44-yard field goal to seal it.\n\nDell was sacked four times in the first half."
        '\n\n"I have had worse at Thanksgiving dinner," he said.',
        [("I have had worse at Thanksgiving dinner,", D, "Marcus Dell")],
    ),
    (
        "'Maren Ostrowski of Brandon University said' is a person, and she said next is hers",
        "Heather Lund called the vote a disgrace.\n\nPolitical scientist Maren Ostrowski of"
        ' Brandon University said the motion was "a calculated risk."\n\n'
        '"Governments do this when they have decided," she said.',
        [
            ("a calculated risk.", P, "Maren Ostrowski"),
            ("Governments do this when they have decided,", D, "Maren Ostrowski"),
        ],
    ),
    (
        "he after a sentence holding a title is its subject: 'a T-shirt that read \"...\"'",
        "Coun. Andrew Lim said the rules were rushed.\n\nOne speaker, retired geologist Frank"
        ' Pettigrew, arrived wearing a T-shirt that read "Fourplex Fred" at the hearing.\n\n'
        '"They are speaking to me again," he told council.',
        [
            ("Fourplex Fred", "title", None),
            ("They are speaking to me again,", D, "Frank Pettigrew"),
        ],
    ),
    (
        "she after 'Similar rifles usually sell for less.' is the woman named, not 'Similar'",
        "Ana Ruiz listed the rifle on Monday.\n\nSimilar rifles usually sell for far less."
        '\n\n"It is not for sale," she wrote.',
        [("It is not for sale,", D, "Ana Ruiz")],
    ),
    (
        "'Relief International spokesman Eric Fennel said' is Fennel's, not the organisation's",
        "Relief International spokesman Eric Fennel said groups of observers went with the"
        ' marchers, whom he described as "peaceful," for the whole route.',
        [("peaceful,", P, "Eric Fennel")],
    ),
    (
        "she after '..., said Lena Marsh, a budget analyst.' is Lena Marsh, not unattributed",
        "Some decisions are hard to explain to voters, said Lena Marsh, a budget analyst at the"
        ' institute.\n\n"It has to be something a family can understand," she said.',
        [("It has to be something a family can understand,", D, "Lena Marsh")],
    ),
    (
        "he after 'At a rally in Dover, Delaware, on Friday, Carl Benning ...' is not the state",
        "At a rally in Dover, Delaware, on Friday afternoon, Carl Benning listed the towns he"
        ' had seen.\n\nAda Price stayed home.\n\n"We are going everywhere," he said.',
        [("We are going everywhere,", D, "Carl Benning")],
    ),
    (
        "he after 'Throughout the night, ...' goes to the man named next, not to 'Throughout'",
        "Throughout the night, his friends talked about his drive.\n\n"
        "Tom Hale picked up from his sister by saying he is ready to work.\n\n"
        '"It is time to deliver," he said.',
        [("It is time to deliver,", D, "Tom Hale")],
    ),
    (
        "he after 'In Concord, he ...' is the man named before, not the town",
        "Mr. Tom Hale turns the interruptions to his advantage.\n\n"
        'In Concord, he referred to the protesters as friends. "Are you all right?" he said.',
        [("Are you all right?", D, "Tom Hale")],
    ),
    (
        "an auxiliary opening a question is not a person: 'Did that mean ...?'",
        'Ana Reyes was not convinced.\n\nDid that mean Reyes would stay home? "No, no," she said.',
        [("No, no,", D, "Ana Reyes")],
    ),
    (
        "a contracted pronoun is not a name: 'They've got ...'",
        '"They\'ve got a problem," said Jon Ralston, who runs a newsletter.',
        [("They've got a problem,", D, "Jon Ralston")],
    ),
    (
        "a role then a name after a possessive: 'his cousin James York' is the next he",
        "One of the men, Jo Elkins, served in the army. The other man, his cousin James York,"
        ' 40, cited the risks. "He talks too much," he said.',
        [("He talks too much,", D, "James York")],
    ),
    (
        "a quote with an action beat after it is the acting person's: '\"No.\" Elinor smiled.'",
        'Elinor and Tomas Vela walked on.\n\n"Is it far?" asked Tomas Vela.\n\n'
        '"Not far." Elinor smiled at him.',
        [("Is it far?", D, "Tomas Vela"), ("Not far.", D, "Elinor")],
    ),
    (
        "a quote after an action beat in its paragraph is the acting person's",
        '"Is it far?" asked Tomas Vela.\n\nInes Marr pointed at the hill. "Just there."',
        [("Is it far?", D, "Tomas Vela"), ("Just there.", D, "Ines Marr")],
    ),
    (
        "a topic person after 'For' stays the antecedent of she",
        "For Morag Beattie, who joined the trial, the result came as a relief.\n\n"
        '"I was on the real thing," she said.',
        [("I was on the real thing,", D, "Morag Beattie")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_speaker(name: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert reading(extract(article(text))) == expected


def test_a_given_name_overrules_the_gender_a_wrong_she_guessed_for_a_bare_surname() -> None:
    text = (
        "Hale spoke first.\n\n"
        '"We will win," she said.\n\n'
        "Through the night, friends talked about him.\n\n"
        "Later Tom Hale took the stage.\n\n"
        '"It is time," he said.'
    )
    assert reading(extract(article(text)))[-1] == ("It is time,", D, "Tom Hale")


def test_he_in_dialogue_finds_the_man_named_six_short_turns_back() -> None:
    text = (
        "Tomas Vela sat down beside Ines.\n\n"
        '"Is the ferry running?"\n\n"Only in the morning."\n\n"Then we are late?"\n\n'
        '"Far too late."\n\n"What a pity."\n\n"There is always tomorrow."\n\n'
        '"Tomorrow, then," he said.'
    )
    assert reading(extract(article(text)))[-1] == ("Tomorrow, then,", D, "Tomas Vela")


VOCATIVES = [
    ("a name after a comma, before a question mark", "You think so, Hastings?", ["Hastings"]),
    ("a name opening the quote before a comma", "Elinor, come here!", ["Elinor"]),
    ("a title before the name", "I hope so, Mr. Darcy, indeed.", ["Darcy"]),
    ("an exclamation between commas is no one", "Oh, well, we shall see.", []),
    ("a capitalised word inside a sentence is no vocative", "We went to London by train.", []),
]


@pytest.mark.parametrize(("name", "quote", "expected"), VOCATIVES, ids=[v[0] for v in VOCATIVES])
def test_addressed_names(name: str, quote: str, expected: list[str]) -> None:
    assert list(addressed_names(quote)) == expected


def test_a_quote_only_paragraph_after_a_vocative_is_the_addressed_persons_answer() -> None:
    text = (
        "Tomas Vela waited by the door.\n\n"
        '"Shall we go?" asked Nell Park.\n\n"Not yet."\n\n'
        '"Is that so, Tomas?"\n\n"I am sure of it."'
    )
    assert reading(extract(article(text)))[-1] == ("I am sure of it.", D, "Tomas Vela")


def test_the_person_a_quote_addresses_did_not_speak_it() -> None:
    text = (
        '"Not yet," said Tomas Vela.\n\nThe rain went on.\n\n'
        '"Shall we go?" asked Nell Park.\n\n"Because it rains, Nell."'
    )
    assert reading(extract(article(text)))[-1] == ("Because it rains, Nell.", D, "Tomas Vela")


def test_the_narrator_takes_the_name_others_call_them_and_keeps_i_as_an_alias() -> None:
    text = '"Yes," I said.\n\n"You think so, Hastings?" asked Nell Park.\n\n"Quite sure," I said.'
    speakers = extract(article(text)).speakers
    assert [(s.name, s.quote_count) for s in speakers] == [("Hastings", 2), ("Nell Park", 1)]
    assert "I" in speakers[0].aliases


def test_an_interjection_opening_a_quote_does_not_name_the_narrator() -> None:
    text = '"Yes," I said.\n\n"Still, are you sure?" asked Nell Park.\n\n"Quite sure," I said.'
    speakers = extract(article(text)).speakers
    assert speakers[0].name == "I"


CALLED = [
    ("a name after a comma", "You think so, Hastings?", ["Hastings"]),
    ("a name opening the quote is not taken", "Hastings, come here!", []),
    ("an adverb after a comma is no name", "And, still, we wait.", []),
]


@pytest.mark.parametrize(("name", "quote", "expected"), CALLED, ids=[c[0] for c in CALLED])
def test_called_names(name: str, quote: str, expected: list[str]) -> None:
    assert called_names(quote) == expected


def test_a_phrase_credited_only_by_according_to_is_wording_under_negotiation() -> None:
    text = (
        "According to people close to the talks, the Greens want the deal to end coal mining"
        ' "by 2030", while the other party wants it "as soon as it can".'
    )
    kinds = [kind for _, kind, _ in reading(extract(article(text)))]
    assert kinds[0] == "scare"


def test_a_state_is_no_antecedent_of_she_and_no_person() -> None:
    text = (
        "Sandy Phillips, who lost her daughter in Aurora, Colorado, said the call went badly.\n\n"
        '"He was late," she said.'
    )
    extraction = extract(article(text))
    assert reading(extraction) == [("He was late,", D, "Sandy Phillips")]


def test_a_party_and_state_after_a_name_is_no_person() -> None:
    text = 'Tom Chaffetz spoke first.\n\nR-Utah, he added, was safe. "We won," he said.'
    assert reading(extract(article(text)))[-1] == ("We won,", D, "Tom Chaffetz")


def test_he_is_never_a_thing_taken_for_a_speaker_such_as_the_paper() -> None:
    text = (
        "Tom Hale spoke at length.\n\n"
        '"The plan is dead," the paper said.\n\n"We will see," he said.'
    )
    assert reading(extract(article(text)))[-1] == ("We will see,", D, "Tom Hale")


def test_he_still_finds_a_role_for_a_person_such_as_the_organizer() -> None:
    text = 'Tom Hale spoke at length.\n\n"Come early," the organizer said.\n\n"Or late," he said.'
    assert reading(extract(article(text)))[-1] == ("Or late,", D, "the organizer")


def test_he_after_like_x_comma_y_is_y_not_the_one_compared_with() -> None:
    text = (
        "Like Karl Makaeff, the former customer, Tom Roffman does not want to fight again.\n\n"
        '"I am 76," he said.'
    )
    assert reading(extract(article(text))) == [("I am 76,", D, "Tom Roffman")]


def test_a_full_name_after_the_given_name_alone_is_the_same_person() -> None:
    text = '"Fight," said Mike. "Who is fighting?"\n\nMike Campbell laughed. "Nobody," he said.'
    speakers = extract(article(text)).speakers
    assert [(s.name, s.quote_count) for s in speakers] == [("Mike Campbell", 3)]


PARTICLE_NAMES = [
    (
        "al- after a title is a name: the object of 'told' is not the speaker",
        'Ms al-Nuri told an audience of engineers the plan was sound. "We build," she said.',
        "al-Nuri",
    ),
    (
        "an ayn opening a name",
        'ʿAbd Rahim spoke first. "We wait," he said.',
        "ʿAbd Rahim",
    ),
    (
        "the surname with its particle after the full name: de La Tour is Marine de La Tour",
        'Marine de La Tour spoke last. "We are ready," said de La Tour.',
        "Marine de La Tour",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "speaker"), PARTICLE_NAMES, ids=[c[0] for c in PARTICLE_NAMES]
)
def test_particle_names(name: str, text: str, speaker: str) -> None:
    assert reading(extract(article(text)))[-1][2] == speaker


def test_a_sign_that_read_is_quoted_by_those_who_held_it() -> None:
    text = 'Protesters held a sign that read "No more dams" outside the hall.'
    assert reading(extract(article(text))) == [("No more dams", P, "Protesters")]


TITLE_CASE = [
    ("a Title-Case transcript line", 'Vale Said Of Banks, "They Failed Us All."', "Vale"),
    (
        "a Title-Case headline line with a title before the name",
        'Mayor Tom Hale Says Budget Is Safe: "We Have The Money."',
        "Tom Hale",
    ),
    (
        "an ALL-CAPS heading is no Title-Case line",
        'BUDGET SAID TO BE SAFE - Tom Hale: "We have the money."',
        "Tom Hale",
    ),
]


@pytest.mark.parametrize(("name", "text", "speaker"), TITLE_CASE, ids=[c[0] for c in TITLE_CASE])
def test_title_case_lines(name: str, text: str, speaker: str) -> None:
    assert reading(extract(article(text)))[-1][2] == speaker


def test_the_rookie_defender_is_the_defender_named_a_paragraph_before() -> None:
    text = (
        "Ivo Maas, a young defender, played the full game.\n\n"
        '"We were lucky," said the rookie defender.'
    )
    assert reading(extract(article(text))) == [("We were lucky,", D, "Ivo Maas")]


def test_a_role_named_long_before_starts_a_speaker_of_its_own() -> None:
    text = (
        "Ivo Maas, a young defender, played the full game.\n\nThe crowd sang.\n\n"
        "Rain fell.\n\nThe bus left.\n\n"
        '"We were lucky," said the rookie defender.'
    )
    assert reading(extract(article(text))) == [("We were lucky,", D, "the rookie defender")]


def test_mr_and_mrs_of_one_surname_are_two_speakers() -> None:
    text = (
        'Mr. Dalton spoke first. "We are ready," Mr. Dalton said.\n\n'
        'Mrs. Dalton did not hesitate. "Everybody should be heard," she said.'
    )
    extraction = extract(article(text))
    first, second = (extraction.speaker(q.speaker) for q in extraction.quotes)
    assert first is not None and second is not None
    assert first is not second
