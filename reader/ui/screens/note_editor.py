"""Modal screens for notes: the multi-line note editor and a yes/no confirmation.

`NoteEditor` shows the highlighted passage, a tags field and a text area; ctrl+s saves and
esc cancels (both shown in the footer). It returns a `NoteEdit`, or None when cancelled, and
never touches the disk: the screen that opened it hands the result to the notes store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static, TextArea


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """What the user wrote in the editor."""

    note: str
    """The note text, exactly as typed (any lines, any Unicode)."""
    tags: tuple[str, ...]
    """Tags, from the tags field split on commas and spaces, `#` dropped."""


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as `idea, #todo later` → ('idea', 'later', 'todo'): sorted, no duplicates."""
    return tuple(sorted({tag.lstrip("#") for tag in re.split(r"[,\s]+", text) if tag.strip("#")}))


class NoteEditor(ModalScreen[NoteEdit | None]):
    """Write or edit the note of one highlight."""

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
    }
    NoteEditor > Vertical {
        width: 80;
        max-width: 100%;
        height: 22;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    NoteEditor #note-quote {
        height: auto;
        max-height: 3;
        color: $foreground 70%;
        text-style: italic;
    }
    NoteEditor #note-tags {
        height: 3;
    }
    NoteEditor TextArea {
        height: 1fr;
    }
    """

    AUTO_FOCUS = "#note-text"
    """The note text has focus from the start (not the tags field above it)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True, id="note_editor.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note_editor.cancel"),
    ]

    def __init__(self, quote: str, note: str = "", tags: Sequence[str] = ()) -> None:
        super().__init__()
        self.quote = quote
        """The highlighted passage the note belongs to."""
        self.note = note
        """The note as it was when the editor opened."""
        self.tags = tuple(tags)
        """The tags as they were when the editor opened."""

    def compose(self) -> ComposeResult:
        """The passage, the tags field, the text area and the keys."""
        flat = " ".join(self.quote.split())
        shown = flat if len(flat) <= 200 else flat[:199] + "…"
        with Vertical() as box:
            box.border_title = "Note"
            box.border_subtitle = "ctrl+s save · esc cancel"
            yield Static(f"“{shown}”", id="note-quote", markup=False)
            yield Input(
                " ".join(self.tags),
                placeholder="tags (space or comma separated)",
                id="note-tags",
            )
            yield TextArea(self.note, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Label("")
        yield Footer()

    def on_mount(self) -> None:
        """Start typing the note at once, at its end, with no earlier message over the editor.

        A message shown before (such as visual mode's hint) would sit on the editor's border at
        80x24 for seconds; it told the user about the screen they have just left.
        """
        self.app.clear_notifications()
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Close the editor and hand back the note and tags."""
        note = self.query_one("#note-text", TextArea).text
        tags = parse_tags(self.query_one("#note-tags", Input).value)
        self.dismiss(NoteEdit(note, tags))

    def action_cancel(self) -> None:
        """Close the editor without changing anything."""
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A question answered with y (or enter) or n (or esc)."""

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $warning;
        background: $surface;
        padding: 0 1;
    }
    ConfirmDialog Static {
        height: auto;
    }
    """

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.title_text = title
        """Shown in the dialog's border."""
        self.question = question
        """What is asked, in full sentences."""

    def compose(self) -> ComposeResult:
        """The question and the keys that answer it."""
        with Vertical() as box:
            box.border_title = self.title_text
            box.border_subtitle = "y yes · n no"
            yield Static(self.question, markup=False)
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
