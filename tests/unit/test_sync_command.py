"""`reader sync` as a command: setting up, reporting, and the failures a user meets.

Real git (`tests/unit/git_notes.py`): bare remotes and clones in tmp dirs, a private HOME.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations import sync
from annotations.model import NotesFile
from tests.unit.git_notes import (
    ARTICLE,
    DOC,
    add_notes,
    bare_remote,
    commit,
    edit,
    first_clone,
    git,
    git_home,  # noqa: F401  (the autouse fixture: a private HOME and git config)
    live_ids,
    note,
    other_clone,
    read,
    reader,
    refuse_pushes,
    set_identity,
    write,
)

pytestmark = pytest.mark.slow  # real git: each test makes a remote and clones, 0.3-2.4 s of CPU


# -- the command ------------------------------------------------------------------------------


def test_init_sets_up_the_repository_and_is_idempotent(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    result = reader("sync", "--init", "--notes-dir", str(notes_dir))
    assert result.returncode == 0, result.stderr
    assert (notes_dir / ".git").is_dir()
    assert sync.ATTRIBUTES in (notes_dir / ".gitattributes").read_text(encoding="utf-8")
    ignored = (notes_dir / ".gitignore").read_text(encoding="utf-8")
    assert "*.tmp" in ignored and "*.bak" in ignored and "*.lock" in ignored
    assert sync.driver_registered(notes_dir)
    again = reader("sync", "--init", "--notes-dir", str(notes_dir))
    assert again.returncode == 0, again.stderr
    assert git(notes_dir, "rev-list", "--count", "HEAD").stdout.strip() == "1"
    assert git(notes_dir, "status", "--porcelain").stdout == ""
    # Temporary and backup files never get committed.
    (notes_dir / "x.yaml.bak").write_text("old", encoding="utf-8")
    (notes_dir / ".x.yaml.123.tmp").write_text("half", encoding="utf-8")
    assert git(notes_dir, "status", "--porcelain").stdout == ""


def test_a_driver_pointing_at_a_missing_program_counts_as_stale(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    sync.init(notes_dir)
    git(notes_dir, "config", "merge.reader-notes.driver", "/gone/python -m reader %O %A %B")
    assert sync.driver_status(notes_dir) is sync.DriverStatus.STALE
    assert sync.needs_driver(notes_dir)
    sync.register_driver(notes_dir)
    assert sync.driver_registered(notes_dir)


def test_sync_prints_what_came_in_and_went_out_with_descriptive_commits(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    add_notes(alice, 2, "alice")
    edit(alice, note(0, text="changed by Alice\n", when=5))
    sync.sync(alice)
    subject, _, body = git(alice, "log", "-1", "--format=%B").stdout.partition("\n")
    assert subject == "Notes on How Git Works: 2 added, 1 changed"
    assert ARTICLE in body

    add_notes(bob, 3, "bob")
    edit(bob, note(2).tombstone("2026-03-01T00:00:00.000Z"))
    result = reader("sync", "--notes-dir", str(bob))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("Committed ") and "How Git Works: 3 added, 1 removed" in line
        for line in lines
    ), lines
    assert "In:  How Git Works: 2 added, 1 changed" in lines
    assert "Out: How Git Works: 3 added, 1 removed" in lines
    quiet = reader("sync", "--notes-dir", str(bob))
    assert quiet.returncode == 0
    assert "In:  nothing new from 'origin'" in quiet.stdout.splitlines()


@pytest.mark.parametrize("where", ["missing path", "file URL"])
def test_unreachable_remote_keeps_the_local_commit_and_a_later_sync_finishes(
    tmp_path: Path, where: str
) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bad = str(tmp_path / "nowhere.git") if where == "missing path" else "file:///nonexistent"
    git(alice, "remote", "set-url", "origin", bad)
    added = add_notes(alice, 1, "alice")

    result = reader("sync", "--notes-dir", str(alice))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("reader: error: cannot reach remote 'origin'")
    assert "committed locally" in result.stderr
    assert "Traceback" not in result.stderr
    assert git(alice, "status", "--porcelain").stdout == ""
    assert git(alice, "log", "-1", "--format=%s").stdout.startswith("Notes on How Git Works")

    git(alice, "remote", "set-url", "origin", str(remote))
    retry = reader("sync", "--notes-dir", str(alice))
    assert retry.returncode == 0, retry.stderr
    assert "Out: How Git Works: 1 added" in retry.stdout.splitlines()
    check = other_clone(tmp_path, remote, "Check", register=False)
    assert set(added) <= live_ids(check)


def test_sync_outside_a_repository_says_how_to_start(tmp_path: Path) -> None:
    result = reader("sync", "--notes-dir", str(tmp_path / "plain"))
    assert result.returncode == 1
    assert "reader sync --init" in result.stderr
    assert "Traceback" not in result.stderr


def test_first_sync_of_a_second_machine_joins_the_existing_notes(tmp_path: Path) -> None:
    """`reader sync --init REMOTE` on a machine that already has its own notes."""
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    write(laptop, NotesFile(document=DOC, annotations=(note(50),)))
    assert reader("sync", "--init", str(remote), "--notes-dir", str(laptop)).returncode == 0
    set_identity(laptop, "Alice")
    result = reader("sync", "--notes-dir", str(laptop))
    assert result.returncode == 0, result.stderr
    sync.sync(alice)
    expected = {note(i).id for i in range(3)} | {note(50).id}
    assert live_ids(laptop) == expected == live_ids(alice)


def test_git_sees_no_changes_after_a_sync(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    assert git(alice, "status", "--porcelain").stdout == ""
    assert git(alice, "rev-parse", "HEAD").stdout == git(remote, "rev-parse", "main").stdout


def test_sync_without_a_remote_commits_locally_and_says_so(tmp_path: Path) -> None:
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir()
    git(notes_dir, "init", "--quiet")  # made by hand: not set up for notes yet
    set_identity(notes_dir, "Alice")
    write(notes_dir, NotesFile(document=DOC, annotations=(note(1), note(2))))
    result = reader("sync", "--notes-dir", str(notes_dir))
    assert result.returncode == 0, result.stderr
    assert "Wrote .gitattributes" in result.stdout
    assert "No remote configured" in result.stdout
    assert sync.driver_registered(notes_dir)
    assert git(notes_dir, "status", "--porcelain").stdout == ""
    assert git(notes_dir, "log", "-1", "--format=%s").stdout.strip() == (
        "Notes on How Git Works: 2 added"
    )


def test_an_unreadable_notes_file_from_the_remote_stops_the_merge_and_loses_nothing(
    tmp_path: Path,
) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    (bob / ARTICLE).write_text("schema: 1\ndocument: [broken\n", encoding="utf-8")
    commit(bob, "break the file")
    git(bob, "push", "--quiet")
    added = add_notes(alice, 2, "alice")
    local = (alice / ARTICLE).read_bytes()

    result = reader("sync", "--notes-dir", str(alice))
    assert result.returncode == 1
    assert result.stderr.startswith("reader: error: could not merge the notes from origin")
    assert ARTICLE in result.stderr and "line 3, column 1" in result.stderr
    assert result.stderr.count("\n") == 1
    # Back where it was: the local commit kept, no merge half-done, the file intact.
    assert not (alice / ".git" / "MERGE_HEAD").exists()
    assert git(alice, "status", "--porcelain").stdout == ""
    assert (alice / ARTICLE).read_bytes() == local
    assert set(added) <= live_ids(alice)


def test_sync_finishes_a_rebase_that_stopped_on_notes_without_the_driver(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    carol = other_clone(tmp_path, remote, "Carol", register=False)
    alice_ids = add_notes(alice, 3, "alice")
    sync.sync(alice)
    carol_ids = add_notes(carol, 2, "carol")
    commit(carol, "first")
    edit(carol, note(1, author="carol", text="Carol's second thoughts\n", when=40))
    commit(carol, "second")
    assert git(carol, "pull", "--rebase", check=False).returncode != 0

    result = reader("sync", "--notes-dir", str(carol))
    assert result.returncode == 0, result.stderr
    assert not (carol / ".git" / "rebase-merge").exists()
    assert git(carol, "log", "--format=%s", "-3").stdout.splitlines()[:2] == ["second", "first"]
    sync.sync(alice)
    for clone in (alice, carol):
        assert live_ids(clone) == {note(i).id for i in range(3)} | set(alice_ids) | set(carol_ids)
        kept = read(clone).get(note(1).id)
        assert kept is not None and kept.note == "Carol's second thoughts\n"


def test_files_in_the_notes_repository_cannot_shadow_the_driver(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    # git runs the driver in the repository's top directory.
    (bob / "reader").mkdir()
    (bob / "reader" / "__init__.py").write_text("raise SystemExit(3)\n", encoding="utf-8")
    add_notes(alice, 2, "alice")
    sync.sync(alice)
    add_notes(bob, 2, "bob")
    commit(bob)
    pulled = git(bob, "pull", "--no-rebase", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert len(live_ids(bob)) == 7


def test_a_push_the_remote_refuses_is_reported_and_the_commit_kept(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    hook = refuse_pushes(remote)
    add_notes(alice, 1, "alice")
    result = reader("sync", "--notes-dir", str(alice))
    assert result.returncode == 1
    assert result.stderr.startswith("reader: error: the push to 'origin' was refused")
    assert "committed locally" in result.stderr and result.stderr.count("\n") == 1
    assert git(alice, "status", "--porcelain").stdout == ""
    hook.unlink()
    retry = reader("sync", "--notes-dir", str(alice))
    assert retry.returncode == 0, retry.stderr
    assert "Out: How Git Works: 1 added" in retry.stdout.splitlines()


def test_someone_pushing_between_fetch_and_push_is_merged_on_a_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    bob_ids = add_notes(bob, 1, "bob")
    commit(bob)
    alice_ids = add_notes(alice, 1, "alice")
    real_changes = sync.changes
    raced: list[bool] = []

    def bob_pushes_first(notes_dir: Path, old: str | None, new: str | None) -> list[sync.Change]:
        if new == "HEAD" and not raced:  # alice is about to push
            raced.append(True)
            git(bob, "push", "--quiet")
        return real_changes(notes_dir, old, new)

    monkeypatch.setattr(sync, "changes", bob_pushes_first)
    report = sync.sync(alice)
    assert raced
    assert [c.describe() for c in report.incoming] == ["How Git Works: 1 added"]
    assert git(remote, "rev-parse", "main").stdout == git(alice, "rev-parse", "HEAD").stdout
    assert live_ids(alice) >= set(alice_ids) | set(bob_ids)


def test_a_new_clone_on_main_joins_a_remote_whose_branch_is_master(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=master", str(remote))
    alice = tmp_path / "alice"
    git(tmp_path, "init", "--quiet", "--initial-branch=master", str(alice))
    set_identity(alice, "Alice")
    sync.init(alice, str(remote))
    write(alice, NotesFile(document=DOC, annotations=tuple(note(i) for i in range(3))))
    sync.sync(alice)
    laptop = tmp_path / "laptop"
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(laptop))
    set_identity(laptop, "Alice")
    sync.init(laptop, str(remote))
    write(laptop, NotesFile(document=DOC, annotations=(note(60),)))

    report = sync.sync(laptop)
    assert [c.describe() for c in report.incoming] == ["How Git Works: 3 added"]
    assert git(remote, "branch", "--format=%(refname:short)").stdout.split() == ["master"]
    sync.sync(alice)
    assert live_ids(alice) == live_ids(laptop) == {note(i).id for i in (0, 1, 2, 60)}
