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

`sync` is a sequence of named steps, each returning its part of the report, each callable
(and tested) alone: `require_repository`, `set_up` (set-up files, driver), `finish_interrupted`
(a merge or rebase left half-done), `current_branch`, `commit_local`, `find_link` (the remote
branch), then `pull` and `push`, repeated when others push in between.

For the UI:
- `driver_status(notes_dir)` / `needs_driver(notes_dir)`: offer to register the driver when
  `needs_driver` is true (a notes repository whose clone lacks the driver);
- `register_driver(notes_dir)`: register it (idempotent);
- a file git left with conflict markers is recovered by the store
  (`NotesStore.recover()`); `sync` repairs any such notes file before committing;
- `sync(notes_dir, batch=True)`: a sync that never asks for a password or passphrase (for
  a sync from the app, e.g. on quit; run it off the UI thread, it uses the network).

Set-up, the driver's registration and running git live in `annotations.repository`, what
changed between two versions (counts per article, commit messages) in `annotations.changes`,
and the notes files git left unmerged (and half-done merges and rebases) in
`annotations.unmerged`; their names are re-exported here.

Git runs as a subprocess with no standard input and HTTPS prompts disabled; with `batch`,
ssh runs in batch mode too, so a sync fails quickly instead of waiting for a password.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from annotations.changes import (
    Change,
    Clash,
    changes,
    commit_message,
    counts,
    describe,
)
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
    "Link",
    "LocalCommit",
    "Pulled",
    "Pushed",
    "SetUp",
    "SyncError",
    "SyncReport",
    "changes",
    "commit_local",
    "commit_message",
    "counts",
    "current_branch",
    "describe",
    "driver_command",
    "driver_registered",
    "driver_status",
    "find_link",
    "finish_interrupted",
    "git",
    "init",
    "is_repository",
    "mark_resolved",
    "needs_driver",
    "pull",
    "push",
    "register_driver",
    "require_repository",
    "set_up",
    "sync",
]
from annotations.unmerged import (
    finish_operation,
    mark_resolved,
    operation_in_progress,
    recover_marked_files,
)

NETWORK_TIMEOUT = 120.0
"""Seconds a fetch or push may take before the sync gives up (and says so)."""

_PUSH_ATTEMPTS = 3
"""Fetch-merge-push rounds before giving up when others keep pushing in between."""


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


# -- sync ---------------------------------------------------------------------------------------


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


def _integrate(notes_dir: Path, target: str, remote: str, rebase: bool) -> list[str]:
    """Merge or rebase onto `target`; on failure abort back to where we were.

    Returns the notes files git could not merge that were merged by annotation id.
    """
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
        return []
    try:
        if operation_in_progress(notes_dir) is None:
            raise SyncError(f"git {operation} failed: {git_message(result.stderr)}")
        return finish_operation(notes_dir, operation)
    except SyncError as error:
        if operation_in_progress(notes_dir) is not None:
            git(notes_dir, operation, "--abort", check=False)
        raise SyncError(
            f"could not {operation} the notes from {remote}: {error}; "
            "the pull was undone and your notes stay committed locally"
        ) from None


# -- the steps of a sync, each returning its part of the report ----------------------------------


@dataclass(frozen=True, slots=True)
class SetUp:
    """What `set_up` had to do before this clone could sync notes."""

    wrote: tuple[str, ...] = ()
    """Set-up files (`.gitattributes`, `.gitignore`) that were missing and were written."""
    registered_driver: bool = False
    """True when the merge driver had to be registered in this clone."""


@dataclass(frozen=True, slots=True)
class LocalCommit:
    """What `commit_local` did: files repaired, changes committed and the commit's id."""

    recovered: tuple[tuple[str, str], ...] = ()
    """Notes files found with conflict markers and repaired: (file, backup kept)."""
    committed: tuple[Change, ...] = ()
    """The changes the commit recorded (empty when nothing was staged)."""
    commit: str | None = None
    """The commit's id; None when there was nothing to commit."""


@dataclass(frozen=True, slots=True)
class Link:
    """The remote branch a sync exchanges commits with, and what to say if it fails."""

    remote: str
    """The remote's name (`origin`)."""
    url: str
    """The remote's URL, for error messages (its name when it has none)."""
    branch: str
    """The branch on the remote."""
    kept: str
    """Where the user's notes are when the network fails: `your notes are committed ...`."""

    @property
    def tracking(self) -> str:
        """The remote-tracking ref the branch is fetched into."""
        return f"refs/remotes/{self.remote}/{self.branch}"


@dataclass(frozen=True, slots=True)
class Pulled:
    """What one `pull` brought in."""

    commits: int = 0
    """Commits integrated from the remote."""
    incoming: tuple[Change, ...] = ()
    """The notes those commits changed."""
    resolved: tuple[str, ...] = ()
    """Notes files git could not merge that were merged by annotation id."""


@dataclass(frozen=True, slots=True)
class Pushed:
    """What one `push` sent (nothing when the remote already had every commit)."""

    commits: int = 0
    """Commits pushed."""
    outgoing: tuple[Change, ...] = ()
    """The notes those commits changed."""


def require_repository(notes_dir: Path) -> None:
    """Raise `SyncError`, saying how to start, when `notes_dir` is not in a git work tree."""
    if not is_repository(notes_dir):
        raise SyncError(
            f"{notes_dir} is not a git repository; run 'reader sync --init [REMOTE]' first"
        )


def set_up(notes_dir: Path) -> SetUp:
    """Make the clone ready to merge notes: set-up files and the driver's registration.

    A repository made by hand (`git init`) gets the attributes and ignores first, or the
    notes would sync with git's text merge; a clone lacking the driver (or with a stale one)
    gets it registered.
    """
    status = driver_status(notes_dir)
    if status is DriverStatus.NOT_CONFIGURED:
        return SetUp(wrote=init(notes_dir).wrote, registered_driver=True)
    if status in (DriverStatus.UNREGISTERED, DriverStatus.STALE):
        register_driver(notes_dir)
        return SetUp(registered_driver=True)
    return SetUp()


def finish_interrupted(notes_dir: Path) -> tuple[str, ...]:
    """Finish a merge or rebase left half-done (a pull by hand without the driver).

    Returns the notes files merged by annotation id; nothing when no operation was under way.
    """
    operation = operation_in_progress(notes_dir)
    if operation is None:
        return ()
    return tuple(finish_operation(notes_dir, operation))


def current_branch(notes_dir: Path) -> str:
    """The branch checked out; `SyncError` on a detached HEAD (nothing to sync then)."""
    branch = git(notes_dir, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if branch.returncode != 0:
        raise SyncError("the notes repository is not on a branch (detached HEAD)")
    return branch.stdout.strip()


def commit_local(notes_dir: Path) -> LocalCommit:
    """Repair files with conflict markers, then commit every change under `notes_dir`.

    The message says which articles gained, changed or lost how many notes.
    """
    recovered = tuple(recover_marked_files(notes_dir))
    git(notes_dir, "add", "--all", "--", ".")
    if git(notes_dir, "diff", "--cached", "--quiet", check=False).returncode == 0:
        return LocalCommit(recovered=recovered)
    head = git_out(notes_dir, "rev-parse", "HEAD") if has_head(notes_dir) else None
    committed = tuple(changes(notes_dir, head, None))
    commit_files(notes_dir, commit_message(committed) if committed else "Update notes directory")
    return LocalCommit(
        recovered=recovered, committed=committed, commit=git_out(notes_dir, "rev-parse", "HEAD")
    )


def find_link(notes_dir: Path, branch: str, commit: str | None, batch: bool) -> Link | None:
    """The remote branch to sync `branch` with; None when the repository has no remote.

    Without an upstream (a first sync) the remote's default branch is asked for, so a
    `main` clone joins a `master` remote; an empty remote gets `branch`. `commit` is this
    sync's commit, named in the messages that say where the notes are when the network fails.
    """
    upstream = _upstream(notes_dir, branch)
    if upstream is None:
        return None
    remote, configured_branch = upstream
    url = git(notes_dir, "remote", "get-url", remote, check=False).stdout.strip() or remote
    kept = (
        f"your notes are committed locally ({commit[:7]})"
        if commit
        else "your notes are safe in the local repository"
    )
    remote_branch = configured_branch or (
        _default_branch(notes_dir, remote, url, kept, batch) or branch
    )
    return Link(remote=remote, url=url, branch=remote_branch, kept=kept)


def pull(notes_dir: Path, link: Link, rebase: bool, batch: bool) -> Pulled:
    """Fetch the remote branch and merge (or rebase onto) it; an empty remote brings nothing.

    A failed merge or rebase is undone (`SyncError`): the local commit stays as it was.
    """
    fetched = _network(
        notes_dir,
        link.kept,
        batch,
        "fetch",
        "--quiet",
        link.remote,
        f"+refs/heads/{link.branch}:{link.tracking}",
    )
    if fetched.returncode != 0 and "couldn't find remote ref" not in fetched.stderr:
        raise _unreachable(link.remote, link.url, fetched.stderr, link.kept)
    if not _has_ref(notes_dir, link.tracking):
        return Pulled()
    before = git_out(notes_dir, "rev-parse", "HEAD")
    if _is_ancestor(notes_dir, link.tracking, "HEAD"):
        return Pulled()
    resolved = _integrate(notes_dir, link.tracking, link.remote, rebase)
    return Pulled(
        commits=int(git_out(notes_dir, "rev-list", "--count", f"{before}..{link.tracking}")),
        incoming=tuple(changes(notes_dir, before, "HEAD")),
        resolved=tuple(resolved),
    )


def push(notes_dir: Path, link: Link, branch: str, batch: bool) -> Pushed | None:
    """Push the commits the remote lacks; None when it rejected them because others pushed.

    Sets the upstream on a first push. A push refused for another reason (a hook,
    permissions) or a remote out of reach raises `SyncError`: the local commit stays.
    """
    base = link.tracking if _has_ref(notes_dir, link.tracking) else None
    ahead = git_out(notes_dir, "rev-list", "--count", f"{base}..HEAD" if base else "HEAD")
    if ahead == "0":
        return Pushed()
    outgoing = tuple(changes(notes_dir, base, "HEAD"))
    push_args = ["push", "--quiet", "--porcelain", link.remote, f"HEAD:refs/heads/{link.branch}"]
    if not git(notes_dir, "config", f"branch.{branch}.remote", check=False).stdout:
        push_args.insert(1, "--set-upstream")
    pushed = _network(notes_dir, link.kept, batch, *push_args)
    if pushed.returncode == 0:
        return Pushed(commits=int(ahead), outgoing=outgoing)
    refused = [line for line in pushed.stdout.splitlines() if line.startswith("!")]
    if not refused:
        raise _unreachable(link.remote, link.url, pushed.stderr, link.kept)
    reason = refused[0].split("\t")[-1]
    if reason.startswith("[rejected]"):
        return None
    # Refused by the server (a hook, permissions), not because others pushed first.
    raise SyncError(
        f"the push to '{link.remote}' was refused: {reason}; {link.kept}; run 'reader sync' "
        "again once the remote accepts it"
    )


def _has_ref(notes_dir: Path, ref: str) -> bool:
    return git(notes_dir, "rev-parse", "--verify", "--quiet", ref, check=False).returncode == 0


def _is_ancestor(notes_dir: Path, ancestor: str, descendant: str) -> bool:
    result = git(notes_dir, "merge-base", "--is-ancestor", ancestor, descendant, check=False)
    return result.returncode == 0


def sync(notes_dir: Path, rebase: bool = False, *, batch: bool = False) -> SyncReport:
    """Commit changed notes, pull (merge, or rebase with `rebase`), push; see the module doc.

    With `batch`, nothing may ask for a password (ssh in batch mode): for syncs from the app.
    The steps run in order, each adding its part to the report; when others push between
    this sync's fetch and push, the pull and push are tried again (`_PUSH_ATTEMPTS` rounds).

    Raises `SyncError` with a one-line message when a step fails; what was committed stays.
    """
    require_repository(notes_dir)
    prepared = set_up(notes_dir)
    report = SyncReport(set_up=prepared.wrote, registered_driver=prepared.registered_driver)
    report.resolved += finish_interrupted(notes_dir)
    branch = current_branch(notes_dir)
    local = commit_local(notes_dir)
    report.recovered = list(local.recovered)
    report.committed = list(local.committed)
    report.commit = local.commit
    link = find_link(notes_dir, branch, local.commit, batch)
    if link is None:
        return report
    report.remote = link.remote
    for _attempt in range(_PUSH_ATTEMPTS):
        pulled = pull(notes_dir, link, rebase, batch)
        report.commits_in += pulled.commits
        report.incoming += pulled.incoming
        report.resolved += pulled.resolved
        pushed = push(notes_dir, link, branch, batch)
        if pushed is not None:
            report.outgoing = list(pushed.outgoing)
            report.commits_out = pushed.commits
            return report
    raise SyncError(
        f"the push to '{link.remote}' was rejected {_PUSH_ATTEMPTS} times (others kept pushing); "
        f"{link.kept}; run 'reader sync' again"
    )
