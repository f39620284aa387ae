"""What is slow to rebuild for an article, kept on disk keyed by the hash of its text.

Finding the quotes of a 3 MB book takes seconds and indexing its words for search about one;
both depend only on the text, its paragraphs and the code that computed them. An entry holds
the `Extraction` and the paragraph word index (posting lists) of one article, in
`$XDG_CACHE_HOME/reader/v<FORMAT>/<sha256 of the text>.cache`:

* versioned: the directory carries `FORMAT` (a bump leaves old entries unread, and the first
  save removes the old directories), and each entry records a fingerprint of the extraction and
  indexing code and of the article's paragraph layout; any mismatch is a miss;
* size-bounded: after a save the least recently used entries (by modification time, which a
  hit refreshes) are removed until the directory holds at most `MAX_BYTES`;
* safe to delete, at any time: a missing entry is a miss;
* written atomically (a temporary file renamed over the entry), without fsync: an entry is
  never precious, and one left damaged by a crash is simply a miss;
* plain values only: zlib-compressed JSON and arrays of unsigned integers behind a magic line
  and a BLAKE2 checksum. Nothing in a file is ever executed (no pickle), and a damaged, truncated
  or foreign file is ignored, never fatal.

Reading the entry of the 3 MB book takes about 0.1 s, against about 2.5 s to rebuild it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.document import Article
from reader.extract.model import Evidence, Extraction, Quote, QuoteKind, Span, Speaker
from reader.search.terms import Postings

if TYPE_CHECKING:
    from reader.search.index import SearchIndex

FORMAT = 1
"""Version of the entry layout; bump it when the encoding changes."""
MAX_BYTES = 256 * 1024 * 1024
"""Most bytes the cache directory may hold; the least recently used entries go first."""
MAGIC = b"reader-cache\n"
"""First bytes of every entry."""
_CODE_PACKAGES = ("extract", "search")
"""Packages whose code decides what an entry holds: a change there makes old entries stale."""
_DAMAGE = (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError, zlib.error)
"""What decoding a damaged entry may raise (json and Unicode errors are ValueErrors)."""


def cache_dir() -> Path:
    """The reader's cache directory (`$XDG_CACHE_HOME/reader` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader", appauthor=False))


@dataclass(frozen=True, slots=True)
class Entry:
    """What the cache holds for one article; a part not computed yet is None."""

    extraction: Extraction | None = None
    """Quotes and speakers."""
    postings: Postings | None = None
    """The paragraph word index of `reader.search`."""


class ArticleCache:
    """Entries of articles in one directory; every failure is a miss, never an error."""

    def __init__(self, directory: Path | None = None, max_bytes: int = MAX_BYTES) -> None:
        self.root = directory if directory is not None else cache_dir()
        """The cache directory; entries live in its `v<FORMAT>` subdirectory."""
        self.max_bytes = max_bytes
        """The size bound."""

    @property
    def directory(self) -> Path:
        """Where this format's entries are."""
        return self.root / f"v{FORMAT}"

    def path(self, article: Article) -> Path:
        """The entry file of `article`."""
        return self.directory / f"{article.text_sha256}.cache"

    def load(self, article: Article) -> Entry | None:
        """The entry of `article`, or None when there is none or it cannot be trusted."""
        path = self.path(article)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            entry = _decode(data, article)
        except _DAMAGE:
            entry = None
        if entry is None:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        return entry

    def save(
        self,
        article: Article,
        *,
        extraction: Extraction | None = None,
        postings: Postings | None = None,
    ) -> bool:
        """Store what is given for `article`, keeping what the entry already holds.

        Returns False when the entry could not be written (a read-only or full disk): the
        reader works on without it.
        """
        old = self.load(article) or Entry()
        entry = Entry(
            extraction if extraction is not None else old.extraction,
            postings if postings is not None else old.postings,
        )
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.path(article), _encode(entry, article))
        except OSError:
            return False
        self._tidy()
        return True

    def _tidy(self) -> None:
        """Remove other formats' directories and the oldest entries beyond the size bound."""
        with contextlib.suppress(OSError):
            for other in self.root.iterdir():
                if other.is_dir() and other.name.startswith("v") and other != self.directory:
                    for stale in other.iterdir():
                        stale.unlink(missing_ok=True)
                    other.rmdir()
        entries = []
        with contextlib.suppress(OSError):
            for path in self.directory.iterdir():
                with contextlib.suppress(OSError):
                    status = path.stat()
                    entries.append((status.st_mtime, status.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size


# ------------------------------------------------------------------------- encoding


_fingerprint: list[str] = []


def code_fingerprint() -> str:
    """A hash of the extraction and search code and of `FORMAT` (computed once, ~1 ms)."""
    if not _fingerprint:
        digest = hashlib.blake2b(str(FORMAT).encode(), digest_size=16)
        package = Path(__file__).parent
        for name in _CODE_PACKAGES:
            for source in sorted((package / name).glob("*.py")):
                digest.update(source.name.encode())
                digest.update(source.read_bytes())
        _fingerprint.append(digest.hexdigest())
    return _fingerprint[0]


def layout_digest(article: Article) -> str:
    """A hash of the paragraph boundaries and kinds of `article`.

    Another loader may cut the same text differently, and paragraph indexes are cached.
    """
    paragraphs = article.paragraphs
    digest = hashlib.blake2b(digest_size=16)
    digest.update(array("q", [p.start for p in paragraphs]).tobytes())
    digest.update(array("q", [p.end for p in paragraphs]).tobytes())
    digest.update("".join(p.kind.value[0] for p in paragraphs).encode())
    return digest.hexdigest()


def _encode(entry: Entry, article: Article) -> bytes:
    """MAGIC, checksum line, then zlib(header JSON line + counts + units arrays)."""
    vocabulary: list[str] = []
    counts = array("I")
    units = array("I")
    if entry.postings is not None:
        for word, found in entry.postings.items():
            vocabulary.append(word)
            counts.append(len(found))
            units.extend(found)
    header = {
        "code": code_fingerprint(),
        "layout": layout_digest(article),
        "text": article.text_sha256,
        "extraction": _extraction_values(entry.extraction),
        "vocabulary": vocabulary if entry.postings is not None else None,
        "counts_bytes": len(counts) * counts.itemsize,
    }
    body = json.dumps(header, separators=(",", ":")).encode() + b"\n"
    payload = zlib.compress(body + counts.tobytes() + units.tobytes(), 1)
    checksum = hashlib.blake2b(payload, digest_size=16).hexdigest().encode()
    return MAGIC + checksum + b"\n" + payload


def _decode(data: bytes, article: Article) -> Entry | None:
    """The entry in `data` if it is whole and was made for `article` by this code."""
    if not data.startswith(MAGIC):
        return None
    checksum, _, payload = data[len(MAGIC) :].partition(b"\n")
    if hashlib.blake2b(payload, digest_size=16).hexdigest().encode() != checksum:
        return None
    body = zlib.decompress(payload)
    line, _, arrays = body.partition(b"\n")
    header = json.loads(line)
    if (
        header["code"] != code_fingerprint()
        or header["text"] != article.text_sha256
        or header["layout"] != layout_digest(article)
    ):
        return None
    extraction = _extraction_of(header["extraction"], article)
    if header["vocabulary"] is None:
        return Entry(extraction, None)
    split = int(header["counts_bytes"])
    counts, units = array("I"), array("I")
    counts.frombytes(arrays[:split])
    units.frombytes(arrays[split:])
    vocabulary = header["vocabulary"]
    if len(vocabulary) != len(counts) or sum(counts) != len(units):
        return None
    if units and max(units) >= len(article.paragraphs):
        return None
    postings: dict[str, array[int]] = {}
    position = 0
    for word, count in zip(vocabulary, counts, strict=True):
        postings[word] = units[position : position + count]
        position += count
    return Entry(extraction, postings)


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _span_of(value: list[int] | None) -> Span | None:
    return None if value is None else Span(*value)


def _extraction_values(extraction: Extraction | None) -> dict[str, Any] | None:
    """`extraction` as JSON values (lists, not objects: a book has thousands of quotes)."""
    if extraction is None:
        return None
    speakers = [
        [s.id, s.name, s.aliases, s.organisation, s.quote_count, s.paragraphs]
        for s in extraction.speakers
    ]
    quotes = [
        [
            q.start,
            q.end,
            q.text,
            q.kind.value,
            q.paragraph,
            q.speaker,
            [offset for segment in q.segments for offset in (segment.start, segment.end)],
            q.nested,
            None
            if (evidence := q.evidence) is None
            else [
                evidence.rule,
                evidence.cue,
                _span(evidence.cue_span),
                evidence.mention,
                _span(evidence.mention_span),
            ],
            q.split,
        ]
        for q in extraction.quotes
    ]
    return {"speakers": speakers, "quotes": quotes}


def _extraction_of(values: Any, article: Article) -> Extraction | None:
    """The `Extraction` that `_extraction_values` flattened; raises on anything malformed.

    The checksum has already told that the entry is whole, and the code fingerprint that this
    code wrote it, so the values are trusted for their types; what would index outside the
    article is still refused.
    """
    if values is None:
        return None
    speakers = tuple(
        Speaker(id_, name, tuple(aliases), organisation, count, tuple(paragraphs))
        for id_, name, aliases, organisation, count, paragraphs in values["speakers"]
    )
    known = {s.id for s in speakers}
    kinds = {kind.value: kind for kind in QuoteKind}
    quotes = []
    for start, end, text, kind, paragraph, speaker, flat, nested, evidence, split in values[
        "quotes"
    ]:
        segments = tuple(map(Span, flat[::2], flat[1::2])) if flat else ()
        if evidence is not None:
            rule, cue, cue_span, mention, mention_span = evidence
            evidence = Evidence(rule, cue, _span_of(cue_span), mention, _span_of(mention_span))
        quotes.append(
            Quote(
                start, end, text, kinds[kind], paragraph, speaker, segments, nested, evidence, split
            )
        )
    length = len(article.text)
    paragraphs = len(article.paragraphs)
    if quotes and not (
        all(0 <= q.start <= q.end <= length for q in quotes)
        and all(0 <= q.paragraph < paragraphs for q in quotes)
        and all(q.speaker is None or q.speaker in known for q in quotes)
    ):
        raise ValueError("a quote outside the article or by an unknown speaker")
    return Extraction(tuple(quotes), speakers)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def cached_extraction(article: Article, cache: ArticleCache | None = None) -> Extraction:
    """The quotes and speakers of `article`: from the cache, or found now and then kept."""
    cache = cache or ArticleCache()
    entry = cache.load(article)
    if entry is not None and entry.extraction is not None:
        return entry.extraction
    from reader.extract import extract

    extraction = extract(article)
    cache.save(article, extraction=extraction)
    return extraction


def cached_index(article: Article, cache: ArticleCache | None = None) -> SearchIndex:
    """The search index of `article` with its quotes, from what the cache holds.

    The parts it lacks are computed now and kept.
    """
    from reader.search.index import SearchIndex

    cache = cache or ArticleCache()
    entry = cache.load(article) or Entry()
    extraction = entry.extraction
    if extraction is None:
        from reader.extract import extract

        extraction = extract(article)
    index = SearchIndex(article, extraction, postings=entry.postings)
    if entry.extraction is None or entry.postings is None:
        cache.save(article, extraction=extraction, postings=index.paragraph_postings())
    return index
