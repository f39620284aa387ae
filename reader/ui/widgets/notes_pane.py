"""The Notes pane: highlights and notes in article order, then the orphans, never hidden.

It shows the entries it is given (`show(...)`) and posts `NotesPane.NoteSelected` when the user
picks one with enter; the screen decides what happens (jump there, or explain an orphan).
Prompts are `rich.text.Text` built from plain strings, so notes with brackets stay literal,
and every field is cleaned as article text is, so no escape sequence in a note (which may
come from a collaborator through `reader sync`) reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import overload

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


def _prompt_parts(entry: NoteEntry) -> list[tuple[str, Style | str]]:
    """A Notes pane row as (text, style) pieces: the swatch, the passage, the note, its tags."""
    parts: list[tuple[str, Style | str]] = [("▌", Style(color=entry.colour))]
    if entry.orphan:
        parts.append(("orphan ", "bold red"))
    elif entry.fuzzy:
        parts.append(("~", "dim"))
    parts.append(("“" + _flat(entry.quote, 70) + "”", "italic"))
    if entry.note or entry.tags:
        parts.append(("\n ", ""))
        if entry.note:
            parts.append((_flat(entry.note, 90), ""))
        if entry.tags:
            parts.append((" " + " ".join("#" + _flat(tag, 30) for tag in entry.tags), "dim"))
    for conflict in entry.conflicts:
        parts.append(("\n ⚠ other " + _flat(conflict, 90), "yellow"))
    return parts


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
        entries: Sequence[NoteEntry] | NoteEntries | None,
        *,
        read_only: str = "",
        keep: str | None = None,
    ) -> None:
        """List `entries` (None while the notes are loading); keep `keep` highlighted.

        `read_only` says why the notes cannot be changed (empty when they can). `entries`
        may be `NoteEntries`, whose rows are made only when drawn (10,000 notes).

        The cursor is always on a note when there is one (so `enter`, `c` and `d` act at once):
        on `keep`, else on the note it was on, else where that note was (it was deleted), else
        on the first note.
        """
        previous = keep or self.highlighted_id
        previous_row = self.highlighted
        if entries is None:
            self.clear_options()
            self.add_option(Option(Text("loading notes…", style="italic"), disabled=True))
            self._set_count(None)
            return
        notes = entries if isinstance(entries, NoteEntries) else NoteEntries.of(entries)
        hint = None
        if not len(notes):
            hint = Heading(
                Text(
                    f"read-only, no notes can be added: {_flat(read_only, 300)}"
                    if read_only
                    else "no notes yet: v selects, h highlights, a adds a note",
                    style="italic",
                )
            )
        self.set_source(NoteSource(notes, hint))
        self._set_count(len(notes))
        if read_only:
            self.border_title = f"{self.border_title} read-only"
        if previous is not None:
            self.highlight_id(previous)
        if self.highlighted is None and len(notes):
            self._highlight_row(previous_row or 0)

    @staticmethod
    def _prompt(entry: NoteEntry) -> Text:
        prompt = Text()  # wraps: a long quote or note takes more rows
        for text, style in _prompt_parts(entry):
            prompt.append(text, style)
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
        source = self.source
        if isinstance(source, NoteSource):
            row = source.row_of(note_id)
            if row is not None:
                self.highlighted = row

    def _highlight_row(self, row: int) -> None:
        """Put the cursor on the note at `row`, or the nearest one before it (never a header)."""
        source = self.source
        if not isinstance(source, NoteSource):
            return
        for index in range(min(row, len(source) - 1), -1, -1):
            if source.is_note(index):
                self.highlighted = index
                return
        for index in range(row, len(source)):  # only the orphans header was above
            if source.is_note(index):
                self.highlighted = index
                return

    def on_entry_list_option_selected(self, event: Pane.OptionSelected) -> None:
        """Turn the list's selection into `NoteSelected`."""
        event.stop()
        option_id = event.option.id
        if option_id is not None and option_id != ORPHANS_HEADER:
            self.post_message(self.NoteSelected(self, option_id))


@dataclass(frozen=True, slots=True)
class Heading:
    """A row of the Notes pane that is not a note: the orphans' heading, an empty list's hint."""

    text: Text
    """What it says."""
    id: str | None = None
    """Its option id (`ORPHANS_HEADER` for the orphans' heading)."""


class NoteEntries(Sequence[NoteEntry]):
    """The notes of the pane in order, orphans last, each entry made when first drawn.

    Making 10,000 entries took a quarter of a second of every note change
    (`benchmarks/bench_notes_scale.py`); the pane needs their ids and how many are orphans,
    and draws a screenful.
    """

    def __init__(self, ids: Sequence[str], orphans: int, make: Callable[[int], NoteEntry]) -> None:
        self.ids = ids
        """The notes' ids, in the pane's order."""
        self.orphans = orphans
        """How many of them, at the end, are orphans."""
        self._make = make
        self._made: dict[int, NoteEntry] = {}

    @classmethod
    def of(cls, entries: Sequence[NoteEntry]) -> NoteEntries:
        """Ready-made entries, orphans moved last (in their order)."""
        ordered = [e for e in entries if not e.orphan] + [e for e in entries if e.orphan]
        return cls(
            [e.id for e in ordered],
            len(ordered) - sum(1 for e in entries if not e.orphan),
            ordered.__getitem__,
        )

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> NoteEntry: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[NoteEntry]: ...

    def __getitem__(self, index: int | slice) -> NoteEntry | Sequence[NoteEntry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.ids)
        entry = self._made.get(index)
        if entry is None:
            entry = self._made[index] = self._make(index)
        return entry


class NoteSource:
    """The Notes pane's rows, each made only when it is drawn or measured.

    Making every row's styled prompt up front took 0.6 s of the UI thread for 10,000 notes
    (`benchmarks/bench_notes_scale.py`); the pane shows a screenful. A row is a note, or a
    line of text (the hint of an empty list, the orphans' heading) that cannot be chosen:
    the notes placed in the article, the hint, then the heading and the orphans.
    """

    def __init__(self, notes: NoteEntries, hint: Heading | None = None) -> None:
        self.notes = notes
        """The notes listed, orphans last."""
        self._placed = len(notes) - notes.orphans
        self._headings: dict[int, Heading] = {}
        if hint is not None:
            self._headings[self._placed] = hint
        if notes.orphans:
            heading = f"orphans ({notes.orphans}): passage no longer in the article"
            self._headings[self._placed + len(self._headings)] = Heading(
                Text(heading, style="bold"), ORPHANS_HEADER
            )
        self._row_of = {note_id: index for index, note_id in enumerate(notes.ids)}

    def __len__(self) -> int:
        return len(self.notes) + len(self._headings)

    def _row(self, index: int) -> NoteEntry | Heading:
        heading = self._headings.get(index)
        if heading is not None:
            return heading
        return self.notes[index if index < self._placed else index - len(self._headings)]

    def option(self, index: int) -> Option:
        """Row `index` as the list shows it."""
        row = self._row(index)
        if isinstance(row, NoteEntry):
            return Option(NotesPane._prompt(row), id=row.id)
        return Option(row.text, id=row.id, disabled=True)

    def plain(self, index: int) -> str:
        """Row `index` as plain text (measured for its height)."""
        row = self._row(index)
        if isinstance(row, NoteEntry):
            return "".join(text for text, _ in _prompt_parts(row))
        return row.text.plain

    def is_note(self, index: int) -> bool:
        """True when row `index` is a note (not a heading or a hint)."""
        return 0 <= index < len(self) and index not in self._headings

    def row_of(self, note_id: str) -> int | None:
        """The row of the note with id `note_id`, or None when it is not listed."""
        index = self._row_of.get(note_id)
        if index is None or index < self._placed:
            return index
        return index + len(self._headings)
