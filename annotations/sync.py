"""Sync a notes directory through git: set-up, merge-driver registration, commit, pull, push.

The notes directory is (or lives inside) a git work tree. `init` prepares it:
`.gitattributes` sends notes files through the reader's merge driver, `.gitignore` keeps
temporary, lock and backup files out, and the driver is registered in the repository's
config (`.git/config` is not versioned, so every clone needs this once: `driver_status`
tells whether this clone has it, `register_driver` adds it). `sync` commits the changed
notes with a message saying which articles gained, changed or lost how many notes, pulls
(merge or rebase) and pushes, and reports what came in and what went out.

Nothing is lost on failure: the local commit is made first, a failed pull is aborted back to
it, and `SyncError` says in one line what happened and that running `sync` again finishes
the job. Notes files that git could not merge (a pull made without the driver) are merged by
annotation id from the versions git keeps in its index.

For the UI:
- `driver_status(notes_dir)` / `needs_driver(notes_dir)`: offer to register the driver when
  `needs_driver` is true (a notes repository whose clone lacks the driver);
- `register_driver(notes_dir)`: register it (idempotent);
- a file git left with conflict markers is recovered by the store
  (`NotesStore.recover()`); `sync` repairs any such notes file before committing;
- `sync(notes_dir, batch=True)`: a sync that never asks for a password or passphrase (for
  a sync from the app, e.g. on quit; run it off the UI thread, it uses the network).

Git runs as a subprocess with no standard input and HTTPS prompts disabled; with `batch`,
ssh runs in batch mode too, so a sync fails quickly instead of waiting for a password.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from annotations.driver import merge_texts
from annotations.model import NotesFile, default_author
from annotations.store import IGNORE_PATTERNS, NOTES_SUFFIX, NotesStore, StoreError
from annotations.yaml_io import NotesFormatError, decode, has_conflict_markers, parse_bytes

DRIVER = "reader-notes"
"""The merge driver's name in `.gitattributes` and in `merge.<name>.driver`."""

NOTES_PATTERN = "*" + NOTES_SUFFIX
"""The files in the notes directory that are notes files (and go through the driver)."""

ATTRIBUTES = f"{NOTES_PATTERN} merge={DRIVER} eol=lf"
"""The `.gitattributes` line `init` writes."""

IGNORED = (*IGNORE_PATTERNS, "*.tmp", "*~", ".DS_Store")
"""`.gitignore` patterns `init` writes: the store's temporary, lock and backup files (and
editors' and file managers' litter) never sync."""

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""The id of git's empty tree, to diff the first commit against."""

NETWORK_TIMEOUT = 120.0
"""Seconds a fetch or push may take before the sync gives up (and says so)."""

_PUSH_ATTEMPTS = 3
"""Fetch-merge-push rounds before giving up when others keep pushing in between."""

_GIT_ENV_DROP = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_OBJECT_DIRECTORY")


class SyncError(Exception):
    """A sync step failed; `str(error)` is one line for the user, saying what to do."""


class DriverStatus(Enum):
    """Whether this clone merges notes files with the reader's driver."""

    NO_REPOSITORY = "no-repository"
    """The notes directory is not in a git work tree: nothing to merge."""
    NOT_CONFIGURED = "not-configured"
    """A git repository whose `.gitattributes` does not use the driver (`init` not run)."""
    UNREGISTERED = "unregistered"
    """The attributes ask for the driver but this clone's config lacks it: git would fall
    back to a text merge and leave conflict markers."""
    STALE = "stale"
    """Registered, but the program it runs no longer exists (the reader moved)."""
    REGISTERED = "registered"
    """Everything in place."""


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

    def describe(self) -> str:
        """`Title: 3 added, 1 changed` (or `path changed` for a file that is not notes)."""
        if not self.readable:
            return f"{self.path} changed"
        return f"{self.title}: {counts(self.added, self.changed, self.removed)}"


@dataclass(frozen=True, slots=True)
class InitReport:
    """What `init` did."""

    notes_dir: Path
    """The notes directory."""
    created_repository: bool
    """True when `git init` was run."""
    wrote: tuple[str, ...]
    """Set-up files written or extended (`.gitattributes`, `.gitignore`)."""
    registered: bool
    """True when the merge driver was (re)registered in this clone's config."""
    remote: str | None
    """The remote URL added or updated, if any."""
    commit: str | None
    """The commit that recorded the set-up files, if one was needed."""


@dataclass(slots=True)
class SyncReport:
    """What `sync` did: what was committed, what came in, what went out."""

    committed: list[Change] = field(default_factory=list)
    """Local changes committed by this sync."""
    commit: str | None = None
    """That commit's id."""
    incoming: list[Change] = field(default_factory=list)
    """Changes pulled from the remote."""
    outgoing: list[Change] = field(default_factory=list)
    """Changes pushed to the remote."""
    commits_in: int = 0
    """Commits pulled from the remote (some may change no notes, e.g. set-up files)."""
    commits_out: int = 0
    """Commits pushed to the remote."""
    remote: str | None = None
    """The remote synced with; None when the repository has none."""
    registered_driver: bool = False
    """True when the merge driver had to be registered in this clone first."""
    set_up: tuple[str, ...] = ()
    """Set-up files (`.gitattributes`, `.gitignore`) that were missing and were written."""
    resolved: list[str] = field(default_factory=list)
    """Notes files git could not merge that were merged by annotation id."""
    recovered: list[tuple[str, str]] = field(default_factory=list)
    """Notes files found with conflict markers and repaired: (file, backup kept)."""


# -- running git ------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_ENV_DROP}
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["LC_ALL"] = "C"
    env["LANGUAGE"] = "C"
    # Never open an editor (merge messages, rebase --continue) in the middle of a sync.
    env["GIT_EDITOR"] = "true"
    env["GIT_MERGE_AUTOEDIT"] = "no"
    return env


def git(
    notes_dir: Path,
    *args: str,
    check: bool = True,
    timeout: float | None = 60.0,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `git -C notes_dir ARGS`; raise `SyncError` with git's message if `check` fails."""
    try:
        result = subprocess.run(
            ["git", "-C", str(notes_dir), *args],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            env=env or _env(),
            check=False,
        )
    except FileNotFoundError:
        raise SyncError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise SyncError(
            f"'git {args[0]}' took longer than {timeout:.0f} s and was stopped"
        ) from None
    if check and result.returncode != 0:
        raise SyncError(f"git {args[0]} failed: {_git_message(result.stderr)}")
    return result


def _git_bytes(notes_dir: Path, *args: str) -> bytes | None:
    """Git's raw stdout (file contents), or None when the command fails."""
    result = subprocess.run(
        ["git", "-C", str(notes_dir), *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=_env(),
        check=False,
    )
    return result.stdout if result.returncode == 0 else None


def _git_message(stderr: str) -> str:
    """The most telling line of git's stderr (its `fatal:`/`error:` line), without prefix."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for prefix in ("fatal:", "error:"):
        for line in lines:
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
    return lines[-1] if lines else "no message"


def _out(notes_dir: Path, *args: str) -> str:
    return git(notes_dir, *args).stdout.strip()


# -- the repository and the driver ----------------------------------------------------------


def is_repository(notes_dir: Path) -> bool:
    """True when `notes_dir` exists and is inside a git work tree."""
    if not notes_dir.is_dir():
        return False
    result = git(notes_dir, "rev-parse", "--is-inside-work-tree", check=False)
    return result.returncode == 0 and result.stdout.strip() == "true"


def driver_command(python: str | None = None) -> str:
    """The shell command git runs to merge a notes file: this reader's `merge-driver`.

    It names the interpreter running now (`sys.executable`), so the driver works without
    `reader` on PATH, in a virtual environment, and whichever reader another clone has.
    """
    interpreter = shlex.quote(python or sys.executable)
    # -P: git runs the driver in the notes repository, whose files must never shadow ours.
    return f"{interpreter} -P -m reader.commands.merge_driver %O %A %B %P"


def _uses_driver(notes_dir: Path) -> bool:
    """True when git's attributes send a notes file here through the reader's driver."""
    probe = "probe" + NOTES_PATTERN.lstrip("*")
    result = git(notes_dir, "check-attr", "merge", "--", probe, check=False)
    return result.returncode == 0 and result.stdout.strip().endswith(f": merge: {DRIVER}")


def driver_status(notes_dir: Path) -> DriverStatus:
    """Whether this clone of the notes repository has the merge driver (see `DriverStatus`)."""
    if not is_repository(notes_dir):
        return DriverStatus.NO_REPOSITORY
    if not _uses_driver(notes_dir):
        return DriverStatus.NOT_CONFIGURED
    result = git(notes_dir, "config", "--get", f"merge.{DRIVER}.driver", check=False)
    command = result.stdout.strip()
    if result.returncode != 0 or not command:
        return DriverStatus.UNREGISTERED
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return DriverStatus.STALE
    if os.sep in program and not os.access(program, os.X_OK):
        return DriverStatus.STALE
    return DriverStatus.REGISTERED


def driver_registered(notes_dir: Path) -> bool:
    """True when notes files in this repository will be merged by the reader's driver."""
    return driver_status(notes_dir) is DriverStatus.REGISTERED


def needs_driver(notes_dir: Path) -> bool:
    """True when the UI should offer `register_driver` (the driver is missing here).

    That is: the repository asks for the driver in `.gitattributes` but this clone has not
    registered it, or it points at a program that no longer exists.
    """
    return driver_status(notes_dir) in (DriverStatus.UNREGISTERED, DriverStatus.STALE)


def register_driver(notes_dir: Path, python: str | None = None) -> None:
    """Register the merge driver in the repository's own config (`.git/config`).

    Idempotent; raises `SyncError` if `notes_dir` is not in a git repository.
    """
    if not is_repository(notes_dir):
        raise SyncError(f"{notes_dir} is not a git repository; run 'reader sync --init' first")
    git(notes_dir, "config", f"merge.{DRIVER}.name", "reader notes: merge by annotation id")
    git(notes_dir, "config", f"merge.{DRIVER}.driver", driver_command(python))


# -- init ---------------------------------------------------------------------------------------


def _ensure_lines(path: Path, header: str, lines: Iterable[str]) -> bool:
    """Append the missing `lines` to a text file (created with `header`); True if written."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in present]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    if not text:
        text = header + "\n"
    path.write_text(text + "".join(line + "\n" for line in missing), encoding="utf-8")
    return True


def init(notes_dir: Path, remote: str | None = None, remote_name: str = "origin") -> InitReport:
    """Make `notes_dir` a synced notes repository (idempotent; see the module docstring).

    Creates the directory and the repository if needed, writes `.gitattributes` and
    `.gitignore`, registers the driver, adds (or re-points) the remote, and commits the
    set-up files. Raises `SyncError`.
    """
    notes_dir.mkdir(parents=True, exist_ok=True)
    created = False
    if not is_repository(notes_dir):
        git(notes_dir, "init", "--quiet")
        created = True
    wrote: list[str] = []
    if _ensure_lines(
        notes_dir / ".gitattributes",
        "# Notes files merge by annotation id (`reader sync --init` registers the driver).",
        [ATTRIBUTES],
    ):
        wrote.append(".gitattributes")
    if _ensure_lines(
        notes_dir / ".gitignore",
        "# Temporary, lock and backup files of the reader stay on this machine.",
        IGNORED,
    ):
        wrote.append(".gitignore")
    registered = not driver_registered(notes_dir)
    register_driver(notes_dir)
    added_remote = None
    if remote is not None:
        current = git(notes_dir, "remote", "get-url", remote_name, check=False)
        if current.returncode != 0:
            git(notes_dir, "remote", "add", remote_name, remote)
            added_remote = remote
        elif current.stdout.strip() != remote:
            git(notes_dir, "remote", "set-url", remote_name, remote)
            added_remote = remote
    commit = None
    git(notes_dir, "add", "--", ".gitattributes", ".gitignore")
    staged = git(
        notes_dir, "diff", "--cached", "--quiet", "--", ".gitattributes", ".gitignore", check=False
    )
    if staged.returncode != 0 or not _has_head(notes_dir):
        _commit(
            notes_dir,
            "Set up notes sync: notes files merge by annotation id",
            ["--", ".gitattributes", ".gitignore"],
        )
        commit = _out(notes_dir, "rev-parse", "HEAD")
    return InitReport(
        notes_dir=notes_dir,
        created_repository=created,
        wrote=tuple(wrote),
        registered=registered,
        remote=added_remote,
        commit=commit,
    )


# -- describing changes -----------------------------------------------------------------------


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
    data = _git_bytes(notes_dir, "cat-file", "blob", spec)
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
    )


def _is_notes_path(path: str) -> bool:
    return Path(path).match(NOTES_PATTERN)


def changes(notes_dir: Path, old: str | None, new: str | None) -> list[Change]:
    """The notes files that differ between two commits (None: the empty tree / the index).

    `new=None` compares `old` with what is staged in the index (what a commit would record).
    Paths are relative to `notes_dir`; only notes files are listed.
    """
    args = ["diff", "--relative", "--name-status", "-z", "--no-renames"]
    args += ["--cached", old or EMPTY_TREE] if new is None else [old or EMPTY_TREE, new]
    fields = _out(notes_dir, *args, "--", ".").split("\0")
    result: list[Change] = []
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        if not path or not _is_notes_path(path):
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
    """A commit message saying which articles gained, changed or lost how many notes."""
    notes = [c for c in change_list if c.readable]
    added = sum(c.added for c in notes)
    changed = sum(c.changed for c in notes)
    removed = sum(c.removed for c in notes)
    if len(change_list) == 1:
        subject = f"Notes on {change_list[0].title}: " + (
            counts(added, changed, removed) if notes else "file changed"
        )
    else:
        subject = f"Notes on {len(change_list)} articles: {counts(added, changed, removed)}"
    body = [f"- {c.describe()} ({c.path})" for c in change_list]
    return subject + "\n\n" + "\n".join(body) + "\n"


# -- sync ---------------------------------------------------------------------------------------


def _has_head(notes_dir: Path) -> bool:
    return git(notes_dir, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0


def _identity_env(notes_dir: Path) -> dict[str, str]:
    """The environment for a commit: git's identity, or a fallback so a commit never fails."""
    env = _env()
    name = git(notes_dir, "config", "user.name", check=False).stdout.strip()
    email = git(notes_dir, "config", "user.email", check=False).stdout.strip()
    if not name:
        env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = default_author()
    if not email:
        user = re.sub(r"[^A-Za-z0-9._-]+", "", default_author()) or "reader"
        env["GIT_AUTHOR_EMAIL"] = env["GIT_COMMITTER_EMAIL"] = f"{user}@localhost"
    return env


def _commit(notes_dir: Path, message: str, extra: Sequence[str] = ()) -> None:
    git(
        notes_dir,
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        message,
        *extra,
        env=_identity_env(notes_dir),
    )


def _git_path(notes_dir: Path, name: str) -> Path:
    path = Path(_out(notes_dir, "rev-parse", "--git-path", name))
    return path if path.is_absolute() else notes_dir / path


def _operation_in_progress(notes_dir: Path) -> str | None:
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
    out = _out(notes_dir, "diff", "--name-only", "--diff-filter=U", "-z")
    return [p for p in out.split("\0") if p]


def _resolve_unmerged(notes_dir: Path) -> list[str]:
    """Merge by annotation id every notes file git left unmerged; return their paths.

    Uses the three versions git keeps in its index (base, ours, theirs), so the result is
    what the driver would have written. Raises `SyncError` if a file is not a notes file or
    a version cannot be read; nothing is written then.
    """
    top = Path(_out(notes_dir, "rev-parse", "--show-toplevel"))
    paths = _unmerged(notes_dir)
    merged: list[tuple[str, str]] = []
    for path in paths:
        if not _is_notes_path(path):
            raise SyncError(f"git could not merge {path}, which is not a notes file")
        versions: list[str | None] = []
        for stage in (1, 2, 3):
            data = _git_bytes(top, "cat-file", "blob", f":{stage}:{path}")
            versions.append(None if data is None else decode(data, path))
        base, ours, theirs = versions
        try:
            result = merge_texts(base, ours or "", theirs or "", path)
        except NotesFormatError as error:
            raise SyncError(f"cannot merge {error}") from None
        merged.append((path, result.text))
    for path, text in merged:
        target = top / path
        target.write_text(text, encoding="utf-8", newline="\n")
        git(top, "add", "--", path)
    return [str(Path(p)) for p in paths]


def _finish_operation(notes_dir: Path, operation: str, report: SyncReport) -> None:
    """Complete a merge or rebase left half-done, merging notes files by annotation id.

    A rebase may stop again on a later commit; each stop is resolved the same way.
    """
    commits = int(_out(notes_dir, "rev-list", "--count", "--all"))
    for _ in range(commits + 1):
        report.resolved += _resolve_unmerged(notes_dir)
        if operation == "merge":
            _commit(notes_dir, "Merge notes (notes files merged by annotation id)", ["--no-edit"])
            return
        result = git(notes_dir, "rebase", "--continue", check=False, env=_identity_env(notes_dir))
        if result.returncode == 0:
            return
        if not _unmerged(notes_dir):
            raise SyncError(f"git rebase --continue failed: {_git_message(result.stderr)}")
    raise SyncError("the rebase does not finish; run 'git rebase --abort'")


def _recover_marked_files(notes_dir: Path) -> list[tuple[str, str]]:
    """Repair notes files that hold conflict markers, so markers are never committed.

    Such a file comes from a merge made without the driver and then committed by hand
    (some sync tools commit markers). The store merges both sides by id and keeps a
    backup; a file it cannot repair stops the sync (`SyncError`) before anything is staged.
    """
    recovered: list[tuple[str, str]] = []
    for target in sorted(notes_dir.glob(NOTES_PATTERN)):
        try:
            text = target.read_text(encoding="utf-8", errors="replace")
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


def _upstream(notes_dir: Path, branch: str) -> tuple[str, str | None] | None:
    """The remote and branch to sync `branch` with; None without a remote.

    The branch is None when no upstream is configured yet (the first sync): the remote's
    default branch is then asked for, so a `main` clone joins a `master` remote.
    """
    remote = git(notes_dir, "config", f"branch.{branch}.remote", check=False).stdout.strip()
    merge_ref = git(notes_dir, "config", f"branch.{branch}.merge", check=False).stdout.strip()
    if remote and merge_ref.startswith("refs/heads/"):
        return remote, merge_ref[len("refs/heads/") :]
    remotes = _out(notes_dir, "remote").split()
    if not remotes:
        return None
    return ("origin" if "origin" in remotes else remotes[0]), None


def _default_branch(notes_dir: Path, remote: str, url: str, kept: str, batch: bool) -> str | None:
    """The branch the remote's HEAD names, or None for an empty remote."""
    listed = _network(notes_dir, kept, batch, "ls-remote", "--symref", remote, "HEAD")
    if listed.returncode != 0:
        raise _unreachable(remote, url, listed.stderr, kept)
    for line in listed.stdout.splitlines():
        if line.startswith("ref: refs/heads/") and line.endswith("\tHEAD"):
            return line[len("ref: refs/heads/") : -len("\tHEAD")]
    return None


def _network(
    notes_dir: Path, kept: str, batch: bool, *args: str
) -> subprocess.CompletedProcess[str]:
    """Run a fetch or push; a timeout becomes a `SyncError` that says the notes are safe."""
    env = _env()
    if batch and not (env.get("GIT_SSH_COMMAND") or env.get("GIT_SSH")):
        configured = git(notes_dir, "config", "core.sshCommand", check=False).stdout.strip()
        env["GIT_SSH_COMMAND"] = (configured or "ssh") + " -o BatchMode=yes"
    try:
        return git(notes_dir, *args, check=False, timeout=NETWORK_TIMEOUT, env=env)
    except SyncError as error:
        raise SyncError(f"{error}; {kept}; run 'reader sync' again later") from None


def _unreachable(remote: str, url: str, stderr: str, kept: str) -> SyncError:
    return SyncError(
        f"cannot reach remote '{remote}' ({url}): {_git_message(stderr)}; "
        f"{kept}; run 'reader sync' again when it is reachable"
    )


def _integrate(notes_dir: Path, target: str, remote: str, rebase: bool, report: SyncReport) -> None:
    """Merge or rebase onto `target`; on failure abort back to where we were."""
    env = _identity_env(notes_dir)
    related = git(notes_dir, "merge-base", "HEAD", target, check=False).returncode == 0
    if rebase and related:
        args = ["rebase", "--quiet", target]
        operation = "rebase"
    else:
        args = ["merge", "--quiet", "--no-edit", "-m", f"Merge notes from {remote}", target]
        if not related:
            args.insert(2, "--allow-unrelated-histories")
        operation = "merge"
    result = git(notes_dir, *args, check=False, env=env)
    if result.returncode == 0:
        return
    try:
        if _operation_in_progress(notes_dir) is None:
            raise SyncError(f"git {operation} failed: {_git_message(result.stderr)}")
        _finish_operation(notes_dir, operation, report)
    except SyncError as error:
        if _operation_in_progress(notes_dir) is not None:
            git(notes_dir, operation, "--abort", check=False)
        raise SyncError(
            f"could not {operation} the notes from {remote}: {error}; "
            "the pull was undone and your notes stay committed locally"
        ) from None


def sync(notes_dir: Path, rebase: bool = False, *, batch: bool = False) -> SyncReport:
    """Commit changed notes, pull (merge, or rebase with `rebase`), push; see the module doc.

    With `batch`, nothing may ask for a password (ssh in batch mode): for syncs from the app.

    Raises `SyncError` with a one-line message when a step fails; what was committed stays.
    """
    report = SyncReport()
    if not is_repository(notes_dir):
        raise SyncError(
            f"{notes_dir} is not a git repository; run 'reader sync --init [REMOTE]' first"
        )
    status = driver_status(notes_dir)
    if status is DriverStatus.NOT_CONFIGURED:
        # A repository made by hand (`git init`): add the attributes and ignores first, or
        # the notes would sync with git's text merge.
        report.set_up = init(notes_dir).wrote
        report.registered_driver = True
    elif status in (DriverStatus.UNREGISTERED, DriverStatus.STALE):
        register_driver(notes_dir)
        report.registered_driver = True
    operation = _operation_in_progress(notes_dir)
    if operation is not None:
        # A pull made by hand without the driver stopped on notes conflicts: finish it.
        _finish_operation(notes_dir, operation, report)
    branch = git(notes_dir, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if branch.returncode != 0:
        raise SyncError("the notes repository is not on a branch (detached HEAD)")
    branch_name = branch.stdout.strip()

    report.recovered = _recover_marked_files(notes_dir)
    git(notes_dir, "add", "--all", "--", ".")
    if git(notes_dir, "diff", "--cached", "--quiet", check=False).returncode != 0:
        head = _out(notes_dir, "rev-parse", "HEAD") if _has_head(notes_dir) else None
        report.committed = changes(notes_dir, head, None)
        message = commit_message(report.committed) if report.committed else "Update notes directory"
        _commit(notes_dir, message)
        report.commit = _out(notes_dir, "rev-parse", "HEAD")

    upstream = _upstream(notes_dir, branch_name)
    if upstream is None:
        return report
    remote, configured_branch = upstream
    report.remote = remote
    url = git(notes_dir, "remote", "get-url", remote, check=False).stdout.strip() or remote
    kept = (
        f"your notes are committed locally ({report.commit[:7]})"
        if report.commit
        else "your notes are safe in the local repository"
    )
    remote_branch = configured_branch or (
        _default_branch(notes_dir, remote, url, kept, batch) or branch_name
    )
    tracking = f"refs/remotes/{remote}/{remote_branch}"
    for _attempt in range(_PUSH_ATTEMPTS):
        fetched = _network(
            notes_dir,
            kept,
            batch,
            "fetch",
            "--quiet",
            remote,
            f"+refs/heads/{remote_branch}:{tracking}",
        )
        if fetched.returncode != 0 and "couldn't find remote ref" not in fetched.stderr:
            raise _unreachable(remote, url, fetched.stderr, kept)
        has_remote = (
            git(notes_dir, "rev-parse", "--verify", "--quiet", tracking, check=False).returncode
            == 0
        )
        if has_remote:
            before = _out(notes_dir, "rev-parse", "HEAD")
            up_to_date = (
                git(
                    notes_dir, "merge-base", "--is-ancestor", tracking, "HEAD", check=False
                ).returncode
                == 0
            )
            if not up_to_date:
                _integrate(notes_dir, tracking, remote, rebase, report)
                report.commits_in += int(
                    _out(notes_dir, "rev-list", "--count", f"{before}..{tracking}")
                )
                report.incoming += changes(notes_dir, before, "HEAD")
        base = tracking if has_remote else None
        ahead = _out(notes_dir, "rev-list", "--count", f"{tracking}..HEAD" if base else "HEAD")
        if ahead == "0":
            return report
        outgoing = changes(notes_dir, base, "HEAD")
        commits_out = int(ahead)
        push_args = ["push", "--quiet", "--porcelain", remote, f"HEAD:refs/heads/{remote_branch}"]
        if not git(notes_dir, "config", f"branch.{branch_name}.remote", check=False).stdout:
            push_args.insert(1, "--set-upstream")
        pushed = _network(notes_dir, kept, batch, *push_args)
        if pushed.returncode == 0:
            report.outgoing = outgoing
            report.commits_out = commits_out
            return report
        refused = [line for line in pushed.stdout.splitlines() if line.startswith("!")]
        if not refused:
            raise _unreachable(remote, url, pushed.stderr, kept)
        reason = refused[0].split("\t")[-1]
        if not reason.startswith("[rejected]"):
            # Refused by the server (a hook, permissions), not because others pushed first.
            raise SyncError(
                f"the push to '{remote}' was refused: {reason}; {kept}; run 'reader sync' "
                "again once the remote accepts it"
            )
    raise SyncError(
        f"the push to '{remote}' was rejected {_PUSH_ATTEMPTS} times (others kept pushing); "
        f"{kept}; run 'reader sync' again"
    )
