"""Notes a collaborator syncs in cannot drive your terminal: the raw bytes are checked.

A second clone of the notes repository writes a notes file whose every field holds terminal
escapes (window title, OSC 52 clipboard, DCS, 8-bit CSI, screen clear) and Textual markup,
and pushes it with `reader sync`. The first clone pulls it with `reader sync`, then opens the
article in the real app in a pty; every byte the app writes to the terminal is kept and
searched for the escapes. `reader notes` and `reader export` are checked the same way.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotations.model import Conflict
from annotations.yaml_io import dump, parse
from tests.e2e.terminal import Terminal, reader_command

pytestmark = pytest.mark.slow

ARTICLE = """Harbour town votes to rebuild its bridge

The council of Port Alden voted on Tuesday to rebuild the bridge that the floods took.

"We cannot wait another winter," said the mayor after the vote.
"""

TITLE_OSC = "\x1b]2;PWNED-TITLE\x07"
CLIPBOARD_OSC = "\x1b]52;c;cm0gLXJmIH4=\x07"
DCS = "\x1bPq#0;2;0;0;0\x1b\\"
CSI_8BIT = "\x9b31m"
CLEAR = "\x1b[2J\x1b[H"
WINDOW_OP = "\x1b[8;5;20t"
RESET = "\x1bc"
BELL = "\x07"
LONE_ESCAPE = "\x1b"
HOSTILE = TITLE_OSC + CLIPBOARD_OSC + DCS + CSI_8BIT + CLEAR + WINDOW_OP + RESET + BELL
"""Escapes that must never reach the terminal from a note."""

MARKUP = "[b]bold[/b] [@click=app.quit]quit[/]"
"""Textual markup that must show as typed."""

FORBIDDEN = {
    "an OSC sequence (title, clipboard)": b"\x1b]",
    "the window-title payload": b"PWNED",
    "the clipboard payload": b"cm0gLXJmIH4",
    "a DCS sequence": b"\x1bP",
    "an 8-bit CSI": "\x9b".encode(),
    "a bell": b"\x07",
    "a clear-screen CSI": b"\x1b[2J",
    "a window-resize CSI": b"\x1b[8;5;20t",
    "a terminal reset": b"\x1bc",
    "a lone escape": b"\x1ba",
}


@pytest.fixture
def git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A private HOME and global git config for every git and reader command run."""
    home = tmp_path / "home"
    home.mkdir()
    config = home / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "READER_NOTES_DIR"):
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def reader(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The real `reader` command; its output kept as bytes, exactly as a terminal gets it."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, check=False, timeout=120
    )


def identity(clone: Path, name: str) -> None:
    git(clone, "config", "user.name", name)
    git(clone, "config", "user.email", f"{name.lower()}@example.org")


TEXTUAL_OWN = re.compile(rb"\x1b\]22;[a-z-]*\x07")
"""The one OSC Textual writes itself: the mouse pointer's shape (OSC 22)."""


ESCAPED_IS_FINE = ("the window-title payload", "the clipboard payload")
"""JSON keeps the note exact, with its escapes written as `\u001b`: harmless text."""


def assert_literal(raw: bytes, where: str, *, exact_data: bool = False) -> None:
    raw = TEXTUAL_OWN.sub(b"", raw)
    found = [
        what
        for what, needle in FORBIDDEN.items()
        if needle in raw and not (exact_data and what in ESCAPED_IS_FINE)
    ]
    assert not found, f"{where} wrote {', '.join(found)} to the terminal"


@pytest.fixture
def synced(tmp_path: Path, git_home: None) -> tuple[Path, Path, bytes]:
    """(article, Alice's notes directory, what `reader sync` printed) after Bob's hostile push."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = tmp_path / "alice"
    alice.mkdir()
    git(alice, "init", "--quiet")
    identity(alice, "Alice")
    assert reader("sync", "--init", str(remote), "--notes-dir", str(alice)).returncode == 0
    assert reader("sync", "--notes-dir", str(alice)).returncode == 0

    bob = tmp_path / "bob"
    git(tmp_path, "clone", "--quiet", str(remote), str(bob))
    identity(bob, "Bob")
    assert reader("sync", "--init", "--notes-dir", str(bob)).returncode == 0
    for quote in ("rebuild the bridge", "said the mayor"):
        added = reader("notes", "add", str(article), "--quote", quote, "--notes-dir", str(bob))
        assert added.returncode == 0, added.stderr
    (path,) = bob.glob("*.notes.yaml")
    notes = parse(path.read_text(encoding="utf-8"), path.name)
    placed, orphan = notes.annotations
    selector = orphan.selector
    assert selector is not None
    hostile = replace(
        notes,
        document=replace(notes.document, title=f"Bridge {HOSTILE} {MARKUP}"),
        annotations=(
            replace(
                placed,
                note=f"{HOSTILE}note {MARKUP} esc{LONE_ESCAPE}aped",
                tags=(f"tag{TITLE_OSC}", "[red]tag[/red]"),
                author=f"Bob{CLIPBOARD_OSC}",
                color=f"yellow{CSI_8BIT}",
            ),
            replace(orphan, selector=replace(selector, exact=f"gone {HOSTILE} passage {MARKUP}")),
        ),
        conflicts=(
            Conflict(
                id=placed.id,
                field="note",
                value=f"other {HOSTILE} value",
                updated=placed.updated,
                author=f"Eve{TITLE_OSC}",
            ),
        ),
    )
    path.write_text(dump(hostile), encoding="utf-8", newline="\n")
    pushed = reader("sync", "--notes-dir", str(bob))
    assert pushed.returncode == 0, pushed.stderr
    pulled = reader("sync", "--notes-dir", str(alice))
    assert pulled.returncode == 0, pulled.stderr
    assert list(alice.glob("*.notes.yaml")), "the hostile notes did not arrive"
    return article, alice, pulled.stdout + pulled.stderr


def test_reader_sync_reports_the_synced_title_and_conflict_as_text(
    synced: tuple[Path, Path, bytes],
) -> None:
    _, _, sync_output = synced
    assert_literal(sync_output, "reader sync")
    assert b"In:  Bridge" in sync_output  # the hostile title was reported, cleaned
    assert b"Conflict in Bridge" in sync_output  # and the conflict it brought


def test_the_commit_messages_sync_writes_hold_the_synced_title_as_text(
    synced: tuple[Path, Path, bytes],
) -> None:
    _, alice, _ = synced
    log = subprocess.run(
        ["git", "log", "--format=%B"], cwd=alice, capture_output=True, check=True, timeout=60
    ).stdout
    assert b"Notes on Bridge" in log
    # The payload may stay as plain text (`]2;PWNED-TITLE`): no escape that would run it does.
    assert_literal(log, "git log of the notes repository", exact_data=True)


def test_synced_notes_reach_the_terminal_only_as_text_in_the_app(
    synced: tuple[Path, Path, bytes],
) -> None:
    article, alice, _ = synced
    raw = bytearray()
    env = {"READER_NOTES_DIR": str(alice)}
    with Terminal(reader_command(str(article)), cols=80, rows=24, env=env) as term:
        feed = term.stream.feed

        def record(data: bytes) -> None:
            raw.extend(data)
            feed(data)

        term.stream.feed = record  # type: ignore[method-assign]
        term.wait_for("Harbour town")
        term.send("5")  # the Notes pane
        screen = term.wait_for("note [b]bold[/b]", timeout=60)
        assert "esc␛aped" in screen  # a lone ESC is made visible, as in article text
        assert "orphan" in screen
        term.send_key("enter")  # to the note's passage
        term.send_key("escape")
        term.send("a")  # the note editor, with the note's text in a text area
        screen = term.wait_for("Note ─", timeout=30)
        term.wait_for("[@click=app.quit]")
        term.send_key("escape")
        term.settle(0.5)
        term.send("/")  # search the notes: the results list shows the note's text
        term.send("#bold")
        term.wait_for("[@click=app.quit]", timeout=30)
        term.send_key("escape")
        term.settle(0.5)
        term.send("q")
        assert term.wait_exit() == 0
    assert_literal(bytes(raw), "the app")


@pytest.mark.parametrize("command", ["notes", "notes-json", "export", "export-json"])
def test_synced_notes_reach_the_terminal_only_as_text_from_commands(
    synced: tuple[Path, Path, bytes], command: str
) -> None:
    article, alice, _ = synced
    name, _, fmt = command.partition("-")
    args = [name, str(article), "--notes-dir", str(alice)]
    result = reader(*args, *(["--format", fmt] if fmt else []))
    assert result.returncode == 0, result.stderr
    assert b"bold" in result.stdout
    if fmt == "json":  # the data stays exact: only its presentation is made safe
        (note,) = [n for n in json.loads(result.stdout)["notes"] if n["status"] != "orphan"]
        assert note["note"].startswith(HOSTILE)
    assert_literal(result.stdout + result.stderr, f"reader {' '.join(args)}", exact_data=bool(fmt))


def test_an_error_message_quoting_a_hostile_file_name_is_shown_literally(
    tmp_path: Path, git_home: None
) -> None:
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir()
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert reader("notes", "add", str(article), "--quote", "said the mayor", "--notes-dir",
                  str(notes_dir)).returncode == 0  # fmt: skip
    (made,) = notes_dir.glob("*.notes.yaml")
    # A file name from a collaborator can hold escapes too: the error message names the file.
    path = made.rename(notes_dir / f"{TITLE_OSC}{CSI_8BIT}--{made.name.split('--')[-1]}")
    path.write_text("schema: 1\ndocument: [\n", encoding="utf-8")
    result = reader("notes", "add", str(article), "--quote", "the vote", "--notes-dir",
                    str(notes_dir))  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(b"reader: error: ")
    assert_literal(result.stderr, "the error message")
    assert os.path.getsize(path) > 0
