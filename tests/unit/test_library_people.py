"""People merged across articles, measured on two invented gold sets.

`tests/data/library`: 36 articles made from templates. `tests/data/library-hard`: 32 short
articles written by hand, with a father and son who are both ministers, two unrelated people
sharing a surname, diacritics written and not, a dropped second given name, a hyphenated
surname, a particle, and an organisation with and without "the" (see its gold.yaml).

Targets (issue 16): at least 95 % of the people who appear in several articles are one person
in the library; at most 1 % of the merges join two different people.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
import yaml

from reader.library.library import Library
from reader.library.names import NameKey, PersonTable, name_key
from reader.load import open_article

DATA = Path(__file__).parent.parent / "data" / "library"
HARD = Path(__file__).parent.parent / "data" / "library-hard"
HARD_MERGED_FLOOR = 0.95
"""The issue's target; the hard set measures 13 of 13 people merged (it was 12 of 13 until
`al-Rashid`, with its lower-case article, was read as a name)."""


def _scores(
    library: Library, ids: dict[str, str], data: Path = DATA
) -> tuple[float, float, int, int]:
    """(people merged rate, wrong-merge rate, recurring people, merged pairs)."""
    gold = yaml.safe_load((data / "gold.yaml").read_text(encoding="utf-8"))["articles"]
    aliases: dict[str, set[str]] = {}
    for person_id, alias in library.db.execute("SELECT person_id, alias FROM aliases"):
        aliases.setdefault(person_id, set()).add(alias)
    found: dict[str, dict[str, str]] = {}  # gold person -> article -> library person
    for name, entry in gold.items():
        in_article = {
            row[0]
            for row in library.db.execute(
                "SELECT person_id FROM article_people WHERE article_id = ?", (ids[name],)
            )
        }
        for mention, person in entry["mentions"].items():
            for candidate in in_article:
                if mention in aliases.get(candidate, ()):
                    found.setdefault(person, {})[name] = candidate
    articles_of: dict[str, list[str]] = {}
    for name, entry in gold.items():
        for person in entry["people"]:
            articles_of.setdefault(person, []).append(name)
    recurring = [p for p, names in articles_of.items() if len(names) > 1]
    merged = sum(
        1
        for p in recurring
        if len(found.get(p, {})) == len(articles_of[p]) and len(set(found[p].values())) == 1
    )
    occurrences = [(p, lib) for p, by_article in found.items() for lib in by_article.values()]
    pairs = [(a, b) for a, b in combinations(occurrences, 2) if a[1] == b[1]]
    wrong = sum(1 for a, b in pairs if a[0] != b[0])
    return merged / len(recurring), wrong / max(1, len(pairs)), len(recurring), len(pairs)


@pytest.fixture(scope="module")
def gold_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, dict[str, str]]:
    library = Library.open(str(tmp_path_factory.mktemp("library")))
    ids = {}
    for path in sorted((DATA / "articles").glob("*.txt")):
        ids[path.name] = library.add(open_article(str(path))).id
    return library, ids


def test_the_gold_set_has_at_least_30_articles_with_recurring_people() -> None:
    assert len(list((DATA / "articles").glob("*.txt"))) >= 30
    assert len(list((HARD / "articles").glob("*.txt"))) >= 30


@pytest.fixture(scope="module")
def hard_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, dict[str, str]]:
    library = Library.open(str(tmp_path_factory.mktemp("hard")))
    ids = {}
    for path in sorted((HARD / "articles").glob("*.txt")):
        ids[path.name] = library.add(open_article(str(path))).id
    return library, ids


def test_the_hard_set_merges_no_two_people_and_keeps_the_demirs_apart(
    hard_library: tuple[Library, dict[str, str]],
) -> None:
    """No wrong merge on the hard set; the merge rate is held at its measured floor.

    Measured: see the printed line (13 of 13 people merged, no wrong pair of 130).
    """
    library, ids = hard_library
    merged, wrong, people, pairs = _scores(library, ids, HARD)
    print(f"hard set: merged {merged:.1%} of {people} people; wrong {wrong:.2%} of {pairs} pairs")
    assert wrong <= 0.01
    assert merged >= HARD_MERGED_FLOOR
    names = {p.name for p in library.people()}
    assert {"Halil Demir", "Can Demir", "Mark Ellis", "Ruth Ellis"} <= names


def test_people_under_varied_names_are_merged_and_different_people_are_not(
    gold_library: tuple[Library, dict[str, str]],
) -> None:
    library, ids = gold_library
    merged, wrong, people, pairs = _scores(library, ids)
    print(f"merged {merged:.1%} of {people} recurring people; wrong {wrong:.2%} of {pairs} pairs")
    assert merged >= 0.95
    assert wrong <= 0.01


def test_reindex_gives_the_same_people(gold_library: tuple[Library, dict[str, str]]) -> None:
    library, ids = gold_library
    before = {(p.name, p.quotes, p.articles) for p in library.people()}
    library.reindex()
    assert {(p.name, p.quotes, p.articles) for p in library.people()} == before
    merged, wrong, _, _ = _scores(library, ids)
    assert merged >= 0.95 and wrong <= 0.01


@pytest.mark.parametrize(
    ("case", "name", "key"),
    [
        (
            "title and nationality",
            "Turkish President Recep Tayyip Erdoğan",
            NameKey("erdogan", ("recep", "tayyip")),
        ),
        ("diacritics folded", "Erdoğan", NameKey("erdogan")),
        ("possessive", "Erdogan's", NameKey("erdogan")),
        ("abbreviated title", "Sen. Sarah O'Brien", NameKey("o'brien", ("sarah",))),
        ("particle in surname", "Charles de Gaulle", NameKey("de gaulle", ("charles",))),
        ("generational suffix", "Martin Luther King Jr.", NameKey("king", ("martin", "luther"))),
        (
            "Arabic article in lower case",
            "Ambassador Ahmed al-Rashid",
            NameKey("al-rashid", ("ahmed",)),
        ),
        ("Arabic article capitalised", "Ahmed Al-Rashid", NameKey("al-rashid", ("ahmed",))),
        ("role only", "the Prime Minister", None),
        ("lower-case description", "a hydrologist", None),
    ],
)
def test_name_keys(case: str, name: str, key: NameKey | None) -> None:
    assert name_key(name) == key, case


def test_father_and_son_ministers_stay_apart_and_a_bare_surname_is_not_guessed() -> None:
    table = PersonTable()
    father = table.assign("Ahmet Kaya", ["Energy Minister Ahmet Kaya"], False)
    son = table.assign("Mehmet Kaya", ["Deputy Minister Mehmet Kaya"], False)
    assert father.id != son.id
    assert table.assign("Minister Ahmet Kaya", [], False).id == father.id
    assert table.assign("Kaya", [], False).id not in (father.id, son.id)


def test_a_surname_alone_joins_the_one_person_of_that_name() -> None:
    table = PersonTable()
    erdogan = table.assign("Recep Tayyip Erdoğan", ["Turkish President Erdogan"], False)
    assert table.assign("Erdogan", [], False).id == erdogan.id
    assert table.assign("R. T. Erdogan", [], False).id == erdogan.id


def test_a_person_first_known_by_surname_takes_the_full_name_later() -> None:
    table = PersonTable()
    bare = table.assign("Lindqvist", [], False)
    full = table.assign("Anna Lindqvist", ["Dr. Anna Lindqvist"], False)
    assert full.id == bare.id
    assert full.name == "Anna Lindqvist"
