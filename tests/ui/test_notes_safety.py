"""Notes files the app must not overwrite: reported, read-only, recovered on request; git driver."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from annotations.store import NotesStore
from annotations.sync import ATTRIBUTES, driver_registered
from reader.document import Article
from reader.ui.commands import reader_actions
from reader.ui.screens.note_editor import ConfirmDialog
from reader.ui.widgets.article_view import ArticleView
from tests.ui.notes_support import notes_app, notes_files, notes_ready, notifications
from tests.ui.screen_text import screen_text


def one_note_file(article: Article, directory: Path, passage: str, note: str) -> Path:
    store = NotesStore.open(article, directory)
    start = article.text.index(passage)
    store.add(article.text, start, start + len(passage), note=note)
    return store.path


async def test_a_malformed_file_is_reported_kept_read_only_and_never_overwritten(
    sample: Article, tmp_path: Path
) -> None:
    path = one_note_file(sample, tmp_path, "Port Alden", "a note")
    broken = path.read_bytes().replace(b"annotations:\n", b"annotations: [\n", 1)
    path.write_bytes(broken)
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        assert any("read-only" in m and path.name in m for m in notifications(app))
        assert "read-only" in screen_text(app)  # the Notes pane says so too
        await pilot.press("h")
        await pilot.pause()
        assert sum("read-only" in m for m in notifications(app)) >= 2  # the change is refused
    assert path.read_bytes() == broken
    assert notes_files(tmp_path) == [path]


async def test_a_file_from_a_newer_reader_is_shown_but_not_changed(
    sample: Article, tmp_path: Path
) -> None:
    path = one_note_file(sample, tmp_path, "Port Alden", "from the future")
    newer = path.read_bytes().replace(b"schema: 1\n", b"schema: 99\n", 1)
    path.write_bytes(newer)
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        assert any("newer" in m for m in notifications(app))
        await pilot.press("h")
        await pilot.pause()
    assert path.read_bytes() == newer


def conflicted_file(sample: Article, tmp_path: Path) -> Path:
    """A notes file as git leaves it when two clones added a note each without the driver."""
    ours_dir, theirs_dir = tmp_path / "ours", tmp_path / "theirs"
    ours = one_note_file(sample, ours_dir, "Port Alden", "base note")
    shutil.copytree(ours_dir, theirs_dir, dirs_exist_ok=True)
    one_note_file(sample, ours_dir, "undermined beyond repair", "ours")
    one_note_file(sample, theirs_dir, "Ask me again in April.", "theirs")
    ours_lines = ours.read_text(encoding="utf-8").splitlines(keepends=True)
    theirs_lines = (theirs_dir / ours.name).read_text(encoding="utf-8").splitlines(keepends=True)
    common = 0
    while ours_lines[common] == theirs_lines[common]:
        common += 1
    text = (
        "".join(ours_lines[:common])
        + "<<<<<<< HEAD\n"
        + "".join(ours_lines[common:])
        + "=======\n"
        + "".join(theirs_lines[common:])
        + ">>>>>>> theirs\n"
    )
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir()
    path = notes_dir / ours.name
    path.write_text(text, encoding="utf-8")
    return path


async def test_conflict_markers_are_reported_and_recovery_merges_both_sides_with_a_backup(
    sample: Article, tmp_path: Path
) -> None:
    path = conflicted_file(sample, tmp_path)
    marked = path.read_bytes()
    app = notes_app(sample, path.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "conflict markers" in screen_text(app)
        assert path.read_bytes() == marked  # nothing written before the user agrees
        await pilot.press("y")
        for _ in range(50):
            await pilot.pause(0.02)
            if len(screen.query_one(ArticleView).marks("notes")) == 3:
                break
        assert any("Recovered 3 notes" in m for m in notifications(app))
        assert len(screen.query_one(ArticleView).marks("notes")) == 3
    assert b"<<<<<<<" not in path.read_bytes()
    notes = NotesStore.open(sample, path.parent).annotations
    assert sorted(a.note for a in notes) == ["base note", "ours", "theirs"]
    backups = list(path.parent.glob(path.name + ".conflict-*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == marked


async def test_declining_recovery_leaves_the_file_and_the_notes_read_only(
    sample: Article, tmp_path: Path
) -> None:
    path = conflicted_file(sample, tmp_path)
    marked = path.read_bytes()
    app = notes_app(sample, path.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(pilot)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "both sides" in " ".join(notifications(app))
        await pilot.press("d")
        await pilot.pause()
    assert path.read_bytes() == marked


def git(directory: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(directory), *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
async def test_a_notes_repository_without_the_merge_driver_is_offered_registration(
    sample: Article, tmp_path: Path
) -> None:
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir()
    git(notes_dir, "init", "-q")
    (notes_dir / ".gitattributes").write_text(ATTRIBUTES + "\n", encoding="utf-8")
    app = notes_app(sample, notes_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_ready(pilot)
        for _ in range(100):  # git is asked once the notes are on screen
            await pilot.pause(0.02)
            if any("merge driver is not registered" in m for m in notifications(app)):
                break
        assert any("merge driver is not registered" in m for m in notifications(app)), (
            notifications(app)
        )
        commands = {title: command for title, _key, command in reader_actions(screen)}
        commands["Notes: register the git merge driver"]()
        await pilot.pause()
        assert driver_registered(notes_dir)
        assert any("Merge driver registered" in m for m in notifications(app)), notifications(app)


async def test_notes_that_cannot_be_opened_are_reported_and_reading_goes_on(
    sample: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> NotesStore:
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(NotesStore, "open", refuse)
    app = notes_app(sample, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if any("could not be opened" in m for m in notifications(app)):
                break
        assert any("Permission denied" in m for m in notifications(app))
        await pilot.press("h", "j")
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one(ArticleView).scroll_y == 1
    assert notes_files(tmp_path) == []
