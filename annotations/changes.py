"""What changed in the notes between two versions, in words: for commit messages and reports.

`changes(notes_dir, old, new)` compares two commits (or a commit and the index) file by file
and counts, per article, the notes added, changed and removed, and the notes edited on both
sides that a merge resolved (`Clash`). `commit_message` and `describe` put them in words.
Titles come from the notes files, which others write: they are flattened to one printable
line before they reach git or the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from annotations.merge import kept_text, value_text
from annotations.model import NotesFile
from annotations.repository import NOTES_PATTERN, git_bytes, git_out
from annotations.yaml_io import NotesFormatError, conflict_key, parse_bytes

__all__ = ["EMPTY_TREE", "Change", "Clash", "changes", "commit_message", "counts", "describe"]

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""The id of git's empty tree, to diff the first commit against."""


@dataclass(frozen=True, slots=True)
class Clash:
    """One field of one note edited on both sides: the value kept and the one set aside."""

    note_id: str
    """The annotation's id."""
    field: str
    """The field (`note`, `color`, `selector`...)."""
    kept: str
    """The value the merge kept, in words."""
    other: str
    """The value set aside under `conflicts:`, in words."""
    other_author: str
    """Who wrote the value set aside."""


@dataclass(frozen=True, slots=True)
class Change:
    """How one notes file differs between two versions."""

    path: str
    """The file's path relative to the notes directory."""
    title: str
    """The article's title (the file name when the file has none or cannot be read)."""
    added: int = 0
    """Notes present only in the newer version."""
    changed: int = 0
    """Notes present in both whose content differs."""
    removed: int = 0
    """Notes present only in the older version (deleted)."""
    readable: bool = True
    """False when a version is not a readable notes file (counted as one changed file)."""
    clashes: tuple[Clash, ...] = ()
    """Notes edited on both sides that the merge resolved (new `conflicts:` entries)."""

    def describe(self) -> str:
        """`Title: 3 added, 1 changed` (or `path changed` for a file that is not notes)."""
        if not self.readable:
            return f"{self.path} changed"
        return f"{self.title}: {counts(self.added, self.changed, self.removed)}"


def counts(added: int, changed: int, removed: int) -> str:
    """`3 added, 1 changed` (parts that are zero left out; `no note changes` if all are)."""
    parts = [
        f"{n} {word}"
        for n, word in ((added, "added"), (changed, "changed"), (removed, "removed"))
        if n
    ]
    return ", ".join(parts) if parts else "no note changes"


def _notes_at(notes_dir: Path, spec: str | None) -> NotesFile | None:
    """The notes file at a `git cat-file` spec (None: absent or unreadable)."""
    if spec is None:
        return None
    data = git_bytes(notes_dir, "cat-file", "blob", spec)
    if data is None:
        return None
    try:
        return parse_bytes(data, spec)
    except NotesFormatError:
        return None


def _change(path: str, old: NotesFile | None, new: NotesFile | None, present: bool) -> Change:
    """Compare two versions of one notes file (either may be absent)."""
    title = ""
    for notes in (new, old):
        if notes is not None and notes.document.title:
            title = notes.document.title
            break
    title = title or Path(path).name
    if (old is None and new is None) or (present and new is None):
        return Change(path=path, title=title, readable=False)
    before = {a.id: a for a in old.live} if old is not None else {}
    after = {a.id: a for a in new.live} if new is not None else {}
    return Change(
        path=path,
        title=title,
        added=len(after.keys() - before.keys()),
        changed=sum(1 for i in after.keys() & before.keys() if after[i] != before[i]),
        removed=len(before.keys() - after.keys()),
        clashes=_new_clashes(old, new),
    )


def _new_clashes(old: NotesFile | None, new: NotesFile | None) -> tuple[Clash, ...]:
    """Conflicts recorded in `new` and not in `old`, for live notes, with the kept value."""
    if new is None:
        return ()
    seen = {conflict_key(c) for c in old.conflicts} if old is not None else set()
    clashes: list[Clash] = []
    for conflict in new.conflicts:
        annotation = new.get(conflict.id)
        if conflict_key(conflict) in seen or annotation is None or annotation.is_deleted:
            continue
        clashes.append(
            Clash(
                note_id=conflict.id,
                field=conflict.field,
                kept=kept_text(annotation, conflict.field),
                other=value_text(conflict.value),
                other_author=conflict.author,
            )
        )
    return tuple(clashes)


def is_notes_path(path: str) -> bool:
    """True for a path named like a notes file (`*.notes.yaml`)."""
    return Path(path).match(NOTES_PATTERN)


def changes(notes_dir: Path, old: str | None, new: str | None) -> list[Change]:
    """The notes files that differ between two commits (None: the empty tree / the index).

    `new=None` compares `old` with what is staged in the index (what a commit would record).
    Paths are relative to `notes_dir`; only notes files are listed.
    """
    args = ["diff", "--relative", "--name-status", "-z", "--no-renames"]
    args += ["--cached", old or EMPTY_TREE] if new is None else [old or EMPTY_TREE, new]
    fields = git_out(notes_dir, *args, "--", ".").split("\0")
    result: list[Change] = []
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        if not path or not is_notes_path(path):
            continue
        old_spec = f"{old}:./{path}" if old and status != "A" else None
        new_spec = None if status == "D" else (f"{new}:./{path}" if new else f":./{path}")
        result.append(
            _change(
                path,
                _notes_at(notes_dir, old_spec),
                _notes_at(notes_dir, new_spec),
                present=status != "D",
            )
        )
    return result


def describe(change_list: Sequence[Change]) -> str:
    """All changes on one line: `Title A: 3 added; Title B: 1 removed`."""
    return "; ".join(change.describe() for change in change_list)


def commit_message(change_list: Sequence[Change]) -> str:
    """A commit message saying which articles gained, changed or lost how many notes.

    Titles come from the notes files (others write them): control characters become spaces
    and line breaks are flattened, so `git log` shows them as text on one line each.
    """
    notes = [c for c in change_list if c.readable]
    added = sum(c.added for c in notes)
    changed = sum(c.changed for c in notes)
    removed = sum(c.removed for c in notes)
    if len(change_list) == 1:
        subject = f"Notes on {_one_line(change_list[0].title)}: " + (
            counts(added, changed, removed) if notes else "file changed"
        )
    else:
        subject = f"Notes on {len(change_list)} articles: {counts(added, changed, removed)}"
    body = [f"- {_one_line(c.describe())} ({_one_line(c.path)})" for c in change_list]
    return subject + "\n\n" + "\n".join(body) + "\n"


def _one_line(text: str) -> str:
    # Control characters (escapes included) become spaces: a commit message is data for git,
    # and `reader.load.clean` is out of this package's reach (the layering contract).
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
