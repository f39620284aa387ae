"""How notes look on screen: highlight styles, Notes pane entries, quotes clipped for messages.

Pure functions of an annotation and its placement, with no screen or store behind them, so
the notes flows (`notes_storage`, `notes_controller`) hold behaviour only and these
can be tested on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from rich.style import Style
from textual.markup import escape

from reader.load.clean import clean
from reader.ui import deferred
from reader.ui.notes_keys import NOTE_COLOURS
from reader.ui.widgets.notes_pane import NoteEntry

if TYPE_CHECKING:
    from annotations.anchor import Placement
    from annotations.first_screen import FirstRow
    from annotations.model import Annotation, Conflict


def literal(text: str) -> str:
    """`text` for a notification: escapes dropped, controls visible, markup escaped.

    Notes and file names may come from collaborators (`reader sync`); a notification
    renders markup, so `[b]` or `[@click=...]` in them must be escaped to show as written.
    """
    return escape(clean(text))


def editable(text: str) -> str:
    """`text` for the note editor: cleaned as article text is, but with its tabs kept.

    A text area draws what it holds, escapes included, so a synced note is cleaned before
    it is edited (saving the edit drops the escapes; cancelling changes nothing).
    """
    return "\t".join(clean(part) for part in text.split("\t"))


def clip(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis (for notifications).

    Shown literally (see `literal`): the result is safe to put in notification markup.
    """
    flat = " ".join(clean(text).split())
    return escape(flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…")


def highlight_style(colour: str, has_note: bool) -> Style:
    """How a highlight of `colour` looks: black on the tint, underlined when it has a note."""
    return _highlight(NOTE_COLOURS.get(colour, NOTE_COLOURS["yellow"]), has_note)


@cache
def _highlight(tint: str, has_note: bool) -> Style:
    # One Style object per look (a handful), so the article's rows find overlapping
    # highlights of one look by identity (`MarkLayers.segments`) instead of comparing them.
    return Style(color="#000000", bgcolor=tint, underline=has_note)


def note_entry(
    annotation: Annotation, placement: Placement, text: str, conflicts: Sequence[Conflict]
) -> NoteEntry:
    """The Notes pane row of a live `annotation` placed in article `text` (or orphaned).

    `conflicts` are the store's recorded conflicts; those of this annotation are listed.
    """
    assert annotation.selector is not None
    return NoteEntry(
        id=annotation.id,
        quote=(
            text[placement.start : placement.end] if placement.placed else annotation.selector.exact
        ),
        note=annotation.note,
        tags=annotation.tags,
        # A colour that is not ours (a synced file may hold anything) gets the default tint.
        colour=NOTE_COLOURS.get(annotation.color, NOTE_COLOURS["yellow"]),
        orphan=not placement.placed,
        fuzzy=placement.status == "fuzzy",
        conflicts=tuple(
            f"{conflict.field} by {conflict.author}: {deferred.conflict_value_text(conflict.value)}"
            for conflict in conflicts
            if conflict.id == annotation.id
        ),
    )


def first_screen_entry(row: FirstRow) -> NoteEntry:
    """The Notes pane row of a note as the kept first screen holds it (`note_entry`'s twin)."""
    return NoteEntry(
        id=row.id,
        quote=row.quote,
        note=row.note,
        tags=row.tags,
        colour=NOTE_COLOURS.get(row.colour, NOTE_COLOURS["yellow"]),
        orphan=row.orphan,
        fuzzy=row.fuzzy,
        conflicts=row.conflicts,
    )
