"""`reader notes`, `reader notes add` and `reader export`, run as a user would from a shell."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from reader.cli import main

ARTICLE = """Harbour town votes to rebuild its bridge

The council of Port Alden voted on Tuesday to rebuild the bridge.

"We cannot wait another winter," said the mayor after the vote.

The bridge will have two lanes. The work on the bridge starts in May.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    return tmp_path / "notes"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def notes_json(capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path) -> list[dict]:  # type: ignore[type-arg]
    code, out, _ = run(
        capsys, "notes", str(article), "--format", "json", "--notes-dir", str(notes_dir)
    )
    assert code == 0
    return json.loads(out)["notes"]  # type: ignore[no-any-return]


def test_add_then_list_in_every_format(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    code, out, err = run(
        capsys,
        "notes",
        "add",
        str(article),
        "--quote",
        "said the mayor",
        "--note",
        "Who is the mayor?\nCheck the name.",
        "--tag",
        "people",
        "--tag",
        "to check",
        "--notes-dir",
        str(notes_dir),
    )
    assert code == 0, err
    assert "Added note" in out
    [listed] = notes_json(capsys, article, notes_dir)
    assert listed["status"] == "exact"
    assert listed["text"] == "said the mayor"
    assert listed["note"] == "Who is the mayor?\nCheck the name."
    assert listed["tags"] == ["people", "to check"]
    assert listed["paragraph"] == 2  # numbered from 1, as in the reader's ¶ 2/N

    code, out, _ = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert code == 0
    assert "exact" in out and "said the mayor" in out and "#people" in out

    code, out, _ = run(
        capsys, "notes", str(article), "--format", "yaml", "--notes-dir", str(notes_dir)
    )
    assert yaml.safe_load(out)["notes"][0]["note"] == "Who is the mayor?\nCheck the name."


def test_notes_dir_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    article: Path,
    notes_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("READER_NOTES_DIR", str(notes_dir))
    code, _, err = run(capsys, "notes", "add", str(article), "--quote", "two lanes")
    assert code == 0, err
    assert len(list(notes_dir.glob("*.notes.yaml"))) == 1


def test_a_passage_not_in_the_article_is_an_error(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    code, _, err = run(
        capsys,
        "notes",
        "add",
        str(article),
        "--quote",
        "not in there",
        "--notes-dir",
        str(notes_dir),
    )
    assert code == 2
    assert err.startswith("reader: error: passage not found")
    assert not notes_dir.exists()


def test_an_ambiguous_passage_is_an_error_until_context_chooses(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    base = ["notes", "add", str(article), "--quote", "the bridge", "--notes-dir", str(notes_dir)]
    code, _, err = run(capsys, *base)
    assert code == 2
    assert "occurs 2 times (paragraphs 1, 3)" in err and "--context" in err
    assert run(capsys, *base, "--suffix", "starts in May")[0] == 0
    assert run(capsys, *base, "--prefix", "voted on Tuesday to rebuild")[0] == 0
    assert run(capsys, *base, "--context", "The work on the bridge starts")[0] == 0
    code, _, err = run(capsys, *base, "--prefix", "no such words")
    assert code == 2 and "not with the given" in err
    listed = notes_json(capsys, article, notes_dir)
    assert sorted(n["paragraph"] for n in listed) == [1, 3, 3]  # from 1, as every output
    assert len({n["start"] for n in listed}) == 2


def test_a_passage_across_a_line_break_still_matches(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    code, _, err = run(
        capsys,
        "notes",
        "add",
        str(article),
        "--quote",
        'the  bridge.\n\n"We cannot',
        "--notes-dir",
        str(notes_dir),
    )
    assert code == 0, err


def test_notes_of_an_edited_article_are_listed_with_their_status_and_orphans_kept(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    for quote in ("said the mayor after the vote", "two lanes", "voted on Tuesday"):
        code, _, err = run(
            capsys, "notes", "add", str(article), "--quote", quote, "--notes-dir", str(notes_dir)
        )
        assert code == 0, err
    # The article is edited in place: one passage reworded, one removed.
    edited = ARTICLE.replace("after the vote", "after this vote").replace(
        "The bridge will have two lanes. ", ""
    )
    article.write_text(edited, encoding="utf-8")
    listed = {n["exact"]: n for n in notes_json(capsys, article, notes_dir)}
    assert listed["voted on Tuesday"]["status"] == "exact"
    assert listed["said the mayor after the vote"]["status"] == "fuzzy"
    assert listed["two lanes"]["status"] == "orphan"
    assert listed["two lanes"]["start"] is None
    code, out, _ = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert "1 orphaned" in out


def test_a_malformed_notes_file_is_reported_and_left_alone(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    run(capsys, "notes", "add", str(article), "--quote", "two lanes", "--notes-dir", str(notes_dir))
    notes_file = next(notes_dir.glob("*.notes.yaml"))
    notes_file.write_text(notes_file.read_text().replace("note: ''", "note: [oops"))
    before = notes_file.read_bytes()
    code, _, err = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert code == 2
    assert str(notes_file) in err and "line " in err
    code, _, err = run(
        capsys,
        "notes",
        "add",
        str(article),
        "--quote",
        "voted on Tuesday",
        "--notes-dir",
        str(notes_dir),
    )
    assert code == 2 and "not changed" in err
    assert notes_file.read_bytes() == before


def test_list_options_are_refused_for_adding_and_vice_versa(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, _, err = run(capsys, "notes", str(article), "--quote", "x")
    assert code == 2 and "--quote belongs to 'reader notes add'" in err
    code, _, err = run(capsys, "notes", "add", str(article))
    assert code == 2 and "--quote" in err


def test_export_markdown_for_obsidian(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    run(
        capsys,
        "notes",
        "add",
        str(article),
        "--quote",
        "two lanes",
        "--note",
        "Enough for the traffic?",
        "--tag",
        "open question",
        "--notes-dir",
        str(notes_dir),
    )
    code, out, err = run(capsys, "export", str(article), "--notes-dir", str(notes_dir))
    assert code == 0, err
    assert out.startswith("---\n")
    front = yaml.safe_load(out.split("---\n")[1])
    assert front["title"] == "Harbour town votes to rebuild its bridge"
    assert "open-question" in front["tags"]
    assert "# Harbour town votes to rebuild its bridge" in out
    assert "> two lanes\n" in out
    assert "Enough for the traffic?" in out
    assert "#open-question" in out
    again = run(capsys, "export", str(article), "--notes-dir", str(notes_dir))[1]
    assert again == out  # deterministic: no time stamp


def test_export_json(capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path) -> None:
    run(capsys, "notes", "add", str(article), "--quote", "two lanes", "--notes-dir", str(notes_dir))
    code, out, _ = run(
        capsys, "export", str(article), "--format", "json", "--notes-dir", str(notes_dir)
    )
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "Harbour town votes to rebuild its bridge"
    assert set(data) >= {"quotes", "speakers", "notes", "text_sha256"}
    assert [n["text"] for n in data["notes"]] == ["two lanes"]


def test_export_without_notes_still_works(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path
) -> None:
    code, out, _ = run(capsys, "export", str(article), "--notes-dir", str(notes_dir))
    assert code == 0 and "# Harbour town votes" in out
    assert not notes_dir.exists()


def test_recover_a_notes_file_left_with_git_conflict_markers(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path, tmp_path: Path
) -> None:
    def add(quote: str) -> None:
        code, _, err = run(
            capsys, "notes", "add", str(article), "--quote", quote, "--notes-dir", str(notes_dir)
        )
        assert code == 0, err

    add("voted on Tuesday")
    notes_file = next(notes_dir.glob("*.notes.yaml"))
    base = notes_file.read_text()
    add("two lanes")
    ours = notes_file.read_text()
    notes_file.write_text(base)
    add("said the mayor")
    theirs = notes_file.read_text()
    sides = []
    for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
        (tmp_path / name).write_text(text)
        sides.append(str(tmp_path / name))
    subprocess.run(["git", "merge-file", *sides], check=False, capture_output=True)
    conflicted = (tmp_path / "ours").read_text()
    assert "<<<<<<<" in conflicted
    notes_file.write_text(conflicted)

    code, out, err = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert code == 0
    assert "conflict markers" in err and "reader notes recover" in err
    assert notes_file.read_text() == conflicted  # listing never writes

    code, out, err = run(capsys, "notes", "recover", str(article), "--notes-dir", str(notes_dir))
    assert code == 0, err
    assert "Recovered 3 notes" in out
    assert [p.read_text() for p in notes_dir.glob("*.conflict-*.bak")] == [conflicted]
    listed = sorted(n["exact"] for n in notes_json(capsys, article, notes_dir))
    assert listed == ["said the mayor", "two lanes", "voted on Tuesday"]

    code, _, err = run(capsys, "notes", "recover", str(article), "--notes-dir", str(notes_dir))
    assert code == 2 and "nothing to recover" in err


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        ("Check  the\tname", "Check the name"),  # runs of spaces and tabs fold to one space
        (" Who is\nthe mayor? ", "Who is the mayor?"),  # a multi-line note is one line
        ("red\x1b[31m alert\x07", "red alert␇"),  # escapes dropped, controls made visible
        ("non\u00a0breaking", "non breaking"),  # any Unicode space folds too
        ("two  spaces", "two spaces"),
        ("Fine as it is", "Fine as it is"),
    ],
)
def test_the_notes_table_shows_each_note_on_one_clean_line(
    capsys: pytest.CaptureFixture[str], article: Path, notes_dir: Path, note: str, shown: str
) -> None:
    add = ["notes", "add", str(article), "--quote", "said the mayor", "--note", note]
    assert run(capsys, *add, "--notes-dir", str(notes_dir))[0] == 0
    code, out, _ = run(capsys, "notes", str(article), "--notes-dir", str(notes_dir))
    assert code == 0
    [row] = [line for line in out.splitlines() if "said the mayor" in line]
    assert row.endswith("  " + shown)
    assert "\x1b" not in out
