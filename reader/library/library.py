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
    timestamp,
)
from reader.library.index import INDEX_NAME, IndexError_, connect, set_aside
from reader.library.rows import PersonRow, Said

if TYPE_CHECKING:
    from reader.document import Article
    from reader.extract.model import Extraction
    from reader.library.names import PersonTable

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
        from reader.library import extraction as cache
        from reader.library import index_rows

        with self._locked():
            for marker in sorted(self._pending.glob("*")):
                for article in _marked(marker):
                    meta = self.files.meta(article)
                    if meta is None:
                        self.files.sweep(article)
                    with self._transaction() as db:
                        index_rows.delete_rows(db, article)
                        if meta is not None:
                            extraction = cache.load(self.files, meta)
                            text = self.files.text(meta)
                            people = self._people(db)
                            index_rows.index_article(db, meta, extraction, people, text)
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
        from reader.library import index_rows

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
            and cache.path(self.files, meta).exists()
            and self.files.commit_ahead(meta)
        ):
            if ahead:  # not this article's metadata after all
                self.files.drop_ahead(article_id(article.url, sha))
            cache.save(self.files, meta, blob)
            self.files.save(meta, article.text, durable=durable)
        if old is not None:
            index_rows.delete_rows(db, meta.id)
        extraction = cache.decode(blob)
        assert extraction is not None  # encoded by this program
        index_rows.index_article(db, meta, extraction, people, article.text)
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

    # -- indexing ----------------------------------------------------------------------------

    def _people(self, db: sqlite3.Connection) -> PersonTable:
        """Everyone in the index, to assign speakers to; called in a write transaction.

        Read once and kept while no other connection commits (`PRAGMA data_version`): an
        import reads it once, not at every batch (the people of a big library are tens of
        thousands of rows, which each batch read again cost more the bigger the library).
        """
        from reader.library.index_rows import read_people

        version = int(db.execute("PRAGMA data_version").fetchone()[0])
        if self._table is not None and self._table[0] == version:
            return self._table[1]
        table = read_people(db)
        self._table = (version, table)
        return table

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
            from reader.library import extraction as cache
            from reader.library import index_rows
            from reader.library.names import PersonTable

            people = PersonTable()
            db.execute("BEGIN")
            for done, meta in enumerate(metas, 1):
                extraction = cache.load(self.files, meta)
                text = self.files.text(meta)
                index_rows.index_article(db, meta, extraction, people, text)
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
            ArticleRow(ArticleMeta(*fields), quotes, speakers)
            for *row, quotes, speakers in rows
            # ArticleMeta's fields in order: `read` made a bool, an empty byline (none kept)
            for fields in [(*row[:7], bool(row[7]), row[8], "", *row[9:])]
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
            from reader.library import lookup

            self._people_rows = lookup.everyone(self.db)
        return self._people_rows

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
    "reader.library.index_rows",
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
