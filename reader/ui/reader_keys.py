"""Keys of the reading screen outside the notes: panes, quotes, speakers, search, copy.

Kept apart from the screen, as the notes keys are (`notes_keys`), so the screen holds routing
only and the help screen lists them as one group.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    Binding("tab", "next_pane", "Panes", id="screen.next_pane"),
    Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="screen.previous_pane"),
    Binding("1", "focus_pane(1)", "Article", show=False, id="screen.pane_1"),
    Binding("2", "focus_pane(2)", "Speakers", show=False, id="screen.pane_2"),
    Binding("3", "focus_pane(3)", "Quotes", show=False, id="screen.pane_3"),
    Binding("4", "focus_pane(4)", "Contents", show=False, id="screen.pane_4"),
    Binding("right_parenthesis", "next_quote", "Next quote", show=False, id="screen.next_quote"),
    Binding(
        "left_parenthesis",
        "previous_quote",
        "Previous quote",
        show=False,
        id="screen.previous_quote",
    ),
    Binding(
        "n",
        "next_speaker_quote",
        "Next search match, or quote of the speaker (whichever was chosen last)",
        show=False,
        id="screen.next_match",
    ),
    Binding(
        "N",
        "previous_speaker_quote",
        "Previous search match, or quote of the speaker",
        show=False,
        id="screen.previous_match",
    ),
    Binding("y", "copy", "Copy", show=False, id="screen.copy"),
    Binding("s", "toggle_panes", "Side panes", show=False, id="screen.toggle_panes"),
    Binding("escape", "back", "Back", show=False, id="screen.back"),
    # Esc in the search bar (the bar's own key, made priority here and enabled only while
    # the bar has focus): the bar closes and the article takes focus at once, so a key
    # typed right after esc, queued in the same burst, acts on the reader.
    Binding("escape", "close_search", "Back", priority=True, id="search.cancel"),
    # Priority: the bar must have focus before the keys typed just after `/` (queued in
    # the same burst) are handed out, or they would drive the article instead.
    Binding("slash", "search", "Search", priority=True, id="screen.search"),
    Binding("ampersand", "filter", "Filter", show=False, priority=True, id="screen.filter"),
]
"""The reading screen's own keys (the notes keys are `notes_keys.NOTES_BINDINGS`)."""
