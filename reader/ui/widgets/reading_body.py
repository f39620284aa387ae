"""The row that holds the article and the side panes; it carries visual mode's keys.

While a selection is on, visual mode's keys (`notes_keys.VISUAL_BINDINGS`) must win over the
article's own `j`/`k` and the screen's `)`, `(`, `y` and `esc`. Bound here, on the article's
parent, they are in force only while the focus is inside this row (Textual's focus-scoped
bindings), and as priority bindings they are tried before the article's own. Each acts on the
screen (a `screen.` action), whose `check_action` enables them only in visual mode, with the
article focused; otherwise the key goes on to the article's or the screen's binding.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal

from reader.ui.notes_keys import VISUAL_BINDINGS


class ReadingBody(Horizontal):
    """The article beside (or under) the side panes, with visual mode's keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        replace(binding, action=f"screen.{binding.action}")
        for binding in VISUAL_BINDINGS
        if isinstance(binding, Binding)
    ]
