"""The steps of `sync`, each run alone against real git: what it does and what it reports.

`sync()` is `require_repository`, `set_up`, `finish_interrupted`, `current_branch`,
`commit_local`, `find_link`, then `pull` and `push`. Each test sets up the state a step meets
in a real sync (with the harness of `git_notes.py`) and checks that step's part of the report
and its effect on the repository.
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
    first_clone,
    git,
    git_home,  # noqa: F401  (the autouse fixture: a private HOME and git config)
    live_ids,
    note,
    other_clone,
    refuse_pushes,
    set_identity,
    write,
)

pytestmark = pytest.mark.slow  # each test runs a few dozen git commands


def hand_made(tmp_path: Path, name: str = "notes") -> Path:
    """A directory made a repository with plain `git init`, not set up for notes."""
    notes_dir = tmp_path / name
    notes_dir.mkdir()
    git(notes_dir, "init", "--quiet")
    set_identity(notes_dir, "Alice")
    return notes_dir


def head(clone: Path) -> str:
    return git(clone, "rev-parse", "HEAD").stdout.strip()


def link_of(clone: Path) -> sync.Link:
    link = sync.find_link(clone, sync.current_branch(clone), None, batch=True)
    assert link is not None
    return link


# -- before anything is committed ---------------------------------------------------------------


def test_require_repository_says_how_to_start(tmp_path: Path) -> None:
    with pytest.raises(sync.SyncError, match=r"run 'reader sync --init \[REMOTE\]' first"):
        sync.require_repository(tmp_path)
    sync.require_repository(hand_made(tmp_path))  # a repository: no error


def test_set_up_writes_the_set_up_files_once_in_a_repository_made_by_hand(tmp_path: Path) -> None:
    notes_dir = hand_made(tmp_path)
    assert sync.set_up(notes_dir) == sync.SetUp(
        wrote=(".gitattributes", ".gitignore"), registered_driver=True
    )
    assert sync.driver_registered(notes_dir)
    assert sync.set_up(notes_dir) == sync.SetUp()


def test_set_up_registers_the_driver_in_a_clone_that_lacks_it(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    first_clone(tmp_path, remote)
    carol = other_clone(tmp_path, remote, "Carol", register=False)
    assert sync.set_up(carol) == sync.SetUp(registered_driver=True)
    assert not sync.needs_driver(carol)


def test_finish_interrupted_merges_by_id_a_pull_that_stopped_without_the_driver(
    tmp_path: Path,
) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    carol = other_clone(tmp_path, remote, "Carol", register=False)
    assert sync.finish_interrupted(carol) == ()  # nothing under way
    alice_ids = add_notes(alice, 2, "alice")
    sync.sync(alice)
    carol_ids = add_notes(carol, 2, "carol")
    commit(carol)
    assert git(carol, "pull", "--no-rebase", check=False).returncode != 0

    assert sync.finish_interrupted(carol) == (ARTICLE,)
    assert not (carol / ".git" / "MERGE_HEAD").exists()
    assert git(carol, "status", "--porcelain").stdout == ""
    assert live_ids(carol) == {note(i).id for i in range(3)} | set(alice_ids) | set(carol_ids)


def test_current_branch_refuses_a_detached_head(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    assert sync.current_branch(alice) == "main"
    git(alice, "checkout", "--quiet", "--detach")
    with pytest.raises(sync.SyncError, match="detached HEAD"):
        sync.current_branch(alice)


# -- committing -----------------------------------------------------------------------------------


def test_commit_local_commits_with_a_message_that_counts_the_notes(tmp_path: Path) -> None:
    notes_dir = hand_made(tmp_path)
    sync.set_up(notes_dir)
    assert sync.commit_local(notes_dir) == sync.LocalCommit()  # nothing changed

    write(notes_dir, NotesFile(document=DOC, annotations=(note(1), note(2))))
    local = sync.commit_local(notes_dir)
    assert local.commit == head(notes_dir)
    assert [c.describe() for c in local.committed] == ["How Git Works: 2 added"]
    assert local.recovered == ()
    assert git(notes_dir, "log", "-1", "--format=%s").stdout.strip() == (
        "Notes on How Git Works: 2 added"
    )
    assert git(notes_dir, "status", "--porcelain").stdout == ""


def test_commit_local_repairs_a_file_with_conflict_markers_before_committing(
    tmp_path: Path,
) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    carol = other_clone(tmp_path, remote, "Carol", register=False)
    add_notes(alice, 1, "alice")
    sync.sync(alice)
    add_notes(carol, 1, "carol")
    commit(carol)
    assert git(carol, "pull", "--no-rebase", check=False).returncode != 0
    commit(carol, "commit the conflict as it is")

    local = sync.commit_local(carol)
    assert [name for name, _backup in local.recovered] == [ARTICLE]
    assert local.commit == head(carol)
    assert "<<<<<<<" not in git(carol, "show", f"HEAD:{ARTICLE}").stdout


# -- the remote -----------------------------------------------------------------------------------


def test_find_link_is_none_without_a_remote(tmp_path: Path) -> None:
    notes_dir = hand_made(tmp_path)
    assert sync.find_link(notes_dir, "main", None, batch=True) is None


def test_find_link_names_the_upstream_and_where_the_notes_are(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    link = sync.find_link(alice, "main", "0123456789abcdef", batch=True)
    assert link == sync.Link(
        remote="origin",
        url=str(remote),
        branch="main",
        kept="your notes are committed locally (0123456)",
    )
    assert link.tracking == "refs/remotes/origin/main"
    unchanged = sync.find_link(alice, "main", None, batch=True)
    assert unchanged is not None
    assert unchanged.kept == "your notes are safe in the local repository"


def test_find_link_joins_the_remotes_default_branch_on_a_first_sync(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=master", str(remote))
    alice = hand_made(tmp_path, "alice")
    empty = sync.find_link(alice, "main", None, batch=True)
    assert empty is None  # no remote yet
    sync.init(alice, str(remote))
    link = sync.find_link(alice, "main", None, batch=True)
    assert link is not None and link.branch == "main"  # an empty remote: our own branch
    git(alice, "push", "--quiet", str(remote), "HEAD:refs/heads/master")
    git(remote, "symbolic-ref", "HEAD", "refs/heads/master")
    link = sync.find_link(alice, "main", None, batch=True)
    assert link is not None and link.branch == "master"


def test_find_link_says_when_the_remote_cannot_be_reached(tmp_path: Path) -> None:
    alice = hand_made(tmp_path)
    sync.init(alice, str(tmp_path / "nowhere.git"))
    with pytest.raises(sync.SyncError, match="cannot reach remote 'origin'"):
        sync.find_link(alice, "main", "abcdef0123", batch=True)


# -- pulling and pushing --------------------------------------------------------------------------


def test_pull_brings_nothing_when_up_to_date_and_counts_what_others_pushed(
    tmp_path: Path,
) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    link = link_of(alice)
    assert sync.pull(alice, link, rebase=False, batch=True) == sync.Pulled()

    bob_ids = add_notes(bob, 2, "bob")
    commit(bob)
    git(bob, "push", "--quiet")
    pulled = sync.pull(alice, link, rebase=False, batch=True)
    assert pulled.commits == 1
    assert [c.describe() for c in pulled.incoming] == ["How Git Works: 2 added"]
    assert pulled.resolved == ()
    assert set(bob_ids) <= live_ids(alice)


@pytest.mark.parametrize("rebase", [False, True])
def test_pull_merges_concurrent_notes_by_id(tmp_path: Path, rebase: bool) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    bob_ids = add_notes(bob, 2, "bob")
    commit(bob)
    git(bob, "push", "--quiet")
    alice_ids = add_notes(alice, 3, "alice")
    sync.commit_local(alice)

    pulled = sync.pull(alice, link_of(alice), rebase=rebase, batch=True)
    assert pulled.commits == 1
    assert [c.describe() for c in pulled.incoming] == ["How Git Works: 2 added"]
    assert live_ids(alice) == {note(i).id for i in range(3)} | set(alice_ids) | set(bob_ids)
    assert git(alice, "status", "--porcelain").stdout == ""


def test_pull_from_an_empty_remote_brings_nothing(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = hand_made(tmp_path, "alice")
    sync.init(alice, str(remote))
    link = sync.find_link(alice, "main", None, batch=True)
    assert link is not None
    assert sync.pull(alice, link, rebase=False, batch=True) == sync.Pulled()


def test_push_sends_what_the_remote_lacks_and_nothing_twice(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    link = link_of(alice)
    assert sync.push(alice, link, "main", batch=True) == sync.Pushed()
    add_notes(alice, 1, "alice")
    sync.commit_local(alice)
    sync.pull(alice, link, rebase=False, batch=True)

    pushed = sync.push(alice, link, "main", batch=True)
    assert pushed is not None and pushed.commits == 1
    assert [c.describe() for c in pushed.outgoing] == ["How Git Works: 1 added"]
    assert git(remote, "rev-parse", "main").stdout.strip() == head(alice)
    assert sync.push(alice, link, "main", batch=True) == sync.Pushed()


def test_push_rejected_because_others_pushed_first_returns_none(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    bob = other_clone(tmp_path, remote, "Bob")
    link = link_of(alice)
    add_notes(alice, 1, "alice")
    sync.commit_local(alice)
    sync.pull(alice, link, rebase=False, batch=True)
    add_notes(bob, 1, "bob")
    commit(bob)
    git(bob, "push", "--quiet")  # between alice's fetch and her push
    bob_head = head(bob)

    assert sync.push(alice, link, "main", batch=True) is None
    assert git(remote, "rev-parse", "main").stdout.strip() == bob_head


def test_push_refused_by_the_remote_says_so_and_keeps_the_commit(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    alice = first_clone(tmp_path, remote)
    refuse_pushes(remote)
    add_notes(alice, 1, "alice")
    local = sync.commit_local(alice)
    link = sync.find_link(alice, "main", local.commit, batch=True)
    assert link is not None
    with pytest.raises(sync.SyncError, match=r"was refused: .*committed locally"):
        sync.push(alice, link, "main", batch=True)
    assert head(alice) == local.commit
