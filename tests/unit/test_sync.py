"""`reader sync` and the merge driver against real git: bare remotes and clones in tmp dirs.

Every test builds its own remote and clones under `tmp_path`, with `HOME` and
`GIT_CONFIG_GLOBAL` pointing into it, so nothing depends on (or touches) the machine's git
setup. Notes files are written through the notes model and its canonical dumper.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotations import sync
from annotations.model import Annotation, Document, NotesFile, Selector, document_id
from annotations.store import NotesStore, file_name
from annotations.yaml_io import dump, has_conflict_markers, parse
from reader.load import load_bytes

pytestmark = pytest.mark.slow  # real git: each test makes a remote and clones, 0.3-2.4 s of CPU

ROOT = Path(__file__).resolve().parents[2]
URL = "https://example.org/articles/how-git-works"
SOURCE = load_bytes(
    b"How Git Works\n\nThe object database is content-addressed, which means renames are cheap.\n",
    name="how-git-works.txt",
    source=URL,
    url=URL,
)
DOC = Document(
    id=document_id(SOURCE.url, SOURCE.text_sha256),
    title=SOURCE.title,
    url=SOURCE.url,
    text_sha256=SOURCE.text_sha256,
)
ARTICLE = file_name(DOC)


# -- harness --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A private HOME and global git config for every git command the test runs."""
    home = tmp_path / "home"
    home.mkdir()
    config = home / "gitconfig"
    config.write_text(
        "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n", encoding="utf-8"
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git like a user would in `cwd`."""
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
    )
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `reader` command."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )


def bare_remote(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    return remote


def set_identity(clone: Path, name: str) -> None:
    git(clone, "config", "user.name", name)
    git(clone, "config", "user.email", f"{name.lower()}@example.org")


def first_clone(tmp_path: Path, remote: Path, name: str = "Alice") -> Path:
    """A notes directory set up with `reader sync --init REMOTE`, holding the base notes."""
    clone = tmp_path / name.lower()
    clone.mkdir()
    git(clone, "init", "--quiet")
    set_identity(clone, name)
    sync.init(clone, str(remote))
    write(clone, NotesFile(document=DOC, annotations=tuple(note(i) for i in range(3))))
    sync.sync(clone)
    return clone


def other_clone(tmp_path: Path, remote: Path, name: str, *, register: bool = True) -> Path:
    """A `git clone` of the notes remote, with `reader sync --init` run in it (or not)."""
    clone = tmp_path / name.lower()
    git(tmp_path, "clone", "--quiet", str(remote), str(clone))
    set_identity(clone, name)
    if register:
        sync.init(clone)
    return clone


def note(i: int, *, author: str = "alice", text: str | None = None, when: int = 0) -> Annotation:
    """Annotation number `i`, with a fixed id and fixed times so runs are reproducible."""
    created = f"2026-01-01T00:00:{i % 60:02d}.{i // 60:03d}Z"
    updated = created if not when else f"2026-02-01T00:00:{when:02d}.000Z"
    return Annotation(
        id=f"01JQ3Z7K8X4M2N6P0R5S{i:06d}",
        created=created,
        updated=updated,
        author=author,
        selector=Selector(
            exact=f"passage number {i}", prefix="before ", suffix=" after", start=i, end=i + 16
        ),
        tags=("git",),
        note=text if text is not None else f"Note {i} by {author}\nsecond line, café 日本語\n",
    )


def read(clone: Path) -> NotesFile:
    text = (clone / ARTICLE).read_text(encoding="utf-8")
    assert not has_conflict_markers(text)
    return parse(text, ARTICLE)


def write(clone: Path, notes: NotesFile) -> None:
    (clone / ARTICLE).write_text(dump(notes), encoding="utf-8", newline="\n")


def edit(clone: Path, annotation: Annotation) -> None:
    write(clone, read(clone).with_annotation(annotation))


def add_notes(clone: Path, count: int, author: str) -> list[str]:
    """Add `count` new notes; each author's ids are their own (1000 apart, by first letter)."""
    notes = read(clone)
    first = 1000 * (ord(author[0].lower()) - ord("a") + 1)
    added = [note(first + i, author=author) for i in range(count)]
    write(clone, replace(notes, annotations=(*notes.annotations, *added)))
    return [a.id for a in added]


def commit(clone: Path, message: str = "edit") -> None:
    git(clone, "add", "-A")
    git(clone, "commit", "--quiet", "-m", message)


def live_ids(clone: Path) -> set[str]:
    return {a.id for a in read(clone).live}


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
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'repository is read-only' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
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
