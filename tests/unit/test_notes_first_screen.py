"""The notes' kept first screen: true to the notes, and never used once the file or text changed."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from annotations import first_screen_keep
from annotations.first_screen import FirstScreenCache, article_key
from annotations.first_screen_keep import first_screen, on_top
from annotations.store import NotesStore
from reader.document import Article
from reader.load import load_sample
from reader.load.progressive import open_progressively


@pytest.fixture(autouse=True)
def _every_file_is_big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files from 256 KB keep a first screen; here every file does (a few notes suffice)."""
    monkeypatch.setattr(first_screen_keep, "MIN_BYTES", 1)
    monkeypatch.setattr("annotations.store.FIRST_SCREEN_BYTES", 1)


@pytest.fixture
def sample() -> Article:
    """The built-in sample article."""
    return load_sample()


def notes_on(article: Article, notes_dir: Path, count: int = 40, seed: int = 3) -> NotesStore:
    """A store holding `count` overlapping notes on random passages of `article`."""
    store = NotesStore.open(article, notes_dir, author="test")
    rng = random.Random(seed)
    text = article.text
    for index in range(count):
        start = rng.randrange(0, len(text) - 60)
        end = start + rng.randrange(5, 60)
        colour = rng.choice(("yellow", "green", "blue", "pink", "mauve"))
        store.add(text, start, end, color=colour, note=f"note {index}" if index % 2 else "")
    return store


def kept(store: NotesStore, article: Article, notes_dir: Path) -> None:
    """Keep the store's first screen as the reader's notes worker does."""
    store.reanchor(article)
    screen = store.keep_first_screen(article_key(article, whole=True), notes_dir, article.text)
    assert screen is not None


def look_up(article: Article, notes_dir: Path, *, whole: bool = True) -> object:
    return FirstScreenCache.default().get(article_key(article, whole=whole), notes_dir)


def entries() -> list[Path]:
    cache = FirstScreenCache.default()
    assert cache.directory is not None
    return sorted(cache.directory.glob("*.json"))


# -- what it holds ----------------------------------------------------------------------------


def test_the_kept_screen_reads_back_as_the_notes_make_it(sample: Article, tmp_path: Path) -> None:
    store = notes_on(sample, tmp_path)
    kept(store, sample, tmp_path)
    ordered = [(item.annotation, item.placement) for item in store.ordered(sample)]
    assert look_up(sample, tmp_path) == first_screen(ordered, sample.text, store.conflicts)


def test_it_counts_every_note_and_keeps_the_first_rows_in_the_panes_order(
    sample: Article, tmp_path: Path
) -> None:
    store = notes_on(sample, tmp_path, count=150)
    ordered = [(item.annotation, item.placement) for item in store.ordered(sample)]
    screen = first_screen(ordered, sample.text)
    assert screen.count == 150
    assert [row.id for row in screen.rows] == [a.id for a, _ in ordered[:100]]
    assert screen.rows[1].quote == sample.text[ordered[1][1].start : ordered[1][1].end]


@pytest.mark.parametrize(
    ("case", "spans", "expected"),
    [
        ("one span", [(2, 5, "a")], [(2, 5, "a")]),
        (
            "a later span covers an earlier one",
            [(0, 10, "a"), (3, 6, "b")],
            [(0, 3, "a"), (3, 6, "b"), (6, 10, "a")],
        ),
        ("the later of two equal spans wins", [(0, 4, "a"), (0, 4, "b")], [(0, 4, "b")]),
        (
            "an earlier span shows again after a later one ends",
            [(0, 8, "a"), (2, 4, "b"), (3, 5, "c")],
            [(0, 2, "a"), (2, 3, "b"), (3, 5, "c"), (5, 8, "a")],
        ),
        ("pieces of one look are joined", [(0, 4, "a"), (2, 6, "a")], [(0, 6, "a")]),
        ("cut at the limit", [(8, 20, "a")], [(8, 10, "a")]),
        ("past the limit: nothing", [(12, 20, "a")], []),
    ],
)
def test_overlapping_highlights_flatten_to_the_one_drawn_on_top(
    case: str,
    spans: list[tuple[int, int, str]],
    expected: list[tuple[int, int, str]],
) -> None:
    assert on_top(spans, 10) == expected, case


# -- when it is not used ----------------------------------------------------------------------


def test_a_notes_file_changed_since_is_not_shown_from_the_cache(
    sample: Article, tmp_path: Path
) -> None:
    store = notes_on(sample, tmp_path)
    kept(store, sample, tmp_path)
    other = NotesStore.open(sample, tmp_path, author="a collaborator")  # as a `git pull` would
    start = sample.text.index("Port Alden")
    other.add(sample.text, start, start + 10, note="synced from elsewhere")
    assert look_up(sample, tmp_path) is None
    assert entries() == []  # stale: removed, the next load writes a true one


def test_the_same_bytes_written_again_are_not_trusted_either(
    sample: Article, tmp_path: Path
) -> None:
    store = notes_on(sample, tmp_path)
    kept(store, sample, tmp_path)
    data = store.path.read_bytes()
    store.path.write_bytes(data)  # same size and bytes, but written since: ctime moved
    os.utime(store.path, ns=(store.path.stat().st_atime_ns, store.path.stat().st_mtime_ns))
    assert look_up(sample, tmp_path) is None


def test_another_text_of_the_article_is_not_shown_its_highlights(
    sample: Article, tmp_path: Path
) -> None:
    store = notes_on(sample, tmp_path)
    kept(store, sample, tmp_path)
    edited = Article(
        title=sample.title,
        source=sample.source,
        text=sample.text.replace("Port Alden", "Port Aldan", 1),
        paragraphs=sample.paragraphs,
    )
    assert look_up(edited, tmp_path) is None


@pytest.mark.parametrize(
    ("case", "damage"),
    [
        ("truncated", lambda data: data[: len(data) // 2]),
        ("a byte flipped", lambda data: data[:-5] + bytes([data[-5] ^ 1]) + data[-4:]),
        ("empty", lambda data: b""),
        ("foreign", lambda data: b"not an entry at all\n" + data),
    ],
)
def test_a_damaged_entry_is_ignored_and_removed(
    sample: Article, tmp_path: Path, case: str, damage: object
) -> None:
    store = notes_on(sample, tmp_path)
    kept(store, sample, tmp_path)
    (entry,) = entries()
    assert callable(damage)
    entry.write_bytes(damage(entry.read_bytes()))
    assert look_up(sample, tmp_path) is None, case
    assert entries() == []


def test_a_small_notes_file_keeps_no_first_screen(
    sample: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("annotations.store.FIRST_SCREEN_BYTES", 256 * 1024)
    store = notes_on(sample, tmp_path, count=3)
    store.reanchor(sample)
    key = article_key(sample, whole=True)
    assert store.keep_first_screen(key, tmp_path, sample.text) is None
    assert look_up(sample, tmp_path) is None


# -- a book shown before it is all read -------------------------------------------------------


def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.txt"
    rng = random.Random(5)
    words = ("harbour", "bridge", "council", "vote", "river", "spring", "flood", "ferry")
    paragraphs = [" ".join(rng.choice(words) for _ in range(60)) + "." for _ in range(1600)]
    path.write_text("A Book\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def test_a_books_first_screens_find_it_by_the_file_until_the_file_changes(
    tmp_path: Path,
) -> None:
    path = book(tmp_path)
    notes_dir = tmp_path / "notes"
    progressive = open_progressively(str(path))
    assert progressive is not None
    preview, whole = progressive
    early = article_key(preview, whole=False)
    article = whole()
    store = notes_on(article, notes_dir, count=30)
    store.reanchor(article)
    key = article_key(article, whole=True)
    assert store.keep_first_screen(key, notes_dir, article.text) is not None
    found = FirstScreenCache.default().get(early, notes_dir)
    assert found is not None and found.count == 30
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\nOne more line at the end.\n")
    again = open_progressively(str(path))
    assert again is not None
    assert FirstScreenCache.default().get(article_key(again[0], whole=False), notes_dir) is None
