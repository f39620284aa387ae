"""The Notes pane: highlights and notes in article order, then the orphans, never hidden.

It shows the entries it is given (`show(...)`) and posts `NotesPane.NoteSelected` when the user
picks one with enter; the screen decides what happens (jump there, or explain an orphan).
Prompts are `rich.text.Text` built from plain strings, so notes with brackets stay literal,
and every field is cleaned as article text is, so no escape sequence in a note (which may
come from a collaborator through `reader sync`) reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets.option_list import Option

from reader.load.clean import clean
from reader.ui.widgets.panes import Pane

ORPHANS_HEADER = "orphans"
"""Option id of the heading above the notes that could not be placed."""


@dataclass(frozen=True, slots=True)
class NoteEntry:
    """One row of the Notes pane: what a note highlights and what it says."""

    id: str
    """The annotation's id."""
    quote: str
    """The highlighted passage (for an orphan: the passage as it was)."""
    note: str
    """The note text, possibly empty (a bare highlight)."""
    tags: tuple[str, ...]
    """The note's tags."""
    colour: str
    """Colour of the swatch before the entry (a Rich colour)."""
    orphan: bool = False
    """True when the passage is no longer in the article."""
    fuzzy: bool = False
    """True when the passage was found only approximately (the article changed)."""
    conflicts: tuple[str, ...] = ()
    """Values of this note that lost a merge (`note by alice: …`), kept so none is lost."""


def _flat(text: str, limit: int) -> str:
    # Notes come from collaborators: escapes dropped, controls visible, as in article text.
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class NotesPane(Pane):
    """Every highlight and note of the article, in article order; orphans listed last."""

    PANE_TITLE = "Notes"

    class NoteSelected(Message):
        """The user picked a note (enter)."""

        def __init__(self, pane: NotesPane, note_id: str) -> None:
            super().__init__()
            self.pane = pane
            """The pane it came from."""
            self.note_id = note_id
            """Id of the chosen annotation."""

        @property
        def control(self) -> NotesPane:
            """The pane it came from."""
            return self.pane

    def show(
        self,
        entries: Sequence[NoteEntry] | None,
        *,
        read_only: str = "",
        keep: str | None = None,
    ) -> None:
        """List `entries` (None while the notes are loading); keep `keep` highlighted.

        `read_only` says why the notes cannot be changed (empty when they can).

        The cursor is always on a note when there is one (so `enter`, `c` and `d` act at once):
        on `keep`, else on the note it was on, else where that note was (it was deleted), else
        on the first note.
        """
        previous = keep or self.highlighted_id
        previous_row = self.highlighted
        self.clear_options()
        if entries is None:
            self.add_option(Option(Text("loading notes…", style="italic"), disabled=True))
            self._set_count(None)
            return
        placed = [entry for entry in entries if not entry.orphan]
        orphans = [entry for entry in entries if entry.orphan]
        if not entries:
            hint = (
                f"read-only, no notes can be added: {_flat(read_only, 300)}"
                if read_only
                else "no notes yet: v selects, h highlights, a adds a note"
            )
            self.add_option(Option(Text(hint, style="italic"), disabled=True))
        self.add_options(Option(self._prompt(entry), id=entry.id) for entry in placed)
        if orphans:
            header = Text(
                f"orphans ({len(orphans)}): passage no longer in the article", style="bold"
            )
            self.add_option(Option(header, id=ORPHANS_HEADER, disabled=True))
            self.add_options(Option(self._prompt(entry), id=entry.id) for entry in orphans)
        title_count = len(entries)
        self._set_count(title_count)
        if read_only:
            self.border_title = f"{self.border_title} read-only"
        if previous is not None:
            self.highlight_id(previous)
        if self.highlighted is None and entries:
            self._highlight_row(previous_row or 0)

    @staticmethod
    def _prompt(entry: NoteEntry) -> Text:
        prompt = Text()  # wraps: a long quote or note takes more rows
        prompt.append("▌", Style(color=entry.colour))
        if entry.orphan:
            prompt.append("orphan ", "bold red")
        elif entry.fuzzy:
            prompt.append("~", "dim")
        prompt.append("“" + _flat(entry.quote, 70) + "”", "italic")
        if entry.note or entry.tags:
            prompt.append("\n ")
            if entry.note:
                prompt.append(_flat(entry.note, 90))
            if entry.tags:
                prompt.append(" " + " ".join("#" + _flat(tag, 30) for tag in entry.tags), "dim")
        for conflict in entry.conflicts:
            prompt.append("\n ⚠ other " + _flat(conflict, 90), "yellow")
        return prompt

    @property
    def highlighted_id(self) -> str | None:
        """Id of the highlighted note, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < self.option_count:
            return None
        option_id = self.get_option_at_index(index).id
        return None if option_id == ORPHANS_HEADER else option_id

    def highlight_id(self, note_id: str) -> None:
        """Move the highlight to the note with id `note_id`, when it is listed."""
        try:
            self.highlighted = self.get_option_index(note_id)
        except Exception:  # OptionDoesNotExist: the note is gone (deleted, undone)
            return

    def _highlight_row(self, row: int) -> None:
        """Put the cursor on the note at `row`, or the nearest one before it (never a header)."""
        for index in range(min(row, self.option_count - 1), -1, -1):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
        for index in range(row, self.option_count):  # only the orphans header was above
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return

    def on_entry_list_option_selected(self, event: Pane.OptionSelected) -> None:
        """Turn the list's selection into `NoteSelected`."""
        event.stop()
        option_id = event.option.id
        if option_id is not None and option_id != ORPHANS_HEADER:
            self.post_message(self.NoteSelected(self, option_id))
