"""The footer: the keys that work here, on one line, drawn as one widget.

It looks like Textual's `Footer` (each key in the accent colour, bold, then what it does; the
command palette's key on the right after a thin rule) but is one widget whose line is drawn
from the screen's active bindings, not a container of one widget per key. Textual's `Footer`
throws its keys away and mounts new ones whenever the bindings change, and they change on
every `/`, esc and move of the focus: on the 3 MB book at 120x40 that was three more layouts
and frames in the 150 ms after `/` (30-60 ms of CPU, Dec 2026), which a query typed straight
after `/` waited behind. Here a change of bindings makes the new line and repaints this row
alone, only when the line differs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class FooterKey(NamedTuple):
    """One key as the footer shows it."""

    key: str
    """The key, as the app displays it (`^p`, `esc`)."""
    description: str
    """What it does."""
    enabled: bool
    """False when the key does nothing here now (shown dim)."""


class KeysFooter(Widget, can_focus=False):
    """The keys of the focused widget and its screen, and the command palette's on the right."""

    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keys-footer--rule {
            color: $foreground 20%;
        }
    }
    """

    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description", "keys-footer--rule"}
    """A key, what it does, and the rule before the command palette's key."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[FooterKey, ...] = ()
        """The keys shown, left to right."""
        self.palette: FooterKey | None = None
        """The command palette's key, shown on the right (None: none here)."""

    def on_mount(self) -> None:
        """Follow the screen's bindings (they change with the focus)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop following them."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        keys, palette = self._keys_of(screen)
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            # One row, the same size: nothing to lay out. After the next frame: the focus
            # moves (and this is called) before the widget that took it has drawn itself, and
            # a frame drawn for the footer alone showed `/`'s bar without its scope.
            self.call_after_refresh(self.refresh)

    def _keys_of(self, screen: Screen[object]) -> tuple[tuple[FooterKey, ...], FooterKey | None]:
        """The keys to show on `screen` now: one per action, as Textual's footer picks them."""
        app = self.app
        active = screen.active_bindings
        first: dict[str, FooterKey] = {}  # in the order the actions first come
        for _, binding, enabled, _ in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = FooterKey(
                    app.get_key_display(binding), binding.description, enabled
                )
        keys = tuple(first.values())
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _ = active[app.COMMAND_PALETTE_BINDING]
            palette = FooterKey(app.get_key_display(binding), binding.description, enabled)
        return keys, palette

    def render(self) -> Text:
        """The keys from the left, cut where the command palette's key begins on the right."""
        width = self.size.width
        key_style = self.get_component_rich_style("keys-footer--key")
        description_style = self.get_component_rich_style("keys-footer--description")
        right = Text(no_wrap=True, end="")
        if self.palette is not None:
            right.append("▏", self.get_component_rich_style("keys-footer--rule"))
            right.append_text(_label(self.palette, key_style, description_style, compact=True))
            right.append(" ")
        line = Text(no_wrap=True, end="")
        for key in self.keys:
            line.append_text(_label(key, key_style, description_style, compact=False))
        line.truncate(max(0, width - right.cell_len), pad=True)
        line.append_text(right)
        return line


def _label(key: FooterKey, key_style: Style, description_style: Style, *, compact: bool) -> Text:
    """` esc Back ` (compact: `^p palette`), dim when the key does nothing here now."""
    label = Text(no_wrap=True, end="")
    if compact:
        label.append(key.key, key_style)
        if key.description:
            label.append(" " + key.description, description_style)
    else:
        label.append(f" {key.key} ", key_style)
        if key.description:
            label.append(key.description + " ", description_style)
    if not key.enabled:
        label.stylize(Style(dim=True))
    return label
