"""Notes work that happens outside the running app: `$EDITOR` and sync on quit."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys
import tempfile
from typing import Any, TextIO

from reader.ui import deferred


def edit_externally(app: Any, text: str) -> str | None:
    """Edit `text` in `$VISUAL` / `$EDITOR` (vi) with the app suspended; None if impossible."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    handle, path = tempfile.mkstemp(prefix="reader-note-", suffix=".md")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            with app.suspend():
                result = subprocess.run([*shlex.split(editor), path], check=False)
        except Exception:  # SuspendNotSupported (tests, some terminals), or no such editor
            return None
        if result.returncode != 0:
            return None
        with open(path, encoding="utf-8") as file:
            return file.read().rstrip("\n")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def sync_notes_on_quit(option: str | None, out: TextIO | None = None) -> bool:
    """After the app has quit: sync the notes directory through git, saying what happened.

    Does nothing (False) when the notes directory is not a git repository. Runs in batch mode,
    so it never waits for a password; a failure is reported in one line and loses nothing
    (the local commit is kept, and the next `reader sync` finishes the job).
    """
    stream = out or sys.stderr
    directory = deferred.notes_directory(option)
    if not deferred.is_notes_repository(directory):
        return False
    print(f"reader: syncing notes in {directory}…", file=stream, flush=True)
    try:
        report = deferred.sync_notes(directory)
    except deferred.sync_error() as error:
        print(f"reader: notes not synced: {error}", file=stream, flush=True)
        return False
    print(
        f"reader: notes synced ({len(report.committed)} file(s) committed, "
        f"{report.commits_in} commit(s) in, {report.commits_out} out).",
        file=stream,
        flush=True,
    )
    return True
