"""The file system's odd cases around a notes file, run as a user would from a shell.

A symlinked notes file, a FIFO, socket or device in its place, two processes saving at
once, the last good copy and its restoring, hand-written comments, conflicts reported
outside the app, `recover` inside a git repository, and odd arguments.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotations.model import Conflict
from annotations.safe_files import LockTimeout, file_lock
from annotations.store import NotesStore
from annotations.yaml_io import dump, parse, parse_bytes
from reader.cli import main
from tests.unit.test_cli_notes import ARTICLE, run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    return tmp_path / "notes"


def reader(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real `reader` command in a child process (a hang fails the test, not the run)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def add_note(article: Path, notes_dir: Path, quote: str, note: str = "") -> Path:
    """Add a note with `reader notes add`; return the notes file."""
    code = main(["notes", "add", str(article), "--quote", quote, "--note", note,
                 "--notes-dir", str(notes_dir)])  # fmt: skip
    assert code == 0
    (path,) = notes_dir.glob("*.notes.yaml")
    return path


def live_notes(path: Path) -> list[str]:
    return [a.note for a in parse_bytes(path.read_bytes(), path.name).live]


# -- a symlink ------------------------------------------------------------------------------


def test_a_symlinked_notes_file_is_written_through_to_its_target(
    tmp_path: Path, article: Path, notes_dir: Path
) -> None:
    made = add_note(article, notes_dir, "rebuild the bridge", "first")
    shared = tmp_path / "shared" / "harbour.notes.yaml"
    shared.parent.mkdir()
    made.rename(shared)
    made.symlink_to(shared)

    add_note(article, notes_dir, "said the mayor", "second")

    assert made.is_symlink(), "the link was replaced by a regular file"
    assert sorted(live_notes(shared)) == ["first", "second"]
    assert not list(notes_dir.glob("*.bak"))  # the last good copy sits beside the target
    assert live_notes(shared.with_name(shared.name + ".bak")) == ["first"]


# -- a FIFO, a socket, a device -------------------------------------------------------------


@pytest.fixture
def fifo_notes(article: Path, notes_dir: Path) -> Iterator[Path]:
    """The article's notes file replaced by a FIFO nobody writes to."""
    path = add_note(article, notes_dir, "rebuild the bridge", "kept")
    path.unlink()
    os.mkfifo(path)
    yield path


@pytest.mark.parametrize(
    "words",
    [["notes"], ["notes", "add"], ["export"], ["notes", "recover"]],
    ids=["notes", "notes add", "export", "notes recover"],
)
def test_a_fifo_in_place_of_the_notes_file_is_refused_not_waited_on(
    fifo_notes: Path, article: Path, notes_dir: Path, words: list[str]
) -> None:
    extra = ["--quote", "said the mayor"] if words == ["notes", "add"] else []
    started = time.monotonic()
    try:
        result = reader(*words, str(article), *extra, "--notes-dir", str(notes_dir), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reader {' '.join(words)} hung on a FIFO")
    assert time.monotonic() - started < 30
    assert "a FIFO (named pipe), not a notes file" in result.stderr
    if words != ["export"]:  # export still exports the article, with a warning
        assert result.returncode == 2
        assert result.stderr.startswith("reader: error: ") and result.stderr.count("\n") == 1
    assert fifo_notes.exists() and not fifo_notes.is_file()  # left as it was


def test_opening_a_fifo_takes_well_under_a_second(fifo_notes: Path) -> None:
    outcome: list[NotesStore] = []
    opener = threading.Thread(
        target=lambda: outcome.append(NotesStore.open_path(fifo_notes)), daemon=True
    )
    started = time.monotonic()
    opener.start()
    opener.join(timeout=5)
    elapsed = time.monotonic() - started
    assert outcome, "opening the notes blocked on the FIFO"
    assert elapsed < 1.0
    assert outcome[0].read_only is not None and "FIFO" in outcome[0].read_only


def test_a_socket_or_a_device_in_place_of_the_notes_file_is_refused(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    notes_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = add_note(article, notes_dir, "rebuild the bridge", "kept")
    path.unlink()
    monkeypatch.chdir(notes_dir)  # a socket path must be short: bind it by its bare name
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(path.name)
        code, _, err = run(capsys, "notes", "add", str(article), "--quote", "said the mayor",
                           "--notes-dir", str(notes_dir))  # fmt: skip
        assert code == 2
        assert "is a socket, not a notes file" in err
    finally:
        server.close()
    path.unlink()
    path.symlink_to(os.devnull)
    code, _, err = run(capsys, "notes", "add", str(article), "--quote", "said the mayor",
                       "--notes-dir", str(notes_dir))  # fmt: skip
    assert code == 2
    assert "is a character device, not a notes file" in err
    assert err.count("\n") == 1 and err.startswith("reader: error: ")


# -- lock contention ------------------------------------------------------------------------

HOG = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from annotations.safe_files import file_lock
    path, hold, until = Path(sys.argv[1]), float(sys.argv[2]), time.monotonic() + float(sys.argv[3])
    print("started", flush=True)
    while time.monotonic() < until:
        with file_lock(path, 30):
            time.sleep(hold)
    """
)
"""A writer that saves back to back: it takes the lock again the moment it lets it go."""


def test_a_waiting_writer_gets_the_lock_between_two_saves_of_a_busy_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.notes.yaml"
    hog = subprocess.Popen(
        [sys.executable, "-c", HOG, str(path), "0.05", "20"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert hog.stdout is not None and hog.stdout.readline() == "started\n"
        time.sleep(0.3)  # the hog is saving back to back now
        waits = []
        for _ in range(3):
            started = time.monotonic()
            try:
                with file_lock(path, 5.0):
                    waits.append(time.monotonic() - started)
            except LockTimeout:
                pytest.fail("a writer gave up while another saved back to back")
    finally:
        hog.kill()
        hog.wait()
    # Served after at most the save in progress and the next one (50 ms each), with room
    # for a loaded machine; polling waited out the whole 5 s.
    assert max(waits) < 2.0, waits


# -- the last good copy ----------------------------------------------------------------------


def test_each_save_keeps_the_file_it_replaced_and_recover_restores_it(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    path = add_note(article, notes_dir, "rebuild the bridge", "first")
    assert not path.with_name(path.name + ".bak").exists()  # nothing was replaced yet
    one_note = path.read_bytes()
    add_note(article, notes_dir, "said the mayor", "second")
    backup = path.with_name(path.name + ".bak")
    assert backup.read_bytes() == one_note
    two_notes = path.read_bytes()

    path.write_bytes(two_notes.replace(b"annotations:\n", b"annotations: [\n", 1))  # a bad edit
    code, _, err = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert code == 2
    assert "'reader notes recover' restores the last good copy" in err

    code, out, err = run(capsys, "notes", "recover", str(article), "--notes-dir", str(notes_dir))
    assert code == 0, err
    assert f"Restored 1 note in {path} from its last good copy {backup.name}" in out
    assert live_notes(path) == ["first"]
    (broken,) = notes_dir.glob(path.name + ".broken-*.bak")
    assert b"annotations: [" in broken.read_bytes()  # the bad file is kept, not lost


def test_recover_brings_back_a_deleted_notes_file_from_its_last_good_copy(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    path = add_note(article, notes_dir, "rebuild the bridge", "first")
    add_note(article, notes_dir, "said the mayor", "second")
    path.unlink()
    code, out, _ = run(capsys, "notes", "recover", str(article), "--notes-dir", str(notes_dir))
    assert code == 0
    assert "Restored 1 note" in out
    assert live_notes(path) == ["first"]


# -- comments -------------------------------------------------------------------------------


def test_hand_written_comments_are_warned_about_before_a_save_drops_them(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    path = add_note(article, notes_dir, "rebuild the bridge", "a #hashtag is no comment")
    commented = b"# my reading list, keep\n" + path.read_bytes()
    path.write_bytes(commented)

    code, _, err = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert code == 0
    assert "has # comments (line 1) that the reader does not keep" in err

    code, _, err = run(capsys, "notes", "add", str(article), "--quote", "said the mayor",
                       "--notes-dir", str(notes_dir))  # fmt: skip
    assert code == 0
    assert "has # comments (line 1)" in err and "the next save drops them" in err
    assert path.with_name(path.name + ".bak").read_bytes() == commented
    code, _, err = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert "comments" not in err  # said once, before the save that dropped them


# -- conflicts outside the app ----------------------------------------------------------------


def test_reader_notes_says_when_a_note_was_edited_on_both_sides(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    path = add_note(article, notes_dir, "rebuild the bridge", "kept text")
    notes = parse(path.read_text(encoding="utf-8"), path.name)
    (kept,) = notes.annotations
    clash = Conflict(id=kept.id, field="note", value="the other text", updated=kept.updated,
                     author="bob")  # fmt: skip
    path.write_text(dump(notes.__class__(document=notes.document, annotations=notes.annotations,
                                         conflicts=(clash,))), encoding="utf-8")  # fmt: skip
    code, out, _ = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert code == 0
    assert "conflict: note was edited on both sides; kept 'kept text'" in out
    assert "other 'the other text' (bob" in out
    assert "1 conflict: the same note was edited on both sides" in out


# -- odd arguments --------------------------------------------------------------------------


def test_an_empty_kind_is_refused_with_one_line(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, out, err = run(capsys, "quotes", "--kind", "", str(article))
    assert code == 2
    assert out == ""
    assert err.startswith("reader: error: quotes: argument --kind: names no kind")
    assert err.count("\n") == 1


def test_an_empty_file_argument_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "dump", "")
    assert code == 2
    assert "the FILE argument is empty ('')" in err
    assert err.count("\n") == 1


# -- recover inside a notes repository --------------------------------------------------------


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
    )


@pytest.mark.slow  # real git: a remote, two clones and a failed pull
def test_after_reader_notes_recover_git_no_longer_lists_the_file_as_unmerged(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    remote, alice, bob = tmp_path / "remote.git", tmp_path / "alice", tmp_path / "bob"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice.mkdir()
    git(alice, "init", "--quiet")
    for clone, name in ((alice, "Alice"), (bob, "Bob")):
        if clone == bob:  # a plain clone: the notes merge driver is not registered in it
            assert git(tmp_path, "clone", "--quiet", str(remote), str(bob)).returncode == 0
        git(clone, "config", "user.name", name)
        git(clone, "config", "user.email", f"{name.lower()}@example.org")
        if clone == alice:
            assert reader("sync", "--init", str(remote), "--notes-dir", str(alice)).returncode == 0
            add_note(article, alice, "rebuild the bridge", "base")
            assert reader("sync", "--notes-dir", str(alice)).returncode == 0
    add_note(article, bob, "said the mayor", "bob's")
    git(bob, "commit", "--quiet", "-am", "bob's note")
    add_note(article, alice, "two lanes", "alice's")
    assert reader("sync", "--notes-dir", str(alice)).returncode == 0
    assert git(bob, "pull", "--quiet", "--no-rebase").returncode != 0  # git's text merge
    assert git(bob, "diff", "--name-only", "--diff-filter=U").stdout.strip()

    result = reader("notes", "recover", str(article), "--notes-dir", str(bob))
    assert result.returncode == 0, result.stderr
    assert "Recovered 3 notes" in result.stdout
    assert git(bob, "diff", "--name-only", "--diff-filter=U").stdout == ""
    (path,) = bob.glob("*.notes.yaml")
    assert sorted(live_notes(path)) == ["alice's", "base", "bob's"]
