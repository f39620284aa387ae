"""Optional sync on quit: set in the config, it pushes the notes after the reader closes."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from annotations.store import NotesStore
from annotations.sync import init
from reader.config import load_config
from reader.document import Article
from reader.ui.notes_external import sync_notes_on_quit

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_the_config_switch_is_off_by_default_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("sync_notes_on_quit: true\n", encoding="utf-8")
    assert load_config(path).sync_notes_on_quit is True
    path.write_text("sync_notes_on_quit: sometimes\n", encoding="utf-8")
    config = load_config(path)
    assert config.sync_notes_on_quit is False
    assert any("sync_notes_on_quit" in problem for problem in config.problems)
    assert load_config(tmp_path / "missing.yaml").sync_notes_on_quit is False


def test_a_notes_directory_that_is_not_a_repository_is_left_alone(tmp_path: Path) -> None:
    out = io.StringIO()
    assert sync_notes_on_quit(str(tmp_path), out=out) is False
    assert out.getvalue() == ""


@needs_git
def test_notes_written_in_the_session_reach_the_remote(sample: Article, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    notes_dir = tmp_path / "notes"
    init(notes_dir, str(remote))
    store = NotesStore.open(sample, notes_dir)
    start = sample.text.index("Port Alden")
    store.add(sample.text, start, start + len("Port Alden"), note="synced on quit")
    out = io.StringIO()
    assert sync_notes_on_quit(str(notes_dir), out=out) is True
    assert "notes synced" in out.getvalue()
    log = subprocess.run(
        ["git", "-C", str(remote), "log", "--all", "--name-only", "--format=%s"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert store.path.name in log


@needs_git
def test_an_unreachable_remote_is_reported_in_one_line_and_the_commit_kept(
    sample: Article, tmp_path: Path
) -> None:
    notes_dir = tmp_path / "notes"
    init(notes_dir, str(tmp_path / "no-such-remote.git"))
    store = NotesStore.open(sample, notes_dir)
    start = sample.text.index("Port Alden")
    store.add(sample.text, start, start + len("Port Alden"), note="kept locally")
    out = io.StringIO()
    assert sync_notes_on_quit(str(notes_dir), out=out) is False
    assert "notes not synced" in out.getvalue()
    log = subprocess.run(
        ["git", "-C", str(notes_dir), "log", "--name-only", "--format=%s"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert store.path.name in log
