"""One article's rows in the library's index, and the people they point to.

Written when an article is added or the index rebuilt, deleted when the article is replaced.
`Library` decides when (under its lock, in its transactions); this module only knows the
tables of `index.py` and what an extraction puts in them. Imported where it is used: the
library screen opens a `Library` before its first paint and needs none of it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.library.extraction import CachedExtraction
    from reader.library.files import ArticleMeta
    from reader.library.names import Person, PersonTable


def read_people(db: sqlite3.Connection) -> PersonTable:
    """Everyone in the index, as the table that assigns an article's speakers to people."""
    from reader.library.names import NameKey, Person, PersonTable

    table = PersonTable()
    aliases: dict[str, set[str]] = {}
    for person_id, alias in db.execute("SELECT person_id, alias FROM aliases"):
        aliases.setdefault(person_id, set()).add(alias)
    for person_id, name, org_flag, surname, given, org in db.execute(
        "SELECT id, name, organisation, surname, given, org FROM people"
    ):
        key = NameKey(surname, tuple(given.split())) if surname else None
        person = Person(person_id, name, bool(org_flag), key, org)
        person.aliases = aliases.get(person_id, set())
        table.add(person)
        table.unsaved(person)  # as the index has it
    return table


def index_article(
    db: sqlite3.Connection,
    meta: ArticleMeta,
    extraction: CachedExtraction,
    people: PersonTable,
    text: str,
) -> None:
    """Index one article's quotes, speakers and paragraphs (`text`: the article's text).

    Rows go in with `executemany` and rowids counted from the table's largest: the FTS
    table's rowid must equal its row table's.
    """
    from reader.library import extraction as cache

    local: dict[str, Person] = {}
    for speaker_id, name, aliases, organisation, _count in extraction.speakers:
        person = people.assign(name, list(aliases), bool(organisation))
        local[speaker_id] = person
        if people.unsaved(person):
            save_person(db, person)
    counts: dict[str, int] = {}
    rowid = quote_first = next_rowid(db, "quote_rows")
    quote_rows, quote_texts = [], []
    for start, end, words, kind, paragraph, speaker in extraction.quotes:
        if kind not in cache.SPOKEN:
            continue
        said_by = local.get(speaker) if speaker else None
        if said_by is not None:
            counts[said_by.id] = counts.get(said_by.id, 0) + 1
        quote_rows.append(
            (
                rowid,
                meta.id,
                said_by.id if said_by else None,
                kind,
                paragraph,
                start,
                end,
                words,
                meta.date,
            )
        )
        quote_texts.append((rowid, words))
        rowid += 1
    db.executemany(
        "INSERT INTO quote_rows"
        ' (rowid, article_id, person_id, kind, paragraph, start, "end", text, date)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        quote_rows,
    )
    db.executemany("INSERT INTO quote_text (rowid, text) VALUES (?, ?)", quote_texts)
    db.executemany(
        "INSERT OR REPLACE INTO article_people VALUES (?, ?, ?)",
        [(meta.id, person_id, count) for person_id, count in counts.items()],
    )
    paragraphs = text.split("\n\n")
    first = next_rowid(db, "passage_rows")
    rowids = range(first, first + len(paragraphs))
    db.executemany(
        "INSERT INTO passage_rows (rowid, article_id, paragraph) VALUES (?, ?, ?)",
        [(rowid, meta.id, number) for number, rowid in enumerate(rowids)],
    )
    db.executemany(
        "INSERT INTO passage_text (rowid, text) VALUES (?, ?)",
        zip(rowids, paragraphs, strict=True),
    )
    db.execute(
        "INSERT INTO articles (id, title, source, url, added, published, date, text_sha256,"
        " read, format, quotes, speakers, feed, guid, quote_first, passage_first, passages)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            meta.id,
            meta.title,
            meta.source,
            meta.url,
            meta.added,
            meta.published,
            meta.date,
            meta.text_sha256,
            int(meta.read),
            meta.format,
            len(quote_rows),
            len(counts),
            meta.feed,
            meta.guid,
            quote_first,
            first,
            len(paragraphs),
        ),
    )


def next_rowid(db: sqlite3.Connection, table: str) -> int:
    """The rowid after the largest in `table` (rows go in with rowids counted from it)."""
    row = db.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM {table}").fetchone()
    return int(row[0])


def save_person(db: sqlite3.Connection, person: Person) -> None:
    """Write a person new to the index, or changed, with their aliases."""
    from reader.search.fold import fold

    key = person.key
    db.execute(
        "INSERT OR REPLACE INTO people VALUES (?, ?, ?, ?, ?, ?)",
        (
            person.id,
            person.name,
            int(person.organisation),
            key.surname if key else None,
            " ".join(key.given) if key else "",
            person.org,
        ),
    )
    db.executemany(
        "INSERT OR IGNORE INTO aliases VALUES (?, ?, ?)",
        [(person.id, alias, fold(alias)) for alias in person.aliases],
    )


def delete_rows(db: sqlite3.Connection, article: str) -> None:
    """Remove an article's rows from the index (people stay: others may name them).

    Its quote and passage rows are the consecutive rowids its `articles` row counts from
    (schema 4: no index on the row tables' article ids); the id is checked all the same.
    """
    row = db.execute(
        "SELECT quote_first, quotes, passage_first, passages FROM articles WHERE id = ?",
        (article,),
    ).fetchone()
    if row is not None:
        quote_first, quotes, passage_first, passages = row
        for table, rows, first, count in (
            ("quote_text", "quote_rows", quote_first, quotes),
            ("passage_text", "passage_rows", passage_first, passages),
        ):
            if first is None or not count:
                continue
            span = (first, first + count - 1, article)
            db.execute(
                f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {rows}"
                " WHERE rowid BETWEEN ? AND ? AND article_id = ?)",
                span,
            )
            db.execute(f"DELETE FROM {rows} WHERE rowid BETWEEN ? AND ? AND article_id = ?", span)
    db.execute("DELETE FROM article_people WHERE article_id = ?", (article,))
    db.execute("DELETE FROM articles WHERE id = ?", (article,))
