"""Telling a lone Esc from alt+key: a shorter escape delay, and Esc-then-key for unbound alt keys.

A terminal sends Esc as the byte ESC and alt+q as ESC q. Textual waits `ESCDELAY` ms (100 by
default) after an ESC for more bytes; a key typed within that wait (a quick typist, or tmux and
SSH delivering both keys in one read) arrives as alt+key. Typing `/slutsky`, Esc and `q` within
50 ms put "q" in the search bar and left the reader open. Two remedies, both needed:

- `shorten_escape_delay` makes the wait 25 ms (Neovim waits 50 ms, tmux 3.5 10 ms) unless
  the user set `ESCDELAY`. A terminal writes an escape sequence (an arrow, a mouse
  report) in one piece, so a short wait does not split it.
- `escape_then_key` turns alt+key back into Esc then key when nothing binds alt+key, which no
  wait can do for keys that arrive together. Nothing in the reader binds alt+letter.

Both use public Textual API only: the `ESCDELAY` variable read by `textual.constants` (its
`ESCAPE_DELAY`) and `events.Key`. `tests/ui/test_escape_keys.py` fails loudly if Textual stops
reading the variable or reporting ESC q as alt+q.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Container
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported at run time only after `shorten_escape_delay` has run
    from textual.events import Key

ESCAPE_DELAY_MS = 25
"""Milliseconds to wait after ESC for the rest of an escape sequence (Textual's default: 100)."""

ALT = "alt+"


def shorten_escape_delay() -> None:
    """Make Textual wait `ESCAPE_DELAY_MS` after an ESC, unless the user chose (`ESCDELAY`).

    Textual reads the variable once, when it is first imported: this must run before that (it
    runs when `reader.ui` is imported, and imports nothing itself, so `reader.ui` stays free of
    Textual until a module that needs it is loaded). `restore_environment` takes the variable
    away again once Textual has read it.
    """
    if "ESCDELAY" in os.environ or "textual.constants" in sys.modules:
        return
    os.environ["ESCDELAY"] = str(ESCAPE_DELAY_MS)
    _ours.append(str(ESCAPE_DELAY_MS))


def restore_environment() -> None:
    """Remove the `ESCDELAY` set by `shorten_escape_delay` (once Textual has read it).

    So a program started later, an `$EDITOR` say (ncurses reads `ESCDELAY` too), sees the
    environment the user gave.
    """
    if _ours and os.environ.get("ESCDELAY") == _ours.pop():
        del os.environ["ESCDELAY"]


_ours: list[str] = []
"""The `ESCDELAY` value this module set, until `restore_environment` takes it away."""


def escape_then_key(event: Key, bound: Container[str]) -> tuple[Key, Key] | None:
    """Esc and the key, for an alt+key that nothing binds (`bound` holds the bound keys).

    None when `event` is not an alt+ key with a character, or when alt+key is bound.
    """
    key = event.key
    character = event.character
    if not key.startswith(ALT) or key in bound or character is None or len(character) != 1:
        return None
    from textual.events import Key

    rest = key[len(ALT) :]
    if rest.startswith("shift+") and character.isupper():
        rest = character  # alt+shift+n: the key is N, as Textual names it without alt
    return (Key("escape", "\x1b"), Key(rest, character))
