"""The notes repository: running git, the merge driver's registration, and `init`.

Split from `annotations.sync` (which commits, pulls and pushes): this module holds what a
clone needs to merge notes files correctly, so the UI can check and fix a clone
(`driver_status`, `needs_driver`, `register_driver`) without the sync machinery.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from annotations.model import default_author
from annotations.store import IGNORE_PATTERNS, NOTES_SUFFIX

DRIVER = "reader-notes"
"""The merge driver's name in `.gitattributes` and in `merge.<name>.driver`."""

NOTES_PATTERN = "*" + NOTES_SUFFIX
"""The files in the notes directory that are notes files (and go through the driver)."""

ATTRIBUTES = f"{NOTES_PATTERN} merge={DRIVER} eol=lf"
"""The `.gitattributes` line `init` writes."""

IGNORED = (*IGNORE_PATTERNS, "*.tmp", "*~", ".DS_Store")
"""`.gitignore` patterns `init` writes: the store's temporary, lock and backup files (and
editors' and file managers' litter) never sync."""

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


def has_head(notes_dir: Path) -> bool:
    """True when the repository has at least one commit."""
    return git(notes_dir, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0


def identity_env(notes_dir: Path) -> dict[str, str]:
    """The environment for a commit: git's identity, or a fallback so a commit never fails."""
    env = git_env()
    name = git(notes_dir, "config", "user.name", check=False).stdout.strip()
    email = git(notes_dir, "config", "user.email", check=False).stdout.strip()
    if not name:
        env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = default_author()
    if not email:
        user = re.sub(r"[^A-Za-z0-9._-]+", "", default_author()) or "reader"
        env["GIT_AUTHOR_EMAIL"] = env["GIT_COMMITTER_EMAIL"] = f"{user}@localhost"
    return env


def commit_files(notes_dir: Path, message: str, extra: Sequence[str] = ()) -> None:
    """Commit what is staged (or the paths in `extra`) with `message`, as the notes' author."""
    git(
        notes_dir,
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        message,
        *extra,
        env=identity_env(notes_dir),
    )


# -- running git ------------------------------------------------------------------------------


def git_env() -> dict[str, str]:
    """The environment git runs in: no prompts, no inherited repository variables."""
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
            env=env or git_env(),
            check=False,
        )
    except FileNotFoundError:
        raise SyncError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise SyncError(
            f"'git {args[0]}' took longer than {timeout:.0f} s and was stopped"
        ) from None
    if check and result.returncode != 0:
        raise SyncError(f"git {args[0]} failed: {git_message(result.stderr)}")
    return result


def git_bytes(notes_dir: Path, *args: str) -> bytes | None:
    """Git's raw stdout (file contents), or None when the command fails."""
    result = subprocess.run(
        ["git", "-C", str(notes_dir), *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=git_env(),
        check=False,
    )
    return result.stdout if result.returncode == 0 else None


def git_message(stderr: str) -> str:
    """The most telling line of git's stderr (its `fatal:`/`error:` line), without prefix."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for prefix in ("fatal:", "error:"):
        for line in lines:
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
    return lines[-1] if lines else "no message"


def git_out(notes_dir: Path, *args: str) -> str:
    """Run git in `notes_dir` and return its stripped standard output."""
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
    if staged.returncode != 0 or not has_head(notes_dir):
        commit_files(
            notes_dir,
            "Set up notes sync: notes files merge by annotation id",
            ["--", ".gitattributes", ".gitignore"],
        )
        commit = git_out(notes_dir, "rev-parse", "HEAD")
    return InitReport(
        notes_dir=notes_dir,
        created_repository=created,
        wrote=tuple(wrote),
        registered=registered,
        remote=added_remote,
        commit=commit,
    )
