"""An article's notes are found after it was edited, and never attached to another article.

Issue 18, section 1. The commands run as a user runs them (a subprocess of the `reader`
command); the index lives in the test's own state directory (see `tests/conftest.py`).
"""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = """Lab chemist recalls the day of the vial

The meeting at the United Nations began late, and the room was already warm when the
delegates took their seats in the long chamber overlooking the river.

Colin Powell shook some sort of a test tube in front of the council, and the cameras
turned to him at once while the translators hurried to keep up.

Later that week the analysts said the evidence was thin, and several of them wrote to
their editors about what they had seen and heard in the building.

The chemist who had prepared the briefing said she still remembered the smell of the
room and the silence that followed the presentation.
"""

OTHER_STORY = """In a neighbouring town the council postponed its vote on a footbridge until
the engineers report in May, after residents asked for a second survey of the banks.

The mayor said the town could not afford to repeat the mistakes of the last decade, when a
ferry landing was built on ground that flooded every winter.

Opponents of the plan gathered outside the town hall with placards and a brass band, and
the meeting ran past midnight before the chair called for a vote.

A spokesman for the county said the grant would be kept open until the autumn.
"""

BOILERPLATE = (
    "Wire Service Inc. is an independent news agency that supplies reports to papers in "
    "forty countries and employs correspondents in every capital of the region."
)
"""A paragraph two wire stories share."""


def reader(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `reader ARGS` as a user would (this checkout's code, the test's directories)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def add_note(article: Path, quote: str, note: str = "check") -> None:
    result = reader(
        "notes", "add", article.name, "--quote", quote, "--note", note, "--notes-dir", "notes",
        cwd=article.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def drop_a_word(article: Path) -> None:
    """The edit of the issue: one word dropped inside the noted passage (`sed -i`)."""
    text = article.read_text(encoding="utf-8")
    edited = text.replace("some sort of a test tube", "some sort of test tube")
    assert edited != text
    article.write_text(edited, encoding="utf-8")


def notes_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "notes").glob("*.notes.yaml"))


def index_files() -> list[Path]:
    state = Path(os.environ["XDG_STATE_HOME"]) / "reader" / "notes-index"
    return sorted(state.glob("*.sqlite3"))


def test_notes_are_listed_after_a_word_is_dropped_inside_the_noted_passage(
    article: Path, tmp_path: Path
) -> None:
    add_note(article, "Colin Powell shook some sort of a test tube")
    drop_a_word(article)
    result = reader("notes", "a.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No notes" not in result.stdout
    assert "1 note in" in result.stdout and "check" in result.stdout
    assert "fuzzy" in result.stdout  # placed again, inside the edited passage
    assert len(notes_files(tmp_path)) == 1


def test_notes_follow_a_rewrapped_retitled_article_with_a_correction_appended(
    article: Path, tmp_path: Path
) -> None:
    add_note(article, "Colin Powell shook some sort of a test tube")
    add_note(article, "the analysts said the evidence was thin", note="second")
    text = article.read_text(encoding="utf-8")
    body = " ".join(text.split("\n\n", 1)[1].split("\n"))  # hard wraps removed
    body = body.replace("some sort of a test tube", "some sort of test tube")
    body = body.replace("evidence was thin", "evidence was very thin")
    edited = f"Chemist remembers the vial\n\n{body}\n\nCorrection: the meeting began on time.\n"
    article.write_text(edited, encoding="utf-8")
    result = reader("notes", "a.txt", "--notes-dir", "notes", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    notes = json.loads(result.stdout)["notes"]
    assert sorted(n["note"] for n in notes) == ["check", "second"]
    assert {n["status"] for n in notes} == {"fuzzy"}


def test_an_uncertain_match_is_offered_with_the_command_that_attaches_it(
    article: Path, tmp_path: Path
) -> None:
    add_note(article, "Colin Powell shook some sort of a test tube")
    for index in index_files():  # the notes came from another machine: no local history
        index.unlink()
    copy = tmp_path / "download.txt"  # another path, a new headline, an edit in the passage
    text = article.read_text(encoding="utf-8").replace("sort of a test tube", "sort of test tube")
    copy.write_text("A new headline\n" + text.split("\n", 1)[1], encoding="utf-8")
    result = reader("notes", "download.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert result.returncode == 0
    (notes_file,) = notes_files(tmp_path)
    offers = [line for line in result.stderr.splitlines() if "reader notes attach" in line]
    assert len(offers) == 1, result.stderr
    assert notes_file.name in offers[0]
    command = shlex.split(offers[0].split("run: ", 1)[1])  # what the user copies
    assert command[:4] == ["reader", "notes", "attach", "download.txt"]
    refused = reader(
        "notes", "add", "download.txt", "--quote", "the evidence was thin", "--notes-dir", "notes",
        cwd=tmp_path,
    )  # fmt: skip
    assert refused.returncode == 2 and "reader notes attach" in refused.stderr
    assert len(notes_files(tmp_path)) == 1  # no second file started beside the offered one
    attached = reader(*command[1:], "--notes-dir", "notes", cwd=tmp_path)
    assert attached.returncode == 0, attached.stderr
    listed = reader("notes", "download.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert "1 note in" in listed.stdout and "reader notes attach" not in listed.stderr


@pytest.mark.parametrize("where", ["in a note", "in the header, index deleted"])
def test_adding_a_note_when_the_articles_notes_file_is_malformed_names_the_file(
    article: Path, tmp_path: Path, where: str
) -> None:
    add_note(article, "Colin Powell shook some sort of a test tube")
    drop_a_word(article)
    (notes_file,) = notes_files(tmp_path)
    text = notes_file.read_text(encoding="utf-8")
    if where == "in a note":
        broken = text.replace("note: |", "note: [unclosed\n  |")
    else:
        broken = text.replace("document:", "document: [", 1)
        for index in index_files():
            index.unlink()
    assert broken != text
    notes_file.write_text(broken, encoding="utf-8")
    result = reader(
        "notes", "add", "a.txt", "--quote", "the evidence was thin", "--notes-dir", "notes",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("reader: error: ") and "Traceback" not in result.stderr
    assert notes_file.name in result.stderr
    assert notes_files(tmp_path) == [notes_file]  # no second file
    assert notes_file.read_text(encoding="utf-8") == broken  # and the broken one untouched


@pytest.mark.parametrize("damage", ["deleted", "garbage", "foreign database"])
def test_a_deleted_or_damaged_index_is_rebuilt(article: Path, tmp_path: Path, damage: str) -> None:
    add_note(article, "Colin Powell shook some sort of a test tube")
    (index,) = index_files()
    if damage == "deleted":
        index.unlink()
    elif damage == "garbage":
        index.write_bytes(b"\x00not a database\xff" * 100)
    else:
        index.unlink()
        with sqlite3.connect(index) as db:
            db.execute("CREATE TABLE files (x)")
    drop_a_word(article)
    # Without the local history the title and the path are unknown evidence: the lookup
    # must read the files again, and it offers or lists the notes, never "No notes" alone.
    result = reader("notes", "a.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 note in" in result.stdout or "reader notes attach" in result.stderr
    assert "Traceback" not in result.stderr
    (rebuilt,) = index_files()
    with sqlite3.connect(rebuilt) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] >= 1
        assert db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 1


def test_two_articles_with_the_same_title_keep_their_notes_apart(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text(f"Council votes on the bridge\n\n{ARTICLE}\n{BOILERPLATE}\n", encoding="utf-8")
    add_note(first, "supplies reports to papers in forty countries", note="about the agency")
    second = tmp_path / "second.txt"  # another story, the same headline and boilerplate
    second.write_text(
        f"Council votes on the bridge\n\n{OTHER_STORY}\n{BOILERPLATE}\n", encoding="utf-8"
    )
    result = reader("notes", "second.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No notes for this article" in result.stdout
    assert "about the agency" not in result.stdout
    assert "reader notes attach" not in result.stderr
    # and the first still finds its own notes after an edit
    drop_a_word(first)
    listed = reader("notes", "first.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert "about the agency" in listed.stdout


def test_the_index_follows_files_changed_behind_its_back(article: Path, tmp_path: Path) -> None:
    add_note(article, "Colin Powell shook some sort of a test tube")
    (notes_file,) = notes_files(tmp_path)
    listed = reader("notes", "a.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert "1 note in" in listed.stdout
    moved = notes_file.with_name("renamed--00000000.notes.yaml")  # a sync renamed it
    notes_file.rename(moved)
    listed = reader("notes", "a.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert "1 note in" in listed.stdout and moved.name in listed.stdout
    moved.unlink()  # removed by a git pull
    listed = reader("notes", "a.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert "No notes for this article" in listed.stdout


def test_notes_that_arrive_after_a_lookup_found_nothing_are_found(
    article: Path, tmp_path: Path
) -> None:
    (tmp_path / "notes").mkdir()
    past = time.time() - 60  # not just changed: the index trusts its mtime and remembers
    os.utime(tmp_path / "notes", (past, past))
    for _ in range(2):  # nothing yet (the second time from what the index remembers)
        listed = reader("notes", "a.txt", "--notes-dir", "notes", cwd=tmp_path)
        assert "No notes for this article" in listed.stdout
    elsewhere = tmp_path / "laptop"  # notes made on another machine, then synced in
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = reader(
        "notes", "add", "a.txt", "--quote", "the evidence was thin", "--note", "synced",
        "--notes-dir", "notes", cwd=elsewhere,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (synced,) = (elsewhere / "notes").glob("*.notes.yaml")
    synced.rename(tmp_path / "notes" / synced.name)
    listed = reader("notes", "a.txt", "--notes-dir", "notes", cwd=tmp_path)
    assert "1 note in" in listed.stdout and "synced" in listed.stdout


def test_a_book_opened_when_no_passage_is_noted_anywhere_is_never_shingled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hashing a 3 MB book's shingles and probing the index with them took about 3 s of CPU
    # in the reader's notes worker, as the book opened, for people with no notes at all.
    from annotations import location
    from annotations.store import NotesStore
    from reader.load import open_article

    calls: list[int] = []
    real = location.shingles

    def counted(text: str) -> set[int]:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(location, "shingles", counted)
    book = tmp_path / "book.txt"
    book.write_text(ARTICLE + "\n" + OTHER_STORY * 20, encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    store = NotesStore.open(open_article(str(book)), notes)
    assert store.annotations == () and calls == []

    other = tmp_path / "other.txt"
    other.write_text(OTHER_STORY, encoding="utf-8")
    other_article = open_article(str(other))
    other_store = NotesStore.open(other_article, notes)
    start = other_article.text.index("the grant")
    other_store.add(other_article.text, start, start + 30, note="ask the county")
    NotesStore.open(open_article(str(book)), notes)  # a passage is indexed now: look for it
    assert calls
