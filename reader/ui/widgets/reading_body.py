"""The row that holds the article and the side panes; it carries visual mode's keys.

While a selection is on, visual mode's keys (`notes_keys.VISUAL_BINDINGS`) must win over the
article's own `j`/`k` and the screen's `)`, `(`, `y` and `esc`. Bound here, on the article's
parent, they are in force only while the focus is inside this row (Textual's focus-scoped
bindings), and as priority bindings they are tried before the article's own. Each is passed
to the `VisualMode` port it was given (`visual_mode.VisualSelection`), which enables them only
in visual mode with the article focused; otherwise the key goes on to the article's or the
screen's binding. (Not `screen.` actions: those name the app's active screen, which is the help
screen while it is open over the reader.)
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual.binding import BindingType
from textual.containers import Horizontal

from reader.ui.notes_keys import VISUAL_ACTIONS, VISUAL_BINDINGS


class VisualMode(Protocol):
    """What visual mode's keys act on: the selection's moves and when they are enabled."""

    def enabled(self, action: str) -> bool:
        """Whether visual mode's key for `action` is in force now."""

    def word(self, forward: bool) -> None:
        """Extend or shrink the selection by a word."""

    def sentence(self, forward: bool) -> None:
        """Extend or shrink the selection by a sentence."""

    def step(self, forward: bool) -> None:
        """Select the next or previous sentence."""

    def swap(self) -> None:
        """Make the other end of the selection the one that moves."""

    def whole_paragraph(self) -> None:
        """Select the whole paragraph."""

    def copy(self) -> None:
        """Copy the selection."""

    def cancel(self) -> None:
        """Leave visual mode."""


class ReadingBody(Horizontal):
    """The article beside (or under) the side panes, with visual mode's keys."""

    BINDINGS: ClassVar[list[BindingType]] = VISUAL_BINDINGS

    def __init__(self, visual: VisualMode, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._visual = visual

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Visual mode's keys are enabled only when the visual mode says so."""
        if action in VISUAL_ACTIONS:
            return self._visual.enabled(action)
        return super().check_action(action, parameters)

    def action_visual_word(self, forward: bool) -> None:
        """`w`/`b`."""
        self._visual.word(forward)

    def action_visual_sentence(self, forward: bool) -> None:
        """`)`/`(`."""
        self._visual.sentence(forward)

    def action_visual_step(self, forward: bool) -> None:
        """`j`/`k`."""
        self._visual.step(forward)

    def action_visual_swap(self) -> None:
        """`o`."""
        self._visual.swap()

    def action_visual_whole_paragraph(self) -> None:
        """`p`."""
        self._visual.whole_paragraph()

    def action_visual_copy(self) -> None:
        """`y`."""
        self._visual.copy()

    def action_visual_cancel(self) -> None:
        """`esc` or `v`."""
        self._visual.cancel()
