"""The merge driver as git calls it: files in, merged OURS out, or untouched files and exit 1."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotations.model import Annotation, Document, NotesFile, Selector
from annotations.yaml_io import dump, parse

DOC = Document(id="txt:00112233445566778899", title="Driver", text_sha256="ab" * 32)


def note(
    i: int, *, text: str = "", when: str = "2026-01-01T00:00:00.000Z", author: str = "a"
) -> Annotation:
    return Annotation(
        id=f"01JQ3Z7K8X4M2N6P0R5S{i:06d}",
        created="2026-01-01T00:00:00.000Z",
        updated=when,
        author=author,
        selector=Selector(exact=f"passage {i}", start=i, end=i + 9),
        note=text or f"note {i}\n",
    )


def notes(*annotations: Annotation) -> str:
    return dump(NotesFile(document=DOC, annotations=annotations))


def drive(
    tmp_path: Path, base: str, ours: str, theirs: str, *, swap: bool = False
) -> tuple[subprocess.CompletedProcess[str], str]:
    """Write the three versions and run the driver the way git does; return (result, OURS)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        files[name] = tmp_path / f".merge_file_{name}"
        files[name].write_text(text, encoding="utf-8")
    a, b = ("theirs", "ours") if swap else ("ours", "theirs")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader.commands.merge_driver",
            str(files["base"]),
            str(files[a]),
            str(files[b]),
            "notes/driver--00112233.notes.yaml",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result, files[a].read_text(encoding="utf-8")


BASE = notes(note(1), note(2), note(3))
OURS = notes(
    note(1, text="ours edited this\n", when="2026-01-02T00:00:00.000Z"),
    replace(note(2), color="green"),
    note(3),
    note(10),
)
THEIRS = notes(
    note(1, text="theirs edited this\n", when="2026-01-03T00:00:00.000Z", author="b"),
    replace(note(2), tags=("later",)),
    note(3).tombstone("2026-01-04T00:00:00.000Z"),
    note(20),
)


def test_merge_in_either_direction_gives_the_same_bytes(tmp_path: Path) -> None:
    forward, merged = drive(tmp_path / "forward", BASE, OURS, THEIRS)
    backward, swapped = drive(tmp_path / "backward", BASE, OURS, THEIRS, swap=True)
    assert forward.returncode == backward.returncode == 0, forward.stderr + backward.stderr
    assert merged == swapped
    result = parse(merged, "merged")
    assert [a.id for a in result.live] == [note(i).id for i in (1, 2, 10, 20)]
    kept = result.get(note(1).id)
    two = result.get(note(2).id)
    assert kept is not None and two is not None
    assert kept.note == "theirs edited this\n"
    assert (two.color, two.tags) == ("green", ("later",))
    assert [(c.field, c.value) for c in result.conflicts] == [("note", "ours edited this\n")]
    assert "edited on both sides" in forward.stderr


def test_add_add_with_an_empty_base_keeps_both_sides(tmp_path: Path) -> None:
    result, merged = drive(tmp_path, "", notes(note(1)), notes(note(2)))
    assert result.returncode == 0, result.stderr
    assert [a.id for a in parse(merged, "merged").live] == [note(1).id, note(2).id]


@pytest.mark.parametrize(
    ("case", "broken"),
    [
        ("not YAML", "schema: 1\ndocument: [unclosed\n"),
        ("conflict markers", "<<<<<<< ours\nschema: 1\n=======\nschema: 2\n>>>>>>> theirs\n"),
        ("union merge output", notes(note(1)) + notes(note(2))),
        ("newer schema", notes(note(1)).replace("schema: 1", "schema: 99", 1)),
        ("python tag", "schema: !!python/object/apply:os.system ['true']\n"),
    ],
)
def test_unreadable_input_exits_non_zero_and_touches_nothing(
    tmp_path: Path, case: str, broken: str
) -> None:
    for side in ("ours", "theirs"):
        where = tmp_path / side
        ours = broken if side == "ours" else notes(note(1))
        theirs = broken if side == "theirs" else notes(note(2))
        result, after = drive(where, BASE, ours, theirs)
        assert result.returncode == 1, case
        assert after == ours
        assert result.stderr.startswith("reader: error: cannot merge")
        assert "Traceback" not in result.stderr


def test_the_reader_subcommand_is_the_same_driver(tmp_path: Path) -> None:
    paths = []
    for name, text in (("base", BASE), ("ours", OURS), ("theirs", THEIRS)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "reader", "merge-driver", *paths],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    _, expected = drive(tmp_path / "module", BASE, OURS, THEIRS)
    assert (tmp_path / "ours").read_text(encoding="utf-8") == expected
