"""Git conflict markers in a notes file: spotting them and splitting the file into its sides.

A notes file pulled without the reader's merge driver may hold `<<<<<<<` ... `>>>>>>>` lines.
Reading refuses such a file (`yaml_read.parse`), sync looks for them before committing, and
recovery (`NotesStore.recover`) splits the file into ours, theirs and the base with
`split_conflict` to merge them by annotation id. Kept apart from the YAML code: this is line
work on the raw text, done before (or instead of) any YAML parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONFLICT_MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: |$)", re.MULTILINE)
"""A git conflict marker line (`<<<<<<< ours`, `|||||||`, `=======`, `>>>>>>> theirs`)."""


def has_conflict_markers(text: str) -> bool:
    """True when `text` contains a git conflict marker line."""
    return CONFLICT_MARKER.search(text) is not None


@dataclass(frozen=True)
class ConflictSides:
    """The versions interleaved in a file with git conflict markers."""

    ours: str
    """The file as our side had it (lines outside conflicts plus the `<<<<<<<` halves)."""
    theirs: str
    """The file as the other side had it."""
    base: str | None
    """The common ancestor, when git wrote it (`merge.conflictStyle=diff3` or `zdiff3`)."""


def split_conflict(text: str) -> ConflictSides:
    """Split a file with conflict markers into its sides."""
    ours: list[str] = []
    theirs: list[str] = []
    base: list[str] = []
    has_base = False
    state = "both"
    for line in text.splitlines(keepends=True):
        marker = CONFLICT_MARKER.match(line)
        kind = marker.group(1)[0] if marker else ""
        if kind == "<" and state == "both":
            state = "ours"
        elif kind == "|" and state == "ours":
            state, has_base = "base", True
        elif kind == "=" and state in ("ours", "base"):
            state = "theirs"
        elif kind == ">" and state == "theirs":
            state = "both"
        elif state == "both":
            ours.append(line)
            theirs.append(line)
            base.append(line)
        else:
            {"ours": ours, "theirs": theirs, "base": base}[state].append(line)
    return ConflictSides(
        ours="".join(ours), theirs="".join(theirs), base="".join(base) if has_base else None
    )
