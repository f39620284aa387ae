"""Notes changed on several machines at once, merged by `reader sync` and the merge driver.

Real git (`tests/unit/git_notes.py`): bare remotes and clones in tmp dirs, a private HOME.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotations import sync
from annotations.store import NotesStore
from annotations.yaml_io import has_conflict_markers, parse
from tests.unit.git_notes import (
    ARTICLE,
    SOURCE,
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
    write,
)

pytestmark = pytest.mark.slow  # real git: each test makes a remote and clones, 0.3-2.4 s of CPU


# -- merging concurrent notes -----------------------------------------------------------------


@pytest.mark.parametrize("mode", ["--no-rebase", "--rebase"])
def test_fifty_notes_added_on_each_side_all_survive_git_pull(tmp_path: Path, mode: str) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    base_ids = live_ids(alice)

    alice_ids = add_notes(alice, 50, "alice")
    commit(alice)
    git(alice, "push", "--quiet")
    bob_ids = add_notes(bob, 50, "bob")
    commit(bob)
    pulled = git(bob, "pull", "--quiet", mode, check=False)
    assert pulled.returncode == 0, pulled.stderr
    git(bob, "push", "--quiet")
    git(alice, "pull", "--quiet", mode)

    expected = base_ids | set(alice_ids) | set(bob_ids)
    assert len(expected) == 103
    for clone in (alice, bob):
        assert live_ids(clone) == expected
        assert git(clone, "status", "--porcelain").stdout == ""
    assert (alice / ARTICLE).read_bytes() == (bob / ARTICLE).read_bytes()


def _clash_scenario(tmp_path: Path, first: str, rebase: bool) -> bytes:
    """Alice and Bob edit the same note (and others); `first` pushes first, then both sync."""
    tmp_path.mkdir(parents=True)
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    edit(alice, note(0, text="Alice's version\n", when=10))
    edit(alice, replace(note(1, when=11), color="green"))
    edit(bob, note(0, author="bob", text="Bob's version\n", when=12))
    edit(bob, note(1, text="Bob rewrote the text of note 1\n", when=13))
    order = [alice, bob] if first == "alice" else [bob, alice]
    for clone in (*order, order[0]):
        sync.sync(clone, rebase=rebase)
    data = (alice / ARTICLE).read_bytes()
    assert (bob / ARTICLE).read_bytes() == data
    return data


def test_same_note_edited_on_both_sides_keeps_one_and_records_the_other(tmp_path: Path) -> None:
    results = {
        (first, rebase): _clash_scenario(tmp_path / f"{first}-{rebase}", first, rebase)
        for first in ("alice", "bob")
        for rebase in (False, True)
    }
    # Whoever merges, and whether by merge or by rebase: the same bytes.
    assert len(set(results.values())) == 1
    merged = parse(next(iter(results.values())).decode("utf-8"), ARTICLE)
    clashed = merged.get(note(0).id)
    assert clashed is not None
    # Bob's edit is later, so it is kept; Alice's is recorded for the UI.
    assert clashed.note == "Bob's version\n"
    assert [(c.id, c.field, c.value, c.author) for c in merged.conflicts] == [
        (note(0).id, "note", "Alice's version\n", "alice")
    ]
    # Different fields of note 1 edited on the two sides: both edits kept.
    both = merged.get(note(1).id)
    assert both is not None
    assert (both.color, both.note) == ("green", "Bob rewrote the text of note 1\n")


@pytest.mark.parametrize("rebase", [False, True])
def test_reader_sync_says_when_the_same_note_was_edited_on_both_sides(
    tmp_path: Path, rebase: bool
) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    edit(alice, note(0, text="Alice's version\n", when=10))
    edit(bob, note(0, author="bob", text="Bob's version\n", when=12))
    assert reader("sync", "--notes-dir", str(alice)).returncode == 0
    result = reader("sync", "--notes-dir", str(bob), *(["--rebase"] if rebase else []))
    assert result.returncode == 0, result.stderr
    assert (
        f"Conflict in {SOURCE.title}: note of note {note(0).id[-8:]} was edited on both sides; "
        'kept "Bob\'s version"; the other value, "Alice\'s version" by alice, is kept in the '
        "file under 'conflicts:'"
    ) in result.stdout
    # Alice hears of it on her next sync too: the merged file came in with the conflict.
    result = reader("sync", "--notes-dir", str(alice))
    assert "Conflict in" in result.stdout and "by alice" in result.stdout


@pytest.mark.parametrize("rebase", [False, True])
def test_an_edit_beats_a_concurrent_delete(tmp_path: Path, rebase: bool) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    doomed = read(alice).get(note(2).id)
    assert doomed is not None
    edit(alice, doomed.tombstone("2026-03-01T00:00:00.000Z"))
    edit(alice, note(1).tombstone("2026-03-01T00:00:00.000Z"))
    edit(bob, note(2, author="bob", text="Bob still needs this\n", when=30))
    for clone in (alice, bob, alice):
        sync.sync(clone, rebase=rebase)
    for clone in (alice, bob):
        kept = read(clone).get(note(2).id)
        assert kept is not None and not kept.is_deleted
        assert kept.note == "Bob still needs this\n"
        # Note 1 was deleted on one side and untouched on the other: it stays deleted.
        assert note(1).id not in live_ids(clone)


def test_without_the_driver_git_leaves_markers_and_recovery_restores_every_note(
    tmp_path: Path,
) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    carol = other_clone(tmp_path, remote, "Carol", register=False)
    assert sync.needs_driver(carol)
    assert sync.driver_status(carol) is sync.DriverStatus.UNREGISTERED
    alice_ids = add_notes(alice, 20, "alice")
    sync.sync(alice)
    carol_ids = add_notes(carol, 20, "carol")
    commit(carol)

    pulled = git(carol, "pull", "--no-rebase", check=False)
    assert pulled.returncode != 0
    text = (carol / ARTICLE).read_text(encoding="utf-8")
    assert has_conflict_markers(text)

    # Opening the article in the reader: read-only, recoverable, and recovery loses nothing.
    store = NotesStore.open(SOURCE, carol)
    assert store.path == carol / ARTICLE
    assert store.read_only and store.recoverable
    backup = store.recover()
    expected = {note(i).id for i in range(3)} | set(alice_ids) | set(carol_ids)
    assert {a.id for a in store.annotations} == expected
    assert live_ids(carol) == expected
    assert backup.read_text(encoding="utf-8") == text
    # The repaired file is staged: git no longer lists it as unmerged.
    assert git(carol, "diff", "--name-only", "--diff-filter=U").stdout == ""
    backup.unlink()
    git(carol, "merge", "--abort")
    assert git(carol, "pull", "--no-rebase", check=False).returncode != 0
    assert has_conflict_markers((carol / ARTICLE).read_text(encoding="utf-8"))

    # `reader sync` in that clone registers the driver and finishes the merge by id.
    result = reader("sync", "--notes-dir", str(carol))
    assert result.returncode == 0, result.stderr
    assert "Registered the merge driver" in result.stdout
    assert f"Merged {ARTICLE} by annotation id" in result.stdout
    assert live_ids(carol) == expected
    assert not sync.needs_driver(carol)
    sync.sync(alice)
    assert (alice / ARTICLE).read_bytes() == (carol / ARTICLE).read_bytes()


def test_sync_repairs_conflict_markers_committed_by_hand(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    carol = other_clone(tmp_path, remote, "Carol", register=False)
    alice_ids = add_notes(alice, 5, "alice")
    sync.sync(alice)
    carol_ids = add_notes(carol, 5, "carol")
    commit(carol)
    assert git(carol, "pull", "--no-rebase", check=False).returncode != 0
    commit(carol, "commit the conflict as it is")  # what some auto-sync tools do

    result = reader("sync", "--notes-dir", str(carol))
    assert result.returncode == 0, result.stderr
    assert f"Repaired {ARTICLE}" in result.stdout
    expected = {note(i).id for i in range(3)} | set(alice_ids) | set(carol_ids)
    assert live_ids(carol) == expected
    sync.sync(alice)
    assert live_ids(alice) == expected
    assert git(carol, "show", f"HEAD:{ARTICLE}").stdout == (carol / ARTICLE).read_text("utf-8")


def test_three_clones_syncing_in_turn_converge(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    carol = other_clone(tmp_path, remote, "Carol")
    clones = {"alice": alice, "bob": bob, "carol": carol}
    added: set[str] = set()
    for round_number in range(2):
        for when, (name, clone) in enumerate(clones.items(), start=1):
            notes = read(clone)
            extra = [note(200 + 10 * round_number + when, author=name)]
            edited = note(0, author=name, text=f"{name} round {round_number}\n", when=when)
            write(clone, replace(notes, annotations=(*notes.annotations, *extra)))
            edit(clone, edited)
            added |= {a.id for a in extra}
            sync.sync(clone, rebase=name == "bob", batch=name == "carol")
    for clone in clones.values():
        sync.sync(clone)
    contents = {(clone / ARTICLE).read_bytes() for clone in clones.values()}
    assert len(contents) == 1
    assert live_ids(alice) == {note(i).id for i in range(3)} | added
