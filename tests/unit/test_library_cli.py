"""The library commands as a user runs them: add, library, said, search --library, export."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from reader.library import index

ARTICLES = Path(__file__).parent.parent / "data" / "library" / "articles"

HOSTILE = (
    "Dam row <script>alert(1)</script>\n\n"
    'Energy Minister Ahmet Kaya said on Monday: "We will finish [the dam](javascript:x) '
    '<img src=x onerror=alert(1)> by spring." \x1b[31mred\x1b[0m\n'
)


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_LIBRARY_DIR", str(tmp_path / "library"))
    monkeypatch.setenv("READER_NOTES_DIR", str(tmp_path / "notes"))
    return tmp_path / "library"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_prints_the_id_and_adding_again_updates(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "add", str(ARTICLES / "article-01.txt"))
    assert code == 0 and len(out.strip()) == 12
    code, again, err = _run(capsys, "add", str(ARTICLES / "article-01.txt"))
    assert (code, again) == (0, out) and "updated" in err
    code, listing, _ = _run(capsys, "library", "--format", "json")
    assert [a["id"] for a in json.loads(listing)] == [out.strip()]


def test_library_lists_counts_and_status(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "add", str(ARTICLES / "article-04.txt"), str(ARTICLES / "article-12.txt"))
    code, out, _ = _run(capsys, "library", "--format", "json")
    rows = {row["title"]: row for row in json.loads(out)}
    assert code == 0
    assert rows["Fuel prices: doubts grow"]["speakers"] == 2
    assert rows["Fuel prices: doubts grow"]["quotes"] == 4
    assert rows["The river: a deal is near"]["read"] is False
    _, table, _ = _run(capsys, "library")
    assert table.splitlines()[0].split() == [
        "id",
        "date",
        "status",
        "quotes",
        "speakers",
        "notes",
        "source",
        "title",
    ]


def test_said_tolerates_typos_and_aliases_and_lists_newest_first(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    erdogan = [p for p in sorted(ARTICLES.glob("*.txt")) if "Erdo" in p.read_text()][:3]
    _run(capsys, "add", *map(str, erdogan))
    for name in ("Erdgoan", "President Erdoğan", "recep tayyip erdogan"):
        code, out, _ = _run(capsys, "said", name, "--format", "json")
        data = json.loads(out)
        assert code == 0 and data["person"]["name"].startswith("Recep Tayyip Erdo")
        assert len({q["article"] for q in data["quotes"]}) == 3
        dates = [q["date"] for q in data["quotes"]]
        assert dates == sorted(dates, reverse=True)
    code, _, err = _run(capsys, "said", "Nobody Atall")
    assert code == 1 and "nobody called" in err


def test_search_library_finds_across_articles_with_typos(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "add", *map(str, sorted(ARTICLES.glob("*.txt"))[:8]))
    code, out, _ = _run(capsys, "search", "--library", "disastr", "--format", "json")
    results = json.loads(out)["results"]
    assert code == 0 and results
    assert all("disaster" in r["text"].lower() for r in results)
    assert len({r["article"] for r in results}) > 1
    code, out, _ = _run(capsys, "search", "--library", "@Kaya", "--format", "json")
    assert code == 0 and {r["speaker"] for r in json.loads(out)["results"]} <= {
        "Ahmet Kaya",
        "Mehmet Kaya",
    }
    code, _, err = _run(capsys, "search", "--library", "zzyzxq")
    assert code == 1 and "no results" in err


def test_text_from_articles_is_shown_as_text(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE)
    _run(capsys, "add", str(hostile))
    _, table, _ = _run(capsys, "library")
    _, said, _ = _run(capsys, "said", "Kaya")
    assert "\x1b" not in table + said
    code, _, _ = _run(capsys, "export", "--library", str(tmp_path / "vault"), "--format", "md")
    [exported] = (tmp_path / "vault").glob("*.md")
    text = exported.read_text()
    assert code == 0
    _, front_matter, body = text.split("---\n", 2)
    # Every `<` and `](` from the article is escaped: Markdown shows them, never renders them.
    assert not re.search(r"(?<!\\)<(?!file:)", body)
    assert not re.search(r"(?<!\\)\]\(", body)
    assert "\\<script\\>" in body
    front = yaml.safe_load(front_matter)  # YAML data, shown by Obsidian as plain properties
    assert front["title"].startswith("Dam row")
    assert "## Quotes" in text and "### Ahmet Kaya" in text


def test_export_library_writes_one_file_per_article(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "add", *map(str, sorted(ARTICLES.glob("*.txt"))[:3]))
    code, _, err = _run(capsys, "export", "--library", str(tmp_path / "out"), "--format", "md")
    assert code == 0 and "exported 3 articles" in err
    assert len(list((tmp_path / "out").glob("*.md"))) == 3


def test_reindex_rebuilds_and_reports(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "add", str(ARTICLES / "article-02.txt"))
    code, _, err = _run(capsys, "library", "reindex")
    assert code == 0 and "reindexed 1 article" in err


@pytest.mark.parametrize(
    ("case", "args", "message"),
    [
        ("missing file", ["add", "/no/such/file.txt"], "no such file"),
        ("unknown article", ["library", "--format", "xml"], "invalid choice"),
        ("file given to search --library", ["search", "x.txt", "q", "--library"], "QUERY"),
    ],
)
def test_errors_are_one_line_exit_2(
    library: Path, capsys: pytest.CaptureFixture[str], case: str, args: list[str], message: str
) -> None:
    code, _, err = _run(capsys, *args)
    assert code == 2, case
    assert err.count("\n") == 1 and err.startswith("reader: error: ") and message in err, case


def test_a_library_dir_that_is_a_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = _run(capsys, "library", "--library-dir", str(blocker / "lib"))
    assert code == 2 and err.startswith("reader: error: library:") and err.count("\n") == 1


def test_said_answers_for_an_add_a_kill_left_pending(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`said` reads the index directly only when it is whole: a pending add is recovered first."""
    import sqlite3

    erdogan = [p for p in sorted(ARTICLES.glob("*.txt")) if "Erdo" in p.read_text()][:2]
    _, first, _ = _run(capsys, "add", str(erdogan[0]))
    _, second, _ = _run(capsys, "add", str(erdogan[1]))
    # As if killed after writing the second article's files, before its index rows committed.
    db = sqlite3.connect(library / "index.sqlite")
    with db:
        for table, rows in (("quote_text", "quote_rows"), ("passage_text", "passage_rows")):
            db.execute(
                f"DELETE FROM {table} WHERE rowid IN"
                f" (SELECT rowid FROM {rows} WHERE article_id = ?)",
                (second.strip(),),
            )
            db.execute(f"DELETE FROM {rows} WHERE article_id = ?", (second.strip(),))
        for table, column in (("article_people", "article_id"), ("articles", "id")):
            db.execute(f"DELETE FROM {table} WHERE {column} = ?", (second.strip(),))
    db.close()
    (library / "pending" / second.strip()).touch()
    code, out, _ = _run(capsys, "said", "Erdogan", "--format", "json")
    assert code == 0
    assert {q["article"] for q in json.loads(out)["quotes"]} == {first.strip(), second.strip()}
    assert not list((library / "pending").iterdir())


def test_said_on_an_index_from_an_older_reader_brings_it_up_to_date(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    erdogan = next(p for p in sorted(ARTICLES.glob("*.txt")) if "Erdo" in p.read_text())
    _run(capsys, "add", str(erdogan))
    db = sqlite3.connect(library / "index.sqlite")
    with db:  # marked as an older schema: `said` must not read it directly
        db.execute("DROP INDEX aliases_folded")
        db.execute("UPDATE schema_version SET version = 1")
    db.close()
    code, out, _ = _run(capsys, "said", "erdoğan")
    assert code == 0 and "Recep Tayyip Erdo" in out.splitlines()[0]
    db = sqlite3.connect(library / "index.sqlite")
    assert db.execute("SELECT version FROM schema_version").fetchone() == (index.SCHEMA_VERSION,)
    db.close()
