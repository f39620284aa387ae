"""The notes store: where files go, finding them by identity, saving safely, never losing notes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from annotations.model import SCHEMA_VERSION
from annotations.store import (
    NOTES_DIR_ENV,
    NOTES_SUFFIX,
    NotesStore,
    ReadOnlyError,
    StoreError,
    notes_dir,
)
from annotations.yaml_io import dump, parse_bytes
from reader.document import Article, blocks_of, build_article

ROOT = Path(__file__).resolve().parents[2]

PARAGRAPHS = [
    "The council of Port Alden voted on Tuesday to rebuild the bridge.",
    "\u201cWe cannot wait another winter,\u201d said the mayor after the vote.",
    "Engineers estimate the work will take eight months and cost \u20ac4 million.",
    "Residents have crossed by ferry since the flood in March.",
]


def article(paragraphs: list[str] = PARAGRAPHS, **fields: object) -> Article:
    values: dict[str, object] = {"title": "Harbour town votes", "source": "a.txt"}
    values.update(fields)
    return build_article(blocks_of(paragraphs), **values)  # type: ignore[arg-type]


def span(art: Article, passage: str) -> tuple[int, int]:
    start = art.text.index(passage)
    return start, start + len(passage)


def add(store: NotesStore, art: Article, passage: str, note: str = "") -> str:
    start, end = span(art, passage)
    return store.add(art.text, start, end, note=note).id


# -- where the notes live -------------------------------------------------------------------


def test_notes_dir_option_beats_environment_beats_xdg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert notes_dir() == tmp_path / "xdg" / "reader" / "notes"
    monkeypatch.setenv(NOTES_DIR_ENV, str(tmp_path / "env"))
    assert notes_dir() == tmp_path / "env"
    assert notes_dir(str(tmp_path / "opt")) == tmp_path / "opt"


def test_without_any_setting_the_platform_data_dir_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv(NOTES_DIR_ENV, raising=False)
    assert notes_dir() == platformdirs.user_data_path("reader", appauthor=False) / "notes"


def test_the_file_is_named_after_the_title_and_made_only_by_the_first_note(tmp_path: Path) -> None:
    art = article(title="Harbour town votes: “rebuild”!")
    store = NotesStore.open(art, tmp_path, author="alice")
    assert not store.path.exists()
    add(store, art, "rebuild the bridge")
    assert store.path.exists()
    assert store.path.parent == tmp_path
    assert store.path.name.startswith("harbour-town-votes-rebuild--")
    assert store.path.name.endswith(NOTES_SUFFIX)


def test_the_same_text_at_another_path_finds_its_notes(tmp_path: Path) -> None:
    first = article(source="/home/a/article.txt")
    add(NotesStore.open(first, tmp_path, author="a"), first, "rebuild the bridge", "mine")
    elsewhere = article(source="/mnt/laptop2/copy.txt", title="Renamed copy")
    store = NotesStore.open(elsewhere, tmp_path)
    assert [a.note for a in store.annotations] == ["mine"]


def test_a_url_article_is_found_again_despite_tracking_parameters_and_edits(tmp_path: Path) -> None:
    url = "https://News.example.org/2025/bridge/"
    first = article(url=url)
    add(NotesStore.open(first, tmp_path, author="a"), first, "rebuild the bridge", "n")
    edited = article([*PARAGRAPHS, "Update: the vote was unanimous."], url=url + "?utm_source=x#c")
    assert [a.note for a in NotesStore.open(edited, tmp_path).annotations] == ["n"]


def test_a_file_renamed_by_hand_is_found_by_its_header(tmp_path: Path) -> None:
    art = article()
    store = NotesStore.open(art, tmp_path, author="a")
    add(store, art, "rebuild the bridge", "n")
    store.path.rename(tmp_path / f"my-notes{NOTES_SUFFIX}")
    assert [a.note for a in NotesStore.open(art, tmp_path).annotations] == ["n"]


def test_another_article_does_not_see_these_notes(tmp_path: Path) -> None:
    art = article()
    add(NotesStore.open(art, tmp_path, author="a"), art, "rebuild the bridge")
    other = article(["A different story entirely."], title="Harbour town votes")
    assert NotesStore.open(other, tmp_path).annotations == ()


# -- changing notes -------------------------------------------------------------------------


def test_every_change_is_saved_at_once_and_undo_restores(tmp_path: Path) -> None:
    art = article()
    store = NotesStore.open(art, tmp_path, author="alice")
    ident = add(store, art, "said the mayor", "first")

    def on_disk() -> dict[str, str]:
        return {a.id: a.note for a in parse_bytes(store.path.read_bytes(), "f").live}

    assert on_disk() == {ident: "first"}
    store.update(ident, note="second\nline", tags=["quote", "mayor"])
    assert on_disk() == {ident: "second\nline"}
    store.delete(ident)
    assert on_disk() == {}
    assert store.undo() is not None  # undo the delete
    assert on_disk() == {ident: "second\nline"}
    store.undo()  # undo the edit
    assert on_disk() == {ident: "first"}
    store.undo()  # undo the add
    assert on_disk() == {}
    assert store.undo() is None


def test_a_deleted_note_leaves_a_tombstone_so_the_deletion_syncs(tmp_path: Path) -> None:
    art = article()
    store = NotesStore.open(art, tmp_path, author="alice")
    ident = add(store, art, "said the mayor", "gone soon")
    store.delete(ident)
    text = store.path.read_text()
    assert f"id: {ident}" in text and "deleted:" in text
    assert "gone soon" not in text


def test_an_edit_always_moves_updated_forward(tmp_path: Path) -> None:
    art = article()
    store = NotesStore.open(art, tmp_path, author="alice")
    ident = add(store, art, "said the mayor")
    times = [store.update(ident, note=str(i)).updated for i in range(5)]
    assert times == sorted(set(times))


def test_a_file_changed_on_disk_is_merged_on_save_not_overwritten(tmp_path: Path) -> None:
    art = article()
    mine = NotesStore.open(art, tmp_path, author="alice")
    ident = add(mine, art, "said the mayor", "alice's")
    # A `git pull` in another terminal: someone else's note arrives, and our note's colour.
    theirs = NotesStore.open(art, tmp_path, author="bob")
    theirs_id = add(theirs, art, "eight months", "bob's")
    theirs.update(ident, color="green")
    add(mine, art, "by ferry", "alice's second")
    on_disk = parse_bytes(mine.path.read_bytes(), "f")
    assert sorted(a.note for a in on_disk.live) == ["alice's", "alice's second", "bob's"]
    assert on_disk.get(ident).color == "green"  # type: ignore[union-attr]
    assert mine.get(theirs_id) is not None


def test_refresh_picks_up_changes_from_disk(tmp_path: Path) -> None:
    art = article()
    mine = NotesStore.open(art, tmp_path, author="alice")
    add(mine, art, "said the mayor")
    other = NotesStore.open(art, tmp_path, author="bob")
    add(other, art, "by ferry", "from bob")
    assert mine.refresh() is True
    assert "from bob" in [a.note for a in mine.annotations]
    assert mine.refresh() is False


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from reader.document import blocks_of, build_article
    from annotations.store import NotesStore
    art = build_article(blocks_of({paragraphs!r}), title="Harbour town votes", source="a.txt")
    name = sys.argv[1]
    for i in range(int(sys.argv[2])):
        store = NotesStore.open(art, {directory!r}, author=name)
        start = art.text.index("mayor")
        store.add(art.text, start, start + 5, note=f"{{name}} {{i}}")
    """
)


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    script = WRITER.format(root=str(ROOT), paragraphs=PARAGRAPHS, directory=str(tmp_path))
    writers = [
        subprocess.Popen([sys.executable, "-c", script, f"w{n}", "15"], stderr=subprocess.PIPE)
        for n in range(4)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    store = NotesStore.open(article(), tmp_path)
    notes = sorted(a.note for a in store.annotations)
    assert notes == sorted(f"w{n} {i}" for n in range(4) for i in range(15))


def test_two_stores_in_one_process_interleaving_lose_nothing(tmp_path: Path) -> None:
    art = article()
    stores = [NotesStore.open(art, tmp_path, author=name) for name in ("a", "b", "c")]
    for i in range(10):
        for store in stores:
            add(store, art, "by ferry", f"{store.author} {i}")
    final = NotesStore.open(art, tmp_path)
    assert len(final.annotations) == 30


# -- never overwriting what cannot be read -----------------------------------------------------


def _saved_file(tmp_path: Path) -> tuple[Article, Path]:
    art = article()
    store = NotesStore.open(art, tmp_path, author="alice")
    add(store, art, "said the mayor", "keep me")
    return art, store.path


BROKEN = [
    ("malformed yaml", lambda text: text.replace("author: alice", "author: [alice")),
    ("python tag", lambda text: text.replace("author: alice", "author: !!python/name:os.system")),
    (
        "conflict markers",
        lambda text: text.replace(
            "  author: alice\n",
            "<<<<<<< HEAD\n  author: alice\n=======\n  author: bob\n>>>>>>> bob\n",
        ),
    ),
    ("newer schema", lambda text: text.replace("schema: 1", f"schema: {SCHEMA_VERSION + 1}")),
    ("newer schema, new layout", lambda text: f"schema: {SCHEMA_VERSION + 1}\nnotes: []\n"),
    ("binary garbage", lambda text: "\x00\x01 not yaml at all: [\n"),
]


@pytest.mark.parametrize(("case", "corrupt"), BROKEN, ids=[b[0] for b in BROKEN])
def test_an_unreadable_file_is_never_overwritten(case: str, corrupt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    art, path = _saved_file(tmp_path)
    original = path.read_text()
    path.write_text(corrupt(original))
    assert path.read_text() != original  # the corruption did apply
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    store = NotesStore.open(art, tmp_path, author="bob")
    assert store.read_only, case
    assert str(path) in store.read_only
    with pytest.raises(ReadOnlyError):
        add(store, art, "by ferry")
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_malformed_yaml_error_names_line_and_column(tmp_path: Path) -> None:
    art, path = _saved_file(tmp_path)
    path.write_text(path.read_text().replace("author: alice", "author: [alice"))
    store = NotesStore.open(art, tmp_path)
    assert store.read_only is not None
    assert "line " in store.read_only and "column " in store.read_only
    assert "not changed" in store.read_only


def test_a_file_corrupted_while_open_is_not_overwritten_by_the_next_save(tmp_path: Path) -> None:
    art, path = _saved_file(tmp_path)
    store = NotesStore.open(art, tmp_path, author="alice")
    path.write_text(path.read_text() + "  broken: [\n")
    before = path.read_bytes()
    with pytest.raises(ReadOnlyError):
        add(store, art, "by ferry")
    assert path.read_bytes() == before
    assert store.read_only


def test_newer_schema_notes_are_shown_read_only(tmp_path: Path) -> None:
    art, path = _saved_file(tmp_path)
    path.write_text(path.read_text().replace("schema: 1", f"schema: {SCHEMA_VERSION + 1}"))
    store = NotesStore.open(art, tmp_path)
    assert [a.note for a in store.annotations] == ["keep me"]
    assert "newer" in (store.read_only or "")


def test_conflict_markers_recover_both_sides_by_id_with_a_backup(tmp_path: Path) -> None:
    art = article()
    base = NotesStore.open(art, tmp_path, author="base")
    shared = add(base, art, "said the mayor", "shared")
    base_text = base.path.read_text()
    # Two clones each add a note after `shared`; git's text merge conflicts on the tail.
    ours = NotesStore.open(art, tmp_path, author="alice")
    ours_id = add(ours, art, "by ferry", "alice's")
    ours_text = ours.path.read_text()
    base.path.write_text(base_text)
    theirs = NotesStore.open(art, tmp_path, author="bob")
    theirs_id = add(theirs, art, "eight months", "bob's")
    theirs_text = theirs.path.read_text()
    conflicted = _git_merge_file(tmp_path, ours_text, base_text, theirs_text)
    assert "<<<<<<<" in conflicted
    base.path.write_text(conflicted)

    store = NotesStore.open(art, tmp_path, author="carol")
    assert store.read_only and store.recoverable
    assert {a.id for a in store.annotations} == {shared, ours_id, theirs_id}  # shown meanwhile
    backup = store.recover()
    assert backup.read_text() == conflicted
    assert store.read_only is None
    recovered = parse_bytes(store.path.read_bytes(), "f")
    assert {a.id for a in recovered.live} == {shared, ours_id, theirs_id}
    assert "<<<<<<<" not in store.path.read_text()
    add(store, art, "Residents", "after recovery")
    assert len(NotesStore.open(art, tmp_path).annotations) == 4


def _git_merge_file(tmp_path: Path, ours: str, base: str, theirs: str) -> str:
    paths = []
    for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
        path = tmp_path / f"{name}.side"
        path.write_text(text)
        paths.append(str(path))
    subprocess.run(["git", "merge-file", *paths], check=False, capture_output=True)
    return (tmp_path / "ours.side").read_text()


# -- atomic saves under SIGKILL -----------------------------------------------------------------

SAVER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from annotations.store import NotesStore
    store = NotesStore.open_path(Path({path!r}), author="saver")
    ids = [a.id for a in store.annotations]
    print("ready", flush=True)
    i = 0
    while True:
        i += 1
        store.update(ids[i % len(ids)], note=("version %d " % i) * 40)
    """
)


def test_a_save_after_one_killed_between_backup_and_rename_leaves_no_temporary(
    tmp_path: Path,
) -> None:
    # A save killed after it made the backup name the file's inode, and before it renamed
    # the new file over the old, leaves the backup and the file one inode. The next save's
    # staged backup link is then that inode too, and renaming one link of an inode over
    # another does nothing: the staged name stayed behind as a stray temporary.
    art = article()
    store = NotesStore.open(art, tmp_path, author="seed")
    ident = add(store, art, "said the mayor")
    backup = store.disk.backup_path
    backup.unlink(missing_ok=True)
    os.link(store.path, backup)  # what the killed save left
    store.update(ident, note="saved after the kill")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert parse_bytes(store.path.read_bytes(), "x").live[0].note == "saved after the kill"
    assert backup.exists()


@pytest.mark.slow
def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    art = article(["word " * 2000])
    store = NotesStore.open(art, tmp_path, author="seed")
    # Many notes make each save long enough for kills to land inside the write.
    for i in range(300):
        store.add(art.text, i * 10, i * 10 + 9, note=f"note {i}\n" * 5)
    path = store.path
    count = len(store.annotations)
    rng = random.Random(6)
    script = SAVER.format(root=str(ROOT), path=str(path))
    kills = 0
    for _ in range(25):
        saver = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert saver.stdout is not None
        assert saver.stdout.readline() == b"ready\n", saver.stderr.read() if saver.stderr else ""
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(saver.pid, signal.SIGKILL)
        saver.wait()
        kills += 1
        data = path.read_bytes()
        notes = parse_bytes(data, str(path))  # valid, complete, canonical
        assert len(notes.live) == count
        assert dump(notes).encode() == data
    assert kills == 25
    # Temporary files left by killed savers are cleaned by the next save.
    store = NotesStore.open(art, tmp_path, author="after")
    store.update(store.annotations[0].id, note="after the kills")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


WRITER_OF_VERSIONS = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from annotations.store import atomic_write
    path = Path({path!r})
    versions = [Path(p).read_bytes() for p in {versions!r}]
    print("ready", flush=True)
    while True:
        for data in versions:
            atomic_write(path, data)
    """
)


@pytest.mark.slow
def test_atomic_write_killed_mid_write_leaves_one_whole_version(tmp_path: Path) -> None:
    # Here nearly all the time is spent writing (two big ready-made versions), so the kills
    # land inside the write itself; a plain open('w') would leave torn files.
    art = article()
    store = NotesStore.open(art, tmp_path / "notes", author="seed")
    ident = add(store, art, "said the mayor")
    versions = []
    for n in range(2):
        store.update(ident, note=f"version {n}\n" * 400_000)
        copy = tmp_path / f"version{n}"
        copy.write_bytes(store.path.read_bytes())
        versions.append(copy)
    expected = {v.read_bytes() for v in versions}
    script = WRITER_OF_VERSIONS.format(
        root=str(ROOT), path=str(store.path), versions=[str(v) for v in versions]
    )
    rng = random.Random(7)
    interrupted = 0
    for _ in range(30):
        writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.01, 0.3))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        leftovers = [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]
        interrupted += bool(leftovers)
        for leftover in leftovers:
            leftover.unlink()
        assert store.path.read_bytes() in expected
    assert interrupted >= 10  # most kills landed inside a write, and none tore the file


def test_an_edited_local_article_finds_its_notes_by_title_and_remembers_the_new_text(
    tmp_path: Path,
) -> None:
    art = article()
    store = NotesStore.open(art, tmp_path, author="a")
    add(store, art, "said the mayor", "kept")
    add(store, art, "by ferry", "also kept")
    edited = article([*PARAGRAPHS[:3], "Residents have crossed by ferry since April."])
    reopened = NotesStore.open(edited, tmp_path, author="a")
    assert reopened.path == store.path
    add(reopened, edited, "since April", "new")
    assert edited.text_sha256 in reopened.document.known_text_sha256


def test_a_same_titled_but_different_article_is_not_linked(tmp_path: Path) -> None:
    art = article()
    add(NotesStore.open(art, tmp_path, author="a"), art, "said the mayor")
    other = article(["Completely different words about gardening."])
    assert not NotesStore.open(other, tmp_path).exists


def test_a_failed_save_keeps_the_change_and_writes_it_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import annotations.notes_disk as store_module  # the disk side of the store writes

    art = article()
    store = NotesStore.open(art, tmp_path, author="alice")
    first = add(store, art, "said the mayor", "saved")
    real_write = store_module.atomic_write

    def disk_full(path: Path, data: bytes, **options: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "atomic_write", disk_full)
    with pytest.raises(StoreError, match="No space left on device"):
        add(store, art, "by ferry", "not yet on disk")
    assert store.unsaved
    assert sorted(a.note for a in store.annotations) == ["not yet on disk", "saved"]
    assert [a.id for a in parse_bytes(store.path.read_bytes(), "f").live] == [first]
    monkeypatch.setattr(store_module, "atomic_write", real_write)
    store.save()
    assert not store.unsaved
    on_disk = sorted(a.note for a in parse_bytes(store.path.read_bytes(), "f").live)
    assert on_disk == ["not yet on disk", "saved"]
    assert store.undo() is not None  # the unsaved add was recorded for undo too
    assert [a.note for a in store.annotations] == ["saved"]


def test_ordered_lists_notes_in_article_order_with_orphans_last(tmp_path: Path) -> None:
    art = article()
    store = NotesStore.open(art, tmp_path, author="alice")
    add(store, art, "by ferry", "last paragraph")
    add(store, art, "voted on Tuesday", "first paragraph")
    add(store, art, "eight months", "third paragraph")
    edited = article([p for p in PARAGRAPHS if "eight months" not in p])
    reopened = NotesStore.open(edited, tmp_path)
    items = reopened.ordered(edited)
    assert [i.annotation.note for i in items] == [
        "first paragraph",
        "last paragraph",
        "third paragraph",
    ]
    assert [i.placement.status.value for i in items] == ["exact", "exact", "orphan"]
