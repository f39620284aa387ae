"""Subcommands of `reader`: one module each, with `NAME`, `SUMMARY`, `configure` and `run`.

To add a command, write its module and add its name to `COMMANDS`; the CLI builds its parser
and help from the module, so the help never falls behind.
"""

from __future__ import annotations

COMMANDS: tuple[str, ...] = (
    "dump",
    "quotes",
    "speakers",
    "search",
    "notes",
    "export",
    "sync",
    "merge-driver",
    "add",
    "library",
    "said",
    "feed",
)
"""Command names, in the order `reader --help` lists them; each is a module under
`reader.commands` (a hyphen in the name is an underscore in the module's)."""
