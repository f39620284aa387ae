"""The article cache: what comes back is what went in, and a bad entry is only ever a miss."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import reader.cache as cache_module
from reader.cache import QUOTES, WORDS, ArticleCache, cached_extraction, cached_index
from reader.cli import main
from reader.document import Article, blocks_of, build_article
from reader.extract import extract
from reader.load import load_path
from reader.search.index import SearchIndex

ARTICLE = Path(__file__).parent.parent / "data" / "search" / "ceasefire.txt"


@pytest.fixture
def article() -> Article:
    return load_path(ARTICLE)


@pytest.fixture
def cache(tmp_path: Path) -> ArticleCache:
    return ArticleCache(tmp_path / "cache")


def answers(index: SearchIndex, query: str) -> tuple[object, ...]:
    """What a user sees of a search: the ranked hits and the literal matches."""
    results = index.search(query)
    assert results is not None
    return results.hits, results.literal.count, results.literal.spans()


def filled(cache: ArticleCache, article: Article) -> None:
    """Save the article's extraction and index."""
    index = SearchIndex(article, extract(article))
    assert cache.save(article, extraction=index.extraction, postings=index.paragraph_postings())


def test_an_entry_gives_back_the_extraction_and_the_same_search_results(
    cache: ArticleCache, article: Article
) -> None:
    filled(cache, article)
    entry = cache.load(article)
    assert entry is not None and entry.postings is not None
    fresh = SearchIndex(article, extract(article))
    assert entry.extraction == fresh.extraction
    assert {w: list(u) for w, u in entry.postings.items()} == fresh.paragraph_postings()
    cached = SearchIndex(article, entry.extraction, postings=entry.postings)
    for query in ("humanitarian catastrofe", '"cease-fire"', "@erdogan"):
        assert answers(cached, query) == answers(fresh, query), query


def test_the_entry_is_keyed_by_the_text_and_lives_in_the_xdg_cache_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article: Article
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cached_index(article)
    entries = sorted((tmp_path / "xdg" / "reader").glob("v*/*"))
    assert [e.name for e in entries] == [
        f"{article.text_sha256}.{QUOTES}",
        f"{article.text_sha256}.{WORDS}",
    ]


def _truncations(data: bytes) -> list[bytes]:
    return [data[:n] for n in (0, 5, len(cache_module.MAGIC) + 10, len(data) // 2, len(data) - 1)]


DAMAGE = [
    ("empty file", lambda data: b""),
    ("garbage", lambda data: os.urandom(len(data))),
    ("text instead of an entry", lambda data: b"quotes: []\n" * 50),
    (
        "a byte flipped in the middle",
        lambda data: data[:-100] + bytes([data[-100] ^ 1]) + data[-99:],
    ),
    ("magic only", lambda data: cache_module.MAGIC),
    *((f"truncated to {n}", lambda data, n=n: _truncations(data)[n]) for n in range(5)),
]


@pytest.mark.parametrize("kind", [QUOTES, WORDS])
@pytest.mark.parametrize(("name", "damage"), DAMAGE, ids=[name for name, _ in DAMAGE])
def test_a_damaged_entry_is_a_miss_and_is_rebuilt(
    name: str, damage: object, kind: str, cache: ArticleCache, article: Article
) -> None:
    filled(cache, article)
    path = cache.path(article, kind)
    assert callable(damage)
    path.write_bytes(damage(path.read_bytes()))
    load = cache.load_extraction if kind == QUOTES else cache.load_postings
    assert load(article) is None
    index = cached_index(article, cache)  # still answers, and writes a good entry again
    fresh = SearchIndex(article, extract(article))
    assert answers(index, "humanitarian catastrofe") == answers(fresh, "humanitarian catastrofe")
    assert load(article) is not None


def test_a_file_of_one_kind_is_not_read_as_the_other(cache: ArticleCache, article: Article) -> None:
    filled(cache, article)
    quotes, words = cache.path(article, QUOTES), cache.path(article, WORDS)
    words.write_bytes(quotes.read_bytes())
    assert cache.load_postings(article) is None
    assert cache.load_extraction(article) is not None


def test_a_directory_where_the_entry_should_be_is_no_error(
    cache: ArticleCache, article: Article
) -> None:
    cache.path(article).mkdir(parents=True)
    assert cache.load(article) is None
    assert not cache.save(article, extraction=extract(article))
    assert cached_extraction(article, cache) == extract(article)


def test_reader_search_works_through_a_garbage_entry(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    article: Article,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["search", str(ARTICLE), "humanitarian catastrofe"]) == 0
    cold = capsys.readouterr().out
    entries = list((tmp_path / "xdg" / "reader").glob("v*/*"))
    assert len(entries) == 2
    assert main(["search", str(ARTICLE), "humanitarian catastrofe"]) == 0
    assert capsys.readouterr().out == cold
    for entry in entries:
        entry.write_bytes(b"\x00garbage" * 100)
    assert main(["search", str(ARTICLE), "humanitarian catastrofe"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (cold, "")


def test_an_entry_of_other_code_or_another_format_is_not_read(
    monkeypatch: pytest.MonkeyPatch, cache: ArticleCache, article: Article
) -> None:
    filled(cache, article)
    monkeypatch.setattr(cache_module, "_fingerprint", ["other code"])
    assert cache.load(article) is None
    monkeypatch.undo()
    old_directory = cache.directory
    assert cache.load(article) is not None
    monkeypatch.setattr(cache_module, "FORMAT", cache_module.FORMAT + 1)
    monkeypatch.setattr(cache_module, "_fingerprint", [])
    assert cache.load(article) is None
    filled(cache, article)
    assert not old_directory.exists()  # the old format's entries are removed on save
    assert cache.load(article) is not None


def test_an_edit_to_the_extraction_or_search_code_makes_entries_stale(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache: ArticleCache, article: Article
) -> None:
    """The fingerprint follows the sources by size and modification time, as `.pyc`s do."""
    tree = tmp_path / "reader"
    for name in ("extract", "search"):
        (tree / name).mkdir(parents=True)
        (tree / name / "rules.py").write_text("RULES = ()\n")
        (tree / name / "notes.txt").write_text("not code\n")
    (tree / "cache.py").write_text("FORMAT = 1\n")
    monkeypatch.setattr(cache_module, "__file__", str(tree / "cache.py"))
    monkeypatch.setattr(cache_module, "_fingerprint", [])
    filled(cache, article)
    assert cache.load(article) is not None

    def reread() -> None:
        monkeypatch.setattr(cache_module, "_fingerprint", [])  # a new reader process

    reread()
    (tree / "search" / "notes.txt").write_text("other words\n")  # not code: still a hit
    assert cache.load(article) is not None
    rules = tree / "extract" / "rules.py"
    before = rules.stat()
    rules.write_text("RULES = (1,)\n")  # another size
    os.utime(rules, ns=(before.st_atime_ns, before.st_mtime_ns))
    reread()
    assert cache.load(article) is None
    filled(cache, article)
    rules.write_text("RULES = (2,)\n")  # the same size, edited later
    os.utime(rules, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    reread()
    assert cache.load(article) is None


def test_the_same_text_cut_into_other_paragraphs_is_a_miss(
    cache: ArticleCache, article: Article
) -> None:
    filled(cache, article)
    texts = [p.text for p in article.paragraphs]
    merged = build_article(
        blocks_of(["\n\n".join(texts[:2]), *texts[2:]]), title=article.title, source="x"
    )
    assert merged.text == article.text
    assert cache.load(merged) is None


def _article(number: int) -> Article:
    return build_article(
        blocks_of([f'"We will rebuild bridge {number}," said Mayor Ana Ruiz.'] * 20),
        title=f"Bridge {number}",
        source="<test>",
    )


def test_the_least_recently_used_entries_go_when_the_cache_is_full(tmp_path: Path) -> None:
    cache = ArticleCache(tmp_path / "cache")
    articles = [_article(n) for n in range(4)]
    for number, article in enumerate(articles):
        cache.save(article, extraction=extract(article))
        os.utime(cache.path(article), (1000 + number, 1000 + number))
    assert len(list(cache.directory.iterdir())) == 4  # one quotes file per article
    size = cache.path(articles[0]).stat().st_size
    cache.load(articles[0])  # used just now: kept
    cache.max_bytes = int(size * 4.5)  # room for four of the five
    newest = _article(9)
    cache.save(newest, extraction=extract(newest))
    kept = {a.title for a in [*articles, newest] if cache.path(a).exists()}
    assert kept == {"Bridge 0", "Bridge 2", "Bridge 3", "Bridge 9"}


def test_the_cache_directory_can_be_deleted_at_any_time(
    cache: ArticleCache, article: Article
) -> None:
    filled(cache, article)
    for path in sorted(cache.root.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    assert cache.load(article) is None
    assert cached_extraction(article, cache) == extract(article)
    assert cache.load(article) is not None


def test_an_unwritable_cache_directory_leaves_the_reader_working(
    tmp_path: Path, article: Article
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    cache = ArticleCache(blocked / "cache")
    assert cached_extraction(article, cache) == extract(article)
    assert cache.load(article) is None


def test_the_ui_index_keeps_its_word_index_for_the_next_opening(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, article: Article
) -> None:
    from reader.search.index import build_index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    first = build_index(article)
    assert first is not None
    assert ArticleCache().load_postings(article) is not None
    again = build_index(article)
    assert again is not None
    assert answers(again, "humanitarian catastrofe") == answers(first, "humanitarian catastrofe")


def test_quotes_read_back_whole_when_their_lines_cross_many_read_steps(
    monkeypatch: pytest.MonkeyPatch, cache: ArticleCache, article: Article
) -> None:
    monkeypatch.setattr(cache_module, "_READ_STEP", 7)  # steps end inside lines and characters
    extraction = extract(article)
    assert cache.save(article, extraction=extraction)
    assert cache.load_extraction(article) == extraction


def _resealed(cache: ArticleCache, article: Article, body: list[bytes], keep: int | None) -> None:
    """Write a quotes entry of `body` lines, its compressed payload cut to `keep` bytes, with a
    checksum that matches what is left (damage no checksum can see)."""
    parts = cache_module._encode(QUOTES, body, article)
    payload = parts[-1][:keep]
    checksum = hashlib.blake2b(payload, digest_size=16).hexdigest()
    cache.directory.mkdir(parents=True, exist_ok=True)
    cache.path(article, QUOTES).write_bytes(
        cache_module.MAGIC + f"{QUOTES} {checksum}\n".encode() + payload
    )


@pytest.mark.parametrize(
    ("body", "keep"),
    [
        pytest.param([], None, id="a header and no speakers line"),
        pytest.param([b"[]", b'[[0,1,"x"'], None, id="a quote row cut short"),
        pytest.param([b"[]", b"[]" * 500], -3, id="the compressed stream cut short"),
    ],
)
def test_an_entry_sealed_over_bad_contents_is_a_miss(
    cache: ArticleCache, article: Article, body: list[bytes], keep: int | None
) -> None:
    _resealed(cache, article, body, keep)
    assert cache.load_extraction(article) is None
