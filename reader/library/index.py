"""The library's index: SQLite (standard library) with FTS5 tables, derived from the files.

Everything here can be rebuilt from the article folders (`Library.reindex`); the database
only makes listing, `said` and search fast. A database that cannot be read is moved aside
(`index.sqlite.damaged-<time>`) and rebuilt; its schema version is kept in `schema_version`
and brought up to date by `MIGRATIONS`, in order.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

SCHEMA_VERSION = 4
"""The schema this code writes."""

_V1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT,
    added TEXT NOT NULL,
    published TEXT,
    date TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    format TEXT NOT NULL DEFAULT 'text',
    quotes INTEGER NOT NULL DEFAULT 0,
    speakers INTEGER NOT NULL DEFAULT 0,
    feed TEXT,
    guid TEXT
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_sha ON articles(text_sha256);
CREATE INDEX articles_guid ON articles(guid);
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    organisation INTEGER NOT NULL DEFAULT 0,
    surname TEXT,
    given TEXT NOT NULL DEFAULT '',
    org TEXT NOT NULL DEFAULT ''
);
CREATE INDEX people_surname ON people(surname);
CREATE TABLE aliases (
    person_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    folded TEXT NOT NULL,
    PRIMARY KEY (person_id, alias)
);
CREATE TABLE article_people (
    article_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    quotes INTEGER NOT NULL,
    PRIMARY KEY (article_id, person_id)
);
CREATE INDEX article_people_person ON article_people(person_id);
CREATE TABLE quote_rows (
    rowid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    person_id TEXT,
    kind TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX quote_rows_article ON quote_rows(article_id);
CREATE INDEX quote_rows_person ON quote_rows(person_id);
CREATE TABLE passage_rows (
    rowid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    paragraph INTEGER NOT NULL
);
CREATE INDEX passage_rows_article ON passage_rows(article_id);
CREATE VIRTUAL TABLE passage_text USING fts5(text, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quote_text USING fts5(text, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE passage_terms USING fts5vocab(passage_text, row);
"""

_V2 = """
CREATE INDEX IF NOT EXISTS aliases_folded ON aliases(folded);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date DESC, id);
ALTER TABLE quote_rows ADD COLUMN text TEXT NOT NULL DEFAULT '';
UPDATE quote_rows SET text = (SELECT q.text FROM quote_text q WHERE q.rowid = quote_rows.rowid);
DROP TABLE quote_text;
CREATE VIRTUAL TABLE quote_text USING fts5(text, content='quote_rows', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2');
INSERT INTO quote_text(quote_text) VALUES ('rebuild');
"""
"""Names found by their folded form without a scan (`reader said`, `@name`); the newest
articles without a sort (the library screen lists them before its first paint); a quote's
words kept once, in `quote_rows.text`, which `quote_text` indexes as an external-content FTS5
table (reading them through the FTS table cost `reader said` a third of its query at 10,000
articles). Its rows are still inserted and deleted explicitly, beside the row table's."""

_V3 = """
CREATE INDEX IF NOT EXISTS quote_rows_person_article ON quote_rows(person_id, article_id, start);
DROP INDEX IF EXISTS quote_rows_person;
"""
"""One person's quotes found article by article, in order: `reader said` walks the articles
newest first and takes each one's quotes from this index, instead of sorting them all (37,800
quotes at 10,000 articles: 83 ms instead of 125 ms). It also serves what `quote_rows_person`
served, so that one goes."""

_V4 = """
ALTER TABLE articles ADD COLUMN quote_first INTEGER;
ALTER TABLE articles ADD COLUMN passage_first INTEGER;
ALTER TABLE articles ADD COLUMN passages INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET
    quote_first = (SELECT min(rowid) FROM quote_rows WHERE article_id = articles.id),
    passage_first = (SELECT min(rowid) FROM passage_rows WHERE article_id = articles.id),
    passages = (SELECT count(*) FROM passage_rows WHERE article_id = articles.id);
ALTER TABLE quote_rows ADD COLUMN date TEXT NOT NULL DEFAULT '';
UPDATE quote_rows SET date = coalesce(
    (SELECT a.date FROM articles a WHERE a.id = quote_rows.article_id), '');
DROP INDEX IF EXISTS quote_rows_article;
DROP INDEX IF EXISTS passage_rows_article;
DROP INDEX IF EXISTS quote_rows_person_article;
CREATE INDEX quote_rows_person_date ON quote_rows(person_id, date DESC, article_id, start);
INSERT INTO passage_text(passage_text, rank) VALUES ('automerge', 0)
"""
"""No index keyed by an article's id on the row tables, whose rows arrive in random id order:
at 5,000 articles each batch of 50 added touched about as many pages of each such index as it
added articles (the cost per article grew with the library, 0.40 to 0.60 ms of CPU from the
first thousand to the fifth for the rows alone). An article's quote and passage rows have
consecutive rowids, so the article keeps where they start (`quote_first`, `passage_first`,
with `quotes` and `passages` as counts) and an update deletes them by range. `reader said`
walks `quote_rows_person_date` (a quote keeps its article's date): a person's newest quotes
arrive together at one end of their part of the index.

The passages' FTS5 index merges its segments only when 16 wait on one level ('crisismerge',
its default), not a little at every commit ('automerge' 4, the default): each batch's commit
otherwise merged more the larger the index (0.54 to 0.70 ms of CPU per article from the first
thousand articles to the fifth; 0.54 to 0.58 with this). A term is then looked up in at most
15 segments a level, a few levels (a reindex writes one)."""

MIGRATIONS: tuple[tuple[int, str], ...] = ((1, _V1), (2, _V2), (3, _V3), (4, _V4))
"""(version, SQL) in order: a database at version N runs every script above N."""

INDEX_NAME = "index.sqlite"
"""The database's file name in the library folder."""


class IndexError_(Exception):
    """The index cannot be used (damaged or newer than this program): it is rebuilt."""


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the index at `path` and bring its schema up to date.

    Raises `IndexError_` when the file is not a usable database.
    """
    try:
        connection = sqlite3.connect(path, timeout=60, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        migrate(connection)
    except sqlite3.DatabaseError as error:
        raise IndexError_(str(error)) from None
    return connection


def version(connection: sqlite3.Connection) -> int:
    """The schema version of an open index (0 for an empty database)."""
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if "schema_version" not in tables:
        if tables:
            raise IndexError_("an index without a schema version")
        return 0
    row = connection.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(connection: sqlite3.Connection) -> None:
    """Run the migrations the database has not had, each in one transaction."""
    current = version(connection)
    if current > SCHEMA_VERSION:
        raise IndexError_(f"index schema {current} is newer than this reader's {SCHEMA_VERSION}")
    for number, script in MIGRATIONS:
        if number <= current:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            if version(connection) >= number:  # another process migrated meanwhile
                connection.execute("ROLLBACK")
                continue
            for statement in script.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
            connection.execute("DELETE FROM schema_version")
            connection.execute("INSERT INTO schema_version VALUES (?)", (number,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def set_aside(path: Path) -> Path:
    """Move a damaged index (and its WAL files) out of the way; return where it went."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.unlink()
    return aside
