"""The disk side of one notes file: read it, lock it, merge what changed, write it, recover it.

`NotesStore` (the API the UI and the commands call) keeps the notes in memory and hands them
here to be written; this module knows the file. What it remembers of the file is what a save
needs to be safe: the hash of the bytes last read or written (a save that finds other bytes
merges them in by annotation id first, never overwrites them) and the version they held (the
merge base). A file it cannot read is never written: `read_only` says why, naming file, line
and column, and `recoverable` / `restorable` say whether `recover()` can repair it.

A save takes a lock file beside the notes file, removes stale temporary files, re-reads the
file, merges if it changed since we last read it (another instance, or a `git pull`), and
writes atomically (`annotations.safe_files`), keeping the replaced file as the last good copy
(`<file>.bak`).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotations.merge import merge
from annotations.model import SCHEMA_VERSION, NotesFile
from annotations.parsed_cache import ParsedNotesCache
from annotations.safe_files import (
    LockTimeout,
    NotRegularFile,
    atomic_write,
    file_lock,
    read_regular,
    remove_stale_temporaries,
    write_target,
)
from annotations.yaml_io import (
    ConflictMarkersError,
    NewerSchemaError,
    NotesFormatError,
    decode,
    dump_bytes,
    has_conflict_markers,
    parse,
    parse_bytes,
    read_notes,
    split_conflict,
)

IGNORE_PATTERNS: tuple[str, ...] = ("*.lock", ".*.tmp", "*.bak")
"""Files the store makes beside the notes that do not belong in git."""

BACKUP_SUFFIX = ".bak"
"""`<notes file>.bak` is the last good copy: the file as it was before the last save."""

LOCK_TIMEOUT = 10.0
"""Seconds a save waits for another process's save before giving up."""


class StoreError(Exception):
    """A change could not be saved; `str(error)` says why in words for the user."""


class ReadOnlyError(StoreError):
    """The notes are read-only (see `NotesStore.read_only`); nothing was written."""


def _sha(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Recovered:
    """What `NotesDisk.recover` did: the notes now in the file and where the old file is."""

    notes: NotesFile
    """The notes written: both sides merged by id, or the last good copy."""
    kept: Path
    """The file as it was (a `.conflict-TIME.bak` or `.broken-TIME.bak`), or the backup."""


class NotesDisk:
    """One notes file on disk and what was last read from it (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        """The notes file (it may not exist yet: it is made by the first save)."""
        self.read_only: str | None = None
        """Why the file cannot be written (shown to the user), or None when it can."""
        self.recoverable = False
        """True when `recover()` can repair the file (it has git conflict markers)."""
        self.restorable = False
        """True when the file cannot be read and `recover()` can restore its last good copy."""
        self.comment_lines: tuple[int, ...] = ()
        """Lines of `#` comments written by hand in the file; the next save drops them."""
        self.restored_from: Path | None = None
        """The last good copy the last `recover()` restored, when it restored one."""
        self.base: NotesFile | None = None
        """The notes as last read or written: the base of a merge with what changed on disk."""
        self.disk_sha: str | None = None
        """Hash of the bytes last read or written; None when the file did not exist."""
        self.size = 0
        """Length of the bytes last read or written (0 when the file did not exist)."""
        self.parsed = ParsedNotesCache.default()
        """Big files as last parsed, by the hash of their bytes (see `parsed_cache`)."""
        self.unkept = False
        """True when the file last loaded was read without the parsed cache and not put in
        it: the writer's own text, read quickly enough for a command, not for the reader's
        start (0.3 s against 0.07 s for 10,000 notes). `keep_parsed` puts it there."""

    # -- reading ------------------------------------------------------------------------

    def read(self) -> bytes | None:
        """The file's bytes, None when it does not exist; `StoreError` when it cannot be read."""
        try:
            return read_regular(self.path)
        except FileNotFoundError:
            return None
        except NotRegularFile as error:
            raise StoreError(str(error)) from None
        except OSError as error:
            raise StoreError(f"cannot read {self.path}: {error.strerror or error}") from None

    def load(self) -> NotesFile | None:
        """Read the file: the notes to show, or None to keep what the store has.

        Never raises for a bad file: `read_only` says why it cannot be written. A file with
        conflict markers shows both sides merged (when they can be read).
        """
        try:
            data = self.read()
        except StoreError as error:
            self.read_only = f"{error}. Nothing will be written."
            return None
        self.disk_sha = _sha(data)
        self.size = 0 if data is None else len(data)
        if data is None:
            self.base = None
            return None
        cached = self.parsed.get(self.disk_sha or "", len(data))
        if cached is not None:
            notes, self.comment_lines = cached
            return self._loaded(notes)
        try:
            notes, self.comment_lines, canonical = read_notes(data, str(self.path))
        except ConflictMarkersError as error:
            self.read_only = (
                f"{error}. The file was not changed; recover both sides by merging "
                "them by annotation id (a backup is kept)."
            )
            self.recoverable = True
            with contextlib.suppress(NotesFormatError):
                return self.merge_sides(decode(data, str(self.path)))
            return None
        except NewerSchemaError as error:
            self.read_only = f"{error}. The file was not changed; update the reader."
            return None
        except NotesFormatError as error:
            self.restorable = self.backup_readable()
            remedy = (
                f"'reader notes recover' restores the last good copy ({self.backup_path.name})"
                if self.restorable
                else "fix it by hand or restore it from git, then open the article again"
            )
            self.read_only = f"cannot read notes: {error}. The file was not changed; {remedy}."
            return None
        if canonical:  # read in 0.3 s (`yaml_canonical_read`): kept later, if asked (`keep_parsed`)
            self.unkept = True
        else:
            self.parsed.put(self.disk_sha or "", len(data), notes, self.comment_lines, read=True)
        return self._loaded(notes)

    def keep_parsed(self) -> None:
        """Put the notes last loaded in the parsed cache if they are not there (never fails).

        Costs about 0.07 s of CPU for 10,000 notes: the reader calls it from its worker once
        the notes are on screen, and `reader notes` once it has printed them, so that the
        next open is quick (0.07 s against 0.3 s).
        """
        base, sha = self.base, self.disk_sha
        if self.unkept and base is not None and sha is not None:
            self.unkept = False
            self.parsed.put(sha, self.size, base, self.comment_lines, read=True)

    def _loaded(self, notes: NotesFile) -> NotesFile:
        """Take `notes`, just read from the file, as the base of the next merge."""
        self.base = notes
        if notes.schema > SCHEMA_VERSION:
            self.read_only = (
                f"{self.path}: written by a newer reader (schema {notes.schema}, this one "
                f"writes {SCHEMA_VERSION}); notes are shown but cannot be changed."
            )
        return notes

    @property
    def backup_path(self) -> Path:
        """The last good copy: the file as it was before the last save replaced it."""
        target = write_target(self.path)
        return target.with_name(target.name + BACKUP_SUFFIX)

    def backup_readable(self) -> bool:
        """True when the last good copy exists and can be read."""
        try:
            parse_bytes(read_regular(self.backup_path), str(self.backup_path))
        except (OSError, NotesFormatError):
            return False
        return True

    def changed(self, data: bytes | None) -> bool:
        """True when `data` (the file's bytes, or None) is not what was last read or written."""
        return _sha(data) != self.disk_sha

    # -- writing ------------------------------------------------------------------------

    def save(self, ours: NotesFile) -> NotesFile:
        """Write `ours`, merged with what changed on disk since; return what was written.

        Raises `ReadOnlyError` when the file changed into something unreadable (nothing is
        written), `StoreError` when the lock is held too long, `OSError` when writing fails.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock():
            remove_stale_temporaries(self.path)
            data = self.read()
            if self.changed(data):
                ours = self.merge_disk(ours, data)
            new = dump_bytes(ours)
            if new != data:
                # The file replaced was read and parsed (or we would be read-only): keep it.
                atomic_write(self.path, new, backup=None if data is None else self.backup_path)
            self.base = ours
            self.disk_sha = _sha(new)
            self.size = len(new)
            self.comment_lines = ()
        return ours

    def merge_disk(self, ours: NotesFile, data: bytes | None) -> NotesFile:
        """`ours` merged by id with the file's new bytes `data` (None: the file was removed).

        A file that changed into something unreadable makes the store read-only
        (`ReadOnlyError`): it is never written over.
        """
        if data is None:
            # Removed on disk since we read it: keep everything we have (two-way merge).
            return ours
        try:
            theirs = parse_bytes(data, str(self.path))
        except NotesFormatError as error:
            self.read_only = (
                f"the notes file changed on disk and cannot be read: {error}. "
                "It was not changed; your last change was not saved."
            )
            self.recoverable = isinstance(error, ConflictMarkersError)
            raise ReadOnlyError(self.read_only) from None
        if theirs.schema > SCHEMA_VERSION:
            self.read_only = (
                f"{self.path}: rewritten by a newer reader (schema {theirs.schema}); "
                "your last change was not saved."
            )
            raise ReadOnlyError(self.read_only)
        return merge(self.base, ours, theirs)

    def accept(self, merged: NotesFile, data: bytes | None) -> None:
        """Take `merged` as the notes the file's bytes `data` now stand for (after a refresh)."""
        self.base = merged
        self.disk_sha = _sha(data)
        self.size = 0 if data is None else len(data)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the save lock of the file, or fail with a `StoreError` the user can act on."""
        try:
            with file_lock(self.path, LOCK_TIMEOUT):
                yield
        except LockTimeout:
            raise StoreError(
                f"another reader has been saving {self.path.name} for {LOCK_TIMEOUT:.0f} s; "
                "try again"
            ) from None

    # -- recovery -----------------------------------------------------------------------

    def merge_sides(self, text: str) -> NotesFile:
        """Both sides of a file with git conflict markers, merged by annotation id."""
        sides = split_conflict(text)
        name = str(self.path)
        ours = parse(sides.ours, f"{name} (our side of the conflict)")
        theirs = parse(sides.theirs, f"{name} (their side of the conflict)")
        base = None
        if sides.base is not None:
            with contextlib.suppress(NotesFormatError):
                base = parse(sides.base, f"{name} (base of the conflict)")
        return merge(base, ours, theirs)

    def recover(self) -> Recovered:
        """Repair the file: merge conflict markers away, or restore the last good copy.

        The file as it was is kept beside it (see `NotesStore.recover`). Call it holding the
        lock (`lock()`). Raises `StoreError`, changing nothing, when there is nothing to recover.
        """
        data = self.read()
        text = None
        if data is not None:
            with contextlib.suppress(NotesFormatError):
                text = decode(data, str(self.path))
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = write_target(self.path)
        if text is not None and has_conflict_markers(text):
            try:
                merged = self.merge_sides(text)
            except NotesFormatError as error:
                raise StoreError(f"cannot recover: {error}") from None
            assert data is not None
            kept = target.with_name(f"{target.name}.conflict-{stamp}.bak")
            atomic_write(kept, data)
            self.restored_from = None
        else:
            merged = self._restorable(data)
            kept = self.backup_path
            if data is not None:
                kept = target.with_name(f"{target.name}.broken-{stamp}.bak")
                atomic_write(kept, data)
            self.restored_from = self.backup_path
        new = dump_bytes(merged)
        atomic_write(self.path, new)
        self.base = merged
        self.disk_sha = _sha(new)
        self.size = len(new)
        self.read_only, self.recoverable, self.restorable = None, False, False
        self.comment_lines = ()
        return Recovered(merged, kept)

    def _restorable(self, data: bytes | None) -> NotesFile:
        """The last good copy, when the file is gone or unreadable; else `StoreError`."""
        if data is not None:
            try:
                parse_bytes(data, str(self.path))
            except NotesFormatError:
                pass
            else:
                raise StoreError(f"{self.path} is readable and has no conflict markers")
        try:
            backup = read_regular(self.backup_path)
        except FileNotFoundError:
            problem = "does not exist" if data is None else "cannot be read"
            raise StoreError(
                f"{self.path} {problem} and there is no last good copy "
                f"({self.backup_path.name}); fix it by hand or restore it from git"
            ) from None
        except OSError as error:
            raise StoreError(f"cannot read {self.backup_path}: {error}") from None
        try:
            return parse_bytes(backup, str(self.backup_path))
        except NotesFormatError as error:
            raise StoreError(f"the last good copy cannot be read either: {error}") from None
