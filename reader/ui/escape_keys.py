"""Telling a lone Esc from alt+key: an alt+key that nothing binds is Esc, then the key.

A terminal sends Esc as the byte ESC and alt+q as ESC q. Textual waits after an ESC for more
bytes, and a key that arrives meanwhile (a quick typist, or tmux and SSH delivering both keys
in one read) comes as alt+key: typing `/slutsky`, Esc and `q` within 50 ms put "q" in the
search bar and left the reader open. Nothing in the reader binds alt+letter, so `escape_then_key`
gives such a key back as Esc, then the key; an alt+key that something binds stays as it is.

A shorter escape delay (`ESCDELAY`) does not help, so the reader leaves it alone: Textual's
Linux driver checks the delay only when its input poll returns, which is after 100 ms or when
the next key arrives, and it reads that key before it checks. Measured in a pty (Esc in the
search bar until the bar is gone, 12 interleaved rounds): median 148 ms with `ESCDELAY=25`,
138 ms with the default 100 (ratio 1.04, quartiles 0.93-1.12).

Public Textual API only (`events.Key`); `tests/ui/test_escape_keys.py` fails loudly if Textual
stops reporting ESC q as alt+q.
"""

from __future__ import annotations

from collections.abc import Container

from textual.events import Key

ALT = "alt+"
"""How Textual names a key pressed with alt (or typed right after Esc)."""


def escape_then_key(event: Key, bound: Container[str]) -> tuple[Key, Key] | None:
    """Esc and the key, for an alt+key that nothing binds (`bound` holds the bound keys).

    None when `event` is not an alt+ key with a character, or when alt+key is bound.
    """
    key = event.key
    character = event.character
    if not key.startswith(ALT) or key in bound or character is None or len(character) != 1:
        return None
    rest = key[len(ALT) :]
    if rest.startswith("shift+") and character.isupper():
        rest = character  # alt+shift+n: the key is N, as Textual names it without alt
    return (Key("escape", "\x1b"), Key(rest, character))
