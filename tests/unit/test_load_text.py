"""Plain-text loading, as a named corpus of tricky inputs."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from reader.document import BlockKind, paragraph_id
from reader.load import load_bytes
from reader.load.text import MAX_PARAGRAPH

RUSSIAN = (
    "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе. "
    "По его словам, стороны договорились о прекращении огня."
)
FRENCH = (
    "Le ministre a déclaré que les négociations reprendront la semaine prochaine. "
    "Selon lui, les deux côtés se sont mis d'accord sur un cessez-le-feu à Noël. "
    "Les élèves étaient ravis."
)
WRAPPED = (
    "The council met on Tuesday evening to discuss the future of the old\n"
    "bridge, which has been closed since the floods of October and which many\n"
    "residents say they can no longer do without in their daily lives.\n"
)


@dataclass(frozen=True)
class Case:
    """A tricky input and what a reader must see."""

    name: str
    data: bytes
    title: str
    paragraphs: list[str]


CASES = [
    Case("utf-8", "Headline\n\nCafé au lait.".encode(), "Headline", ["Café au lait."]),
    Case(
        "utf-8 with BOM",
        b"\xef\xbb\xbfHeadline\n\nCaf\xc3\xa9 au lait.",
        "Headline",
        ["Café au lait."],
    ),
    Case(
        "utf-16 LE with BOM",
        "Headline\n\nÇavuşoğlu spoke.".encode("utf-16"),
        "Headline",
        ["Çavuşoğlu spoke."],
    ),
    Case(
        "utf-16 BE with BOM",
        b"\xfe\xff" + "Headline\n\nÇavuşoğlu spoke.".encode("utf-16-be"),
        "Headline",
        ["Çavuşoğlu spoke."],
    ),
    Case(
        "cp1251 Russian",
        ("Новости дня\n\n" + RUSSIAN).encode("cp1251"),
        "Новости дня",
        [RUSSIAN],
    ),
    Case(
        "latin-1 French",
        ("Les nouvelles\n\n" + FRENCH).encode("latin-1"),
        "Les nouvelles",
        [FRENCH],
    ),
    Case("CRLF line ends", b"Title\r\n\r\nOne.\r\n\r\nTwo.\r\n", "Title", ["One.", "Two."]),
    Case("CR line ends", b"Title\r\rOne.\r\rTwo.\r", "Title", ["One.", "Two."]),
    Case(
        "hard-wrapped paragraph joined",
        b"Title\n\n" + WRAPPED.encode(),
        "Title",
        [" ".join(WRAPPED.split())],
    ),
    Case(
        "hyphen at a wrapped line end kept",
        b"Title\n\nThe talks were described by both sides as a long-running and well-\n"
        b"prepared exercise in patience and goodwill between the two old rivals.\n",
        "Title",
        [
            "The talks were described by both sides as a long-running and well-prepared "
            "exercise in patience and goodwill between the two old rivals."
        ],
    ),
    Case(
        "bulleted list not glued",
        b"Title\n\nThe plan has three parts:\n- repair the piers\n- raise the deck\n"
        b"- open by spring\n",
        "Title",
        ["The plan has three parts:", "- repair the piers", "- raise the deck", "- open by spring"],
    ),
    Case(
        "numbered list after wrapped prose not glued",
        b"Title\n\nThe committee, which met for more than six hours on Monday, agreed on\n"
        b"the following steps that the ministry will take before the end of June:\n"
        b"1. publish the full report on the website of the ministry\n"
        b"2. hold a public hearing\n",
        "Title",
        [
            "The committee, which met for more than six hours on Monday, agreed on the "
            "following steps that the ministry will take before the end of June:",
            "1. publish the full report on the website of the ministry",
            "2. hold a public hearing",
        ],
    ),
    Case(
        "dialogue lines not glued",
        "Title\n\n— Where were you on the night of the flood, and who saw you there?\n"
        "— At home with my family, as I have told the police at least three times.\n".encode(),
        "Title",
        [
            "— Where were you on the night of the flood, and who saw you there?",
            "— At home with my family, as I have told the police at least three times.",
        ],
    ),
    Case(
        "play dialogue with speaker names not glued",
        b"Title\n\nMAYOR: We will rebuild the bridge before the spring, whatever it costs us.\n"
        b"AMSEL: And who, exactly, is going to pay for it when the reserves are gone?\n",
        "Title",
        [
            "MAYOR: We will rebuild the bridge before the spring, whatever it costs us.",
            "AMSEL: And who, exactly, is going to pay for it when the reserves are gone?",
        ],
    ),
    Case(
        "short lines of verse kept as lines",
        b"Title\n\nThe river rose at night,\nit took the bridge away,\nand in the grey light\n"
        b"we counted what would stay.\n",
        "Title",
        [
            "The river rose at night,\nit took the bridge away,\nand in the grey light\n"
            "we counted what would stay."
        ],
    ),
    Case(
        "one paragraph per long line",
        ("Title\n" + "A" * 20 + " long line of prose that goes on. " * 5 + "\n" + "Second " * 30)
        .strip()
        .encode(),
        "Title",
        [("A" * 20 + " long line of prose that goes on. " * 5).strip(), ("Second " * 30).strip()],
    ),
    Case(
        "headline repeated at the top shown once",
        b"Storm hits coast\n\nStorm hits coast\n\nThe storm arrived at dawn.\n",
        "Storm hits coast",
        ["The storm arrived at dawn."],
    ),
    Case(
        "headline repeated on the very next line shown once",
        b"Storm hits coast\nStorm hits coast\n\nA storm hit the coast on Monday.\n",
        "Storm hits coast",
        ["A storm hit the coast on Monday."],
    ),
    Case(
        "headline repeated on the next line, the first paragraph right under it",
        b"Storm hits coast\nStorm hits coast\nA storm hit the coast on Monday, and the "
        b"river rose over its banks before noon in three towns along the estuary.\n",
        "Storm hits coast",
        [
            "A storm hit the coast on Monday, and the river rose over its banks before noon "
            "in three towns along the estuary."
        ],
    ),
    Case(
        "standfirst line not glued to the sentence under it",
        b"Underdogs stun champions\n\nThe home side won against a much stronger opponent\n"
        b"Although his team had lost five in a row, the coach said little before the game.\n",
        "Underdogs stun champions",
        [
            "The home side won against a much stronger opponent",
            "Although his team had lost five in a row, the coach said little before the game.",
        ],
    ),
    Case(
        "subheading kept apart from the hard-wrapped prose under it",
        b"Title\n\nWhat the council decided after six hours of debate\n" + WRAPPED.encode(),
        "Title",
        ["What the council decided after six hours of debate", " ".join(WRAPPED.split())],
    ),
    Case(
        "hand-wrapped line ending in a short word joined to a capitalised next line",
        b"Title\n\nAnyone who holds the printed copy may ask for (1) a second copy, or (2) "
        b"access to read the\nOnline Edition from the library server at no charge.\n",
        "Title",
        [
            "Anyone who holds the printed copy may ask for (1) a second copy, or (2) access to "
            "read the Online Edition from the library server at no charge."
        ],
    ),
    Case(
        "first line ending with a period is prose, not a title",
        b"The storm arrived at dawn.\n\nIt left by noon.\n",
        "",
        ["The storm arrived at dawn.", "It left by noon."],
    ),
    Case(
        "non-breaking spaces and other Unicode kept",
        "Title\n\nIt cost 11\u00a0million\u00a0£ — “a lot”, said Zoë 🙂.".encode(),
        "Title",
        ["It cost 11\u00a0million\u00a0£ — “a lot”, said Zoë 🙂."],
    ),
    Case(
        "terminal escape sequences removed",
        b"Title\n\nSafe \x1b[31mred\x1b[0m text \x1b]0;pwned\x07here\x1b[2J.",
        "Title",
        ["Safe red text here."],
    ),
    Case(
        "other control characters made visible",
        b"Title\n\nBell\x07 and backspace\x08 shown.",
        "Title",
        ["Bell\u2407 and backspace\u2408 shown."],
    ),
    Case(
        "markup-like text kept literally",
        b"Title\n\nPress [bold red]this[/] or [link=http://x]that[/link].",
        "Title",
        ["Press [bold red]this[/] or [link=http://x]that[/link]."],
    ),
    Case("tabs become spaces", b"Title\n\nA\tB", "Title", ["A    B"]),
    Case(
        "a chapter opening with a line of dialogue keeps it as text, not as the headline",
        b'"It is late," said Ada Brook. "Come in."\n\n"Not yet."',
        "",
        ['"It is late," said Ada Brook. "Come in."', '"Not yet."'],
    ),
    Case(
        "a text opening with a one-sentence quote keeps it as text, not as the headline",
        "\u201cNot yet.\u201d\n\n\u201cWhy?\u201d".encode(),
        "",
        ["\u201cNot yet.\u201d", "\u201cWhy?\u201d"],
    ),
    Case(
        "a headline that names its speaker before the quote stays the headline",
        "Mayor: \u201cWe will act.\u201d\n\nThe council met.".encode(),
        "Mayor: \u201cWe will act.\u201d",
        ["The council met."],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_plain_text_corpus(case: Case) -> None:
    article = load_bytes(case.data, name="case", source="<stdin>", suffix=".txt")
    assert article.title == case.title
    assert [p.text for p in article.paragraphs] == case.paragraphs
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text


def test_list_items_are_marked_as_list_items() -> None:
    article = load_bytes(b"Title\n\nIntro:\n- one item here\n- two\n", name="x", source="<stdin>")
    assert [p.kind for p in article.paragraphs] == [
        BlockKind.BODY,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
    ]


def test_empty_file_gives_an_empty_article() -> None:
    article = load_bytes(b"", name="empty.txt", source="/tmp/empty.txt")
    assert article.is_empty
    assert article.text == ""


def test_ten_megabytes_without_a_newline_are_split_into_readable_paragraphs() -> None:
    sentence = b"The river rose again overnight and the bridge stayed shut. "
    data = sentence * (10 * 1024 * 1024 // len(sentence))
    article = load_bytes(data, name="big", source="<stdin>")
    assert len(article.paragraphs) > 1000
    assert max(len(p.text) for p in article.paragraphs) <= MAX_PARAGRAPH
    assert all(p.text.endswith(".") for p in article.paragraphs[:-1])


def test_ten_megabytes_of_one_word_are_cut_anyway() -> None:
    article = load_bytes(b"x" * (10 * 1024 * 1024), name="big", source="<stdin>")
    assert max(len(p.text) for p in article.paragraphs) <= MAX_PARAGRAPH
    assert sum(len(p.text) for p in article.paragraphs) == 10 * 1024 * 1024


def test_paragraph_ids_are_stable_and_follow_content() -> None:
    data = b"Title\n\nFirst paragraph.\n\nSecond paragraph.\n"
    first = load_bytes(data, name="a", source="<stdin>")
    again = load_bytes(data, name="b", source="/elsewhere/a.txt")
    edited = load_bytes(data.replace(b"Second", b"Other"), name="a", source="<stdin>")
    assert [p.id for p in first.paragraphs] == [p.id for p in again.paragraphs]
    assert first.paragraphs[0].id == edited.paragraphs[0].id
    assert first.paragraphs[1].id != edited.paragraphs[1].id
    assert first.text_sha256 == again.text_sha256
    # notes files kept in git name these ids: they are the same in every version of the reader
    assert [p.id for p in first.paragraphs] == ["p1-6e02c411", "p2-3b451b8e"]
    assert all(p.id == paragraph_id(p.position, p.text) for p in first.paragraphs)


LEGACY = [
    ("cp1251 one short line", "Привет, мир! Как дела?", "cp1251"),
    ("koi8-r", "Министр заявил журналистам, что переговоры продолжатся.", "koi8-r"),
    ("latin-1 two words", "Café crème", "latin-1"),
    (
        "latin-1 German",
        "Die Straße war gesperrt, sagte der Bürgermeister. Öffnung im März.",
        "latin-1",
    ),
    ("cp1252 curly quotes", "He said “no” and left — it’s over, at 5 €.", "cp1252"),
    ("cp1250 Czech", "Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
    ("cp1253 Greek", "Ο υπουργός δήλωσε ότι οι διαπραγματεύσεις θα συνεχιστούν.", "cp1253"),
]


@pytest.mark.parametrize(("name", "text", "encoding"), LEGACY, ids=[c[0] for c in LEGACY])
def test_legacy_encodings_are_detected(name: str, text: str, encoding: str) -> None:
    article = load_bytes(("Title\n\n" + text).encode(encoding), name=name, source="<stdin>")
    assert [p.text for p in article.paragraphs] == [text]
