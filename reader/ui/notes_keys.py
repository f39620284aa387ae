"""Keys, colours and layer priorities of the notes flows (outside and inside visual mode).

Kept apart from `notes_controller` so the app can list the notes keys in its help without
loading the controller, and so the controller holds behaviour only.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

NOTE_COLOURS: dict[str, str] = {
    "yellow": "#ffd75f",
    "green": "#87d787",
    "blue": "#87afff",
    "pink": "#ffafd7",
}
"""Highlight colours, in the order `c` cycles them: light tints read with black text on any
theme and map to distinct colours in 256- and 16-colour terminals."""

NOTES_LAYER_PRIORITY = 20
"""Highlights are drawn over quote tints (0) and the selected speaker (10), under the flash."""

SELECTION_LAYER_PRIORITY = 60
"""The visual selection is drawn over highlights, so extending over one stays visible."""

NOTE_MARKER = "✎"
"""Drawn in the right margin of the row where a highlight with a note ends."""

NOTE_MARKER_STYLE = "bold #ffd75f"
"""The marker's look."""

NOTES_BINDINGS: list[BindingType] = [
    Binding("v", "visual", "Select", id="notes.visual"),
    Binding("V", "visual_paragraph", "Select paragraph", show=False, id="notes.visual_paragraph"),
    Binding("h", "highlight", "Highlight", id="notes.highlight"),
    # priority: the editor opens before the next key is read, so a burst after `a` is its text
    Binding("a", "note", "Note", priority=True, id="notes.note"),
    Binding("A", "note_in_editor", "Note in $EDITOR", show=False, id="notes.note_in_editor"),
    Binding("c", "cycle_colour", "Cycle highlight colour", show=False, id="notes.colour"),
    Binding("d", "delete_note", "Delete highlight and note", show=False, id="notes.delete"),
    Binding("u", "undo_note", "Undo last notes change", show=False, id="notes.undo"),
    Binding("5", "focus_pane(5)", "Notes pane", show=False, id="notes.pane"),
]
"""Keys of the notes flows outside visual mode (on the article and in the panes)."""

VISUAL_BINDINGS: list[BindingType] = [
    Binding(
        "w", "visual_word(True)", "Word", key_display="w/b", priority=True, id="visual.word_forward"
    ),
    Binding(
        "b", "visual_word(False)", "Word back", show=False, priority=True, id="visual.word_back"
    ),
    Binding(
        "right_parenthesis",
        "visual_sentence(True)",
        "Sentence",
        key_display=")/(",
        priority=True,
        id="visual.sentence_forward",
    ),
    Binding(
        "left_parenthesis",
        "visual_sentence(False)",
        "Sentence back",
        show=False,
        priority=True,
        id="visual.sentence_back",
    ),
    Binding(
        "j,down",
        "visual_step(True)",
        "Move",
        key_display="j/k",
        priority=True,
        id="visual.next_sentence",
    ),
    Binding(
        "k,up",
        "visual_step(False)",
        "Previous sentence",
        show=False,
        priority=True,
        id="visual.previous_sentence",
    ),
    Binding("o", "visual_swap", "Other end moves", show=False, priority=True, id="visual.swap"),
    Binding(
        "p",
        "visual_whole_paragraph",
        "Whole paragraph",
        show=False,
        priority=True,
        id="visual.paragraph",
    ),
    Binding("y", "visual_copy", "Copy the selection", show=False, priority=True, id="visual.copy"),
    Binding("escape", "visual_cancel", "Cancel", priority=True, id="visual.cancel"),
    Binding(
        "v", "visual_cancel", "Leave visual mode", show=False, priority=True, id="visual.leave"
    ),
]
"""Keys while visual mode is on (they win over the article's own keys; shown in the footer)."""

VISUAL_ACTIONS = frozenset(
    {
        "visual_word",
        "visual_sentence",
        "visual_step",
        "visual_swap",
        "visual_whole_paragraph",
        "visual_cancel",
        "visual_copy",
    }
)
HIDDEN_IN_VISUAL = frozenset({"next_pane", "visual", "visual_paragraph", "search", "filter"})
