"""Highlights and notes on the reading screen: what `h`, `a`, `c`, `d`, `u` act on, and drawing.

`NotesController` turns the notes keys into store changes (saved by `NotesStorage`) and draws
the notes: highlights and note markers through the article view's mark layers, and the rows
of the `NotesPane`. It is not a widget: the reader screen keeps the keys and calls it.

Marking: `h` highlights the quote highlighted in the Quotes pane, or the visual selection
(`visual_mode`), or the current paragraph. `a` writes a note (a modal editor; `A` opens
`$EDITOR`), `c` cycles the colour, `d` deletes, `u` undoes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.widget import Widget

from reader.ui import deferred
from reader.ui.notes_display import (
    clip,
    editable,
    first_screen_entry,
    highlight_style,
    note_entry,
)
from reader.ui.notes_external import edit_externally
from reader.ui.notes_keys import NOTE_COLOURS, NOTE_MARKER, NOTE_MARKER_STYLE, NOTES_LAYER_PRIORITY
from reader.ui.notes_storage import NotesStorage
from reader.ui.ports import Dialogs, Notify, Reading
from reader.ui.visual_mode import VisualSelection, current_paragraph_range
from reader.ui.widgets.article_marks import MarkSpan, MarkStyle
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NoteEntries, NoteEntry, NotesPane
from reader.ui.widgets.panes import QuotesPane

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import NotesStore
    from reader.ui.screens.note_editor import NoteEdit

PaletteCommand = tuple[str, str, Callable[[], object]]
"""A command-palette entry: (title, help, callback)."""

SCREEN_CHARS = 16_000
"""More characters than the tallest screen shows (80 rows of 200): before the article is laid
out, the kept first screen is shown when this much from the top row is in its region."""

WAITING_ROW = "\0loading-"
"""Id prefix of the Notes pane's rows past the kept first screen's, until the notes load."""


class NotesController:
    """The notes flows of one reading screen: choosing the target, changing it, drawing."""

    def __init__(
        self,
        reading: Reading,
        *,
        storage: NotesStorage,
        visual: VisualSelection,
        view: ArticleView,
        notes_pane: Callable[[], NotesPane | None],
        focused: Callable[[], Widget | None],
        dialogs: Dialogs,
        notify: Notify,
    ) -> None:
        self.reading = reading
        """The article and its extraction (the quote under the Quotes pane's cursor)."""
        self.storage = storage
        """The notes as the store holds them."""
        self.current_note: str | None = None
        """Id of the note last made or jumped to: what `a`, `c` and `d` act on by default."""
        self.colour = "yellow"
        """Colour of the next highlight (the last one chosen with `c`)."""
        self._visual = visual
        self._view = view
        self._notes_pane = notes_pane
        self._focused = focused
        self._dialogs = dialogs
        self._notify = notify
        self._waiting: list[Callable[[], object]] = []  # keys pressed before the notes loaded

    # ----------------------------------------------------------------- drawing

    def show(self) -> None:
        """Redraw highlights in the article and refill the Notes pane (once it is mounted).

        Before the notes are loaded: their first screen as kept from the last open, if there
        is one and the rows shown are in it (`NotesStorage.peek`). Once loaded (or failed),
        the keys that waited for them run, in order.
        """
        store = self.storage.store
        pane = self._notes_pane()
        if store is None:
            error = self.storage.load_error
            if pane is not None and error is not None:
                pane.show([], read_only=error)
            elif not self._show_first_screen(pane) and pane is not None:
                pane.show(None)
            if error is not None:
                self._run_waiting()
            return
        text = self.reading.article.text
        spans: list[MarkSpan] = []
        markers: list[tuple[int, str, MarkStyle]] = []
        ordered = self.storage.ordered()  # placed in article order, then the orphans
        for annotation, placement in ordered:
            if placement.placed:
                noted = bool(annotation.note.strip())
                style = highlight_style(annotation.color, noted)
                spans.append((placement.start, placement.end, style))
                if noted:
                    markers.append((placement.end - 1, NOTE_MARKER, NOTE_MARKER_STYLE))
        self._view.set_marks("notes", spans, priority=NOTES_LAYER_PRIORITY)
        self._view.set_markers("notes", markers)
        conflicts = store.conflicts

        def entry(index: int) -> NoteEntry:
            annotation, placement = ordered[index]
            return note_entry(annotation, placement, text, conflicts)

        # Each row is made when the pane draws it (a screenful of 10,000).
        entries = NoteEntries([a.id for a, _ in ordered], len(ordered) - len(spans), entry)
        if pane is not None:
            pane.show(entries, read_only=store.read_only or "", keep=self.current_note)
        self._run_waiting()

    def _show_first_screen(self, pane: NotesPane | None) -> bool:
        """Draw the notes' kept first screen; False when there is none for the rows shown."""
        screen = self.storage.first_screen
        if screen is None:
            return False
        view = self._view
        if screen.region_end < len(self.reading.article.text) and (
            view.visible_range[1] > screen.region_end
            if view.layout_ready
            else view.top_offset + SCREEN_CHARS > screen.region_end  # the first frame's layout
        ):
            return False  # the rows shown are past its highlights: wait for the notes
        self._view.set_marks(
            "notes",
            [
                (start, end, highlight_style(colour, noted))
                for start, end, colour, noted in screen.pieces
            ],
            priority=NOTES_LAYER_PRIORITY,
        )
        self._view.set_markers(
            "notes", [(offset, NOTE_MARKER, NOTE_MARKER_STYLE) for offset in screen.markers]
        )
        if pane is not None:
            rows = screen.rows
            ids = [row.id for row in rows]
            ids += [f"{WAITING_ROW}{index}" for index in range(len(ids), screen.count)]

            def entry(index: int) -> NoteEntry:
                if index < len(rows):
                    return first_screen_entry(rows[index])
                return NoteEntry(ids[index], "loading notes…", "", (), NOTE_COLOURS["yellow"])

            pane.show(NoteEntries(ids, screen.orphans, entry), keep=self.current_note)
        return True

    # ----------------------------------------------------------------- keys before the notes

    def _wait_for_notes(self, key: Callable[[], object]) -> bool:
        """True when the notes are still loading: `key` then runs once they are (in order).

        A key pressed while only the first screen is shown must act on all the notes, not on
        those rows: it waits for them (about half a second for 10,000 notes), never lost.
        """
        storage = self.storage
        if storage.store is not None or storage.load_error is not None:
            return False
        self._waiting.append(key)
        self._notify(
            "Notes are still loading… the key acts once they are in.", title="Notes", timeout=3
        )
        return True

    def _run_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for key in waiting:
            key()

    # ----------------------------------------------------------------- choosing what to act on

    def _focused_quote_range(self) -> tuple[int, int] | None:
        focused = self._focused()
        extraction = self.reading.extraction
        if not isinstance(focused, QuotesPane) or extraction is None:
            return None
        index = focused.highlighted_quote
        if index is None:
            return None
        quote = extraction.quotes[index]
        return int(quote.start), int(quote.end)

    def _range_to_mark(self) -> tuple[int, int] | None:
        """What `h` highlights: the quote in the Quotes pane, the selection, or the paragraph."""
        quote = self._focused_quote_range()
        if quote is not None:
            return quote
        selection = self._visual.selection
        if selection is not None:
            return selection.start, selection.end
        if isinstance(self._focused(), NotesPane):
            return None
        return current_paragraph_range(self.reading.article, self._view)

    def _target_place(self) -> str | tuple[int, int] | None:
        """Where `a`, `c` and `d` look for their note: the Notes pane's note, or a range."""
        focused = self._focused()
        if isinstance(focused, NotesPane):
            return focused.highlighted_id
        selection = self._visual.selection
        if selection is not None:
            return selection.start, selection.end
        return current_paragraph_range(self.reading.article, self._view)

    def _target_note(self, place: str | tuple[int, int] | None = None) -> str | None:
        """The note `a`, `c` and `d` act on: the Notes pane's, the selection's, or the one here.

        `place` is `_target_place()` as it was when the key was pressed (now by default).
        """
        if self.storage.store is None:
            return None
        if place is None:
            place = self._target_place()
        if place is None or isinstance(place, str):
            return place
        ordered = [(a.id, p) for a, p in self.storage.ordered() if p.placed]
        low, high = place
        overlapping = [note_id for note_id, p in ordered if p.start < high and p.end > low]
        if self.current_note in overlapping:
            return self.current_note
        return overlapping[0] if overlapping else None

    # ----------------------------------------------------------------- changing notes

    def highlight(self, start: int, end: int) -> str | None:
        """Highlight `start:end` in the current colour (saved at once); the new note's id."""
        if self.storage.writable() is None:
            return None
        for annotation, placement in self.storage.ordered():
            if placement.placed and (placement.start, placement.end) == (start, end):
                self.current_note = annotation.id
                self._visual.select(None)
                self.show()
                return annotation.id
        made: list[str] = []

        def _add(store: NotesStore) -> None:
            annotation = store.add(self.reading.article.text, start, end, color=self.colour)
            made.append(annotation.id)

        if not self.storage.saving(_add):
            return None
        self.current_note = made[0]
        self._visual.select(None)
        self.show()
        return made[0]

    def highlight_here(self) -> None:
        """`h`: highlight the quote in the Quotes pane, the selection, or the current paragraph."""
        span = self._range_to_mark()
        if span is None or self._wait_for_notes(partial(self._highlight_span, span)):
            return
        self._highlight_span(span)

    def _highlight_span(self, span: tuple[int, int]) -> None:
        if self.highlight(*span) is not None:
            self._notify(
                f"Highlighted “{clip(self.reading.article.text[span[0] : span[1]])}” "
                "(a adds a note, c colour, u undo)",
                title="Notes",
                timeout=3,
            )

    def _note_target(self) -> tuple[str, bool] | None:
        """The note to write into, making a highlight first when there is none (id, made)."""
        if self._visual.selection is not None or self._focused_quote_range() is not None:
            span = self._range_to_mark()
            if span is None:
                return None
            store = self.storage.store
            before = {a.id for a in store.annotations} if store else set()
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

    def _annotation_to_write(self) -> tuple[Annotation, bool] | None:
        """The annotation `a` or `A` writes the note of, and whether it was made for it."""
        if self.storage.writable() is None:
            return None
        target = self._note_target()
        store = self.storage.store
        if target is None or store is None:
            return None
        note_id, made = target
        annotation = store.get(note_id)
        if annotation is None:
            return None
        self.current_note = note_id
        return annotation, made

    def write_note(self) -> None:
        """`a`: write the note of the highlight here (making one first) in the note editor."""
        if self._wait_for_notes(self.write_note):
            return
        found = self._annotation_to_write()
        if found is None:
            return
        annotation, made = found
        editor = deferred.note_editor()(
            editable(self._quote_of(annotation)),
            editable(annotation.note),
            tuple(editable(tag) for tag in annotation.tags),
        )
        self._dialogs.push_screen(editor, partial(self._note_written, annotation.id, made))

    def _quote_of(self, annotation: Annotation) -> str:
        placement = self.storage.placement(annotation)
        if placement.placed:
            return self.reading.article.text[placement.start : placement.end]
        return annotation.selector.exact if annotation.selector else ""

    def _note_written(self, note_id: str, made: bool, edit: NoteEdit | None) -> None:
        saving = self.storage.saving
        if edit is None:
            if made:
                # Cancelled on a highlight made for this note: as if `a` was never pressed.
                saving(lambda store: store.undo())
            return
        if saving(lambda store: store.update(note_id, note=edit.note, tags=edit.tags)):
            self._notify("Note saved.", title="Notes", timeout=2)

    def write_note_in_editor(self) -> None:
        """`A`: write the note of the highlight here in `$VISUAL` / `$EDITOR`, the app suspended."""
        if self._wait_for_notes(self.write_note_in_editor):
            return
        found = self._annotation_to_write()
        if found is None:
            return
        annotation, made = found
        text = edit_externally(self._dialogs, annotation.note)
        if text is None:
            self._notify(
                "Could not run the editor ($VISUAL / $EDITOR) here; use a for the built-in one.",
                title="Notes",
                severity="warning",
                timeout=6,
            )
            if made:
                self.storage.saving(lambda store: store.undo())
            return
        self._note_written(annotation.id, made, deferred.note_edit()(text, annotation.tags))

    def cycle_colour(self, place: str | tuple[int, int] | None = None) -> None:
        """`c`: give the highlight here the next colour (and use it for the next highlights)."""
        place = place or self._target_place()
        if self._wait_for_notes(partial(self.cycle_colour, place)):
            return
        target = self._target_note(place)
        store = self.storage.store
        if target is None or store is None:
            self._notify("No highlight here to colour.", title="Notes", timeout=2)
            return
        annotation = store.get(target)
        if annotation is None:
            return
        order = list(NOTE_COLOURS)
        index = order.index(annotation.color) if annotation.color in order else -1
        colour = order[(index + 1) % len(order)]
        self.current_note = target  # before saving: the Notes pane's cursor stays on it
        if self.storage.saving(lambda store: store.update(target, color=colour)):
            self.colour = colour

    def delete(self, place: str | tuple[int, int] | None = None) -> None:
        """`d`: delete the highlight here with its note (u brings it back)."""
        place = place or self._target_place()
        if self._wait_for_notes(partial(self.delete, place)):
            return
        target = self._target_note(place)
        store = self.storage.store
        if target is None or store is None:
            self._notify("No highlight here to delete.", title="Notes", timeout=2)
            return
        annotation = store.get(target)
        if annotation is None:
            return
        if self.current_note == target:
            self.current_note = None  # the Notes pane's cursor moves to the note after it
        if self.storage.saving(lambda store: store.delete(target)):
            self.storage.forget_placement(target)
            self._notify(
                f"Deleted “{clip(_quote_text(annotation))}” (u undoes).",
                title="Notes",
                timeout=4,
            )

    def undo(self) -> None:
        """`u`: undo the last highlight, note, colour or delete of this session."""
        if self._wait_for_notes(self.undo):
            return
        store = self.storage.writable()
        if store is None:
            return
        if not store.can_undo:
            self._notify("Nothing to undo.", title="Notes", timeout=2)
            return
        restored: list[Annotation | None] = []
        if self.storage.saving(lambda store: restored.append(store.undo())):
            found = restored[0] if restored else None
            if found is not None and not found.is_deleted:
                self.storage.forget_placement(found.id)
                self.current_note = found.id
                self.show()
            self._notify("Undone.", title="Notes", timeout=2)

    # ----------------------------------------------------------------- going to a note

    def jump_to(self, note_id: str) -> None:
        """Show the note's passage in the article and flash it (or explain an orphan)."""
        if note_id.startswith(WAITING_ROW) or self._wait_for_notes(partial(self.jump_to, note_id)):
            return
        store = self.storage.store
        annotation = store.get(note_id) if store else None
        if annotation is None:
            return
        self.current_note = note_id
        placement = self.storage.placement(annotation)
        if not placement.placed:
            self._notify(
                f"“{clip(_quote_text(annotation), 80)}” is no longer in the article; "
                "the note is kept (d deletes it).",
                title="Orphan note",
                timeout=6,
            )
            return
        view = self._view
        view.scroll_to_offset(placement.start, center=True)
        view.flash(placement.start, placement.end)
        view.focus()

    def palette_commands(self) -> list[PaletteCommand]:
        """The notes actions for the command palette: (title, help, callback)."""
        storage = self.storage
        return [
            ("Notes: select (visual mode)", "v", self._visual.toggle),
            ("Notes: highlight", "h", self.highlight_here),
            ("Notes: add or edit note", "a", self.write_note),
            ("Notes: note in $EDITOR", "A", self.write_note_in_editor),
            ("Notes: cycle colour", "c", self.cycle_colour),
            ("Notes: delete highlight", "d", self.delete),
            ("Notes: undo", "u", self.undo),
            ("Notes: recover from conflict markers", "merge both sides", storage.recover),
            ("Notes: register the git merge driver", "this clone", storage.register_merge_driver),
            ("Notes: reload from disk", "after a git pull", storage.reload),
        ]


def _quote_text(annotation: Annotation) -> str:
    return annotation.selector.exact if annotation.selector else ""
