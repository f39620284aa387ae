"""Text-level merging of notes files for git: the merge driver's core and marker recovery.

`annotations.merge` merges parsed notes files by annotation id, symmetrically (merge and
rebase agree). This module adds what git needs around it: parse the three versions git hands
the driver (an empty base for an add/add conflict), refuse what must not be merged (unreadable
YAML, conflict markers, a newer schema) with an error naming the side, dump the result
canonically, and say which values clashed. (A file that git left with conflict markers,
because the driver was not registered in that clone, is repaired by the store's `recover`.)
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.merge import merge
from annotations.model import SCHEMA_VERSION, Conflict, NotesFile
from annotations.yaml_io import (
    NewerSchemaError,
    NotesFormatError,
    conflict_key,
    dump,
    parse,
)


@dataclass(frozen=True, slots=True)
class MergedText:
    """The outcome of a text-level merge."""

    text: str
    """The merged notes file, canonically dumped."""
    notes: NotesFile
    """The same, parsed."""
    clashes: tuple[Conflict, ...]
    """Values that lost a clash in this merge (recorded under `conflicts:` in the file)."""


def parse_side(text: str, name: str) -> NotesFile:
    """Parse one version of a notes file for merging; refuse one from a newer reader.

    A newer schema may hold fields whose merge rules this reader does not know, so a file
    with `schema` above `SCHEMA_VERSION` raises `NewerSchemaError` instead of being merged.
    """
    notes = parse(text, name)
    if notes.schema > SCHEMA_VERSION:
        raise NewerSchemaError(
            name,
            f"written by a newer reader (schema {notes.schema}); this one merges schema "
            f"{SCHEMA_VERSION} at most",
        )
    return notes


def merge_texts(base: str | None, ours: str, theirs: str, name: str = "notes file") -> MergedText:
    """Merge three texts of a notes file by annotation id; `base` None or blank means unknown.

    Raises `NotesFormatError`, naming `name` and the side, when a version cannot be read.
    """
    base_notes = None
    if base is not None and base.strip():
        base_notes = parse_side(base, f"{name} (base)")
    ours_notes = parse_side(ours, f"{name} (ours)")
    theirs_notes = parse_side(theirs, f"{name} (theirs)")
    merged = merge(base_notes, ours_notes, theirs_notes)
    before = {conflict_key(c) for c in (*ours_notes.conflicts, *theirs_notes.conflicts)}
    clashes = tuple(c for c in merged.conflicts if conflict_key(c) not in before)
    return MergedText(text=dump(merged), notes=merged, clashes=clashes)


__all__ = ["MergedText", "NotesFormatError", "merge_texts", "parse_side"]
