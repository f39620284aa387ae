"""The library: add articles, list them, find what a person said and search across them.

The folders (`files.py`) are the truth; the SQLite index (`index.py`) is rebuilt from them when
missing or damaged. An add runs extraction first, unlocked, then under the library's lock
writes a pending marker, the files (metadata last: the commit point), the index rows in one
transaction, and removes the marker: a process killed anywhere leaves either the old article
or the new one, and the next open re-indexes any article whose marker is still there. The lock
(`library.lock`, flock) makes two processes adding at once take turns, so neither is lost.

An import of many articles (`add_all`) does the same a batch at a time, with the work split so
that the one process that writes does as little as it can: worker processes extract each
article and write its text, its extraction and its metadata (not yet `meta.yaml`) into the
folder it will have; under the lock the writer marks the batch pending, renames each
metadata into place, syncs once, indexes the batch in one transaction and removes the marker.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reader.library.files import (
    ArticleMeta,
    LibraryFiles,
    article_id,
    library_dir,
    new_meta,
    replace_file,
    timestamp,
)
from reader.library.index import INDEX_NAME, IndexError_, connect, set_aside
from reader.library.rows import PersonRow, Said

if TYPE_CHECKING:
    from reader.document import Article
    from reader.extract.model import Extraction
    from reader.library.extraction import CachedExtraction
    from reader.library.names import Person, PersonTable

# What only adding and indexing need (the extraction cache, the name rules, YAML, the search
# package's folding) is imported where it is used: the library screen opens a `Library` before
# its first paint and needs none of it. `load_writer` imports it all at once, for a caller
# that must not import in a thread while another thread imports (the reader's keep worker).

LOCK_TIMEOUT = 120.0
"""Seconds an add waits for another process's add or reindex."""

BATCH = 50
"""Articles written per lock and transaction by `add_all`."""

BATCH_MARKER = "batch-"
"""How a pending marker naming a batch's articles (one id a line) starts; any other marker is
named after its one article."""

Progress = Callable[[int, int], None]
"""Called with (done, total) as a long job advances."""


class LibraryError(Exception):
    """A library operation the user asked for cannot be done (one line for the CLI)."""


class AddResult(NamedTuple):
    """What `Library.add` did (a named tuple: cheaper to import than a dataclass)."""

    id: str
    """The article's id."""
    updated: bool
    """True when the article was already in the library and was updated."""


class ArticleRow(NamedTuple):
    """One article as the library lists it (a named tuple: cheaper to import)."""

    meta: ArticleMeta
    """Its metadata."""
    quotes: int
    """How many things people said in it."""
    speakers: int
    """How many people and organisations speak in it."""


class Library:
    """A library folder and its index."""

    def __init__(self, root: Path) -> None:
        self.root = root
        """The library folder."""
        self.files = LibraryFiles(root)
        """The article folders."""
        self._pending = root / "pending"
        self._db: sqlite3.Connection | None = None
        self._inode = 0
        self._people_rows: list[PersonRow] | None = None
        self._table: tuple[int, PersonTable] | None = None

    @classmethod
    def open(cls, option: str | None = None) -> Library:
        """Open the library folder (`option`, `$READER_LIBRARY_DIR` or the default)."""
        root = library_dir(option)
        try:
            root.mkdir(parents=True, exist_ok=True)
            (root / "articles").mkdir(exist_ok=True)
            (root / "pending").mkdir(exist_ok=True)
        except OSError as error:
            raise LibraryError(f"{root}: cannot create the library ({error.strerror})") from None
        library = cls(root)
        library._recover()
        return library

    # -- the index ---------------------------------------------------------------------------

    @property
    def index_path(self) -> Path:
        """Where the index is."""
        return self.root / INDEX_NAME

    @property
    def db(self) -> sqlite3.Connection:
        """The index, opened on first use; rebuilt when missing or damaged."""
        if self._db is None:
            self._db = self._connect()
            self._inode = _inode(self.index_path)
        return self._db

    def _connect(self) -> sqlite3.Connection:
        fresh = not self.index_path.exists()
        try:
            db = connect(self.index_path)
            if not fresh:
                db.execute("SELECT count(*) FROM articles").fetchone()
        except (IndexError_, sqlite3.DatabaseError):
            with contextlib.suppress(FileNotFoundError):
                set_aside(self.index_path)
            self.reindex()
            return connect(self.index_path)
        if fresh and any(True for _ in self.files.ids()):
            db.close()
            self.reindex()
            return connect(self.index_path)
        return db

    def close(self) -> None:
        """Close the index."""
        self._table = None
        if self._db is not None:
            self._db.close()
            self._db = None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the library's lock, with the index opened first.

        Opening may rebuild the index, which takes the lock itself (flock is not re-entrant).
        """
        _ = self.db
        with self._raw_lock():
            if self._inode != _inode(self.index_path):
                # Another process's reindex swapped in a new index file since we opened ours.
                self.close()
                self._db = connect(self.index_path)
                self._inode = _inode(self.index_path)
            yield

    def _raw_lock(self) -> contextlib.AbstractContextManager[None]:
        from annotations.safe_files import file_lock

        return file_lock(self.root / "library", LOCK_TIMEOUT)

    def _recover(self) -> None:
        """Re-index the articles a killed process left half-indexed (their pending markers)."""
        markers = sorted(self._pending.glob("*"))
        if not markers:
            return
        with self._locked():
            for marker in sorted(self._pending.glob("*")):
                for article in _marked(marker):
                    meta = self.files.meta(article)
                    if meta is None:
                        self.files.sweep(article)
                    with self._transaction() as db:
                        _delete_rows(db, article)
                        if meta is not None:
                            people = self._people(db)
                            self._index_article(db, meta, self._extraction(meta), people)
                marker.unlink()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._people_rows = None
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            self._table = None  # it may hold what was rolled back
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # -- adding ------------------------------------------------------------------------------

    def add(
        self,
        article: Article,
        *,
        published: str | None = None,
        feed: str | None = None,
        guid: str | None = None,
        extraction: Extraction | None = None,
    ) -> AddResult:
        """Add `article`, or update it when the same URL or text is already in the library."""
        if article.is_empty:
            raise LibraryError(f"{article.source}: no text to add")
        from reader.library import extraction as cache

        if extraction is None:
            from reader.extract import extract

            extraction = extract(article)
        blob = cache.encode(extraction)
        with self._locked(), self._transaction() as db:
            result = self._store(db, article, blob, published, feed, guid, self._people(db))
        with contextlib.suppress(FileNotFoundError):  # a recovering process may have done it
            (self._pending / result.id).unlink()
        return result

    def add_all(
        self,
        articles: Iterable[Article],
        progress: Progress | None = None,
        workers: int = 0,
        total: int | None = None,
    ) -> list[AddResult]:
        """Add many articles; extraction in `workers` processes (0: as many as worth it).

        `articles` is read as the work goes (a generator keeps memory flat; `total`, or the
        length of a list, is what `progress` counts to). Workers extract ahead while this
        process writes (`batch.py`). Each chunk of `BATCH` articles is written under one lock
        and indexed in one transaction; the pending markers make a killed batch recoverable
        as one add is. An article without text stops the import with `LibraryError` (a list
        is checked before anything is added).
        """
        from reader.library.batch import default_workers, prepared

        if isinstance(articles, list):
            empty = [a.source for a in articles if a.is_empty]
            if empty:
                raise LibraryError(f"{empty[0]}: no text to add")
            total = len(articles)
        results: list[AddResult] = []
        workers = workers or default_workers(total)
        # The index opened before the workers start: opening a new index with article
        # folders present rebuilds it, which would sweep away the folders they write ahead.
        _ = self.db
        with prepared(_with_text(articles), self.files.articles, workers) as queue:
            for number in itertools.count():
                chunk = list(itertools.islice(queue, BATCH))
                if not chunk:
                    break
                marker = self._pending / f"{BATCH_MARKER}{os.getpid()}-{number}"
                with self._locked(), self._transaction() as db:
                    people = self._people(db)
                    ids = [
                        self.find(url=r.article.url, text_sha256=r.article.text_sha256)
                        for r in chunk
                    ]
                    marked = {
                        known or article_id(r.article.url, r.article.text_sha256)
                        for known, r in zip(ids, chunk, strict=True)
                    }
                    # One marker for the chunk, before its files (not one per article).
                    marker.write_text("".join(f"{i}\n" for i in sorted(marked)), encoding="ascii")
                    stored = [
                        self._store(
                            db,
                            ready.article,
                            ready.blob,
                            None,
                            None,
                            None,
                            people,
                            False,
                            ready.added,
                            ready.ahead,
                            marked,
                        )
                        for ready in chunk
                    ]
                    os.sync()  # the chunk's files durable before its index commits
                with contextlib.suppress(FileNotFoundError):  # a recovering process may have
                    marker.unlink()
                for result in stored:
                    if result.id not in marked:
                        with contextlib.suppress(FileNotFoundError):
                            (self._pending / result.id).unlink()
                results.extend(stored)
                if progress is not None:
                    progress(len(results), max(total or 0, len(results)))
        return results

    def _store(
        self,
        db: sqlite3.Connection,
        article: Article,
        blob: bytes,
        published: str | None,
        feed: str | None,
        guid: str | None,
        people: PersonTable,
        durable: bool = True,
        added: str | None = None,
        ahead: bool = False,
        marked: frozenset[str] | set[str] = frozenset(),
    ) -> AddResult:
        """Write one article's files and index rows; `blob` is its extraction file.

        `added`: when the article was queued, its `added` if it is new (else now). `ahead`: a
        worker wrote the text, the extraction file and the metadata of the new article into
        its folder (`extraction.prepare`): the metadata is renamed into place when the article
        is new, else the files are written here. `marked`: the ids the caller's batch marker
        already names (else this writes the article's own marker). The caller holds the lock
        and the transaction, and removes the pending marker once the transaction is committed.
        """
        from reader.library import extraction as cache

        sha = article.text_sha256
        existing = self.find(url=article.url, text_sha256=sha)
        old = self.files.meta(existing) if existing else None
        fresh = existing is None and not (published or feed or guid)
        if fresh and added is not None:
            meta = new_meta(article, added)
        else:
            meta = ArticleMeta(
                id=existing or article_id(article.url, sha),
                title=article.title or (old.title if old else ""),
                source=article.source,
                text_sha256=sha,
                added=old.added if old else (added or timestamp()),
                url=article.url or (old.url if old else None),
                published=published or (old.published if old else None),
                read=old.read if old else False,
                format=article.format,
                byline=article.byline,
                feed=feed or (old.feed if old else None),
                guid=guid or (old.guid if old else None),
            )
        if meta.id not in marked:
            (self._pending / meta.id).touch()  # before the files: a kill after it is recovered
        if not (
            ahead
            and fresh
            and self._extraction_path(meta).exists()
            and self.files.commit_ahead(meta)
        ):
            if ahead:  # not this article's metadata after all
                self.files.drop_ahead(article_id(article.url, sha))
            self._save_extraction(meta, blob)
            self.files.save(meta, article.text, durable=durable)
        if old is not None:
            _delete_rows(db, meta.id)
        extraction = cache.decode(blob)
        assert extraction is not None  # encoded by this program
        self._index_article(db, meta, extraction, people, article.text)
        return AddResult(meta.id, old is not None)

    def find(
        self, *, url: str | None = None, text_sha256: str | None = None, guid: str | None = None
    ) -> str | None:
        """The id of the article with this URL, text hash or feed guid, if any."""
        for column, value in (("url", url), ("guid", guid), ("text_sha256", text_sha256)):
            if value:
                row = self.db.execute(
                    f"SELECT id FROM articles WHERE {column} = ?",
                    (value,),
                ).fetchone()
                if row:
                    return str(row[0])
        return None

    def mark_read(self, article: str, read: bool = True) -> None:
        """Mark an article read or unread (in its metadata, then the index)."""
        with self._locked():
            meta = self.files.meta(article)
            if meta is None:
                raise LibraryError(f"no article {article!r} in the library")
            self.files.save_meta(replace(meta, read=read))
            with self._transaction() as db:
                db.execute("UPDATE articles SET read = ? WHERE id = ?", (int(read), article))

    # -- extraction cache --------------------------------------------------------------------

    def _extraction_path(self, meta: ArticleMeta) -> Path:
        from reader.library import extraction as cache

        return self.files.folder(meta.id) / cache.file_name(meta.text_sha256)

    def _save_extraction(self, meta: ArticleMeta, blob: bytes) -> None:
        path = self._extraction_path(meta)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Derived data: replaced atomically but not fsynced (a cache lost to a power cut is
        # extracted again); the text and the metadata are fsynced.
        replace_file(path, blob)
        for stale in path.parent.glob("extraction-*.json"):
            if stale != path:
                with contextlib.suppress(OSError):
                    stale.unlink()

    def _extraction(self, meta: ArticleMeta) -> CachedExtraction:
        """The article's extraction: the cached file when current, else extracted again."""
        from reader.library import extraction as cache

        path = self._extraction_path(meta)
        with contextlib.suppress(OSError):
            found = cache.decode(path.read_bytes())
            if found is not None:
                return found
        from reader.extract import extract

        blob = cache.encode(extract(self.files.article(meta)))
        with contextlib.suppress(OSError):
            self._save_extraction(meta, blob)
        extraction = cache.decode(blob)
        assert extraction is not None  # encoded by this program
        return extraction

    # -- indexing ----------------------------------------------------------------------------

    def _people(self, db: sqlite3.Connection) -> PersonTable:
        """Everyone in the index, to assign speakers to; called in a write transaction.

        Read once and kept while no other connection commits (`PRAGMA data_version`): an
        import reads it once, not at every batch (the people of a big library are tens of
        thousands of rows, which each batch read again cost more the bigger the library).
        """
        from reader.library.names import NameKey, Person, PersonTable

        version = int(db.execute("PRAGMA data_version").fetchone()[0])
        if self._table is not None and self._table[0] == version:
            return self._table[1]
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
        self._table = (version, table)
        return table

    def _index_article(
        self,
        db: sqlite3.Connection,
        meta: ArticleMeta,
        extraction: CachedExtraction,
        people: PersonTable,
        text: str | None = None,
    ) -> None:
        """Index one article's quotes, speakers and paragraphs (`text`: read when not given).

        Rows go in with `executemany` and rowids counted from the table's largest: the FTS
        table's rowid must equal its row table's.
        """
        from reader.library import extraction as cache

        local: dict[str, Person] = {}
        for speaker_id, name, aliases, organisation, _count in extraction.speakers:
            person = people.assign(name, list(aliases), bool(organisation))
            local[speaker_id] = person
            if people.unsaved(person):
                _save_person(db, person)
        counts: dict[str, int] = {}
        rowid = quote_first = _next_rowid(db, "quote_rows")
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
        paragraphs = (self.files.text(meta) if text is None else text).split("\n\n")
        first = _next_rowid(db, "passage_rows")
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

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the index from the files into a new database, then swap it in.

        Returns how many articles it holds. A process killed meanwhile leaves the old index.
        """
        with self._raw_lock():
            self.close()
            self._people_rows = None
            building = self.root / f".{INDEX_NAME}.building"
            for leftover in self.root.glob(f".{INDEX_NAME}.building*"):
                leftover.unlink()
            db = connect(building)
            metas = []
            for number in self.files.ids():
                self.files.sweep(number)  # under the lock: no live writer owns a temporary
                meta = self.files.meta(number)
                if meta is not None:
                    metas.append(meta)
            metas.sort(key=lambda m: (m.added, m.id))
            from reader.library.names import PersonTable

            people = PersonTable()
            db.execute("BEGIN")
            for done, meta in enumerate(metas, 1):
                self._index_article(db, meta, self._extraction(meta), people)
                if progress is not None:
                    progress(done, len(metas))
            db.execute("COMMIT")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            for suffix in ("-wal", "-shm"):
                old = self.index_path.with_name(self.index_path.name + suffix)
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()
            building.replace(self.index_path)
            for marker in self._pending.glob("*"):
                marker.unlink()
        return len(metas)

    # -- reading -----------------------------------------------------------------------------

    def articles(self, limit: int = -1) -> list[ArticleRow]:
        """Every article (the newest `limit` when not -1), newest first, from the index alone.

        No file is read: the library screen lists 10,000 articles near its first paint.
        The index keeps every field of `ArticleMeta` but the byline (`meta(id)` reads it).
        """
        rows = self.db.execute(
            "SELECT id, title, source, text_sha256, added, url, published, read, format, feed,"
            " guid, quotes, speakers FROM articles ORDER BY date DESC, id LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            ArticleRow(
                ArticleMeta(
                    id=number,
                    title=title,
                    source=source,
                    text_sha256=sha,
                    added=added,
                    url=url,
                    published=published,
                    read=bool(read),
                    format=format_,
                    feed=feed,
                    guid=guid,
                ),
                quotes,
                speakers,
            )
            for (
                number,
                title,
                source,
                sha,
                added,
                url,
                published,
                read,
                format_,
                feed,
                guid,
                quotes,
                speakers,
            ) in rows
        ]

    def count(self) -> int:
        """How many articles the library has."""
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article(self, number: str) -> Article:
        """The article with id `number` (a unique prefix will do)."""
        meta = self.meta(number)
        return self.files.article(meta)

    def meta(self, number: str) -> ArticleMeta:
        """The metadata of the article with id `number` (a unique prefix will do)."""
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id LIKE ? || '%'", (number,)
        ).fetchall()
        if len(rows) != 1:
            what = "no article" if not rows else "more than one article"
            raise LibraryError(f"{what} with id {number!r} in the library")
        meta = self.files.meta(rows[0][0])
        if meta is None:
            raise LibraryError(f"article {number!r} is missing from {self.root}")
        return meta

    def people(self) -> list[PersonRow]:
        """Everyone who speaks in the library, most quoted first.

        Kept until the next change this process makes: search as you type asks at each key.
        """
        if self._people_rows is None:
            self._people_rows = self._read_people()
        return self._people_rows

    def _read_people(self) -> list[PersonRow]:
        aliases: dict[str, list[str]] = {}
        for person_id, alias in self.db.execute("SELECT person_id, alias FROM aliases"):
            aliases.setdefault(person_id, []).append(alias)
        rows = self.db.execute(
            "SELECT p.id, p.name, p.organisation, sum(ap.quotes), count(ap.article_id)"
            " FROM people p JOIN article_people ap ON ap.person_id = p.id"
            " GROUP BY p.id ORDER BY sum(ap.quotes) DESC, p.name"
        ).fetchall()
        return [
            PersonRow(pid, name, bool(org), quotes, count, tuple(sorted(aliases.get(pid, ()))))
            for pid, name, org, quotes, count in rows
        ]

    def find_person(self, name: str) -> PersonRow | None:
        """The person `name` best names: an alias, whatever the case, diacritics or typos."""
        from reader.library import lookup

        return lookup.find_person(self.db, name)

    def said(self, person_id: str, limit: int = -1) -> list[Said]:
        """Everything `person_id` said across the library, newest article first.

        `limit` keeps the first so many; -1 keeps all.
        """
        from reader.library import lookup

        return lookup.said_by(self.db, person_id, limit)


WRITER_MODULES = (
    "annotations.safe_files",
    "fcntl",  # imported by the lock when first taken
    "reader.library.extraction",
    "reader.library.lookup",
    "reader.library.names",
    "reader.search.fold",
)
"""The modules `Library` imports where they are used (and YAML, through `files`)."""


def load_writer() -> None:
    """Import now everything adding, indexing and finding a person import when first used.

    For a caller in a thread that holds its process's import lock meanwhile (the reader's
    `reader.ui.deferred.keep_in_library`): in CPython 3.11 two threads importing parts of one
    package at once (`reader.search`, `reader.extract`) can fail.
    """
    import importlib

    for module in WRITER_MODULES:
        importlib.import_module(module)
    from reader.library.files import _yaml

    _yaml()


def _inode(path: Path) -> int:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return 0


def _marked(marker: Path) -> list[str]:
    """The articles a pending marker names: those listed in a batch's, else its own name.

    A batch marker cut short by a kill lists fewer ids, but none of its files were written
    yet: the marker is whole before the batch writes anything.
    """
    if not marker.name.startswith(BATCH_MARKER):
        return [marker.name]
    try:
        return marker.read_text(encoding="ascii", errors="replace").split()
    except OSError:
        return []


def _with_text(articles: Iterable[Article]) -> Iterator[Article]:
    for article in articles:
        if article.is_empty:
            raise LibraryError(f"{article.source}: no text to add")
        yield article


def _next_rowid(db: sqlite3.Connection, table: str) -> int:
    row = db.execute(f"SELECT coalesce(max(rowid), 0) + 1 FROM {table}").fetchone()
    return int(row[0])


def _save_person(db: sqlite3.Connection, person: Person) -> None:
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


def _delete_rows(db: sqlite3.Connection, article: str) -> None:
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
