"""Highlights and notes on the reading screen: keys, visual mode, choosing what to act on.

`NotesScreen` is the base of `ReaderScreen`: it owns the notes flows so the reading screen
stays small. It turns keys into store changes; loading the store, showing the notes, saving,
recovery and git are its base's (`NotesStoreScreen`, in `notes_store_screen`).

Marking: `h` highlights the current paragraph, or the quote highlighted in the Quotes pane, or
the visual selection. `v` starts visual mode on the current sentence (`V` on the paragraph);
`w`/`b` move its end a word, `)`/`(` a sentence, `j`/`k` select the next/previous sentence,
`o` swaps the ends, `p` takes the whole paragraph, `esc` leaves. `a` writes a note (a modal
editor; `A` opens `$EDITOR`), `c` cycles the colour, `d` deletes, `u` undoes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual import on

from reader.ui.counts import counted
from reader.ui.notes_display import clip, editable
from reader.ui.notes_keys import (
    HIDDEN_IN_VISUAL,
    NOTE_COLOURS,
    NOTES_BINDINGS,
    SELECTION_LAYER_PRIORITY,
    VISUAL_ACTIONS,
)
from reader.ui.notes_store_screen import NotesStoreScreen
from reader.ui.widgets.notes_pane import NotesPane

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import NotesStore
    from reader.document import Article
    from reader.ui.screens.note_editor import NoteEdit
    from reader.ui.selection import Selection


class NotesScreen(NotesStoreScreen):
    """A screen with an `ArticleView` (`#article`) and a `NotesPane`: the notes flows."""

    BINDINGS = NOTES_BINDINGS
    """The notes keys; visual mode's are on the article's row (`widgets.reading_body`)."""

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
        super().__init__(
            article, pending=pending, notes_dir=notes_dir, name=name, id=id, classes=classes
        )
        self.selection: Selection | None = None
        """The visual-mode selection, or None outside visual mode."""
        self.colour = "yellow"
        """Colour of the next highlight (the last one chosen with `c`)."""

    # ----------------------------------------------------------------- choosing what to act on

    def _current_paragraph_range(self) -> tuple[int, int] | None:
        paragraphs = self.article.paragraphs
        if not paragraphs:
            return None
        from reader.ui.selection import paragraph_range  # visual mode loads on first use

        return paragraph_range(self.article, min(self._view.cursor, len(paragraphs) - 1))

    def _focused_quote_range(self) -> tuple[int, int] | None:
        from reader.ui.widgets.panes import QuotesPane

        focused = self.focused
        extraction = self.extraction
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
        from reader.ui.selection import Selection, sentence_at

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
            from reader.ui.selection import Selection

            self._view.focus()
            self._set_selection(Selection(*here))

    def action_visual_word(self, forward: bool) -> None:
        """Move the selection's moving end one word."""
        if self.selection is not None:
            from reader.ui.selection import move_word

            self._set_selection(move_word(self.selection, self.article.text, forward))

    def action_visual_sentence(self, forward: bool) -> None:
        """Move the selection's moving end one sentence."""
        if self.selection is not None:
            from reader.ui.selection import move_sentence

            self._set_selection(move_sentence(self.selection, self.article, forward))

    def action_visual_step(self, forward: bool) -> None:
        """Select the next (or previous) sentence instead."""
        if self.selection is not None:
            from reader.ui.selection import step_sentence

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
        index = paragraph.position if paragraph else self._view.cursor
        from reader.ui.selection import Selection, paragraph_range

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
        self.notify(f"Copied the selection ({counted(len(text), 'character')}).", timeout=2)

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
                f"Highlighted “{clip(self.article.text[span[0] : span[1]])}” "
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

        editor = NoteEditor(
            editable(self._quote_of(annotation)),
            editable(annotation.note),
            tuple(editable(tag) for tag in annotation.tags),
        )
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
        from reader.ui.notes_external import edit_externally

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
        self.current_note = target  # before saving: the Notes pane's cursor stays on it
        if self._saving(lambda store: store.update(target, color=colour)):
            self.colour = colour

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
        if self.current_note == target:
            self.current_note = None  # the Notes pane's cursor moves to the note after it
        if self._saving(lambda store: store.delete(target)):
            self._placements.pop(target, None)
            self.notify(
                f"Deleted “{clip(self._quote_text(annotation))}” (u undoes).",
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
                f"“{clip(self._quote_text(annotation), 80)}” is no longer in the article; "
                "the note is kept (d deletes it).",
                title="Orphan note",
                timeout=6,
            )
            return
        view = self._view
        view.scroll_to_offset(placement.start, center=True)
        view.flash(placement.start, placement.end)
        view.focus()

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
