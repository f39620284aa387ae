"""The notes index: what every notes file in a directory is about, without reading them all.

One SQLite database per notes directory, in the platform state directory
(`~/.local/state/reader/notes-index/<16 hex of the directory's path>.sqlite3`). It holds, per
notes file: its inode, size and mtime (to tell when it changed), document id, URL,
title, the text hashes the file knows, the number of live notes, and the word shingles of
its passages (`annotations.shingles`), each indexed so a lookup is a few queries. Beside that
it keeps what only this machine knows, which a rebuild loses (the lookup then relies on the
files alone): the path each article was last opened from, text hashes attached here, and a
sketch of each text notes were made on.

It is a cache of the directory, never the truth:
- **Validated** before use: when the directory's mtime changed (a file was added, removed
  or replaced, as git, sync tools, editors and the store's atomic saves all do), it is listed
  and new or replaced files (a new inode) are read again; every file a lookup weighs is
  checked by inode, size and mtime first; and a lookup that finds nothing compares every
  file's size and mtime, at most every `SWEEP_SECONDS`, to catch a file rewritten in place.
  Times within `RACY_SECONDS` of now are not trusted (the next lookup looks again), as git
  does for its own index.
- **Versioned** (`PRAGMA user_version`): another version or a damaged file makes it start
  again from an empty index, built in a temporary file and renamed into place (atomic);
  SQLite commits every update atomically. Deleting it is always safe.
- **Never fatal**: when it cannot be used (a read-only state directory, another process
  holding it for over `BUSY_SECONDS`), the lookup indexes the directory in memory instead,
  which costs a full scan.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from annotations.model import NotesFile, normalise_url
from annotations.parsed_cache import ParsedNotesCache
from annotations.safe_files import read_regular
from annotations.shingles import decode_sketch, encode_sketch, shingles
from annotations.yaml_io import NotesFormatError, read_document, read_notes

INDEX_VERSION = 5
"""Schema of the index database; any other version is discarded and rebuilt."""

RACY_SECONDS = 2.0
"""A directory or file changed this recently may change again within its mtime's precision."""

SWEEP_SECONDS = 600.0
"""After a lookup that found nothing, every file's mtime and size are compared again (to see
a file rewritten in place, not replaced), at most once in this many seconds: it costs a
`stat` per file, as much as the rest of the lookup with 10,000 files."""

BUSY_SECONDS = 5.0
"""How long a process waits for another one's update of the index."""

PASSAGE_SHINGLES = 64
"""Shingles indexed per passage at most (a long passage is recognised by its first ones)."""

MAX_POSTINGS = 20
"""A shingle found in more files than this is not used to choose candidates (too common)."""

HEADER_BYTES = 16 * 1024
"""How much of an unreadable file is read for its `document:` header."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    name TEXT PRIMARY KEY, inode INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL, short TEXT NOT NULL, doc_id TEXT NOT NULL, url TEXT,
    title TEXT NOT NULL, notes INTEGER NOT NULL, broken TEXT
);
CREATE INDEX files_url ON files (url);
CREATE INDEX files_short ON files (short);
CREATE INDEX files_title ON files (title);
CREATE TABLE hashes (hash TEXT NOT NULL, name TEXT NOT NULL, local INTEGER NOT NULL,
    PRIMARY KEY (hash, name));
CREATE INDEX hashes_name ON hashes (name);
CREATE TABLE shingles (h INTEGER NOT NULL, name TEXT NOT NULL);
CREATE INDEX shingles_h ON shingles (h);
CREATE INDEX shingles_name ON shingles (name);
CREATE TABLE paths (path TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE sketches (name TEXT NOT NULL, hash TEXT NOT NULL, sketch TEXT NOT NULL,
    PRIMARY KEY (name, hash));
CREATE TABLE sketch_values (h INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (h, name));
CREATE TABLE declined (name TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (name, hash));
CREATE TABLE misses (hash TEXT PRIMARY KEY, directory TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class FileEntry:
    """What the index knows of one notes file."""

    name: str
    """The file name in the notes directory."""
    doc_id: str
    """The document id in its header (empty when unreadable)."""
    url: str | None
    """Its normalised source URL, if any."""
    title: str
    """Its title, normalised by `title_key`."""
    notes: int
    """Live notes in it."""
    broken: str | None
    """Why it cannot be read, or None."""


def title_key(title: str) -> str:
    """A title as the lookup compares it: case-folded, whitespace collapsed."""
    return " ".join(title.casefold().split())


def index_path(directory: Path) -> Path:
    """Where the index of `directory` lives (in the platform state directory)."""
    import platformdirs

    key = hashlib.sha256(str(directory.resolve()).encode("utf-8")).hexdigest()[:16]
    state = os.environ.get("XDG_STATE_HOME")
    base = (
        Path(state) / "reader"
        if state and os.path.isabs(state)
        else platformdirs.user_state_path("reader", appauthor=False)
    )
    return base / "notes-index" / f"{key}.sqlite3"


class NotesIndex:
    """The index of one notes directory (see the module docstring); use `NotesIndex.open`."""

    def __init__(self, directory: Path, connection: sqlite3.Connection) -> None:
        self.directory = directory
        """The notes directory indexed."""
        self._db = connection

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, path: Path | None = None) -> NotesIndex:
        """The index of `directory`, brought up to date; never raises for a bad index.

        `path` is where the database lives (default `index_path(directory)`). A damaged or
        foreign database is replaced by a new one; when none can be kept on disk, the
        directory is indexed in memory.
        """
        where = index_path(directory) if path is None else path
        for rebuild in (False, True):
            try:
                index = cls(directory, _connect(where, rebuild=rebuild))
                index.refresh()
                return index
            except sqlite3.OperationalError:
                break  # busy for too long, or a read-only disk: not damage, keep the file
            except sqlite3.DatabaseError:
                continue  # damaged: build it again
            except OSError:
                break
        return cls.in_memory(directory)

    @classmethod
    def in_memory(cls, directory: Path) -> NotesIndex:
        """An index of `directory` held in memory only (a full scan; for when disk fails)."""
        index = cls(directory, _connect_memory())
        index.refresh()
        return index

    def close(self) -> None:
        """Close the database."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> NotesIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keeping up with the directory ---------------------------------------------------

    def refresh(self, *, full: bool = False) -> bool:
        """Re-read files that changed; True if any did.

        One `stat` when the directory's mtime is unchanged. Otherwise the directory is
        listed and only new files and replaced ones (a new inode: git, sync tools and atomic
        saves all replace files) are read. `full` compares every file's size and mtime as
        well, to catch a file rewritten in place.
        """
        try:
            info = self.directory.stat()
        except OSError:
            info = None
        key = "" if info is None else f"{info.st_mtime_ns}:{info.st_ino}"
        if not full and key and key == self._meta("directory"):
            return False
        # A directory changed within RACY_SECONDS may change again within the same mtime:
        # store no key then, so the next lookup looks again.
        racy = info is not None and time.time() - info.st_mtime < RACY_SECONDS
        stored = "" if racy else key
        listing = self._listing()
        changed = False
        now = time.time_ns()
        with self._db:
            known = {
                row[0]: (row[1], row[2], row[3])
                for row in self._db.execute("SELECT name, inode, mtime_ns, size FROM files")
            }
            for name in known.keys() - listing.keys():
                self._forget(name)
                changed = True
            for name, inode in listing.items():
                before = known.get(name)
                if before is not None and before[0] == inode and before[1] >= 0 and not full:
                    continue
                try:
                    stat = _file_key(os.stat(self.directory / name), now)
                except OSError:
                    continue
                if before != stat or stat[1] < 0:
                    self._index_file(name, stat)
                    changed = True
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('directory', ?)", (stored,))
            if full:
                self._db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('swept', ?)", (str(time.time()),)
                )
        return changed

    def sweep_due(self) -> bool:
        """True when no full `refresh` was made in the last `SWEEP_SECONDS`."""
        try:
            return time.time() - float(self._meta("swept") or 0) > SWEEP_SECONDS
        except ValueError:
            return True

    def _listing(self) -> dict[str, int]:
        """The notes files in the directory and their inodes (no `stat` needed: `d_ino`)."""
        from annotations.location import NOTES_SUFFIX

        found: dict[str, int] = {}
        try:
            with os.scandir(self.directory) as entries:
                for entry in entries:
                    if entry.name.endswith(NOTES_SUFFIX):
                        with contextlib.suppress(OSError):
                            if entry.is_file():
                                found[entry.name] = entry.inode()
        except OSError:
            pass
        return found

    def check(self, name: str) -> bool:
        """Make sure the entry for `name` matches the file on disk; False if it is gone."""
        path = self.directory / name
        row = self._db.execute(
            "SELECT inode, mtime_ns, size FROM files WHERE name = ?", (name,)
        ).fetchone()
        try:
            stat = _file_key(path.stat(), time.time_ns())
        except OSError:
            if row is not None:  # it was there: forget it (not a file yet to be made)
                with self._db:
                    self._forget(name)
            return False
        if row is None or tuple(row) != stat or stat[1] < 0:
            with self._db:
                self._index_file(name, stat)
        return True

    def _index_file(self, name: str, stat: tuple[int, int, int]) -> None:
        path = self.directory / name
        try:
            data = read_regular(path)  # a FIFO put in place of a notes file must not hang us
        except OSError as error:
            self._mark_broken(name, stat, f"cannot read {path}: {error.strerror or error}")
            return
        # Through the parsed cache: the store opening this file next (the usual reason for
        # a lookup) then reads it from there instead of parsing 10,000 notes a second time.
        parsed = ParsedNotesCache.default()
        sha256 = hashlib.sha256(data).hexdigest()
        cached = parsed.get(sha256, len(data))
        if cached is not None:
            notes = cached[0]
        else:
            try:
                notes, comments, canonical = read_notes(data, str(path))
            except NotesFormatError as error:
                self._mark_broken(name, stat, str(error), data)
                return
            if not canonical:  # the writer's own text is read quickly again (`yaml_canonical_read`)
                parsed.put(sha256, len(data), notes, comments, read=True)
        self._store(name, stat, notes)

    def _store(self, name: str, stat: tuple[int, int, int], notes: NotesFile) -> None:
        document = notes.document
        db = self._db
        db.execute("DELETE FROM hashes WHERE name = ? AND local = 0", (name,))
        db.execute("DELETE FROM shingles WHERE name = ?", (name,))
        live = notes.live
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (
                name,
                *stat,
                _short_of(name),
                document.id,
                normalise_url(document.url) if document.url else None,
                title_key(document.title),
                len(live),
            ),
        )
        hashes = {document.text_sha256, *document.known_text_sha256} - {""}
        db.executemany("INSERT OR IGNORE INTO hashes VALUES (?, ?, 0)", ((h, name) for h in hashes))
        found: set[int] = set()
        for annotation in live:
            selector = annotation.selector
            if selector is not None:
                # With its context (whole words only), so that an edit inside a short
                # passage leaves shingles to find it by.
                context = [*selector.prefix.split(maxsplit=1)[-1:], selector.exact]
                context += selector.suffix.rsplit(maxsplit=1)[:1]
                found.update(list(shingles(" ".join(context)))[:PASSAGE_SHINGLES])
        db.executemany("INSERT INTO shingles VALUES (?, ?)", ((h, name) for h in found))

    def _mark_broken(
        self, name: str, stat: tuple[int, int, int], reason: str, data: bytes = b""
    ) -> None:
        """Keep what was known of a file that became unreadable, and say why it is."""
        db = self._db
        if db.execute("SELECT 1 FROM files WHERE name = ?", (name,)).fetchone():
            db.execute(
                "UPDATE files SET inode = ?, mtime_ns = ?, size = ?, broken = ? WHERE name = ?",
                (*stat, reason, name),
            )
            return
        head = data[:HEADER_BYTES].decode("utf-8", errors="replace")
        document = read_document(head, name) if head else None
        db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                name,
                *stat,
                _short_of(name),
                document.id if document else "",
                normalise_url(document.url) if document and document.url else None,
                title_key(document.title) if document else "",
                reason,
            ),
        )
        if document is not None:
            hashes = {document.text_sha256, *document.known_text_sha256} - {""}
            db.executemany(
                "INSERT OR IGNORE INTO hashes VALUES (?, ?, 0)", ((h, name) for h in hashes)
            )

    def _forget(self, name: str) -> None:
        tables = ("files", "hashes", "shingles", "paths", "sketches", "sketch_values", "declined")
        for table in tables:
            self._db.execute(f"DELETE FROM {table} WHERE name = ?", (name,))

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # -- queries -------------------------------------------------------------------------

    def entry(self, name: str) -> FileEntry | None:
        """The entry of one file, or None."""
        row = self._db.execute(
            "SELECT name, doc_id, url, title, notes, broken FROM files WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else FileEntry(*row)

    def entries(self) -> list[FileEntry]:
        """Every file's entry, by name."""
        rows = self._db.execute(
            "SELECT name, doc_id, url, title, notes, broken FROM files ORDER BY name"
        )
        return [FileEntry(*row) for row in rows]

    def by_hash(self, text_sha256: str) -> list[str]:
        """Files whose notes were made on (or attached to) the text with this hash."""
        rows = self._db.execute(
            "SELECT DISTINCT name FROM hashes WHERE hash = ? ORDER BY name", (text_sha256,)
        )
        return [row[0] for row in rows]

    def by_url(self, url: str) -> list[str]:
        """Files of the article with this (normalised) URL."""
        rows = self._db.execute(
            "SELECT name FROM files WHERE url = ? ORDER BY name", (normalise_url(url),)
        )
        return [row[0] for row in rows]

    def by_doc_id(self, doc_id: str) -> list[str]:
        """Files whose document id is this one."""
        rows = self._db.execute("SELECT name FROM files WHERE doc_id = ? ORDER BY name", (doc_id,))
        return [row[0] for row in rows]

    def by_short_id(self, short: str) -> list[str]:
        """Files whose name ends with this short document id (`<slug>--<short>.notes.yaml`)."""
        rows = self._db.execute("SELECT name FROM files WHERE short = ? ORDER BY name", (short,))
        return [row[0] for row in rows]

    def by_name_prefix(self, prefix: str, limit: int = 20) -> list[str]:
        """Files whose name starts with `prefix` (a title's slug and `--`)."""
        if not prefix:
            return []
        rows = self._db.execute(
            "SELECT name FROM files WHERE name >= ? AND name < ? ORDER BY name LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [row[0] for row in rows]

    def by_title(self, title: str, limit: int = 20) -> list[str]:
        """Files whose title is `title` (compared by `title_key`)."""
        key = title_key(title)
        if not key:
            return []
        rows = self._db.execute(
            "SELECT name FROM files WHERE title = ? ORDER BY name LIMIT ?", (key, limit)
        )
        return [row[0] for row in rows]

    def by_path(self, source: str) -> str | None:
        """The file whose article was last opened from `source` on this machine."""
        row = self._db.execute("SELECT name FROM paths WHERE path = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def has_shingles(self) -> bool:
        """True when some file's passages are indexed (else no text can share any)."""
        return self._db.execute("SELECT 1 FROM shingles LIMIT 1").fetchone() is not None

    def by_shingles(self, found: Iterable[int], limit: int = 20) -> list[tuple[str, int]]:
        """Files sharing passage shingles with a text, most shared first: `(name, count)`."""
        return self._probe(found, "shingles", limit)

    def by_sketch(self, text_sketch: Iterable[int], limit: int = 20) -> list[tuple[str, int]]:
        """Files whose recorded texts share sketch values with this sketch, most first."""
        return self._probe(text_sketch, "sketch_values", limit)

    def _probe(self, found: Iterable[int], table: str, limit: int) -> list[tuple[str, int]]:
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS probe (h INTEGER PRIMARY KEY)")
        try:
            db.execute("DELETE FROM probe")
            db.executemany("INSERT OR IGNORE INTO probe VALUES (?)", ((h,) for h in found))
            # A shingle many files share ("one of the") says nothing and would make the
            # count scale with the directory: drop those first (a bounded index walk each).
            db.execute(
                f"DELETE FROM probe WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM {table} x "
                "WHERE x.h = probe.h LIMIT ?)) > ?",
                (MAX_POSTINGS + 1, MAX_POSTINGS),
            )
            rows = db.execute(
                # CROSS JOIN keeps this loop order (SQLite honours it): the probe outside,
                # the index inside, never a scan of the whole table.
                f"SELECT s.name, COUNT(*) AS n FROM probe p CROSS JOIN {table} s ON s.h = p.h "
                "GROUP BY s.name ORDER BY n DESC, s.name LIMIT ?",
                (limit,),
            ).fetchall()
        finally:
            db.execute("DELETE FROM probe")
            db.commit()
        return [(str(name), int(count)) for name, count in rows]

    def sketches(self, name: str) -> list[tuple[int, ...]]:
        """Sketches of the texts notes in `name` were made on or attached to, here."""
        rows = self._db.execute("SELECT sketch FROM sketches WHERE name = ?", (name,))
        return [s for s in (decode_sketch(row[0]) for row in rows) if s]

    def has_sketch(self, name: str, text_sha256: str) -> bool:
        """True when the sketch of this text is recorded for `name`."""
        row = self._db.execute(
            "SELECT 1 FROM sketches WHERE name = ? AND hash = ?", (name, text_sha256)
        ).fetchone()
        return row is not None

    def missed(self, text_sha256: str) -> bool:
        """True when this text found nothing and the directory has not changed since."""
        key = self._meta("directory")
        if not key:
            return False
        row = self._db.execute(
            "SELECT directory FROM misses WHERE hash = ?", (text_sha256,)
        ).fetchone()
        return row is not None and row[0] == key

    def record_miss(self, text_sha256: str) -> None:
        """Remember that this text found nothing in the directory as it is now."""
        key = self._meta("directory")
        if key:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO misses VALUES (?, ?)", (text_sha256, key))

    def declined(self, name: str, text_sha256: str) -> bool:
        """True when the user said the notes in `name` are not those of this text."""
        row = self._db.execute(
            "SELECT 1 FROM declined WHERE name = ? AND hash = ?", (name, text_sha256)
        ).fetchone()
        return row is not None

    # -- what this machine learns ----------------------------------------------------------

    def decline(self, name: str, text_sha256: str) -> None:
        """Record that the notes in `name` were offered for this text and refused."""
        with self._db:
            self._db.execute("INSERT OR IGNORE INTO declined VALUES (?, ?)", (name, text_sha256))

    def remember(
        self,
        name: str,
        *,
        text_sha256: str = "",
        source: str | None = None,
        text_sketch: tuple[int, ...] | None = None,
    ) -> None:
        """Record that the article with this text, opened from `source`, has its notes in `name`."""
        with self._db:
            if text_sha256:
                self._db.execute(
                    "INSERT OR IGNORE INTO hashes VALUES (?, ?, 1)", (text_sha256, name)
                )
            if source:
                self._db.execute("INSERT OR REPLACE INTO paths VALUES (?, ?)", (source, name))
            if text_sketch and text_sha256:
                self._db.execute(
                    "INSERT OR REPLACE INTO sketches VALUES (?, ?, ?)",
                    (name, text_sha256, encode_sketch(text_sketch)),
                )
                self._db.executemany(
                    "INSERT OR IGNORE INTO sketch_values VALUES (?, ?)",
                    ((value, name) for value in text_sketch),
                )


def _file_key(info: os.stat_result, now_ns: int) -> tuple[int, int, int]:
    """(inode, mtime, size) a file is validated by; mtime -1 when too recent to trust."""
    mtime = info.st_mtime_ns
    if now_ns - mtime < RACY_SECONDS * 1e9:
        mtime = -1
    return (info.st_ino, mtime, info.st_size)


def _short_of(name: str) -> str:
    """The short document id a file name ends with (`<slug>--<short>.notes.yaml`)."""
    stem = name.split(".", 1)[0]
    return stem.rsplit("--", 1)[-1] if "--" in stem else ""


def _connect(path: Path, *, rebuild: bool) -> sqlite3.Connection:
    """Open the database at `path`, replacing it by a new one if it is unusable or `rebuild`."""
    if not rebuild and path.exists():
        db = sqlite3.connect(path, timeout=BUSY_SECONDS)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if version == INDEX_VERSION and "files" in tables:
                _tune(db)
                return db
        except sqlite3.Error:
            pass
        db.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    fresh = sqlite3.connect(temporary)
    try:
        fresh.executescript(_SCHEMA)
        fresh.execute(f"PRAGMA user_version = {INDEX_VERSION}")
        fresh.commit()
    finally:
        fresh.close()
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(temporary, path)
    db = sqlite3.connect(path, timeout=BUSY_SECONDS)
    _tune(db)
    return db


def _connect_memory() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    return db


def _tune(db: sqlite3.Connection) -> None:
    # The index can always be rebuilt: a commit need not wait for the disk (a power cut
    # may damage it, and a damaged index is rebuilt).
    db.execute("PRAGMA synchronous = OFF")
