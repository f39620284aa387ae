"""The notes of one article on disk: find, load, change, save, and never lose anything.

The API the UI calls (all on plain values; nothing here imports Textual):

    store = NotesStore.open(article, notes_dir=None)   # finds the article's file, or a new one
    store.annotations              # live annotations, sorted by id
    store.read_only                # None, or why nothing can be saved (shown to the user)
    store.recoverable              # True when `recover()` can merge away conflict markers
    store.restorable               # True when `recover()` can restore the last good copy
    store.add(article.text, start, end, note="", color="yellow", tags=()) -> Annotation
    store.update(annotation_id, note=..., color=..., tags=...)     -> Annotation
    store.delete(annotation_id)                                    -> Annotation (tombstone)
    store.undo()                                                   -> Annotation | None
    store.reanchor(article)     -> list[Anchoring]   # slow on a changed book: run in a worker
    store.placements            # annotation id -> Placement, from the last `reanchor`
    store.ordered(article)      -> list[Anchoring]   # article order, orphans last (Notes pane)
    store.refresh()             # pick up changes made on disk (a `git pull`)
    store.unsaved / store.save()  # a change that could not be written yet, and a retry
    store.write_behind = True   # big files: changes kept in memory, written by a worker:
    store.claim_saver() -> bool # True: start one worker running store.save_pending()
    store.recover()             # conflict markers: merge both sides by id, keep a backup;
                                # an unreadable or lost file: restore the last good copy

Every change is saved at once; a change that cannot be written (disk full) raises
`StoreError` but stays in memory and is written with the next change or `save()`. With
`write_behind` (the reader sets it), a file of `WRITE_BEHIND_BYTES` or more is written
behind instead: dumping 10,000 notes takes a fifth of a second, too long for the screen to
wait for each key. The change is kept in memory at once (`unsaved`), and one saver at a
time (`claim_saver`, then `save_pending` in a worker thread) writes the latest state,
however many changes came meanwhile; `save()` (on quit) waits for it and writes the rest. The disk
side lives in `annotations.notes_disk` (`NotesDisk`): a save takes a lock file beside the
notes file, re-reads the file, merges by annotation id if it changed since we last read it
(another instance, or a `git pull`), and writes atomically: a temporary file in the same
directory, fsync, rename, fsync of the directory. A killed process leaves the old file or
the new one, never a torn one; stale temporary files are removed by the next save.

A file that cannot be read (malformed YAML, git conflict markers, a newer schema) is never
written: the store opens read-only and `read_only` says why, naming file, line and column.

Files are named `<slug of the title>--<8 hex of the document id>.notes.yaml` in the notes
directory (`notes_dir()`), and found again by document identity (source URL, else the hash of
the text), so the same article opened from another path or machine finds its notes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotations.anchor import Anchoring, AnchorStatus, Placement, article_order, reanchor
from annotations.first_screen import ArticleKey, FirstScreen, FirstScreenCache
from annotations.first_screen_keep import MIN_BYTES as FIRST_SCREEN_BYTES
from annotations.first_screen_keep import first_screen, keep
from annotations.location import (
    HEADER_BYTES,
    NOTES_SUFFIX,
    Candidate,
    decline,
    file_name,
    find_notes,
    find_notes_file,
)
from annotations.merge import merge
from annotations.model import (
    DEFAULT_COLOR,
    Annotation,
    Conflict,
    Document,
    NotesFile,
    Selector,
    default_author,
    document_id,
    format_time,
    new_id,
    selector_for,
    utc_now,
)
from annotations.notes_disk import (
    IGNORE_PATTERNS,
    LOCK_TIMEOUT,
    NotesDisk,
    ReadOnlyError,
    StoreError,
)
from annotations.notes_home import NOTES_DIR_ENV, notes_dir
from annotations.notes_home import notes_dir as resolve_notes_dir
from annotations.safe_files import atomic_write
from reader.document import Article

__all__ = [  # location and disk names are re-exported: callers use `store.notes_dir`...
    "HEADER_BYTES",
    "IGNORE_PATTERNS",
    "LOCK_TIMEOUT",
    "NOTES_DIR_ENV",
    "NOTES_SUFFIX",
    "NotesStore",
    "ReadOnlyError",
    "StoreError",
    "atomic_write",
    "file_name",
    "find_notes_file",
    "notes_dir",
]


WRITE_BEHIND_BYTES = 256 * 1024
"""Files from this size (about 650 notes) are written behind when `write_behind` is set:
smaller ones are dumped and written in a few milliseconds."""


@dataclass(frozen=True, slots=True)
class _Change:
    """One user action, for undo: the annotation before and after."""

    before: Annotation | None
    after: Annotation


class NotesStore:
    """The notes of one article, backed by one YAML file (see the module docstring)."""

    def __init__(
        self,
        path: Path,
        notes: NotesFile,
        *,
        text_sha256: str = "",
        author: str | None = None,
    ) -> None:
        self.disk = NotesDisk(path)
        """The file on disk: reading, locking, merging what changed there, saving, recovery."""
        self.notes = notes
        """Everything in the file as last loaded, saved or merged (tombstones included)."""
        self.text_sha256 = text_sha256
        """Hash of the article text this store was opened for."""
        self.author = author
        """Who changes are attributed to; None asks git `user.name`, then the login."""
        self.unsaved = False
        """True when a change could not be written (disk full...); `save()` retries."""
        self.placements: dict[str, Placement] = {}
        """Where each annotation landed in the last `reanchor`, by id."""
        self.found_by = ""
        """How `open` found the file: `url`, `hash`, `name`, `resemblance`, `unreadable`, or
        empty for a new file (see `annotations.location.Lookup.how`)."""
        self.offer: Candidate | None = None
        """A notes file that likely, not certainly, holds this article's notes (see
        `annotations.location`): the UI offers it, and `attach` makes it the article's."""
        self.write_behind = False
        """Keep changes to a big file in memory for `save_pending` to write (see the module
        docstring); False writes each change before returning."""
        self._undo: list[_Change] = []
        self._lock = threading.RLock()
        self._save_lock = threading.Lock()  # one writer of the file at a time (taken first)
        self._saver = False  # a `save_pending` is running or about to

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        article: Article,
        notes_dir: str | os.PathLike[str] | None = None,
        *,
        author: str | None = None,
    ) -> NotesStore:
        """Open the notes of `article` in `notes_dir` (see `notes_dir()` for the default).

        Never raises for a bad file: it opens read-only with the reason in `read_only`.
        """
        directory = resolve_notes_dir(notes_dir)
        document = Document(
            id=document_id(article.url, article.text_sha256),
            title=article.title,
            url=article.url,
            text_sha256=article.text_sha256,
        )
        new_name = file_name(document)
        lookup = find_notes(article, directory, new_name=new_name)
        path = lookup.path or directory / new_name
        store = cls(path, NotesFile(document=document), text_sha256=article.text_sha256)
        store.author = author
        store.offer = lookup.offer
        store.found_by = lookup.how
        store._load()
        return store

    @classmethod
    def attach(
        cls,
        article: Article,
        path: Path,
        notes_dir: str | os.PathLike[str] | None = None,
        *,
        author: str | None = None,
    ) -> NotesStore:
        """Make the notes file `path` the notes of `article` (the user said they are).

        Records the article's text hash in the file, so any reader finds it from now on, and
        in the index. Raises `StoreError` when the file cannot be read or written.
        """
        if not path.is_file():
            raise StoreError(f"{path}: no such notes file")
        directory = resolve_notes_dir(notes_dir)
        try:
            inside = os.path.samefile(path.parent, directory)  # a symlinked file counts
        except OSError:
            inside = False
        if not inside:
            raise StoreError(f"{path} is not in the notes directory {directory}")
        store = cls.open_path(path, author=author)
        store.text_sha256 = article.text_sha256
        if store.read_only:
            raise ReadOnlyError(store.read_only)
        document = store.notes.document
        if not document.matches_text(article.text_sha256):
            known = tuple(sorted({*document.known_text_sha256, article.text_sha256}))
            attached = replace(store.notes, document=replace(document, known_text_sha256=known))
            with store._lock:
                try:
                    store._save(attached)
                except OSError as error:
                    raise StoreError(f"could not save {path}: {error.strerror or error}") from None
        find_notes(article, directory)  # indexes the file and remembers the article
        return store

    @staticmethod
    def decline(
        article: Article, path: Path, notes_dir: str | os.PathLike[str] | None = None
    ) -> None:
        """The user said the notes in `path`, offered by `open`, are not `article`'s."""
        decline(article, path, resolve_notes_dir(notes_dir))

    @classmethod
    def open_path(cls, path: Path, *, author: str | None = None) -> NotesStore:
        """Open a notes file by its path (for tools and recovery)."""
        store = cls(path, NotesFile(document=Document(id="txt:")), author=author)
        store._load()
        return store

    def keep_parsed(self) -> None:
        """Keep the notes as read in the parsed cache, for a quick next open (see `NotesDisk`)."""
        with self._save_lock:
            self.disk.keep_parsed()

    def keep_first_screen(
        self,
        article: ArticleKey,
        notes_dir: Path,
        text: str,
        order: tuple[NotesFile, Sequence[tuple[Annotation, Placement]]] | None = None,
        *,
        shown: FirstScreen | None = None,
    ) -> FirstScreen | None:
        """Keep what the notes put on the article's first screen, for a quick next open.

        `order` is the notes the screen drew, in the Notes pane's order, with the notes
        they were made from; None orders `self.notes` here. Only notes just as the file
        holds them are kept (not read-only, nothing unsaved, nothing merged since), and only
        while the file still holds those bytes (`annotations.first_screen`); not when it is
        `shown`, the kept one the reader showed (still true). Returns the screen kept, or
        None. Never raises; call it from a worker (10-20 ms for 10,000 notes).
        """
        with self._lock:
            notes, sha = self.notes, self.disk.disk_sha
            if (
                self.read_only
                or self.unsaved
                or sha is None
                or notes is not self.disk.base
                or self.disk.size < FIRST_SCREEN_BYTES
                or self.offer is not None
                or self.comment_lines
            ):
                return None
            if order is None:
                pairs: Sequence[tuple[Annotation, Placement]] = [
                    (a, self.placements[a.id]) for a in notes.live if a.id in self.placements
                ]
                if len(pairs) != len(notes.live):
                    return None  # not all anchored yet: the load's worker keeps it
                pairs = sorted(pairs, key=lambda pair: article_order(Anchoring(*pair)))
            elif order[0] is notes:
                pairs = order[1]
            else:
                return None
        screen = first_screen(pairs, text, notes.conflicts)
        if screen == shown:
            return None
        cache = FirstScreenCache(self.disk.parsed.root)  # beside the parsed notes
        kept = keep(cache, article, notes_dir, self.path, sha, screen)
        return screen if kept else None

    def _load(self) -> None:
        with self._lock:
            notes = self.disk.load()
            if notes is not None:
                self.notes = notes

    # -- reading ----------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The notes file (it may not exist yet: it is made by the first save)."""
        return self.disk.path

    @property
    def read_only(self) -> str | None:
        """Why the notes cannot be saved (shown to the user), or None when they can."""
        return self.disk.read_only

    @property
    def recoverable(self) -> bool:
        """True when `recover()` can repair the file (it has git conflict markers)."""
        return self.disk.recoverable

    @property
    def restorable(self) -> bool:
        """True when the file cannot be read and `recover()` can restore its last good copy."""
        return self.disk.restorable

    @property
    def comment_lines(self) -> tuple[int, ...]:
        """Lines of `#` comments written by hand in the file; the next save drops them."""
        return self.disk.comment_lines

    @property
    def restored_from(self) -> Path | None:
        """The last good copy the last `recover()` restored, when it restored one."""
        return self.disk.restored_from

    @property
    def backup_path(self) -> Path:
        """The last good copy: the file as it was before the last save replaced it."""
        return self.disk.backup_path

    @property
    def comments_warning(self) -> str | None:
        """What the next save will drop (hand-written `#` comments), or None."""
        if not self.comment_lines:
            return None
        lines = ", ".join(str(line) for line in self.comment_lines[:8])
        more = ", ..." if len(self.comment_lines) > 8 else ""
        return (
            f"{self.path} has # comments (line{'s' * (len(self.comment_lines) > 1)} "
            f"{lines}{more}) that the reader does not keep: the next save drops them, and the "
            f"file as it was is kept as {self.backup_path.name}. Write prose in a note instead."
        )

    @property
    def exists(self) -> bool:
        """True once the notes file exists on disk."""
        return self.disk.disk_sha is not None

    @property
    def document(self) -> Document:
        """The article identity recorded in the file."""
        return self.notes.document

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """The live annotations (not deleted), sorted by id (creation order)."""
        return self.notes.live

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Values that lost a merge, for the UI to offer."""
        return self.notes.conflicts

    def get(self, annotation_id: str) -> Annotation | None:
        """The live annotation with this id, or None."""
        found = self.notes.get(annotation_id)
        return None if found is None or found.is_deleted else found

    def reanchor(self, article: Article) -> list[Anchoring]:
        """Place every live annotation in `article`'s text; orphans are kept and flagged.

        Thread-safe with respect to changes made meanwhile (it works on a snapshot). The
        file is not written: positions are re-derived on every open, deterministically.
        """
        snapshot = self.notes
        results = reanchor(snapshot.live, article.text)
        anchored = {a.id for a in snapshot.live}
        with self._lock:
            fresh = {r.annotation.id: r.placement for r in results}
            # Notes added while this ran (it runs in a worker) keep the place they were given.
            fresh.update((k, v) for k, v in self.placements.items() if k not in anchored)
            self.placements = fresh
        return results

    def ordered(self, article: Article) -> list[Anchoring]:
        """The live annotations in article order (orphans last) for the Notes pane.

        Uses the placements of the last `reanchor` and of changes since; annotations that
        arrived later (a merge, `refresh()`) are anchored now, which is quick.
        """
        with self._lock:
            live = self.notes.live
            missing = [a for a in live if a.id not in self.placements]
            for result in reanchor(missing, article.text):
                self.placements[result.annotation.id] = result.placement
            items = [Anchoring(a, self.placements[a.id]) for a in live if a.id in self.placements]
        return sorted(items, key=article_order)

    # -- changing -----------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self._undo)

    def _me(self) -> str:
        if self.author is None:
            self.author = default_author()
        return self.author

    def add(
        self,
        text: str,
        start: int,
        end: int,
        *,
        note: str = "",
        color: str = DEFAULT_COLOR,
        tags: Sequence[str] = (),
    ) -> Annotation:
        """Highlight `text[start:end]` (`text` is `Article.text`), with a note and tags."""
        return self.add_selector(selector_for(text, start, end), note=note, color=color, tags=tags)

    def add_selector(
        self,
        selector: Selector,
        *,
        note: str = "",
        color: str = DEFAULT_COLOR,
        tags: Sequence[str] = (),
    ) -> Annotation:
        """Add an annotation with a ready-made selector; saved at once."""
        now = utc_now()
        annotation = Annotation(
            id=new_id(),
            created=now,
            updated=now,
            author=self._me(),
            selector=selector,
            color=color,
            tags=tuple(tags),
            note=note,
        )
        with self._lock:
            self._apply(None, annotation)
        return self.notes.get(annotation.id) or annotation

    def update(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        color: str | None = None,
        tags: Sequence[str] | None = None,
        selector: Selector | None = None,
    ) -> Annotation:
        """Change a note's text, colour, tags or passage; saved at once."""
        with self._lock:
            before = self._live(annotation_id)
            after = replace(
                before,
                note=before.note if note is None else note,
                color=before.color if color is None else color,
                tags=before.tags if tags is None else tuple(tags),
                selector=before.selector if selector is None else selector,
            )
            if after == before:
                return before
            after = replace(after, updated=_after(before.updated), author=self._me())
            self._apply(before, after)
            return self.notes.get(annotation_id) or after

    def delete(self, annotation_id: str) -> Annotation:
        """Delete an annotation (a tombstone is kept so the deletion syncs); saved at once."""
        with self._lock:
            before = self._live(annotation_id)
            tombstone = before.tombstone(utc_now())
            self._apply(before, tombstone)
            return tombstone

    def undo(self) -> Annotation | None:
        """Undo the last add, update or delete of this session; None if nothing to undo.

        The restored version gets a new `updated` time, so it wins merges like any edit.
        """
        with self._lock:
            if not self._undo:
                return None
            change = self._undo[-1]
            current = self.notes.get(change.after.id) or change.after
            if change.before is None:
                restored = current.tombstone(utc_now())
            else:
                restored = replace(
                    change.before, updated=_after(current.updated), author=self._me()
                )
            self._apply(current, restored, undoing=True)
            return restored

    def _live(self, annotation_id: str) -> Annotation:
        found = self.get(annotation_id)
        if found is None:
            raise KeyError(annotation_id)
        return found

    # -- saving ---------------------------------------------------------------------------

    def _apply(
        self, before: Annotation | None, after: Annotation, *, undoing: bool = False
    ) -> None:
        """Commit a change and record it, also when it is kept in memory after a failed save."""
        try:
            self._commit(after)
        except ReadOnlyError:
            raise
        except StoreError:
            self._record(before, after, undoing)
            raise
        self._record(before, after, undoing)

    def _record(self, before: Annotation | None, after: Annotation, undoing: bool) -> None:
        if undoing:
            self._undo.pop()
        else:
            self._undo.append(_Change(before, after))
        selector = after.selector
        if after.is_deleted or selector is None:
            self.placements.pop(after.id, None)
        elif before is None or before.selector != selector:
            self.placements[after.id] = Placement(AnchorStatus.EXACT, selector.start, selector.end)

    def _commit(self, annotation: Annotation) -> None:
        """Save `self.notes` with `annotation` put in, merging what changed on disk."""
        if self.read_only:
            raise ReadOnlyError(self.read_only)
        ours = self.notes.with_annotation(annotation)
        document = ours.document
        if self.text_sha256 and not document.matches_text(self.text_sha256):
            known = tuple(sorted({*document.known_text_sha256, self.text_sha256}))
            ours = replace(ours, document=replace(document, known_text_sha256=known))
        if self.write_behind and self.disk.size >= WRITE_BEHIND_BYTES:
            self.notes = ours
            self.unsaved = True
            return
        try:
            self._save(ours)
        except ReadOnlyError:
            raise
        except (StoreError, OSError) as error:
            # Disk full, permissions, a lock held too long: keep the change in memory (the UI
            # still shows it) and write it with the next change or `save()`.
            self.notes = ours
            self.unsaved = True
            problem = error.strerror if isinstance(error, OSError) else str(error)
            raise StoreError(
                f"could not save {self.path}: {problem or error}; the change is kept and "
                "will be saved with the next one"
            ) from None

    def save(self) -> None:
        """Write what is not written yet (see `unsaved`); raises `StoreError`.

        Waits for a save running in another thread (`save_pending`), so after it returns
        every change is on disk: the reader calls it when it closes.
        """
        try:
            self._write_unsaved()
        except OSError as error:
            raise StoreError(f"could not save {self.path}: {error.strerror or error}") from None

    def claim_saver(self) -> bool:
        """True when the caller is to run `save_pending` (in a worker).

        That is when changes wait to be written and no saver runs: a running saver writes
        the changes made meanwhile too.
        """
        with self._lock:
            if self._saver or not self.unsaved or self.read_only:
                return False
            self._saver = True
            return True

    def save_pending(self) -> None:
        """The saver's work (after `claim_saver`): write the latest state until none is left.

        Runs in a worker thread; changes keep coming meanwhile and are written by the next
        round (one save for many changes). Raises `StoreError` when writing fails (the
        changes stay in memory, `unsaved`, and the next change starts a new saver).
        """
        try:
            self._write_unsaved(saver=True)
        except OSError as error:
            raise StoreError(f"could not save {self.path}: {error.strerror or error}") from None
        finally:
            with self._lock:
                self._saver = False

    def _write_unsaved(self, *, saver: bool = False) -> None:
        while True:
            with self._save_lock:
                with self._lock:
                    if not self.unsaved:
                        if saver:
                            self._saver = False  # with the check: a change now starts one
                        return
                    if self.read_only:
                        raise ReadOnlyError(self.read_only)
                    ours = self.notes
                saved = self.disk.save(ours)  # slow: changes may be made meanwhile
                with self._lock:
                    if self.notes is ours:
                        self.notes = saved
                        self.unsaved = False
                    elif saved != ours:
                        # Changed here meanwhile, and the save merged in changes from disk:
                        # keep both (the next round writes them).
                        self.notes = merge(ours, self.notes, saved)

    def _save(self, ours: NotesFile) -> None:
        self.notes = self.disk.save(ours)
        self.unsaved = False

    def refresh(self) -> bool:
        """Merge in changes made to the file on disk; True if anything changed."""
        with self._save_lock, self._lock:
            try:
                data = self.disk.read()
            except StoreError:
                return False
            if not self.disk.changed(data):
                return False
            if self.read_only:
                self.disk.read_only, self.disk.recoverable = None, False
                self._load()
                return True
            try:
                merged = self.disk.merge_disk(self.notes, data)
            except ReadOnlyError:
                return True
            self.notes = merged
            self.disk.accept(merged, data)
            return True

    # -- recovery -------------------------------------------------------------------------

    def recover(self) -> Path:
        """Repair the notes file; return the path the file as it was is kept under.

        Git conflict markers: both sides are merged by id, the conflicted file is kept as
        `<name>.conflict-<time>.bak`. A file that cannot be read otherwise (or that is gone)
        is replaced by its last good copy (`backup_path`), the unreadable one kept as
        `<name>.broken-<time>.bak`. Inside a git repository whose index shows the file as
        unmerged, the repaired file is staged so git sees the conflict as resolved. Raises
        `StoreError` (and changes nothing) when there is nothing to recover.
        """
        with self._save_lock, self._lock, self.disk.lock():
            recovered = self.disk.recover()
            self.notes = recovered.notes
        from annotations.unmerged import mark_resolved  # git only matters after a repair

        mark_resolved(self.path)
        return recovered.kept


def _after(previous: str) -> str:
    """Now, but strictly later than `previous` (clocks may step back; merges compare times)."""
    now = utc_now()
    if now > previous:
        return now
    try:
        moment = datetime.strptime(previous, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError:
        return now
    return format_time(moment + timedelta(milliseconds=1))
