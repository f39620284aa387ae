"""Notes files git could not merge, and merges or rebases left half-done: merged by id.

A pull made without the reader's merge driver (or interrupted) leaves notes files unmerged in
git's index, a merge or rebase in progress, or conflict markers committed by another tool.
`sync` calls these before it commits: `finish_operation` merges every unmerged notes file by
annotation id from the three versions git keeps and completes the merge or rebase;
`recover_marked_files` repairs files holding markers (the store keeps a backup);
`mark_resolved` stages a file `reader notes recover` has repaired.
"""

from __future__ import annotations

from pathlib import Path

from annotations.changes import is_notes_path
from annotations.driver import merge_texts
from annotations.repository import (
    NOTES_PATTERN,
    SyncError,
    commit_files,
    git,
    git_bytes,
    git_message,
    git_out,
    identity_env,
    is_repository,
)
from annotations.safe_files import atomic_write, read_regular
from annotations.store import NotesStore, StoreError
from annotations.yaml_io import NotesFormatError, decode, has_conflict_markers


def _git_path(notes_dir: Path, name: str) -> Path:
    path = Path(git_out(notes_dir, "rev-parse", "--git-path", name))
    return path if path.is_absolute() else notes_dir / path


def operation_in_progress(notes_dir: Path) -> str | None:
    """`merge` or `rebase` when git is in the middle of one, else None."""
    if (
        _git_path(notes_dir, "rebase-merge").exists()
        or _git_path(notes_dir, "rebase-apply").exists()
    ):
        return "rebase"
    if _git_path(notes_dir, "MERGE_HEAD").exists():
        return "merge"
    return None


def _unmerged(notes_dir: Path) -> list[str]:
    """Paths (relative to the repository root) git could not merge."""
    out = git_out(notes_dir, "diff", "--name-only", "--diff-filter=U", "-z")
    return [p for p in out.split("\0") if p]


def _resolve_unmerged(notes_dir: Path) -> list[str]:
    """Merge by annotation id every notes file git left unmerged; return their paths.

    Uses the three versions git keeps in its index (base, ours, theirs), so the result is
    what the driver would have written. Raises `SyncError` if a file is not a notes file or
    a version cannot be read; nothing is written then.
    """
    top = Path(git_out(notes_dir, "rev-parse", "--show-toplevel"))
    paths = _unmerged(notes_dir)
    merged: list[tuple[str, str]] = []
    for path in paths:
        if not is_notes_path(path):
            raise SyncError(f"git could not merge {path}, which is not a notes file")
        versions: list[str | None] = []
        for stage in (1, 2, 3):
            data = git_bytes(top, "cat-file", "blob", f":{stage}:{path}")
            versions.append(None if data is None else decode(data, path))
        base, ours, theirs = versions
        try:
            result = merge_texts(base, ours or "", theirs or "", path)
        except NotesFormatError as error:
            raise SyncError(f"cannot merge {error}") from None
        merged.append((path, result.text))
    for path, text in merged:
        atomic_write(top / path, text.encode("utf-8"))  # a crash leaves the old or the new
        git(top, "add", "--", path)
    return [str(Path(p)) for p in paths]


def mark_resolved(path: Path) -> bool:
    """Stage a repaired notes file that git lists as unmerged, so git sees it resolved.

    `reader notes recover` calls it: after a merge without the driver, git keeps the file's
    conflict in its index until the file is added. False when there was nothing to do (not
    in a repository, git missing, or the file not unmerged).
    """
    directory = path.parent
    try:
        if not is_repository(directory):
            return False
        if not git_out(directory, "ls-files", "--unmerged", "--", path.name):
            return False
        git(directory, "add", "--", path.name)
    except SyncError:
        return False
    return True


def finish_operation(notes_dir: Path, operation: str) -> list[str]:
    """Complete a merge or rebase left half-done, merging notes files by annotation id.

    A rebase may stop again on a later commit; each stop is resolved the same way. Returns
    the files merged by id.
    """
    resolved: list[str] = []
    commits = int(git_out(notes_dir, "rev-list", "--count", "--all"))
    for _ in range(commits + 1):
        resolved += _resolve_unmerged(notes_dir)
        if operation == "merge":
            commit_files(
                notes_dir, "Merge notes (notes files merged by annotation id)", ["--no-edit"]
            )
            return resolved
        result = git(notes_dir, "rebase", "--continue", check=False, env=identity_env(notes_dir))
        if result.returncode == 0:
            return resolved
        if not _unmerged(notes_dir):
            raise SyncError(f"git rebase --continue failed: {git_message(result.stderr)}")
    raise SyncError("the rebase does not finish; run 'git rebase --abort'")


def recover_marked_files(notes_dir: Path) -> list[tuple[str, str]]:
    """Repair notes files that hold conflict markers, so markers are never committed.

    Such a file comes from a merge made without the driver and then committed by hand
    (some sync tools commit markers). The store merges both sides by id and keeps a
    backup; a file it cannot repair stops the sync (`SyncError`) before anything is staged.
    """
    recovered: list[tuple[str, str]] = []
    for target in sorted(notes_dir.glob(NOTES_PATTERN)):
        try:  # a FIFO or socket under a notes name is skipped, never waited on
            text = read_regular(target).decode("utf-8", errors="replace")
        except OSError:
            continue
        if not has_conflict_markers(text):
            continue
        try:
            backup = NotesStore.open_path(target).recover()
        except StoreError as error:
            raise SyncError(
                f"{target.name} has git conflict markers and cannot be repaired ({error}); "
                "nothing was committed"
            ) from None
        recovered.append((target.name, backup.name))
    return recovered
