"""`reader sync [--rebase]` and `reader sync --init [REMOTE]`: sync the notes directory via git.

`--init` makes the notes directory a git repository set up for notes (merge driver,
attributes, ignores) and adds the remote; a plain `reader sync` commits the changed notes,
pulls, pushes and prints what came in and what went out. Errors are one line
(`reader: error: ...`) and exit code 1; the local commit is always kept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations import store
from annotations import sync as notes_sync
from reader.commands.notes import add_notes_dir, shown

NAME = "sync"
SUMMARY = "sync the notes directory with a git remote (commit, pull, push)"

EXIT_FAILED = 1
"""Exit code when a sync step failed (the remote unreachable, a merge impossible)."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `reader sync`."""
    parser.add_argument(
        "--init",
        nargs="?",
        const="",
        default=None,
        metavar="REMOTE",
        help="set the notes directory up for syncing (git repository, merge driver, "
        "attributes) and add REMOTE as 'origin' if given",
    )
    parser.add_argument(
        "--rebase",
        action="store_true",
        help="rebase local commits onto the remote instead of merging",
    )
    add_notes_dir(parser)


def notes_dir(args: argparse.Namespace) -> Path:
    """The notes directory: `--notes-dir`, else `$READER_NOTES_DIR`, else the default."""
    return store.notes_dir(args.notes_dir)


def run(args: argparse.Namespace) -> int:
    """Run `reader sync` and return the exit code."""
    directory = notes_dir(args)
    try:
        if args.init is not None:
            _init(directory, args.init or None)
            return 0
        report = notes_sync.sync(directory, rebase=args.rebase)
    except notes_sync.SyncError as error:
        print(f"reader: error: {shown(error)}", file=sys.stderr)
        return EXIT_FAILED
    _print_report(directory, report)
    return 0


def _init(directory: Path, remote: str | None) -> None:
    report = notes_sync.init(directory, remote)
    print(
        ("Created a git repository in " if report.created_repository else "Notes repository: ")
        + str(directory)
    )
    for name in report.wrote:
        print(f"Wrote {name}")
    print(f"Merge driver '{notes_sync.DRIVER}' registered in this clone")
    if report.remote:
        print(f"Remote 'origin': {report.remote}")
    if report.commit:
        print(f"Committed the set-up files ({report.commit[:7]})")
    print("Run 'reader sync' to commit, pull and push your notes.")


def _print_report(directory: Path, report: notes_sync.SyncReport) -> None:
    for name in report.set_up:
        _say(f"Wrote {name} (the repository was not set up for notes)")
    if report.registered_driver:
        _say(f"Registered the merge driver '{notes_sync.DRIVER}' in this clone")
    for path, backup in report.recovered:
        _say(f"Repaired {path}: it had git conflict markers (backup: {backup})")
    for path in report.resolved:
        _say(f"Merged {path} by annotation id (git had left it unmerged)")
    if report.commit:
        _say(f"Committed {report.commit[:7]}: {notes_sync.describe(report.committed)}")
    for change in [*report.committed, *report.incoming]:
        for clash in change.clashes:
            _say(
                f"Conflict in {change.title}: {clash.field} of note {clash.note_id[-8:]} was "
                f"edited on both sides; kept {_flat(clash.kept)!r}; the other value, "
                f"{_flat(clash.other)!r} by {clash.other_author}, is kept in the file under "
                "'conflicts:'"
            )
    if report.remote is None:
        _say(f"No remote configured for {directory}; notes committed locally only.")
        _say("Add one with: reader sync --init REMOTE")
        return
    _say(_line("In: ", report.incoming, report.commits_in, f"nothing new from '{report.remote}'"))
    _say(
        _line("Out:", report.outgoing, report.commits_out, f"nothing to send to '{report.remote}'")
    )


def _say(line: str) -> None:
    """Print a report line, shown literally (titles come from collaborators' notes)."""
    print(shown(line))


def _line(label: str, changes: list[notes_sync.Change], commits: int, empty: str) -> str:
    if changes:
        return f"{label} {notes_sync.describe(changes)}"
    if commits:
        return f"{label} {commits} commit{'s' if commits != 1 else ''} without note changes"
    return f"{label} {empty}"


def _flat(text: str, width: int = 60) -> str:
    flat = " ".join(shown(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
