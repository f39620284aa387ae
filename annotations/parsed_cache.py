"""Big notes files, kept parsed on disk so that opening them again is quick.

Reading a notes file goes through the strict YAML reader (`yaml_read`), which checks every
node and points each error at a line. That care costs time: a file of 10,000 notes (3.8 MB)
took 1.2–1.7 s to compose and validate, most of `reader notes` (2.0–3.5 s in all). The same
file read back from this cache takes about 0.1 s.

An entry is keyed by the SHA-256 of the file's bytes, so the same bytes give the same notes
and any change to the file (an edit, a `git pull`) is a miss. Entries are written only from
notes the strict reader accepted or that this process has just written in canonical form;
nothing from a cache file is ever executed (no pickle: plain JSON, checked by a BLAKE2
digest). The cache is:

* only for big files (`MIN_BYTES`): a small file parses in milliseconds;
* versioned: `FORMAT` and the notes schema are in the directory name, so a bump leaves old
  entries unread;
* size-bounded: after a write the least recently used entries go until the directory holds
  at most `MAX_BYTES`;
* safe to delete at any time, and never fatal: a missing, damaged, truncated or foreign entry
  is a miss (and is removed), and a cache that cannot be written is simply not written.

It lives in `$XDG_CACHE_HOME/reader/notes-v<FORMAT>-s<schema>/` (the platform cache folder
elsewhere).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from annotations.cache_home import CACHE_DIR_ENV as CACHE_DIR_ENV  # where it was, for callers
from annotations.cache_home import cache_root, seal, unseal
from annotations.model import SCHEMA_VERSION, Annotation, Conflict, Document, NotesFile, Selector
from annotations.safe_files import trim_oldest

FORMAT = 1
"""Version of the entry layout; bump it when the encoding changes."""
MIN_BYTES = 256 * 1024
"""Files smaller than this (about 650 notes) are parsed every time: it takes under 0.1 s."""
MAX_BYTES = 64 * 1024 * 1024
"""Most bytes the cache directory may hold; the least recently used entries go first."""
MAGIC = b"reader-notes-cache\n"
"""First bytes of every entry."""


class ParsedNotesCache:
    """Parsed notes files by the SHA-256 of their bytes; every failure is a miss."""

    def __init__(self, root: Path | None = None, max_bytes: int = MAX_BYTES) -> None:
        self.root = root
        """The cache directory; None turns the cache off."""
        self.max_bytes = max_bytes
        """The size bound of this format's directory."""

    @classmethod
    def default(cls) -> ParsedNotesCache:
        """The cache in the user's cache directory (see `cache_root`)."""
        return cls(cache_root())

    @property
    def directory(self) -> Path | None:
        """Where this format's entries are."""
        if self.root is None:
            return None
        return self.root / f"notes-v{FORMAT}-s{SCHEMA_VERSION}"

    def get(self, sha256: str, size: int) -> tuple[NotesFile, tuple[int, ...]] | None:
        """The notes and hand-comment lines of the file whose bytes hash to `sha256`, or None."""
        directory = self.directory
        if directory is None or size < MIN_BYTES:
            return None
        path = directory / f"{sha256}.json"
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            found = _decode(data, sha256)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            found = None
        if found is None:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # least recently used goes first
        return found

    def put(
        self,
        sha256: str,
        size: int,
        notes: NotesFile,
        comment_lines: tuple[int, ...] = (),
        *,
        read: bool = False,
    ) -> None:
        """Keep `notes` (read from, or written as, bytes hashing to `sha256`); never raises.

        `read` says the notes were just read from those bytes by the notes reader, which
        makes only plain YAML data (strings, whole numbers, booleans, null, lists, maps
        with string keys): JSON holds that exactly, so the check that the entry reads back
        unchanged (half the cost of a put, 0.07 s for 10,000 notes) is skipped.
        """
        directory = self.directory
        if directory is None or size < MIN_BYTES:
            return
        try:
            data = _encode(sha256, notes, comment_lines, checked=not read)
        except (TypeError, ValueError):
            return  # a value JSON cannot hold exactly: parse that file every time
        with contextlib.suppress(OSError):
            directory.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=directory)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, directory / f"{sha256}.json")
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            trim_oldest(directory.glob("*.json"), self.max_bytes)


# -- encoding -------------------------------------------------------------------------------


def _encode(
    sha256: str, notes: NotesFile, comment_lines: tuple[int, ...], *, checked: bool = True
) -> bytes:
    payload = json.dumps(
        {
            "sha256": sha256,
            "comment_lines": list(comment_lines),
            "notes": _notes_value(notes),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    if checked and _notes_of(json.loads(payload)["notes"]) != notes:
        raise ValueError("the notes do not survive JSON unchanged")
    return seal(MAGIC, payload)


def _decode(data: bytes, sha256: str) -> tuple[NotesFile, tuple[int, ...]] | None:
    value = unseal(MAGIC, data)
    if value is None or value["sha256"] != sha256:
        return None
    lines = tuple(int(line) for line in value["comment_lines"])
    return _notes_of(value["notes"]), lines


def _notes_value(notes: NotesFile) -> dict[str, Any]:
    document = notes.document
    return {
        "schema": notes.schema,
        "extra": dict(notes.extra),
        "document": [
            document.id,
            document.title,
            document.url,
            document.text_sha256,
            list(document.known_text_sha256),
            dict(document.extra),
        ],
        "annotations": [_annotation_value(a) for a in notes.annotations],
        "conflicts": [[c.id, c.field, c.value, c.updated, c.author] for c in notes.conflicts],
    }


def _annotation_value(annotation: Annotation) -> list[Any]:
    selector = annotation.selector
    return [
        annotation.id,
        annotation.created,
        annotation.updated,
        annotation.author,
        None
        if selector is None
        else [selector.exact, selector.prefix, selector.suffix, selector.start, selector.end],
        annotation.color,
        list(annotation.tags),
        annotation.note,
        annotation.deleted,
        dict(annotation.extra),
    ]


def _notes_of(value: dict[str, Any]) -> NotesFile:
    doc_id, title, url, text_sha256, known, doc_extra = value["document"]
    return NotesFile(
        document=Document(
            id=doc_id,
            title=title,
            url=url,
            text_sha256=text_sha256,
            known_text_sha256=tuple(known),
            extra=doc_extra,
        ),
        annotations=tuple(_annotation_of(item) for item in value["annotations"]),
        conflicts=tuple(
            Conflict(id=c[0], field=c[1], value=c[2], updated=c[3], author=c[4])
            for c in value["conflicts"]
        ),
        schema=int(value["schema"]),
        extra=value["extra"],
    )


def _annotation_of(item: list[Any]) -> Annotation:
    ann_id, created, updated, author, selector, color, tags, note, deleted, extra = item
    return Annotation(
        id=ann_id,
        created=created,
        updated=updated,
        author=author,
        selector=None
        if selector is None
        else Selector(
            exact=selector[0],
            prefix=selector[1],
            suffix=selector[2],
            start=selector[3],
            end=selector[4],
        ),
        color=color,
        tags=tuple(tags),
        note=note,
        deleted=deleted,
        extra=extra,
    )
