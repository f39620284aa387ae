"""The store side of the notes flows: loading, showing, saving, recovery and git.

`NotesStoreScreen` is the base of `NotesScreen` (`notes_controller`), which turns keys into
the changes this class saves. It opens the article's `NotesStore` and re-anchors the notes in
a thread worker (the article is readable at once; highlights appear when ready), draws
highlights and note markers through the view's mark layers, fills the `NotesPane`, and runs
every change through the store, which saves it at once; nothing here writes a notes file.

A read-only store (malformed file, conflict markers, newer schema) is reported at once and
every change is refused with the reason; conflict markers are offered for recovery. A notes
directory that is a git repository without the merge driver registered in this clone gets a
notification and a palette command that registers it. Kept apart from the key handling so
each half reads on its own: this one never looks at keys, selections or focus.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from reader.load.clean import clean
from reader.ui.notes_display import highlight_style, literal, note_entry
from reader.ui.notes_keys import NOTE_MARKER, NOTE_MARKER_STYLE, NOTES_LAYER_PRIORITY
from reader.ui.widgets.article_marks import MarkSpan
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NoteEntry, NotesPane

if TYPE_CHECKING:
    from annotations.anchor import Placement
    from annotations.model import Annotation
    from annotations.store import NotesStore
    from reader.document import Article
    from reader.extract.model import Extraction
    from reader.search.index import NoteRecord


class NotesStoreScreen(Screen[None]):
    """A screen with an `ArticleView` (`#article`) and a `NotesPane`: the notes and their store."""

    def __init__(
        self,
        article: Article,
        *,
        pending: bool = False,
        notes_dir: str | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article = article
        """The article being read."""
        self.pending = pending
        """True while `article` is only the first screens of a book still being read: notes wait
        for the whole text (they are kept per text, and anchored in all of it)."""
        self.extraction: Extraction | None = None
        """What extraction found, once it is done (the quote under the Quotes pane's cursor)."""
        self.notes_dir = notes_dir
        """Where notes are kept (`--notes-dir`); None: `$READER_NOTES_DIR` or the default."""
        self.notes_store: NotesStore | None = None
        """The article's notes once loaded (None while loading)."""
        self.current_note: str | None = None
        """Id of the note last made or jumped to: what `a`, `c` and `d` act on by default."""
        self._placements: dict[str, Placement] = {}
        self._load_error: str | None = None

    # ----------------------------------------------------------------- loading

    @property
    def _view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def _notes_pane(self) -> NotesPane | None:
        panes = self.query(NotesPane)
        return panes.first() if panes else None

    def on_mount(self) -> None:
        """Load the notes once the article is on screen."""
        pane = self._notes_pane
        if pane is not None:
            pane.show(None)
        if not self.pending:
            self.call_after_refresh(self.load_notes)

    def load_notes(self) -> None:
        """Open the store and re-anchor the notes in a thread worker (slow on a changed book)."""
        self.run_worker(
            partial(self._open_store, self.article, self.notes_dir),
            name="notes",
            description="open the notes",  # the default repr would print the whole article
            group="notes",
            thread=True,
            exclusive=True,
        )

    def _open_store(self, article: Article, notes_dir: str | Path | None) -> None:
        """Worker body: open, re-anchor, look at the git repository; then hand over."""
        from annotations.store import NotesStore

        try:
            store = NotesStore.open(article, notes_dir)
            store.reanchor(article)
        except Exception as error:  # an unreadable directory, a bug: report it, keep reading
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.app.call_from_thread(self._store_failed, f"{type(error).__name__}: {error}")
            return
        offer_driver = False
        try:
            from annotations.sync import needs_driver

            offer_driver = needs_driver(store.path.parent)
        except Exception:  # no git, or a broken repository: nothing to offer
            offer_driver = False
        try:
            self.app.call_from_thread(self._store_ready, store, offer_driver)
        except RuntimeError:  # the app closed while we were working
            return

    def notes_pane_mounted(self) -> None:
        """Fill a Notes pane mounted after the screen (with the notes, once they are loaded)."""
        pane = self._notes_pane
        if pane is None:
            return
        if self.notes_store is not None:
            self.show_notes()
        elif self._load_error is not None:
            pane.show([], read_only=self._load_error)
        else:
            pane.show(None)

    def _store_failed(self, reason: str) -> None:
        self._load_error = f"Notes could not be opened ({literal(reason)}); nothing was written."
        self.notify(self._load_error, title="Notes", severity="error", timeout=20)
        pane = self._notes_pane
        if pane is not None:
            pane.show([], read_only=self._load_error)

    def _store_ready(self, store: NotesStore, offer_driver: bool) -> None:
        if not self.query(ArticleView):  # the reader closed while the notes were loading
            return
        self.notes_store = store
        self._placements = dict(store.placements)
        self.show_notes()
        if store.recoverable:
            from reader.ui.screens.note_editor import ConfirmDialog  # with TextArea: not at start

            self.app.push_screen(
                ConfirmDialog(
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
            self.notify(
                literal(store.comments_warning), title="Notes", severity="warning", timeout=20
            )
        if offer_driver:
            self.notify(
                f"{store.path.parent} is a git repository whose notes merge driver is not "
                "registered in this clone, so a pull may leave conflict markers. Press ctrl+p "
                "and run 'Notes: register the git merge driver'.",
                title="Notes sync",
                severity="warning",
                timeout=20,
            )

    def _offer_notes(self, store: NotesStore) -> None:
        """Ask whether the notes of a similar article (likely this one's) are to be attached."""
        from reader.ui.screens.note_editor import ConfirmDialog  # with TextArea: not at start

        offer = store.offer
        assert offer is not None
        count = f"{offer.notes} note{'s' * (offer.notes != 1)}"
        self.app.push_screen(
            ConfirmDialog(
                "Notes of a similar article",
                f"{clean(offer.path.name)} holds {count} of an article like this one "
                f"({offer.found} of {offer.notes} passages are in this text), but not "
                "certainly this one. Attach them to this article? (No keeps them apart; "
                "new notes then go to a new file.)",
            ),
            partial(self._offer_answered, offer.path),
        )

    def _offer_answered(self, path: Path, yes: bool | None) -> None:
        from annotations.store import NotesStore, StoreError

        notes_dir = self.notes_dir
        if not yes:
            NotesStore.decline(self.article, path, notes_dir)
            self.notify(
                f"Not attached: {literal(path.name)} stays apart and is not offered again for this "
                "text. From a shell: reader notes attach FILE NOTES_FILE.",
                title="Notes",
                timeout=8,
            )
            return

        try:
            NotesStore.attach(self.article, path, notes_dir)
        except (StoreError, OSError) as error:
            self.notify(
                f"Not attached: {literal(str(error))}", title="Notes", severity="error", timeout=15
            )
            return
        self._placements.clear()
        self.notify(f"Attached the notes in {literal(path.name)}.", title="Notes", timeout=5)
        self.load_notes()

    # ----------------------------------------------------------------- showing

    def _placement(self, annotation: Annotation) -> Placement:
        placement = self._placements.get(annotation.id)
        if placement is None and self.notes_store is not None:
            placement = self.notes_store.placements.get(annotation.id)
        if placement is None:
            from annotations.anchor import anchor

            assert annotation.selector is not None  # live annotations have one
            placement = anchor(annotation.selector, self.article.text)
        self._placements[annotation.id] = placement
        return placement

    def _ordered(self) -> list[tuple[Annotation, Placement]]:
        """Live annotations with their placements: placed in article order, then orphans."""
        store = self.notes_store
        if store is None:
            return []
        pairs = [(a, self._placement(a)) for a in store.annotations if a.selector is not None]
        return sorted(
            pairs,
            key=lambda pair: (not pair[1].placed, pair[1].start, pair[1].end, pair[0].id),
        )

    def show_notes(self) -> None:
        """Redraw highlights in the article and refill the Notes pane from the store."""
        store = self.notes_store
        if store is None:
            return
        spans: list[MarkSpan] = []
        entries: list[NoteEntry] = []
        for annotation, placement in self._ordered():
            if placement.placed:
                style = highlight_style(annotation.color, bool(annotation.note.strip()))
                spans.append((placement.start, placement.end, style))
            entries.append(note_entry(annotation, placement, self.article.text, store.conflicts))
        self._view.set_marks("notes", spans, priority=NOTES_LAYER_PRIORITY)
        markers = [
            (placement.end - 1, NOTE_MARKER, NOTE_MARKER_STYLE)
            for annotation, placement in self._ordered()
            if placement.placed and annotation.note.strip()
        ]
        self._view.set_markers("notes", markers)
        pane = self._notes_pane
        if pane is not None:
            pane.show(entries, read_only=store.read_only or "", keep=self.current_note)

    # ----------------------------------------------------------------- saving

    def _writable(self) -> NotesStore | None:
        store = self.notes_store
        if store is None:
            if self._load_error:
                self.notify(self._load_error, title="Notes", severity="error", timeout=10)
            else:
                self.notify("Notes are still loading…", title="Notes", timeout=3)
            return None
        if store.read_only:
            hint = " Recover with ctrl+p, 'Notes: recover'." if store.recoverable else ""
            self.notify(
                f"Notes are read-only: {literal(store.read_only)}{hint}",
                title="Notes",
                severity="error",
                timeout=10,
            )
            return None
        return store

    def _saving(self, change: Callable[[NotesStore], object]) -> bool:
        """Run one store change (saved at once by the store); report a failure, never crash."""
        from annotations.store import StoreError

        store = self._writable()
        if store is None:
            return False
        try:
            change(store)
        except (StoreError, OSError) as error:
            # OSError: a notes directory that cannot be written (permissions, a full disk).
            message = f"Not saved: {literal(str(error))}"
            self.notify(message, title="Notes", severity="error", timeout=15)
            self.show_notes()
            return False
        except KeyError:
            self.notify("That note is gone (changed elsewhere).", title="Notes", timeout=4)
            self.show_notes()
            return False
        self.show_notes()
        return True

    # ----------------------------------------------------------------- recovery and git

    def _report_read_only(self, store: NotesStore) -> None:
        self.notify(
            f"Notes are read-only: {literal(store.read_only or '')}",
            title="Notes",
            severity="error",
            timeout=20,
        )

    def _recover_answered(self, yes: bool | None) -> None:
        if yes:
            self.recover_notes()
        elif self.notes_store is not None:
            self._report_read_only(self.notes_store)

    def recover_notes(self) -> None:
        """Merge both sides of a file with conflict markers by id, keep a backup, re-anchor."""
        from annotations.store import StoreError

        store = self.notes_store
        if store is None or not store.recoverable:
            self.notify("The notes file needs no recovery.", title="Notes", timeout=3)
            return
        try:
            backup = store.recover()
        except StoreError as error:
            message = f"Could not recover: {literal(str(error))}"
            self.notify(message, title="Notes", severity="error", timeout=15)
            return
        self._placements.clear()
        count = len(store.annotations)
        self.notify(
            f"Recovered {count} note{'s' * (count != 1)}; the old file is kept as "
            f"{literal(backup.name)}.",
            title="Notes",
            timeout=10,
        )
        self.load_notes()

    def register_merge_driver(self) -> None:
        """Register the notes merge driver in this clone of the notes repository."""
        store = self.notes_store
        if store is None:
            return
        from annotations.sync import SyncError, register_driver

        try:
            register_driver(store.path.parent)
        except (SyncError, OSError) as error:
            self.notify(f"Could not register: {error}", title="Notes sync", severity="error")
            return
        self.notify(
            "Merge driver registered: notes now merge by annotation id on pull.",
            title="Notes sync",
            timeout=5,
        )

    def reload_notes(self) -> None:
        """Pick up changes made to the notes file on disk (a `git pull`) and re-anchor."""
        store = self.notes_store
        if store is None:
            return
        if store.refresh():
            self._placements.clear()
            self.load_notes()
        else:
            self.notify("The notes file has not changed.", title="Notes", timeout=3)

    def note_records(self) -> list[NoteRecord]:
        """The placed notes as search sees them (note text and tags, and the passage range)."""
        from reader.search.index import NoteRecord

        return [
            NoteRecord(
                annotation.id,
                # Search results and the palette show this text: cleaned as article text is.
                clean(" ".join([annotation.note, *("#" + tag for tag in annotation.tags)])).strip(),
                placement.start,
                placement.end,
            )
            for annotation, placement in self._ordered()
            if placement.placed
        ]
