"""The library on disk: adding, updating, the index rebuilt, and crashes that lose nothing."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.document import Article, blocks_of, build_article
from reader.library import batch
from reader.library import library as library_module
from reader.library.extraction import prepare
from reader.library.files import META_NAME, article_id
from reader.library.library import Library

TEXT = [
    'Energy Minister Ahmet Kaya said on Monday that the dam was safe. "We will finish it," '
    "Kaya told reporters.",
    '"The river is dying," said Dr. Anna Lindqvist, a hydrologist.',
]


def _article(paragraphs: list[str], url: str | None = None, title: str = "Dam row"):  # type: ignore[no-untyped-def]
    return build_article(blocks_of(paragraphs), title=title, source=url or "test.txt", url=url)


def _consistent(root: Path) -> set[str]:
    """Every article with metadata is in the index and nothing else is; return the ids."""
    library = Library.open(str(root))
    on_disk = {i for i in library.files.ids() if library.files.meta(i) is not None}
    indexed = {row[0] for row in library.db.execute("SELECT id FROM articles")}
    assert on_disk == indexed
    orphans = library.db.execute(
        "SELECT count(*) FROM quote_rows WHERE article_id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    assert orphans == 0
    assert not list((root / "pending").iterdir())
    library.close()
    return on_disk


def test_adding_the_same_url_or_the_same_text_updates_instead_of_duplicating(
    tmp_path: Path,
) -> None:
    library = Library.open(str(tmp_path))
    first = library.add(_article(TEXT, url="https://example.test/dam"))
    again = library.add(_article([*TEXT, "A new paragraph."], url="https://example.test/dam"))
    assert (again.id, again.updated, first.updated) == (first.id, True, False)
    copy = library.add(_article([*TEXT, "A new paragraph."], url=None, title="Copy"))
    assert copy.id == first.id and copy.updated
    assert len(library.articles()) == 1
    assert "A new paragraph." in library.article(first.id).text


def test_a_corrupt_index_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    library = Library.open(str(tmp_path))
    added = library.add(_article(TEXT))
    library.close()
    (tmp_path / "index.sqlite").write_bytes(b"this is not a database" * 100)
    for extra in ("index.sqlite-wal", "index.sqlite-shm"):
        (tmp_path / extra).unlink(missing_ok=True)
    library = Library.open(str(tmp_path))
    assert [row.meta.id for row in library.articles()] == [added.id]
    assert list(tmp_path.glob("index.sqlite.damaged-*"))
    assert library.find_person("Kaya") is not None


def test_a_missing_index_is_rebuilt_from_the_files(tmp_path: Path) -> None:
    library = Library.open(str(tmp_path))
    added = library.add(_article(TEXT))
    library.close()
    for path in tmp_path.glob("index.sqlite*"):
        path.unlink()
    library = Library.open(str(tmp_path))
    person = library.find_person("anna lindqvist")
    assert person is not None
    assert [s.article_id for s in library.said(person.id)] == [added.id]


def test_a_folder_without_metadata_is_no_article(tmp_path: Path) -> None:
    library = Library.open(str(tmp_path))
    added = library.add(_article(TEXT))
    half = tmp_path / "articles" / "0123456789ab"
    half.mkdir()
    (half / "text-000000000000.txt").write_text("half written")
    stale = tmp_path / "articles" / added.id / ".meta.yaml.4242.tmp"
    stale.write_text("left by a killed writer")
    assert library.reindex() == 1
    assert not half.exists() and not stale.exists()
    assert (tmp_path / "articles" / added.id / META_NAME).exists()


_ADDER = """
import sys
from reader.document import blocks_of, build_article
from reader.library.library import Library
library = Library.open(sys.argv[1])
print("ready", flush=True)
for n in range(int(sys.argv[3])):
    text = [f"Paragraph {sys.argv[2]}-{n}. Minister Ahmet Kaya said the dam was safe.",
            '"We will finish it," Kaya said.']
    library.add(build_article(blocks_of(text), title=f"{sys.argv[2]} {n}", source="x"))
"""

_BATCH_ADDER = """
import sys
from reader.document import blocks_of, build_article
from reader.library.library import Library
library = Library.open(sys.argv[1])
print("ready", flush=True)
articles = []
for n in range(int(sys.argv[3])):
    text = [f"Paragraph {sys.argv[2]}-{n}. Minister Ahmet Kaya said the dam was safe.",
            '"We will finish it," Kaya said.']
    articles.append(build_article(blocks_of(text), title=f"{sys.argv[2]} {n}", source="x"))
library.add_all(articles, workers=2)
"""


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _ADDER, str(tmp_path), name, "6"], stdout=subprocess.DEVNULL
        )
        for name in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    assert len(_consistent(tmp_path)) == 12


@pytest.mark.slow
def test_two_imports_with_worker_processes_at_once_lose_nothing(tmp_path: Path) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _BATCH_ADDER, str(tmp_path), name, "60"],
            stdout=subprocess.DEVNULL,
        )
        for name in ("a", "b")
    ]
    assert [p.wait(timeout=300) for p in processes] == [0, 0]
    assert len(_consistent(tmp_path)) == 120


@pytest.mark.slow
@pytest.mark.parametrize("job", ["add", "add_all", "reindex"])
def test_sigkill_30_times_leaves_the_library_consistent(tmp_path: Path, job: str) -> None:
    rng = random.Random(16)
    script = {
        "add": _ADDER,
        "add_all": _BATCH_ADDER,
        "reindex": _ADDER + "\nfor _ in range(50): library.reindex()\n",
    }[job]
    for round_ in range(30):
        process = subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path), f"r{round_}", "40"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        # The clock starts once the library is open: on a loaded machine the imports alone
        # can outlast the sleep, and then no kill lands inside an add.
        assert process.stdout is not None and process.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.3, 1.2))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    ids = _consistent(tmp_path)
    assert ids  # something was added before the kills


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_workers_of_a_killed_import_end_with_it(tmp_path: Path) -> None:
    importer = subprocess.Popen(
        [sys.executable, "-c", _BATCH_ADDER, str(tmp_path), "k", "400"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and importer.poll() is None:
        time.sleep(0.05)
        workers = _children(importer.pid)
    assert len(workers) == 2, "the import started its two workers"
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for pid in left:  # do not leave them sleeping after a failure either
        os.kill(pid, signal.SIGKILL)
    assert not left, "workers outlived the killed import"


def test_add_all_extracts_in_workers_and_gives_the_same_index(tmp_path: Path) -> None:
    articles = [
        _article([f"Paragraph {n}.", *TEXT], url=f"https://example.test/{n}") for n in range(8)
    ]
    one = Library.open(str(tmp_path / "one"))
    for article in articles:
        one.add(article)
    many = Library.open(str(tmp_path / "many"))
    results = many.add_all(articles, workers=2)
    assert len({r.id for r in results}) == 8
    assert [(p.name, p.quotes, p.articles) for p in many.people()] == [
        (p.name, p.quotes, p.articles) for p in one.people()
    ]


def _prepare_then_swept(
    article: Article, articles_dir: Path | None, added: str
) -> tuple[bytes, bool]:
    """A worker's `prepare`, then the folder it wrote removed (a reindex's sweep meanwhile)."""
    blob, ahead = prepare(article, articles_dir, added)
    if articles_dir is not None:
        shutil.rmtree(articles_dir / article_id(article.url, article.text_sha256))
    return blob, ahead


def test_people_another_process_added_are_seen_by_the_next_add(tmp_path: Path) -> None:
    """The people table an adder keeps between adds is read again once another one wrote."""
    first = Library.open(str(tmp_path))
    first.add(_article(TEXT[:1], url="https://x.test/kaya"))
    other = Library.open(str(tmp_path))
    other.add(_article(TEXT[1:], url="https://x.test/lindqvist"))
    other.close()
    first.add(_article(['"The river is dying," Lindqvist said.'], url="https://x.test/again"))
    names = sorted((p.name, p.articles) for p in first.people())
    assert names == [("Ahmet Kaya", 1), ("Anna Lindqvist", 2)]
    first.close()


def test_an_import_in_workers_keeps_its_order_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    """Workers write each new article's metadata ahead; the writer renames it into place."""
    library = Library.open(str(tmp_path))
    kept = library.add(_article(TEXT, url="https://x.test/0", title="Kept")).id
    articles = [
        _article([f"Paragraph {n}.", *TEXT], url=f"https://x.test/{n}", title=f"T{n}")
        for n in range(20)
    ]
    results = library.add_all(articles, workers=2)
    assert results[0] == (kept, True)  # an update of the first article, under its id
    metas = [library.files.meta(r.id) for r in results]
    assert [m.title if m else None for m in metas] == [f"T{n}" for n in range(20)]
    added = [m.added for m in metas[1:] if m]
    assert added == sorted(added) and len(set(added)) == 19
    assert metas[0] is not None and metas[0].added < added[0]
    assert not list((tmp_path / "articles").rglob(".*.tmp"))
    library.close()
    assert len(_consistent(tmp_path)) == 20


def test_an_article_whose_prepared_folder_was_swept_is_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "prepare", _prepare_then_swept)
    articles = [_article([f"Paragraph {n}.", *TEXT], url=f"https://x.test/{n}") for n in range(4)]
    library = Library.open(str(tmp_path))
    results = library.add_all(articles, workers=2)
    for result, article in zip(results, articles, strict=True):
        assert library.article(result.id).text == article.text
    assert len(_consistent(tmp_path)) == 4


def test_a_reindex_by_another_process_is_seen_before_the_next_add(tmp_path: Path) -> None:
    first = Library.open(str(tmp_path))
    first.add(_article(TEXT))
    other = Library.open(str(tmp_path))
    other.reindex()  # swaps in a new index file under `first`'s open connection
    first.add(_article(["Another text entirely.", *TEXT]))
    assert len(_consistent(tmp_path)) == 2


def test_an_add_pending_from_a_killed_process_is_indexed_on_the_next_open(tmp_path: Path) -> None:
    library = Library.open(str(tmp_path))
    added = library.add(_article(TEXT))
    library.db.execute("DELETE FROM articles")  # as if killed after the files, before the index
    (tmp_path / "pending" / added.id).touch()
    library.close()
    assert _consistent(tmp_path) == {added.id}


def test_a_batch_a_kill_left_pending_is_indexed_on_the_next_open(tmp_path: Path) -> None:
    """An import marks each batch once; every article its marker names is indexed again."""
    library = Library.open(str(tmp_path))
    added = library.add_all(
        [_article([f"Paragraph {n}.", *TEXT], url=f"https://x.test/{n}") for n in range(3)],
        workers=1,
    )
    ids = sorted(r.id for r in added)
    library.db.execute("DELETE FROM articles")  # as if killed after the files, before the index
    library.db.execute("DELETE FROM quote_rows")
    (tmp_path / "articles" / "0123456789ab").mkdir()  # a folder the kill left without metadata
    marker = tmp_path / "pending" / f"{library_module.BATCH_MARKER}77-0"
    marker.write_text("".join(f"{i}\n" for i in [*ids, "0123456789ab"]))
    library.close()
    assert sorted(_consistent(tmp_path)) == ids
    assert not (tmp_path / "articles" / "0123456789ab").exists()
    reopened = Library.open(str(tmp_path))
    assert [p.quotes for p in reopened.people() if p.name == "Ahmet Kaya"] == [6]


def test_an_import_leaves_no_pending_marker_and_writes_one_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer creates one marker file per batch, not one per article."""
    created: list[str] = []
    real_touch = Path.touch
    real_write = Path.write_text

    def touch(self: Path, *args: object, **kwargs: object) -> None:
        if self.parent.name == "pending":
            created.append(self.name)
        real_touch(self, *args, **kwargs)  # type: ignore[arg-type]

    def write_text(self: Path, *args: object, **kwargs: object) -> int:
        if self.parent.name == "pending":
            created.append(self.name)
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "touch", touch)
    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(library_module, "BATCH", 10)
    library = Library.open(str(tmp_path))
    library.add_all(
        [_article([f"Paragraph {n}.", *TEXT], url=f"https://x.test/{n}") for n in range(25)],
        workers=1,
    )
    assert len(created) == 3  # 25 articles in batches of 10
    assert len(_consistent(tmp_path)) == 25


def test_an_import_reads_its_articles_as_it_goes(tmp_path: Path) -> None:
    """Thousands of files are never all in memory: the writer is at most a window behind."""
    pulled: list[int] = []
    seen_at_progress: list[int] = []

    def articles() -> Iterator[Article]:
        for n in range(400):
            pulled.append(n)
            yield _article([f"Paragraph {n}.", *TEXT], url=f"https://x.test/{n}")

    library = Library.open(str(tmp_path))
    results = library.add_all(
        articles(), lambda done, total: seen_at_progress.append(len(pulled)), workers=2
    )
    assert len({r.id for r in results}) == 400
    window = (batch.AHEAD + 1) * batch.CHUNK + library_module.BATCH
    assert seen_at_progress[0] <= window < 400


def test_an_index_of_schema_1_is_migrated_in_place_keeping_its_quotes(tmp_path: Path) -> None:
    """Schema 2 keeps a quote's words in quote_rows, indexed by an external-content FTS table."""
    import sqlite3

    from reader.library.index import MIGRATIONS, SCHEMA_VERSION, connect

    path = tmp_path / "index.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0][1].split(";"):
        if statement.strip():
            old.execute(statement)
    old.execute("CREATE TABLE schema_version (version INTEGER)")
    old.execute("INSERT INTO schema_version VALUES (1)")
    old.execute(
        'INSERT INTO quote_rows (rowid, article_id, person_id, kind, paragraph, start, "end")'
        " VALUES (7, 'a1', 'kaya', 'direct', 0, 10, 30)"
    )
    old.execute("INSERT INTO quote_text (rowid, text) VALUES (7, 'We will finish the dam')")
    old.close()
    db = connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "quote_rows_person_date" in indexes  # schema 4: what `reader said` walks
    assert not {"quote_rows_article", "passage_rows_article"} & indexes  # schema 4: by range
    assert db.execute("SELECT text FROM quote_rows WHERE rowid = 7").fetchone() == (
        "We will finish the dam",
    )
    found = db.execute("SELECT rowid FROM quote_text WHERE quote_text MATCH 'finish'").fetchall()
    assert found == [(7,)]
    db.close()


def test_an_update_replaces_exactly_its_own_rows_in_the_index(tmp_path: Path) -> None:
    """Schema 4 deletes an article's rows by the rowid range its `articles` row keeps."""
    library = Library.open(str(tmp_path))
    dam = library.add(_article(TEXT, url="https://example.test/dam")).id
    other = library.add(_article([*TEXT, "The harbour opened."], url="https://example.test/h")).id
    library.add(_article([TEXT[1], "A new paragraph."], url="https://example.test/dam"))
    db = library.db
    counts = dict(db.execute("SELECT article_id, count(*) FROM passage_rows GROUP BY 1"))
    assert counts == {dam: 2, other: 3}
    quotes = dict(db.execute("SELECT article_id, count(*) FROM quote_rows GROUP BY 1"))
    assert quotes == dict(db.execute("SELECT id, quotes FROM articles"))
    assert db.execute("SELECT count(*) FROM passage_text").fetchone() == (5,)
    safe = "SELECT r.article_id FROM passage_text t JOIN passage_rows r ON r.rowid = t.rowid"
    assert db.execute(f"{safe} WHERE passage_text MATCH 'safe'").fetchall() == [(other,)]
    library.close()


def test_an_index_of_schema_3_is_migrated_and_updates_its_articles_by_range(
    tmp_path: Path,
) -> None:
    """An index written before schema 4 gets its ranges and quote dates from its own rows."""
    import sqlite3

    from reader.library.index import INDEX_NAME, MIGRATIONS

    library = Library.open(str(tmp_path))
    dam = library.add(_article(TEXT, url="https://example.test/dam")).id
    library.add(_article(TEXT[:1], url="https://example.test/kaya"))
    expected = [tuple(s) for s in library.said(library.find_person("Kaya").id)]  # type: ignore[union-attr]
    library.close()
    # The same rows as schema 3 held them: rebuild the index in schema 3 and copy them over.
    new = sqlite3.connect(tmp_path / INDEX_NAME, isolation_level=None)
    rows = {
        table: new.execute(f"SELECT {columns} FROM {table}").fetchall()
        for table, columns in (
            (
                "articles",
                "id, title, source, url, added, published, date, text_sha256, read,"
                " format, quotes, speakers, feed, guid",
            ),
            ("quote_rows", 'rowid, article_id, person_id, kind, paragraph, start, "end", text'),
            ("passage_rows", "rowid, article_id, paragraph"),
            ("passage_text", "rowid, text"),
            ("people", "*"),
            ("aliases", "*"),
            ("article_people", "*"),
        )
    }
    new.close()
    for leftover in tmp_path.glob(f"{INDEX_NAME}*"):
        leftover.unlink()
    old = sqlite3.connect(tmp_path / INDEX_NAME, isolation_level=None)
    for _number, script in MIGRATIONS[:3]:
        for statement in script.split(";"):
            if statement.strip():
                old.execute(statement)
    old.execute("CREATE TABLE schema_version (version INTEGER)")
    old.execute("INSERT INTO schema_version VALUES (3)")
    for table, values in rows.items():
        marks = ",".join("?" * len(values[0]))
        columns = {
            "articles": "(id, title, source, url, added, published, date, text_sha256, read,"
            " format, quotes, speakers, feed, guid)",
            "quote_rows": '(rowid, article_id, person_id, kind, paragraph, start, "end", text)',
            "passage_rows": "(rowid, article_id, paragraph)",
            "passage_text": "(rowid, text)",
        }.get(table, "")
        old.executemany(f"INSERT INTO {table} {columns} VALUES ({marks})", values)
    old.execute("INSERT INTO quote_text(quote_text) VALUES ('rebuild')")
    old.close()
    library = Library.open(str(tmp_path))
    assert [tuple(s) for s in library.said(library.find_person("Kaya").id)] == expected  # type: ignore[union-attr]
    library.add(_article(["Kaya said nothing new.", TEXT[1]], url="https://example.test/dam"))
    db = library.db
    assert db.execute(
        "SELECT count(*) FROM passage_rows WHERE article_id = ?", (dam,)
    ).fetchone() == (2,)
    assert db.execute("SELECT count(*) FROM passage_text").fetchone() == (3,)
    assert db.execute(
        "SELECT count(*) FROM passage_text WHERE passage_text MATCH 'safe'"
    ).fetchone() == (1,)
    library.close()


def test_the_library_screen_lists_articles_without_loading_yaml_or_the_extraction_model(
    tmp_path: Path,
) -> None:
    """What runs before the library screen's first paint reads the index alone: the CLI,
    opening the library and listing its newest articles load neither YAML, the extraction
    package, the name rules nor the search package (they were 42 of the 74 modules, and 27 of
    the 44 ms, it imported beyond a trivial Textual app)."""
    library = Library.open(str(tmp_path))
    library.add(_article(TEXT))
    library.close()
    script = (
        "import sys; import reader.cli, reader.commands.library, reader.ui.screens.library_app; "
        "from reader.library.library import Library; "
        f"library = Library.open({str(tmp_path)!r}); library.count(); library.articles(30); "
        "heavy = ('yaml', 'reader.extract', 'reader.library.names', 'reader.search', "
        "'rapidfuzz'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded before the first paint: {result.stdout}"


def test_the_kinds_the_index_keeps_as_said_are_the_extractors_spoken_kinds() -> None:
    """The cache names the spoken kinds by value (to open a library without the model)."""
    from reader.extract.model import QuoteKind
    from reader.library.extraction import SPOKEN

    assert {QuoteKind(kind) for kind in SPOKEN} == {
        QuoteKind.DIRECT,
        QuoteKind.PARTIAL,
        QuoteKind.INDIRECT,
    }


def test_after_load_writer_adding_and_finding_a_person_import_nothing_more(
    tmp_path: Path,
) -> None:
    """`load_writer` imports all that adding imports lazily: the reader's keep worker calls it
    under its import lock, so no import of the library's runs in that thread unlocked."""
    script = (
        "import sys; from reader.document import blocks_of, build_article; "
        "from reader.extract import extract; from reader.library import library; "
        f"article = build_article(blocks_of({TEXT!r}), title='Dam', source='x'); "
        "extraction = extract(article); library.load_writer(); before = set(sys.modules); "
        f"kept = library.Library.open({str(tmp_path)!r}); "
        "kept.add(article, extraction=extraction); kept.said(kept.find_person('Kaya').id); "
        "kept.close(); print(','.join(sorted(set(sys.modules) - before)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"imported after load_writer: {result.stdout}"
