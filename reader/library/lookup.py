"""Questions the index answers alone: who a name stands for, and everything they said.

`reader said NAME` asks one such question of a possibly large library and leaves, so it must
not pay for what adding articles needs (YAML, the document model, the extraction model). This
module loads only `sqlite3` and folding (and rapidfuzz, when the name is not an exact alias),
and `open_index` opens the index directly when it is whole: present, at this schema version,
and with no pending marker left by a killed add (else the caller opens the `Library`, which
recovers or rebuilds first). `Library.find_person` and `Library.said` call `find_person` and
`said_by`; `Library.people` calls `everyone`.

A name is found in two steps: an alias equal to it once folded (case and diacritics; an
indexed column), else the closest aliases and display names by rapidfuzz's WRatio (>= 80).
Among equally good matches the person quoted most wins.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from reader.library.index import INDEX_NAME, SCHEMA_VERSION
from reader.library.rows import PersonRow, Said
from reader.search.fold import fold

FUZZY_CUTOFF = 80
"""Lowest rapidfuzz WRatio for a misspelt name to count as an alias."""

SAID_SQL = (
    "SELECT a.id, a.title, a.date, r.kind, r.text, r.paragraph, r.start"
    " FROM quote_rows r INDEXED BY quote_rows_person_date CROSS JOIN articles a"
    " ON a.id = r.article_id WHERE r.person_id = ?"
    " ORDER BY r.date DESC, r.article_id, r.start LIMIT ?"
)
"""Everything one person said, newest article first, in article order within one.

`quote_rows_person_date` holds a person's quotes in that order (each quote keeps its
article's date), so nothing is sorted."""


def open_index(root: Path) -> sqlite3.Connection | None:
    """The library's index opened as it is, or None when it needs the `Library` first.

    None when it is missing, at another schema version, unreadable, or when a killed add left
    a pending marker (its article may be half indexed until `Library.open` recovers it).
    """
    path = root / INDEX_NAME
    try:
        if not path.is_file() or any(os.scandir(root / "pending")):
            return None
    except OSError:
        return None
    try:
        db = sqlite3.connect(path, timeout=60, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        row = db.execute("SELECT version FROM schema_version").fetchone()
        if row is None or int(row[0]) != SCHEMA_VERSION:
            db.close()
            return None
    except sqlite3.Error:
        db.close()
        return None
    return db


def connect_for_threads(path: Path) -> sqlite3.Connection:
    """A connection to the index at `path` that any one thread at a time may use to read.

    The library screen searches in a worker thread, and a new keystroke's search may start
    in another thread (SQLite's default serialized mode makes that safe).
    """
    return sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)


def article_id_of(db: sqlite3.Connection, url: str | None, text_sha256: str) -> str | None:
    """The id of the article kept with this URL or this text, if any."""
    row = db.execute(
        "SELECT id FROM articles WHERE url = ? OR text_sha256 = ? LIMIT 1", (url, text_sha256)
    ).fetchone()
    return None if row is None else str(row[0])


def find_person(db: sqlite3.Connection, name: str) -> PersonRow | None:
    """The person `name` best names: an alias, whatever the case, diacritics or typos."""
    wanted = fold(name).strip()
    if not wanted:
        return None
    exact = [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT person_id FROM aliases WHERE folded = ?"
            " AND person_id IN (SELECT person_id FROM article_people)",
            (wanted,),
        )
    ]
    return _most_quoted(db, exact or _closest(db, wanted))


def _closest(db: sqlite3.Connection, wanted: str) -> list[str]:
    """The people whose aliases or names are closest to `wanted`, tied at the best score."""
    from rapidfuzz import fuzz, process

    choices: dict[tuple[str, str], str] = {}
    for person_id, alias in db.execute(
        "SELECT person_id, folded FROM aliases"
        " WHERE person_id IN (SELECT person_id FROM article_people)"
    ):
        choices[(person_id, alias)] = alias
    for person_id, shown in db.execute(
        "SELECT id, name FROM people WHERE id IN (SELECT person_id FROM article_people)"
    ):
        choices.setdefault((person_id, shown), fold(shown))
    found = process.extract(
        wanted, choices, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=20
    )
    if not found:
        return []
    top = found[0][1]
    return list(dict.fromkeys(key[0] for _alias, score, key in found if score >= top - 0.01))


def _most_quoted(db: sqlite3.Connection, ids: Iterable[str]) -> PersonRow | None:
    """Of the people `ids`, the one with most quotes (then articles, then name)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return None
    marks = ",".join("?" * len(wanted))
    rows = db.execute(
        "SELECT p.id, p.name, p.organisation, sum(ap.quotes), count(ap.article_id)"
        " FROM people p JOIN article_people ap ON ap.person_id = p.id"
        f" WHERE p.id IN ({marks}) GROUP BY p.id",
        wanted,
    ).fetchall()
    if not rows:
        return None
    best = min(rows, key=lambda r: (-r[3], -r[4], r[1]))
    aliases = tuple(
        sorted(r[0] for r in db.execute("SELECT alias FROM aliases WHERE person_id = ?", best[:1]))
    )
    return PersonRow(best[0], best[1], bool(best[2]), best[3], best[4], aliases)


def everyone(db: sqlite3.Connection) -> list[PersonRow]:
    """Everyone who speaks in the library, most quoted first, with their aliases."""
    aliases: dict[str, list[str]] = {}
    for person_id, alias in db.execute("SELECT person_id, alias FROM aliases"):
        aliases.setdefault(person_id, []).append(alias)
    rows = db.execute(
        "SELECT p.id, p.name, p.organisation, sum(ap.quotes), count(ap.article_id)"
        " FROM people p JOIN article_people ap ON ap.person_id = p.id"
        " GROUP BY p.id ORDER BY sum(ap.quotes) DESC, p.name"
    ).fetchall()
    return [
        PersonRow(pid, name, bool(org), quotes, count, tuple(sorted(aliases.get(pid, ()))))
        for pid, name, org, quotes, count in rows
    ]


def said_by(db: sqlite3.Connection, person_id: str, limit: int = -1) -> list[Said]:
    """Everything `person_id` said across the library, newest article first.

    `limit` keeps the first so many; -1 keeps all.
    """
    return list(map(Said._make, db.execute(SAID_SQL, (person_id, limit))))
