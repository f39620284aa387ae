"""Highlights and notes on the reading screen: keys, visual mode, the store, the Notes pane.

`NotesScreen` is the base of `ReaderScreen`: it owns the notes flows so the reading screen
stays small. It opens the article's `NotesStore` and re-anchors the notes in a thread worker
(the article is readable at once; highlights appear when ready), draws highlights through the
view's mark layers, fills the `NotesPane`, and turns keys into store calls. Every change goes
through the store, which saves it at once; nothing here writes a notes file.

Marking: `h` highlights the current paragraph, or the quote highlighted in the Quotes pane, or
the visual selection. `v` starts visual mode on the current sentence (`V` on the paragraph);
`w`/`b` move its end a word, `)`/`(` a sentence, `j`/`k` select the next/previous sentence,
`o` swaps the ends, `p` takes the whole paragraph, `esc` leaves. `a` writes a note (a modal
editor; `A` opens `$EDITOR`), `c` cycles the colour, `d` deletes, `u` undoes.

A read-only store (malformed file, conflict markers, newer schema) is reported at once and
every change is refused with the reason; conflict markers are offered for recovery. A notes
directory that is a git repository without the merge driver registered in this clone gets a
notification and a palette command that registers it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from textual import on
from textual.binding import BindingsMap
from textual.screen import Screen

from reader.ui.notes_external import edit_externally
from reader.ui.notes_keys import (
    HIDDEN_IN_VISUAL,
    NOTE_COLOURS,
    NOTE_MARKER,
    NOTE_MARKER_STYLE,
    NOTES_BINDINGS,
    NOTES_LAYER_PRIORITY,
    SELECTION_LAYER_PRIORITY,
    VISUAL_ACTIONS,
    VISUAL_BINDINGS,
)
from reader.ui.selection import (
    Selection,
    move_sentence,
    move_word,
    paragraph_range,
    sentence_at,
    step_sentence,
)
from reader.ui.widgets.article_marks import MarkSpan
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NoteEntry, NotesPane

if TYPE_CHECKING:
    from annotations.anchor import Placement
    from annotations.model import Annotation
    from annotations.store import NotesStore
    from reader.document import Article
    from reader.search.index import NoteRecord
    from reader.ui.screens.note_editor import NoteEdit


def _clip(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def highlight_style(colour: str, has_note: bool) -> Style:
    """How a highlight of `colour` looks: black on the tint, underlined when it has a note."""
    tint = NOTE_COLOURS.get(colour, NOTE_COLOURS["yellow"])
    return Style(color="#000000", bgcolor=tint, underline=has_note)


class NotesScreen(Screen[None]):
    """A screen with an `ArticleView` (`#article`) and a `NotesPane`: the notes flows."""

    BINDINGS = [*NOTES_BINDINGS, *VISUAL_BINDINGS]

    article: Article
    """The article being read (set by the subclass)."""

    @classmethod
    def _merge_bindings(cls) -> BindingsMap:
        """Keep the visual-mode keys beside a subclass's bindings for the same keys.

        Textual lets a subclass's binding for a key replace the base class's (`)` is "next
        quote" and `esc` is "back" on the reading screen); visual mode needs both, its own
        winning (priority) only while it is on (`check_action`).
        """
        merged = super()._merge_bindings()
        keys = {key: list(found) for key, found in merged.key_to_bindings.items()}
        for key, visual in BindingsMap(VISUAL_BINDINGS).key_to_bindings.items():
            keys[key] = [*visual, *(b for b in keys.get(key, []) if b not in visual)]
        return BindingsMap.from_keys(keys)

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.notes_store: NotesStore | None = None
        """The article's notes once loaded (None while loading)."""
        self.selection: Selection | None = None
        """The visual-mode selection, or None outside visual mode."""
        self.current_note: str | None = None
        """Id of the note last made or jumped to: what `a`, `c` and `d` act on by default."""
        self.colour = "yellow"
        """Colour of the next highlight (the last one chosen with `c`)."""
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
        self.call_after_refresh(self.load_notes)

    def load_notes(self) -> None:
        """Open the store and re-anchor the notes in a thread worker (slow on a changed book)."""
        self.run_worker(
            partial(self._open_store, self.article, getattr(self.app, "notes_dir", None)),
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
            pane.show([], read_only=True)
        else:
            pane.show(None)

    def _store_failed(self, reason: str) -> None:
        self._load_error = f"Notes could not be opened ({reason}); nothing was written."
        self.notify(self._load_error, title="Notes", severity="error", timeout=20)
        pane = self._notes_pane
        if pane is not None:
            pane.show([], read_only=True)

    def _store_ready(self, store: NotesStore, offer_driver: bool) -> None:
        self.notes_store = store
        self._placements = dict(store.placements)
        self.show_notes()
        if store.recoverable:
            from reader.ui.screens.note_editor import ConfirmDialog  # with TextArea: not at start

            self.app.push_screen(
                ConfirmDialog(
                    "Notes file has conflict markers",
                    f"{store.path.name} was left with git conflict markers. Recover every "
                    "note by merging both sides by annotation id? A backup of the file "
                    "is kept beside it. (Later: ctrl+p, 'Notes: recover'.)",
                ),
                self._recover_answered,
            )
        elif store.read_only:
            self._report_read_only(store)
        if offer_driver:
            self.notify(
                f"{store.path.parent} is a git repository whose notes merge driver is not "
                "registered in this clone, so a pull may leave conflict markers. Press ctrl+p "
                "and run 'Notes: register the git merge driver'.",
                title="Notes sync",
                severity="warning",
                timeout=20,
            )

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
            assert annotation.selector is not None
            has_note = bool(annotation.note.strip())
            if placement.placed:
                style = highlight_style(annotation.color, has_note)
                spans.append((placement.start, placement.end, style))
            entries.append(
                NoteEntry(
                    id=annotation.id,
                    quote=(
                        self.article.text[placement.start : placement.end]
                        if placement.placed
                        else annotation.selector.exact
                    ),
                    note=annotation.note,
                    tags=annotation.tags,
                    colour=NOTE_COLOURS.get(annotation.color, annotation.color),
                    orphan=not placement.placed,
                    fuzzy=placement.status == "fuzzy",
                    conflicts=tuple(
                        f"{conflict.field} by {conflict.author}: {conflict.value}"
                        for conflict in store.conflicts
                        if conflict.id == annotation.id
                    ),
                )
            )
        self._view.set_marks("notes", spans, priority=NOTES_LAYER_PRIORITY)
        markers = [
            (placement.end - 1, NOTE_MARKER, NOTE_MARKER_STYLE)
            for annotation, placement in self._ordered()
            if placement.placed and annotation.note.strip()
        ]
        self._view.set_markers("notes", markers)
        pane = self._notes_pane
        if pane is not None:
            pane.show(entries, read_only=bool(store.read_only), keep=self.current_note)

    # ----------------------------------------------------------------- choosing what to act on

    def _current_paragraph_range(self) -> tuple[int, int] | None:
        paragraphs = self.article.paragraphs
        if not paragraphs:
            return None
        return paragraph_range(self.article, min(self._view.cursor, len(paragraphs) - 1))

    def _focused_quote_range(self) -> tuple[int, int] | None:
        from reader.ui.widgets.panes import QuotesPane

        focused = self.focused
        extraction = getattr(self, "extraction", None)
        if not isinstance(focused, QuotesPane) or extraction is None:
            return None
        index = focused.highlighted
        if index is None:
            return None
        option_id = focused.get_option_at_index(index).id
        if not option_id or not option_id.startswith("q"):
            return None
        quote = extraction.quotes[int(option_id[1:])]
        return int(quote.start), int(quote.end)

    def _range_to_mark(self) -> tuple[int, int] | None:
        """What `h` highlights: the quote in the Quotes pane, the selection, or the paragraph."""
        quote = self._focused_quote_range()
        if quote is not None:
            return quote
        if self.selection is not None:
            return self.selection.start, self.selection.end
        if isinstance(self.focused, NotesPane):
            return None
        return self._current_paragraph_range()

    def _target_note(self) -> str | None:
        """The note `a`, `c` and `d` act on: the Notes pane's, the selection's, or the one here."""
        store = self.notes_store
        if store is None:
            return None
        focused = self.focused
        if isinstance(focused, NotesPane):
            return focused.highlighted_id
        ordered = [(a.id, p) for a, p in self._ordered() if p.placed]
        if self.selection is not None:
            low, high = self.selection.start, self.selection.end
        else:
            here = self._current_paragraph_range()
            if here is None:
                return None
            low, high = here
        overlapping = [note_id for note_id, p in ordered if p.start < high and p.end > low]
        if self.current_note in overlapping:
            return self.current_note
        return overlapping[0] if overlapping else None

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
                f"Notes are read-only: {store.read_only}{hint}",
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
            self.notify(f"Not saved: {error}", title="Notes", severity="error", timeout=15)
            self.show_notes()
            return False
        except KeyError:
            self.notify("That note is gone (changed elsewhere).", title="Notes", timeout=4)
            self.show_notes()
            return False
        self.show_notes()
        return True

    # ----------------------------------------------------------------- visual mode

    def _set_selection(self, selection: Selection | None) -> None:
        self.selection = selection
        view = self._view
        if selection is None:
            view.clear_marks("selection")
        else:
            view.set_marks(
                "selection",
                [(selection.start, selection.end, "reverse")],
                priority=SELECTION_LAYER_PRIORITY,
            )
            if not view.is_offset_visible(selection.head):
                view.scroll_to_offset(selection.head, center=True)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Visual-mode keys exist only in visual mode, on the article."""
        if action in VISUAL_ACTIONS:
            return self.selection is not None and self.focused is self._view
        if action in HIDDEN_IN_VISUAL and self.selection is not None:
            return False
        return super().check_action(action, parameters)

    def action_visual(self) -> None:
        """Start visual mode on the current sentence (or leave it)."""
        if self.selection is not None:
            self._set_selection(None)
            return
        if not self.article.paragraphs:
            return
        view = self._view
        view.focus()
        paragraph = self.article.paragraphs[min(view.cursor, len(self.article.paragraphs) - 1)]
        offset = paragraph.start
        if not view.is_offset_visible(offset) and paragraph.start < view.top_offset:
            offset = view.top_offset
        sentence = sentence_at(self.article, offset)
        if sentence is None:
            return
        self._set_selection(Selection(*sentence))
        self.notify(
            "Visual mode: extend the selection, then h highlights or a adds a note.",
            title="Select",
            timeout=3,
        )

    def action_visual_paragraph(self) -> None:
        """Start visual mode on the whole current paragraph."""
        here = self._current_paragraph_range()
        if here is not None:
            self._view.focus()
            self._set_selection(Selection(*here))

    def action_visual_word(self, forward: bool) -> None:
        """Move the selection's moving end one word."""
        if self.selection is not None:
            self._set_selection(move_word(self.selection, self.article.text, forward))

    def action_visual_sentence(self, forward: bool) -> None:
        """Move the selection's moving end one sentence."""
        if self.selection is not None:
            self._set_selection(move_sentence(self.selection, self.article, forward))

    def action_visual_step(self, forward: bool) -> None:
        """Select the next (or previous) sentence instead."""
        if self.selection is not None:
            self._set_selection(step_sentence(self.selection, self.article, forward))

    def action_visual_swap(self) -> None:
        """Let the other end of the selection move."""
        if self.selection is not None:
            self._set_selection(self.selection.swapped())

    def action_visual_whole_paragraph(self) -> None:
        """Select the whole paragraph the moving end is in."""
        if self.selection is None:
            return
        paragraph = self.article.paragraph_at(self.selection.head)
        index = paragraph.index if paragraph else self._view.cursor
        whole = paragraph_range(self.article, index)
        if whole is not None:
            self._set_selection(Selection(*whole))

    def action_visual_copy(self) -> None:
        """Copy the selected text to the clipboard (OSC 52) and leave visual mode."""
        if self.selection is None:
            return
        text = self.article.text[self.selection.start : self.selection.end]
        self.app.copy_to_clipboard(text)
        self._set_selection(None)
        self.notify(f"Copied the selection ({len(text)} characters).", timeout=2)

    def action_visual_cancel(self) -> None:
        """Leave visual mode without highlighting."""
        self._set_selection(None)

    # ----------------------------------------------------------------- changing notes

    def highlight(self, start: int, end: int) -> str | None:
        """Highlight `start:end` in the current colour (saved at once); the new note's id."""
        store = self._writable()
        if store is None:
            return None
        for annotation, placement in self._ordered():
            if placement.placed and (placement.start, placement.end) == (start, end):
                self.current_note = annotation.id
                self._set_selection(None)
                self.show_notes()
                return annotation.id
        made: list[str] = []

        def _add(store: NotesStore) -> None:
            annotation = store.add(self.article.text, start, end, color=self.colour)
            made.append(annotation.id)

        if not self._saving(_add):
            return None
        self.current_note = made[0]
        self._set_selection(None)
        self.show_notes()
        return made[0]

    def action_highlight(self) -> None:
        """Highlight the quote in the Quotes pane, the selection, or the current paragraph."""
        span = self._range_to_mark()
        if span is None:
            return
        if self.highlight(*span) is not None:
            self.notify(
                f"Highlighted “{_clip(self.article.text[span[0] : span[1]])}” "
                "(a adds a note, c colour, u undo)",
                title="Notes",
                timeout=3,
            )

    def _note_target(self) -> tuple[str, bool] | None:
        """The note to write into, making a highlight first when there is none (id, made)."""
        if self.selection is not None or self._focused_quote_range() is not None:
            span = self._range_to_mark()
            if span is None:
                return None
            before = {a.id for a in self.notes_store.annotations} if self.notes_store else set()
            made = self.highlight(*span)
            return None if made is None else (made, made not in before)
        target = self._target_note()
        if target is not None:
            return target, False
        span = self._range_to_mark()
        if span is None:
            return None
        made = self.highlight(*span)
        return None if made is None else (made, True)

    def action_note(self) -> None:
        """Write the note of the highlight here (making one first) in the note editor."""
        if self._writable() is None:
            return
        target = self._note_target()
        if target is None:
            return
        note_id, made = target
        assert self.notes_store is not None
        annotation = self.notes_store.get(note_id)
        if annotation is None:
            return
        self.current_note = note_id
        from reader.ui.screens.note_editor import NoteEditor

        editor = NoteEditor(self._quote_of(annotation), annotation.note, annotation.tags)
        self.app.push_screen(editor, partial(self._note_written, note_id, made))

    def _quote_of(self, annotation: Annotation) -> str:
        placement = self._placement(annotation)
        if placement.placed:
            return self.article.text[placement.start : placement.end]
        return annotation.selector.exact if annotation.selector else ""

    def _note_written(self, note_id: str, made: bool, edit: NoteEdit | None) -> None:
        if edit is None:
            if made:
                # Cancelled on a highlight made for this note: as if `a` was never pressed.
                self._saving(lambda store: store.undo())
            return
        if self._saving(lambda store: store.update(note_id, note=edit.note, tags=edit.tags)):
            self.notify("Note saved.", title="Notes", timeout=2)

    def action_note_in_editor(self) -> None:
        """Write the note of the highlight here in `$VISUAL` / `$EDITOR`, the app suspended."""
        if self._writable() is None:
            return
        target = self._note_target()
        if target is None or self.notes_store is None:
            return
        note_id, made = target
        annotation = self.notes_store.get(note_id)
        if annotation is None:
            return
        self.current_note = note_id
        text = edit_externally(self.app, annotation.note)
        if text is None:
            self.notify(
                "Could not run the editor ($VISUAL / $EDITOR) here; use a for the built-in one.",
                title="Notes",
                severity="warning",
                timeout=6,
            )
            if made:
                self._saving(lambda store: store.undo())
            return
        from reader.ui.screens.note_editor import NoteEdit

        self._note_written(note_id, made, NoteEdit(text, annotation.tags))

    def action_cycle_colour(self) -> None:
        """Give the highlight here the next colour (and use it for the next highlights)."""
        target = self._target_note()
        store = self.notes_store
        if target is None or store is None:
            self.notify("No highlight here to colour.", title="Notes", timeout=2)
            return
        annotation = store.get(target)
        if annotation is None:
            return
        order = list(NOTE_COLOURS)
        index = order.index(annotation.color) if annotation.color in order else -1
        colour = order[(index + 1) % len(order)]
        if self._saving(lambda store: store.update(target, color=colour)):
            self.colour = colour
            self.current_note = target

    def action_delete_note(self) -> None:
        """Delete the highlight here with its note (u brings it back)."""
        target = self._target_note()
        store = self.notes_store
        if target is None or store is None:
            self.notify("No highlight here to delete.", title="Notes", timeout=2)
            return
        annotation = store.get(target)
        if annotation is None:
            return
        if self._saving(lambda store: store.delete(target)):
            self._placements.pop(target, None)
            self.notify(
                f"Deleted “{_clip(self._quote_text(annotation))}” (u undoes).",
                title="Notes",
                timeout=4,
            )

    def _quote_text(self, annotation: Annotation) -> str:
        return annotation.selector.exact if annotation.selector else ""

    def action_undo_note(self) -> None:
        """Undo the last highlight, note, colour or delete of this session."""
        store = self._writable()
        if store is None:
            return
        if not store.can_undo:
            self.notify("Nothing to undo.", title="Notes", timeout=2)
            return
        restored: list[Annotation | None] = []
        if self._saving(lambda store: restored.append(store.undo())):
            found = restored[0] if restored else None
            if found is not None and not found.is_deleted:
                self._placements.pop(found.id, None)
                self.current_note = found.id
                self.show_notes()
            self.notify("Undone.", title="Notes", timeout=2)

    # ----------------------------------------------------------------- the Notes pane

    @on(NotesPane.NoteSelected)
    def _note_selected(self, event: NotesPane.NoteSelected) -> None:
        self.jump_to_note(event.note_id)

    def jump_to_note(self, note_id: str) -> None:
        """Show the note's passage in the article and flash it (or explain an orphan)."""
        store = self.notes_store
        annotation = store.get(note_id) if store else None
        if annotation is None:
            return
        self.current_note = note_id
        placement = self._placement(annotation)
        if not placement.placed:
            self.notify(
                f"“{_clip(self._quote_text(annotation), 80)}” is no longer in the article; "
                "the note is kept (d deletes it).",
                title="Orphan note",
                timeout=6,
            )
            return
        view = self._view
        view.scroll_to_offset(placement.start, center=True)
        view.flash(placement.start, placement.end)
        view.focus()

    # ----------------------------------------------------------------- recovery and git

    def _report_read_only(self, store: NotesStore) -> None:
        self.notify(
            f"Notes are read-only: {store.read_only}",
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
            self.notify(f"Could not recover: {error}", title="Notes", severity="error", timeout=15)
            return
        self._placements.clear()
        count = len(store.annotations)
        self.notify(
            f"Recovered {count} note{'s' * (count != 1)}; the old file is kept as {backup.name}.",
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
                " ".join([annotation.note, *("#" + tag for tag in annotation.tags)]).strip(),
                placement.start,
                placement.end,
            )
            for annotation, placement in self._ordered()
            if placement.placed
        ]

    def notes_palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The notes actions for the command palette: (title, help, callback)."""
        return [
            ("Notes: select (visual mode)", "v", self.action_visual),
            ("Notes: highlight", "h", self.action_highlight),
            ("Notes: add or edit note", "a", self.action_note),
            ("Notes: note in $EDITOR", "A", self.action_note_in_editor),
            ("Notes: cycle colour", "c", self.action_cycle_colour),
            ("Notes: delete highlight", "d", self.action_delete_note),
            ("Notes: undo", "u", self.action_undo_note),
            ("Notes: recover from conflict markers", "merge both sides", self.recover_notes),
            ("Notes: register the git merge driver", "this clone", self.register_merge_driver),
            ("Notes: reload from disk", "after a git pull", self.reload_notes),
        ]
