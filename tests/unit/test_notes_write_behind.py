"""Big notes files written behind: changes kept at once, one saver, nothing lost or overwritten."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations import store as store_module
from annotations.model import NotesFile
from annotations.notes_disk import NotesDisk
from annotations.store import NotesStore, ReadOnlyError
from annotations.yaml_io import parse_bytes
from reader.document import blocks_of, build_article

ARTICLE = build_article(
    blocks_of(
        [
            "The council of Port Alden voted on Tuesday to rebuild the bridge.",
            "Engineers estimate the work will take eight months.",
            "Residents have crossed by ferry since the flood in March.",
        ]
    ),
    title="Harbour town votes",
    source="a.txt",
)


def add(store: NotesStore, passage: str, note: str = "") -> str:
    start = ARTICLE.text.index(passage)
    return store.add(ARTICLE.text, start, start + len(passage), note=note).id


def on_disk(store: NotesStore) -> NotesFile:
    return parse_bytes(store.path.read_bytes(), "f")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> NotesStore:
    """A store whose file exists and counts as big (every file does, here)."""
    monkeypatch.setattr(store_module, "WRITE_BEHIND_BYTES", 1)
    opened = NotesStore.open(ARTICLE, tmp_path, author="ann")
    add(opened, "Port Alden", "written at once: the file did not exist")
    opened.write_behind = True
    return opened


def test_a_change_is_kept_at_once_and_written_by_the_one_saver(store: NotesStore) -> None:
    before = store.path.read_bytes()
    note = add(store, "the bridge", "kept in memory")
    assert store.get(note) is not None and store.unsaved
    assert store.path.read_bytes() == before  # nothing written on the caller's thread
    assert store.claim_saver()
    assert not store.claim_saver()  # one saver at a time
    store.save_pending()
    assert not store.unsaved
    assert {a.note for a in on_disk(store).live} == {
        "written at once: the file did not exist",
        "kept in memory",
    }
    assert store.claim_saver() is False  # nothing left to write


def test_changes_made_while_a_save_runs_are_written_by_the_same_saver(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "the bridge", "first")
    real_save = NotesDisk.save
    during: list[str] = []

    def slow_save(disk: NotesDisk, ours: NotesFile) -> NotesFile:
        if not during:  # the user goes on typing while the first save runs
            during.append(add(store, "eight months", "typed during the save"))
        return real_save(disk, ours)

    monkeypatch.setattr(NotesDisk, "save", slow_save)
    assert store.claim_saver()
    store.save_pending()
    assert not store.unsaved
    notes = {a.note for a in on_disk(store).live}
    assert {"first", "typed during the save"} <= notes


def test_a_change_on_disk_during_a_save_and_one_in_memory_are_both_kept(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "the bridge", "ours")
    other = NotesStore.open_path(store.path, author="bob")  # another reader, same file
    add(other, "ferry", "theirs, saved elsewhere")
    real_save = NotesDisk.save
    during: list[str] = []

    def save_then_type(disk: NotesDisk, ours: NotesFile) -> NotesFile:
        saved = real_save(disk, ours)  # merges in "theirs" from disk
        if not during:
            during.append(add(store, "eight months", "typed during the save"))
        return saved

    monkeypatch.setattr(NotesDisk, "save", save_then_type)
    assert store.claim_saver()
    store.save_pending()
    expected = {"ours", "theirs, saved elsewhere", "typed during the save"}
    assert expected <= {a.note for a in store.annotations}
    assert expected <= {a.note for a in on_disk(store).live}


def test_a_file_that_became_unreadable_is_never_overwritten(store: NotesStore) -> None:
    add(store, "the bridge", "not to be lost silently")
    broken = store.path.read_bytes().replace(b"annotations:\n", b"annotations: [\n", 1)
    store.path.write_bytes(broken)
    assert store.claim_saver()
    with pytest.raises(ReadOnlyError):
        store.save_pending()
    assert store.path.read_bytes() == broken
    assert store.read_only
    assert not store.claim_saver()  # refused until the file is repaired


def test_save_waits_for_a_running_saver_then_writes_what_came_after(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Quitting while a save runs: `save()` (the reader's flush) must leave everything on disk.
    add(store, "the bridge", "being saved")
    real_save = NotesDisk.save
    started, release = threading.Event(), threading.Event()

    def held_save(disk: NotesDisk, ours: NotesFile) -> NotesFile:
        started.set()
        release.wait(10)
        return real_save(disk, ours)

    monkeypatch.setattr(NotesDisk, "save", held_save)
    assert store.claim_saver()
    saver = threading.Thread(target=store.save_pending)
    saver.start()
    assert started.wait(10)
    add(store, "ferry", "typed just before quitting")
    flushed = threading.Thread(target=store.save)
    flushed.start()
    flushed.join(0.2)
    assert flushed.is_alive()  # waiting for the saver, not writing beside it
    release.set()
    saver.join(10)
    flushed.join(10)
    assert not store.unsaved
    assert {"being saved", "typed just before quitting"} <= {a.note for a in on_disk(store).live}


def test_small_files_are_still_written_before_the_change_returns(
    tmp_path: Path,
) -> None:
    opened = NotesStore.open(ARTICLE, tmp_path, author="ann")
    opened.write_behind = True
    add(opened, "Port Alden", "small")
    add(opened, "the bridge", "still small")
    assert not opened.unsaved
    assert {a.note for a in on_disk(opened).live} == {"small", "still small"}
