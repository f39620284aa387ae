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

Set-up, the driver's registration and running git live in `annotations.repository`; their
names are re-exported here.

Git runs as a subprocess with no standard input and HTTPS prompts disabled; with `batch`,
ssh runs in batch mode too, so a sync fails quickly instead of waiting for a password.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotations.driver import merge_texts
from annotations.merge import kept_text, value_text
from annotations.model import NotesFile
from annotations.repository import (
    ATTRIBUTES,
    DRIVER,
    IGNORED,
    NOTES_PATTERN,
    DriverStatus,
    InitReport,
    SyncError,
    commit_files,
    driver_command,
    driver_registered,
    driver_status,
    git,
    git_bytes,
    git_env,
    git_message,
    git_out,
    has_head,
    identity_env,
    init,
    is_repository,
    needs_driver,
    register_driver,
)

__all__ = [  # the repository names are re-exported: callers use `sync.init`, `sync.needs_driver`...
    "ATTRIBUTES",
    "DRIVER",
    "IGNORED",
    "NOTES_PATTERN",
    "Change",
    "Clash",
    "DriverStatus",
    "InitReport",
    "SyncError",
    "SyncReport",
    "changes",
    "commit_message",
    "counts",
    "describe",
    "driver_command",
    "driver_registered",
    "driver_status",
    "git",
    "init",
    "is_repository",
    "mark_resolved",
    "needs_driver",
    "register_driver",
    "sync",
]
from annotations.safe_files import atomic_write, read_regular
from annotations.store import NotesStore, StoreError
from annotations.yaml_io import (
    NotesFormatError,
    conflict_key,
    decode,
    has_conflict_markers,
    parse_bytes,
)

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""The id of git's empty tree, to diff the first commit against."""

NETWORK_TIMEOUT = 120.0
"""Seconds a fetch or push may take before the sync gives up (and says so)."""

_PUSH_ATTEMPTS = 3
"""Fetch-merge-push rounds before giving up when others keep pushing in between."""


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


def _is_notes_path(path: str) -> bool:
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


# -- sync ---------------------------------------------------------------------------------------


def _git_path(notes_dir: Path, name: str) -> Path:
    path = Path(git_out(notes_dir, "rev-parse", "--git-path", name))
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
        if not _is_notes_path(path):
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


def _finish_operation(notes_dir: Path, operation: str, report: SyncReport) -> None:
    """Complete a merge or rebase left half-done, merging notes files by annotation id.

    A rebase may stop again on a later commit; each stop is resolved the same way.
    """
    commits = int(git_out(notes_dir, "rev-list", "--count", "--all"))
    for _ in range(commits + 1):
        report.resolved += _resolve_unmerged(notes_dir)
        if operation == "merge":
            commit_files(
                notes_dir, "Merge notes (notes files merged by annotation id)", ["--no-edit"]
            )
            return
        result = git(notes_dir, "rebase", "--continue", check=False, env=identity_env(notes_dir))
        if result.returncode == 0:
            return
        if not _unmerged(notes_dir):
            raise SyncError(f"git rebase --continue failed: {git_message(result.stderr)}")
    raise SyncError("the rebase does not finish; run 'git rebase --abort'")


def _recover_marked_files(notes_dir: Path) -> list[tuple[str, str]]:
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


def _upstream(notes_dir: Path, branch: str) -> tuple[str, str | None] | None:
    """The remote and branch to sync `branch` with; None without a remote.

    The branch is None when no upstream is configured yet (the first sync): the remote's
    default branch is then asked for, so a `main` clone joins a `master` remote.
    """
    remote = git(notes_dir, "config", f"branch.{branch}.remote", check=False).stdout.strip()
    merge_ref = git(notes_dir, "config", f"branch.{branch}.merge", check=False).stdout.strip()
    if remote and merge_ref.startswith("refs/heads/"):
        return remote, merge_ref[len("refs/heads/") :]
    remotes = git_out(notes_dir, "remote").split()
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
    env = git_env()
    if batch and not (env.get("GIT_SSH_COMMAND") or env.get("GIT_SSH")):
        configured = git(notes_dir, "config", "core.sshCommand", check=False).stdout.strip()
        env["GIT_SSH_COMMAND"] = (configured or "ssh") + " -o BatchMode=yes"
    try:
        return git(notes_dir, *args, check=False, timeout=NETWORK_TIMEOUT, env=env)
    except SyncError as error:
        raise SyncError(f"{error}; {kept}; run 'reader sync' again later") from None


def _unreachable(remote: str, url: str, stderr: str, kept: str) -> SyncError:
    return SyncError(
        f"cannot reach remote '{remote}' ({url}): {git_message(stderr)}; "
        f"{kept}; run 'reader sync' again when it is reachable"
    )


def _integrate(notes_dir: Path, target: str, remote: str, rebase: bool, report: SyncReport) -> None:
    """Merge or rebase onto `target`; on failure abort back to where we were."""
    env = identity_env(notes_dir)
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
            raise SyncError(f"git {operation} failed: {git_message(result.stderr)}")
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
        head = git_out(notes_dir, "rev-parse", "HEAD") if has_head(notes_dir) else None
        report.committed = changes(notes_dir, head, None)
        message = commit_message(report.committed) if report.committed else "Update notes directory"
        commit_files(notes_dir, message)
        report.commit = git_out(notes_dir, "rev-parse", "HEAD")

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
            before = git_out(notes_dir, "rev-parse", "HEAD")
            up_to_date = (
                git(
                    notes_dir, "merge-base", "--is-ancestor", tracking, "HEAD", check=False
                ).returncode
                == 0
            )
            if not up_to_date:
                _integrate(notes_dir, tracking, remote, rebase, report)
                report.commits_in += int(
                    git_out(notes_dir, "rev-list", "--count", f"{before}..{tracking}")
                )
                report.incoming += changes(notes_dir, before, "HEAD")
        base = tracking if has_remote else None
        ahead = git_out(notes_dir, "rev-list", "--count", f"{tracking}..HEAD" if base else "HEAD")
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
