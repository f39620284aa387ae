"""The store side of the notes flows: loading, saving, placements, recovery, git and reloading.

`NotesStorage` opens the article's `NotesStore` and re-anchors the notes in a thread worker (the
article is readable at once; highlights appear when ready), runs every change through the store
(nothing here writes a notes file), and says when the notes changed so `NotesController`
redraws them. A big file is written behind (`NotesStore.write_behind`): the change shows at
once and one thread worker at a time writes the latest state; `flush` writes what is left when
the reader closes. It never looks at keys, selections, focus or widgets.

Until then, `peek` offers what the notes put on the first screen when the article was last
opened (`first_screen`, from `annotations.first_screen`: the count, the Notes pane's first rows,
the highlights of the first screens), if the notes file and the article are unchanged; the
worker keeps it anew once the notes are loaded, and the saver after each save.

A read-only store (malformed file, conflict markers, newer schema) is reported at once and every
change is refused with the reason; conflict markers are offered for recovery. A notes directory
that is a git repository without the merge driver registered in this clone gets a notification
and a palette command that registers it. A notes file changed on disk (a `git pull`) is picked
up by `reload` (palette: 'Notes: reload from disk').
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reader.load.clean import clean
from reader.ui import deferred
from reader.ui.notes_display import literal
from reader.ui.ports import Dialogs, Notify, Reading, RunWorker

if TYPE_CHECKING:
    from annotations.anchor import Placement
    from annotations.first_screen import ArticleKey, FirstScreen
    from annotations.model import Annotation, NotesFile
    from annotations.store import NotesStore
    from reader.document import Article
    from reader.search.index import NoteRecord


SAVE_DELAY = 0.2
"""Seconds between a change to a big notes file and its write: the frame is drawn first, and
keys typed meanwhile are written by the same save. `flush` writes at once on quit."""


class NotesStorage:
    """The notes of the article being read, as the store holds them (not a widget)."""

    def __init__(
        self,
        reading: Reading,
        *,
        notes_dir: str | None,
        run_worker: RunWorker,
        dialogs: Dialogs,
        notify: Notify,
        alive: Callable[[], bool],
        changed: Callable[[], None],
    ) -> None:
        self.reading = reading
        """The article whose notes these are."""
        self.notes_dir = notes_dir
        """Where notes are kept (`--notes-dir`); None: `$READER_NOTES_DIR` or the default."""
        self.store: NotesStore | None = None
        """The article's notes once loaded (None while loading)."""
        self.load_error: str | None = None
        """Why the notes could not be opened, if they could not."""
        self.first_screen: FirstScreen | None = None
        """What the notes put on the first screen last time (`peek`), until they are loaded."""
        self._peeked: ArticleKey | None = None  # the article as `peek` keyed it
        self._placements: dict[str, Placement] = {}
        self._order: tuple[NotesFile, list[tuple[Annotation, Placement]]] | None = None
        self._run_worker = run_worker
        self._dialogs = dialogs
        self._notify = notify
        self._alive = alive
        self._changed = changed

    # ----------------------------------------------------------------- loading

    def peek(self) -> None:
        """Offer the notes' first screen kept from the last open, if still true (a few KB).

        Called once the article is on screen, before `load`: the screen shows it at once and
        `load` replaces it with the notes themselves. A missing, stale or damaged entry is
        no first screen; the notes then show when loaded, as without one.
        """
        if self.store is not None or self.first_screen is not None or self._peeked is not None:
            return
        reading = self.reading
        try:
            key = self._peeked = deferred.article_key(reading.article, whole=not reading.pending)
            directory = deferred.notes_home(self.notes_dir)
            found = deferred.first_screen_cache().get(key, directory)
        except (OSError, ValueError):  # a cache is never worth an error
            return
        if found is not None and self.store is None:
            self.first_screen = found
            self._changed()

    def _keep_first_screen(
        self,
        store: NotesStore,
        article: Article,
        order: tuple[NotesFile, list[tuple[Annotation, Placement]]] | None,
        shown: FirstScreen | None,
    ) -> None:
        """Worker side: keep the first screen of the notes as now loaded or saved."""
        peeked = self._peeked
        # The notes are on screen already: a cache that fails is not worth the reader's crash.
        with contextlib.suppress(Exception):
            key = deferred.article_key(article, whole=True)
            if peeked is not None and peeked.source == key.source:
                key = replace(key, source_identity=peeked.source_identity)  # as it was read
            directory = deferred.notes_home(self.notes_dir)
            store.keep_first_screen(key, directory, article.text, order, shown=shown)

    def load(self) -> None:
        """Open the store and re-anchor the notes in a thread worker (slow on a changed book)."""
        self._run_worker(
            partial(self._open_store, self.reading.article, self.notes_dir),
            name="notes",
            description="open the notes",  # the default repr would print the whole article
            group="notes",
            thread=True,
            exclusive=True,
        )

    def _open_store(self, article: Article, notes_dir: str | Path | None) -> None:
        """Worker body: open, re-anchor and order the notes, hand over; then look at git.

        The notes come back in the order the pane lists them (`ordered`), so the UI thread
        only draws them: with 10,000 notes, sorting them again there delayed the frame.
        """
        shown = self.first_screen
        try:
            store = deferred.notes_store().open(article, notes_dir)
            notes = store.notes
            results = store.reanchor(article)  # in article order, orphans last
            order = (notes, [(result.annotation, result.placement) for result in results])
        except Exception as error:  # an unreadable directory, a bug: report it, keep reading
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self._dialogs.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
            return
        try:
            self._dialogs.call_from_thread(self._ready, store, order)
        except RuntimeError:  # the app closed while we were working
            return
        try:  # after the notes are shown: git is asked in a subprocess
            offer_driver = deferred.needs_merge_driver(store.path.parent)
        except Exception:  # no git, or a broken repository: nothing to offer
            offer_driver = False
        if offer_driver:
            with contextlib.suppress(RuntimeError):
                self._dialogs.call_from_thread(self._offer_driver, store)
        store.keep_parsed()  # shown: now make the next open of a big file quick
        self._keep_first_screen(store, article, order, shown)

    def _failed(self, reason: str) -> None:
        self.first_screen = None
        self.load_error = f"Notes could not be opened ({literal(reason)}); nothing was written."
        self._notify(self.load_error, title="Notes", severity="error", timeout=20)
        self._changed()

    def _ready(
        self,
        store: NotesStore,
        order: tuple[NotesFile, list[tuple[Annotation, Placement]]] | None = None,
    ) -> None:
        if not self._alive():  # the reader closed while the notes were loading
            return
        self.store = store
        self.first_screen = None  # the notes themselves replace it, in the same frame
        store.write_behind = True  # big files: saved by `_save_behind`, not on the UI thread
        self._placements = dict(store.placements)
        self._order = order if order is not None and order[0] is store.notes else None
        self._changed()
        if store.recoverable:
            self._dialogs.push_screen(
                deferred.confirm_dialog()(
                    "Notes file has conflict markers",
                    f"{clean(store.path.name)} was left with git conflict markers. Recover every "
                    "note by merging both sides by annotation id? A backup of the file "
                    "is kept beside it. (Later: ctrl+p, 'Notes: recover'.)",
                ),
                self._recover_answered,
            )
        elif store.read_only:
            self._report_read_only(store)
        elif store.offer is not None:
            self._offer_notes(store)
        elif store.comments_warning:
            self._notify(
                literal(store.comments_warning), title="Notes", severity="warning", timeout=20
            )

    def _offer_driver(self, store: NotesStore) -> None:
        """Say that the notes directory's git clone lacks the merge driver, and how to add it."""
        if self._alive():
            self._notify(
                f"{store.path.parent} is a git repository whose notes merge driver is not "
                "registered in this clone, so a pull may leave conflict markers. Press ctrl+p "
                "and run 'Notes: register the git merge driver'.",
                title="Notes sync",
                severity="warning",
                timeout=20,
            )

    def _offer_notes(self, store: NotesStore) -> None:
        """Ask whether the notes of a similar article (likely this one's) are to be attached."""
        offer = store.offer
        assert offer is not None
        count = f"{offer.notes} note{'s' * (offer.notes != 1)}"
        self._dialogs.push_screen(
            deferred.confirm_dialog()(
                "Notes of a similar article",
                f"{clean(offer.path.name)} holds {count} of an article like this one "
                f"({offer.found} of {offer.notes} passages are in this text), but not "
                "certainly this one. Attach them to this article? (No keeps them apart; "
                "new notes then go to a new file.)",
            ),
            partial(self._offer_answered, offer.path),
        )

    def _offer_answered(self, path: Path, yes: bool | None) -> None:
        notes_store = deferred.notes_store()
        article = self.reading.article
        if not yes:
            notes_store.decline(article, path, self.notes_dir)
            self._notify(
                f"Not attached: {literal(path.name)} stays apart and is not offered again for this "
                "text. From a shell: reader notes attach FILE NOTES_FILE.",
                title="Notes",
                timeout=8,
            )
            return
        try:
            notes_store.attach(article, path, self.notes_dir)
        except (deferred.store_error(), OSError) as error:
            self._notify(
                f"Not attached: {literal(str(error))}", title="Notes", severity="error", timeout=15
            )
            return
        self._placements.clear()
        self._order = None
        self._notify(f"Attached the notes in {literal(path.name)}.", title="Notes", timeout=5)
        self.load()

    # ----------------------------------------------------------------- placements

    def placement(self, annotation: Annotation) -> Placement:
        """Where `annotation` sits in the article now (re-anchored once, then remembered)."""
        placement = self._placements.get(annotation.id)
        if placement is None and self.store is not None:
            placement = self.store.placements.get(annotation.id)
        if placement is None:
            assert annotation.selector is not None  # live annotations have one
            placement = deferred.anchor(annotation.selector, self.reading.article.text)
        self._placements[annotation.id] = placement
        return placement

    def forget_placement(self, note_id: str) -> None:
        """Anchor `note_id` afresh next time (it was deleted, or brought back by undo)."""
        self._placements.pop(note_id, None)
        self._order = None

    def ordered(self) -> list[tuple[Annotation, Placement]]:
        """Live annotations with their placements: placed in article order, then orphans.

        Kept until the notes change: drawing, `h` and `a` each ask for it, and sorting
        10,000 notes took a tenth of a key's time. The list is shared: do not change it.
        """
        store = self.store
        if store is None:
            return []
        if self._order is not None and self._order[0] is store.notes:
            return self._order[1]
        notes = store.notes
        pairs = [(a, self.placement(a)) for a in notes.live if a.selector is not None]
        pairs.sort(key=lambda pair: (not pair[1].placed, pair[1].start, pair[1].end, pair[0].id))
        self._order = (notes, pairs)
        return pairs

    def note_records(self) -> list[NoteRecord]:
        """The placed notes as search sees them (note text and tags, and the passage range)."""
        note_record = deferred.note_record()
        return [
            note_record(
                annotation.id,
                # Search results and the palette show this text: cleaned as article text is.
                clean(" ".join([annotation.note, *("#" + tag for tag in annotation.tags)])).strip(),
                placement.start,
                placement.end,
            )
            for annotation, placement in self.ordered()
            if placement.placed
        ]

    # ----------------------------------------------------------------- saving

    def writable(self) -> NotesStore | None:
        """The store, if changes may be made to it; else None, the reason told."""
        store = self.store
        if store is None:
            if self.load_error:
                self._notify(self.load_error, title="Notes", severity="error", timeout=10)
            else:
                self._notify("Notes are still loading…", title="Notes", timeout=3)
            return None
        if store.read_only:
            hint = " Recover with ctrl+p, 'Notes: recover'." if store.recoverable else ""
            self._notify(
                f"Notes are read-only: {literal(store.read_only)}{hint}",
                title="Notes",
                severity="error",
                timeout=10,
            )
            return None
        return store

    def saving(self, change: Callable[[NotesStore], object]) -> bool:
        """Run one store change (saved at once by the store); report a failure, never crash."""
        store = self.writable()
        if store is None:
            return False
        try:
            change(store)
        except (deferred.store_error(), OSError) as error:
            # OSError: a notes directory that cannot be written (permissions, a full disk).
            message = f"Not saved: {literal(str(error))}"
            self._notify(message, title="Notes", severity="error", timeout=15)
            self._changed()
            return False
        except KeyError:
            self._notify("That note is gone (changed elsewhere).", title="Notes", timeout=4)
            self._changed()
            return False
        self._changed()
        self._save_behind(store)
        return True

    def _save_behind(self, store: NotesStore) -> None:
        """Start the one saver thread when a change is waiting to be written (big files)."""
        if store.claim_saver():
            self._run_worker(
                partial(self._write_behind, store),
                name="save notes",
                description="save the notes",
                group="notes-save",
                thread=True,
                exclusive=False,  # never cancelled: the saver ends when all is written
            )

    def _write_behind(self, store: NotesStore) -> None:
        """Worker body: write the latest notes until nothing is left; report a failure.

        It starts `SAVE_DELAY` after the change, once the screen has drawn it: dumping
        10,000 notes takes the interpreter's lock half the time, and the frame came later.
        """
        time.sleep(SAVE_DELAY)
        try:
            store.save_pending()
        except (deferred.store_error(), OSError) as error:
            with contextlib.suppress(RuntimeError):  # the app closed: `flush` reports it
                self._dialogs.call_from_thread(self._save_failed, str(error))
            return
        self._keep_first_screen(store, self.reading.article, None, None)

    def _save_failed(self, reason: str) -> None:
        self._notify(f"Not saved: {literal(reason)}", title="Notes", severity="error", timeout=15)
        self._changed()

    def flush(self) -> str | None:
        """Write every change not written yet (the reader is closing); the error, if any.

        Waits for a saver thread still writing, then writes what came after it.
        """
        store = self.store
        if store is None or not store.unsaved:
            return None
        try:
            store.save()
        except (deferred.store_error(), OSError) as error:
            return str(error)
        return None

    # ----------------------------------------------------------------- recovery and git

    def _report_read_only(self, store: NotesStore) -> None:
        self._notify(
            f"Notes are read-only: {literal(store.read_only or '')}",
            title="Notes",
            severity="error",
            timeout=20,
        )

    def _recover_answered(self, yes: bool | None) -> None:
        if yes:
            self.recover()
        elif self.store is not None:
            self._report_read_only(self.store)

    def recover(self) -> None:
        """Merge both sides of a file with conflict markers by id, keep a backup, re-anchor."""
        store = self.store
        if store is None or not store.recoverable:
            self._notify("The notes file needs no recovery.", title="Notes", timeout=3)
            return
        try:
            backup = store.recover()
        except deferred.store_error() as error:
            message = f"Could not recover: {literal(str(error))}"
            self._notify(message, title="Notes", severity="error", timeout=15)
            return
        self._placements.clear()
        self._order = None
        count = len(store.annotations)
        self._notify(
            f"Recovered {count} note{'s' * (count != 1)}; the old file is kept as "
            f"{literal(backup.name)}.",
            title="Notes",
            timeout=10,
        )
        self.load()

    def register_merge_driver(self) -> None:
        """Register the notes merge driver in this clone of the notes repository."""
        store = self.store
        if store is None:
            return
        try:
            deferred.register_merge_driver(store.path.parent)
        except (deferred.sync_error(), OSError) as error:
            self._notify(f"Could not register: {error}", title="Notes sync", severity="error")
            return
        self._notify(
            "Merge driver registered: notes now merge by annotation id on pull.",
            title="Notes sync",
            timeout=5,
        )

    def reload(self) -> None:
        """Pick up changes made to the notes file on disk (a `git pull`) and re-anchor."""
        store = self.store
        if store is None:
            return
        if store.refresh():
            self._placements.clear()
            self._order = None
            self.load()
        else:
            self._notify("The notes file has not changed.", title="Notes", timeout=3)
