"""The harness of the `reader sync` tests: bare remotes and clones in tmp dirs, against real git.

Every test builds its own remote and clones under `tmp_path`; the autouse fixture `git_home`
(imported by each test module) points `HOME` and `GIT_CONFIG_GLOBAL` into it, so nothing
depends on (or touches) the machine's git setup. Notes files are written through the notes model
and its canonical dumper.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotations import sync
from annotations.model import Annotation, Document, NotesFile, Selector, document_id
from annotations.store import file_name
from annotations.yaml_io import dump, has_conflict_markers, parse
from reader.load import load_bytes

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


@pytest.fixture(autouse=True)
def git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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


def refuse_pushes(remote: Path) -> Path:
    """Make the bare `remote` refuse every push, as a read-only server does; the hook doing it."""
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'repository is read-only' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    return hook


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
