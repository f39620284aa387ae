"""The `?` help screen, generated from the live bindings so it always shows the real keys."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HelpSection = tuple[str, Sequence[BindingType]]
"""A titled group of bindings, as declared on a class (`BINDINGS`)."""


def binding_rows(
    bindings: Iterable[BindingType], keymap: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(keys, description, id) for each binding that has an id, after the user's overrides."""
    rows: list[tuple[str, str, str]] = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.id:
            continue
        keys = keymap.get(binding.id, binding.key)
        rows.append((keys, binding.description or binding.action, binding.id))
    return rows


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by where it works, with the binding id used to remap it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 84;
        max-width: 100%;
        height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll_down", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="help.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="help.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="help.page_up"),
    ]

    def __init__(self, sections: Sequence[HelpSection], keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.sections = sections
        """The binding groups to list."""
        self.keymap = dict(keymap)
        """The user's key overrides (binding id to keys)."""

    def compose(self) -> ComposeResult:
        """One scrollable table of keys."""
        with VerticalScroll():
            yield Static(self._table())

    def _table(self) -> Group:
        """One titled table per section: keys, what they do, the id to remap them."""
        parts: list[Text | Table] = [
            Text("Keys, what they do, and the id to remap them in config.yaml", style="italic")
        ]
        for title, bindings in self.sections:
            table = Table.grid(padding=(0, 2), expand=True)
            table.add_column(style="bold", width=16, overflow="fold")
            table.add_column(ratio=1)
            table.add_column(style="dim", no_wrap=True)
            for keys, description, binding_id in binding_rows(bindings, self.keymap):
                shown = ", ".join(_key_label(key) for key in keys.split(","))
                table.add_row(Text(shown), Text(description), Text(binding_id))
            parts.extend((Text(""), Text(title, style="bold underline"), table))
        return Group(*parts)

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help screen."""
        self.dismiss(result)

    def action_scroll_down(self) -> None:
        """Scroll the help down a line."""
        self.query_one(VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        """Scroll the help up a line."""
        self.query_one(VerticalScroll).scroll_up(animate=False)

    def action_page_down(self) -> None:
        """Scroll the help down a page."""
        self.query_one(VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """Scroll the help up a page."""
        self.query_one(VerticalScroll).scroll_page_up(animate=False)


_KEY_LABELS = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "right_parenthesis": ")",
    "left_parenthesis": "(",
    "question_mark": "?",
    "space": "space",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "down": "↓",
    "up": "↑",
    "enter": "enter",
    "shift+tab": "shift+tab",
    "tab": "tab",
    "slash": "/",
    "ampersand": "&",
    "number_sign": "#",
    "at": "@",
}


def _key_label(key: str) -> str:
    """How a Textual key name is shown to people."""
    key = key.strip()
    return _KEY_LABELS.get(key, key)
