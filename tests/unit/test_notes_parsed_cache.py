"""Big notes files open quickly a second time, and the parsed cache can never hurt the notes."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from annotations import notes_disk, parsed_cache
from annotations.model import Annotation, Conflict, Document, NotesFile, Selector
from annotations.notes_disk import NotesDisk
from annotations.parsed_cache import CACHE_DIR_ENV, ParsedNotesCache
from annotations.yaml_io import dump_bytes, parse_bytes


def big_notes(count: int = 40, marker: str = "") -> NotesFile:
    """Over `SMALL` bytes of notes with the awkward values a user's file may hold."""
    notes = [
        Annotation(
            id=f"01J{index:023d}",
            created="2026-12-01T10:00:00.000Z",
            updated="2026-12-01T10:00:00.000Z",
            author="Zoë Ødegård",
            selector=Selector(
                exact=f"passage {index} with “curly” quotes and a # hash",
                prefix="before: ",
                suffix="\nafter",
                start=index * 10,
                end=index * 10 + 40,
            ),
            color="green" if index % 3 else "yellow",
            tags=("b", "a"),
            note=f"note {index}{marker}\nsecond line: [bold]not markup[/bold] \x1b[31m",
            extra={"future_field": [1, True, None, {"k": "v"}]} if index == 7 else {},
        )
        for index in range(count)
    ]
    notes.append(
        Annotation(
            id="01K" + "9" * 23,
            created="2026-12-01T10:00:00.000Z",
            updated="2026-12-02T10:00:00.000Z",
            author="sam",
            deleted="2026-12-03T10:00:00.000Z",
        )
    )
    return NotesFile(
        document=Document(id="txt:0123456789abcdef", title="Bridge", text_sha256="ab" * 32),
        annotations=tuple(notes),
        conflicts=(Conflict("01J" + "0" * 23, "note", "their words", "2026-12-01", "sam"),),
    )


HAND_COMMENT = b"# kept by hand\n"
"""A comment written by hand: the file is no longer the writer's own text, which is read
quickly without the cache (`yaml_canonical_read`); such a file is what the cache is for."""


def write(path: Path, notes: NotesFile) -> bytes:
    data = HAND_COMMENT + dump_bytes(notes)
    assert len(data) >= SMALL
    path.write_bytes(data)
    return data


def cache_files(root: Path) -> list[Path]:
    return sorted(root.glob("notes-v*/*.json"))


def refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(data: bytes, name: str) -> NotesFile:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(notes_disk, "read_notes", fail)


SMALL = 4096
"""The size from which files are cached in these tests (parsing thousands of notes is slow)."""


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsed_cache, "MIN_BYTES", SMALL)


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(root))
    return root


def test_a_big_notes_file_read_again_comes_from_the_cache_unchanged(
    tmp_path: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.notes.yaml"
    data = write(path, big_notes())
    first = NotesDisk(path).load()
    assert first == parse_bytes(data, "x")
    assert len(cache_files(cache_root)) == 1

    refuse_parsing(monkeypatch)
    again = NotesDisk(path)
    assert again.load() == first
    assert again.base == first
    assert again.disk_sha == hashlib.sha256(data).hexdigest()


def test_an_edited_file_is_read_afresh_never_from_the_old_entry(
    tmp_path: Path, cache_root: Path
) -> None:
    path = tmp_path / "a.notes.yaml"
    write(path, big_notes())
    NotesDisk(path).load()
    edited = big_notes(marker=" (edited on the laptop)")
    write(path, edited)  # a git pull brings other bytes
    assert NotesDisk(path).load() == edited


def test_what_a_save_wrote_is_read_back_without_the_cache_as_the_parser_would_read_it(
    tmp_path: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The writer's own text is read by `yaml_canonical_read` as quickly as the cache would be:
    # keeping a second copy of it (0.3 s of JSON for 10,000 notes, on every save) is waste.
    # (Fields from a newer reader are left to the strict reader: none here.)
    path = tmp_path / "a.notes.yaml"
    made = big_notes()
    notes = replace(made, annotations=tuple(replace(a, extra={}) for a in made.annotations))
    written = NotesDisk(path).save(notes)
    parsed = parse_bytes(path.read_bytes(), "x")
    assert NotesDisk(path).load() == parsed == written
    assert cache_files(cache_root) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data.replace(b"note 5", b"note 6", 1),
        lambda data: b"not a cache entry at all",
        lambda data: b"",
    ],
    ids=["truncated", "one-changed-byte", "foreign", "empty"],
)
def test_a_damaged_cache_entry_is_ignored_and_the_notes_are_read_from_the_file(
    tmp_path: Path, cache_root: Path, damage: object
) -> None:
    path = tmp_path / "a.notes.yaml"
    data = write(path, big_notes())
    NotesDisk(path).load()
    (entry,) = cache_files(cache_root)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert NotesDisk(path).load() == parse_bytes(data, "x")
    assert len(cache_files(cache_root)) == 1  # rewritten from the file
    assert ParsedNotesCache(cache_root).get(hashlib.sha256(data).hexdigest(), len(data)) == (
        parse_bytes(data, "x"),
        (1,),
    )


def test_an_entry_for_other_bytes_is_never_taken(tmp_path: Path, cache_root: Path) -> None:
    cache = ParsedNotesCache(cache_root)
    notes = big_notes()
    cache.put("a" * 64, SMALL, notes)
    (entry,) = cache_files(cache_root)
    entry.rename(entry.with_name("b" * 64 + ".json"))
    assert cache.get("b" * 64, SMALL) is None


def test_small_files_are_not_cached(tmp_path: Path, cache_root: Path) -> None:
    path = tmp_path / "a.notes.yaml"
    path.write_bytes(dump_bytes(big_notes(count=1)))
    NotesDisk(path).load()
    assert cache_files(cache_root) == []


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, "off")
    path = tmp_path / "a.notes.yaml"
    write(path, big_notes())
    assert NotesDisk(path).load() is not None
    assert not any(tmp_path.rglob("*.json"))


def test_a_cache_that_cannot_be_written_never_stops_the_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache directory should be")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocked))
    path = tmp_path / "a.notes.yaml"
    data = write(path, big_notes())
    assert NotesDisk(path).load() == parse_bytes(data, "x")


def test_the_cache_keeps_to_its_size_bound_dropping_the_least_recently_used(
    cache_root: Path,
) -> None:
    notes = big_notes()
    cache = ParsedNotesCache(cache_root)
    cache.put("a" * 64, SMALL, notes)
    (only,) = cache_files(cache_root)
    size = only.stat().st_size
    cache = ParsedNotesCache(cache_root, max_bytes=2 * size + 10)
    cache.put("b" * 64, SMALL, notes)
    os.utime(cache_files(cache_root)[1], (1, 1))  # b is the oldest now
    assert cache.get("a" * 64, SMALL) is not None
    cache.put("c" * 64, SMALL, notes)
    names = [path.stem[0] for path in cache_files(cache_root)]
    assert names == ["a", "c"]


def test_a_malformed_notes_file_is_never_cached_and_stays_reported(
    tmp_path: Path, cache_root: Path
) -> None:
    path = tmp_path / "a.notes.yaml"
    data = write(path, big_notes())
    path.write_bytes(data.replace(b"annotations:", b"annotations: [", 1))
    disk = NotesDisk(path)
    assert disk.load() is None
    assert disk.read_only and "cannot read notes" in disk.read_only
    assert cache_files(cache_root) == []
    assert path.read_bytes() == data.replace(b"annotations:", b"annotations: [", 1)


def test_opening_an_articles_big_notes_file_parses_it_once(
    tmp_path: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The notes index read a new or just-saved file in full, then the store read it again:
    # two parses of 10,000 notes where one does.
    from annotations import notes_index
    from annotations.store import NotesStore
    from reader.document import blocks_of, build_article

    article = build_article(
        blocks_of([f"Paragraph {i} of the council's long report." for i in range(50)]),
        title="Council report",
        source="report.txt",
    )
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir()
    first = NotesStore.open(article, notes_dir)
    document = first.notes.document
    made = big_notes()
    notes = NotesFile(document=document, annotations=made.annotations)
    first.path.write_bytes(HAND_COMMENT + dump_bytes(notes))

    parses = [0]
    real = notes_disk.read_notes

    def counted(data: bytes, name: str) -> tuple[NotesFile, tuple[int, ...], bool]:
        parses[0] += 1
        return real(data, name)

    monkeypatch.setattr(notes_disk, "read_notes", counted)
    monkeypatch.setattr(notes_index, "read_notes", counted)
    store = NotesStore.open(article, notes_dir)
    assert store.notes == notes
    assert parses[0] == 1


def test_the_writers_own_text_is_kept_when_asked_and_then_read_from_the_cache(
    tmp_path: Path, cache_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `reader notes` and the reader keep a big file once they have shown it: the next
    # open takes the cache (0.07 s for 10,000 notes) instead of the fast reader (0.3 s).
    path = tmp_path / "a.notes.yaml"
    made = big_notes()
    notes = replace(made, annotations=tuple(replace(a, extra={}) for a in made.annotations))
    NotesDisk(path).save(notes)
    disk = NotesDisk(path)
    assert disk.load() == notes
    assert cache_files(cache_root) == []  # not on the way to the screen
    disk.keep_parsed()
    assert len(cache_files(cache_root)) == 1
    refuse_parsing(monkeypatch)
    assert NotesDisk(path).load() == notes
