"""What is slow to rebuild for an article, kept on disk keyed by the hash of its text.

Finding the quotes of a 3 MB book takes seconds and indexing its words for search about one;
both depend only on the text, its paragraphs and the code that computed them. They are kept in
`$XDG_CACHE_HOME/reader/v<FORMAT>/<sha256 of the text>.quotes` (the `Extraction`) and `.words`
(the paragraph word index of `reader.search`), two files so that each is read and written
without the other (search needs no quotes decoded; saving the index rewrites no quotes):

* versioned: the directory carries `FORMAT` (a bump leaves old entries unread, and the first
  save removes the old directories), and each file records a fingerprint of the extraction and
  search code and of the article's paragraph layout; any mismatch is a miss;
* size-bounded: after a save the least recently used files (by modification time, which a hit
  refreshes) are removed until the directory holds at most `MAX_BYTES`;
* safe to delete, at any time: a missing file is a miss;
* written atomically (a temporary file renamed over the entry), without fsync: an entry is
  never precious, and one left damaged by a crash is simply a miss;
* plain values only: zlib-compressed JSON lines and arrays of unsigned integers behind a magic
  line and a BLAKE2 checksum. Nothing in a file is ever executed (no pickle), and a damaged,
  truncated or foreign file is ignored, never fatal.

The quotes file holds the extraction in the JSON lines of `reader.extraction_lines`.
Reading the 3 MB book's quotes takes about 0.1 s, its word index a few ms; rebuilding them 3 s.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from reader.document import Article, BlockKind, Paragraphs
from reader.extract.model import Extraction
from reader.extraction_lines import decode_extraction, extraction_lines

if TYPE_CHECKING:
    from hashlib import blake2b

    # A type only: the module imports rapidfuzz, which the extraction child never needs
    # (~4 MB of its peak) and the reader needs only once it searches.
    from reader.search.index import SearchIndex
    from reader.search.terms import Postings

FORMAT = 1
"""Version of the entry layout; bump it when the encoding changes."""
MAX_BYTES = 256 * 1024 * 1024
"""Most bytes the cache directory may hold; the least recently used entries go first."""
MAGIC = b"reader-cache\n"
"""First bytes of every entry."""
_CODE_PACKAGES = ("extract", "search")
"""Packages whose code decides what an entry holds: a change there makes old entries stale."""
_DAMAGE = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    RecursionError,
    StopIteration,
    zlib.error,
)
"""What decoding a damaged entry may raise (json and Unicode errors are ValueErrors)."""


def _blake2b(data: bytes | memoryview = b"", *, digest_size: int) -> blake2b:
    """`hashlib.blake2b`, imported when first used.

    Importing `hashlib` loads OpenSSL (3.4 MB of resident memory), which a process that only
    reads entries by name, or never saves, does not need.
    """
    import hashlib

    return hashlib.blake2b(data, digest_size=digest_size)


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


QUOTES, WORDS = "quotes", "words"
"""The two kinds of file an article may have."""


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

    def path(self, article: Article, kind: str = QUOTES) -> Path:
        """The file of `article` holding `kind` (`QUOTES` or `WORDS`)."""
        return self.directory / f"{article.text_sha256}.{kind}"

    def load(self, article: Article) -> Entry | None:
        """Both parts of the entry of `article`; None when neither is there and sound."""
        extraction, postings = self.load_extraction(article), self.load_postings(article)
        if extraction is None and postings is None:
            return None
        return Entry(extraction, postings)

    def load_extraction(self, article: Article, evidence: bool = True) -> Extraction | None:
        """The cached quotes and speakers of `article`, or None; without `evidence`, none."""
        lines = self._read(article, QUOTES)
        if lines is None:
            return None
        try:
            return decode_extraction(lines, article, evidence)
        except _DAMAGE:
            return None

    def load_postings(self, article: Article) -> Postings | None:
        """The cached paragraph word index of `article`, or None."""
        lines = self._read(article, WORDS)
        if lines is None:
            return None
        try:
            return _postings_of(list(lines), article)
        except _DAMAGE:
            return None

    def save(
        self,
        article: Article,
        *,
        extraction: Extraction | None = None,
        postings: Postings | None = None,
    ) -> bool:
        """Store the parts given for `article`.

        False when they could not all be written (a read-only or full disk): the reader works
        on without them.
        """
        parts: list[tuple[str, Iterable[bytes]]] = []
        if extraction is not None:
            parts.append((QUOTES, extraction_lines(extraction)))
        if postings is not None:
            parts.append((WORDS, _postings_lines(postings)))
        return self._save_parts(parts, article)

    def _save_parts(self, parts: Sequence[tuple[str, Iterable[bytes]]], article: Article) -> bool:
        """Write each (kind, body lines) of `parts` for `article`, then tidy the directory."""
        return self._save_entries(
            ((kind, _encode(kind, lines, article)) for kind, lines in parts), article
        )

    def save_extraction_entry(self, article: Article, entry: Sequence[bytes]) -> bool:
        """Store an entry made by `extraction_and_entry`; False when it could not be written."""
        return self._save_entries([(QUOTES, entry)], article)

    def _save_entries(
        self, entries: Iterable[tuple[str, Iterable[bytes]]], article: Article
    ) -> bool:
        """Write each encoded (kind, entry) for `article`, then tidy; False on a disk error."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for kind, entry in entries:
                _write_atomically(self.path(article, kind), entry)
        except OSError:
            return False
        self._tidy()
        return True

    def _read(self, article: Article, kind: str) -> Iterator[bytes] | None:
        """The body lines of a sound file of `kind` for `article`, or None."""
        path = self.path(article, kind)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            lines = _decode(kind, data, article)
        except _DAMAGE:
            lines = None
        if lines is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: evicted last
        return lines

    def _tidy(self) -> None:
        """Remove other formats' directories and the oldest files beyond the size bound."""
        with contextlib.suppress(OSError):
            for other in self.root.iterdir():
                if other.is_dir() and other.name.startswith("v") and other != self.directory:
                    for stale in other.iterdir():
                        stale.unlink(missing_ok=True)
                    other.rmdir()
        from annotations.safe_files import trim_oldest  # only once a save is done

        with contextlib.suppress(OSError):
            trim_oldest(list(self.directory.iterdir()), self.max_bytes)


# ------------------------------------------------------------------------- encoding


_fingerprint: list[str] = []


def code_fingerprint() -> str:
    """A hash of `FORMAT`, this module and the extraction and search code (once per process).

    The sources are hashed by size and modification time, not by contents: the rule Python's
    own bytecode cache uses; any edit or reinstall changes them (at worst, a reinstall of the
    same code is a miss once). Reading and hashing the ~40 sources cost ~1.2 ms of CPU before
    the first frame of every cache hit; their stats cost 0.2 ms (2-core VM, Dec 2026).
    """
    if not _fingerprint:
        digest = _blake2b(str(FORMAT).encode(), digest_size=16)
        package = os.path.dirname(os.path.abspath(__file__))
        sources = [(os.path.basename(__file__), os.stat(__file__))]
        for name in _CODE_PACKAGES:
            with os.scandir(os.path.join(package, name)) as entries:
                sources.extend(
                    (f"{name}/{entry.name}", entry.stat())
                    for entry in entries
                    if entry.name.endswith(".py")
                )
        for name, stat in sorted(sources, key=lambda source: source[0]):
            digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
        _fingerprint.append(digest.hexdigest())
    return _fingerprint[0]


_KIND_VALUES = tuple(kind.value for kind in BlockKind)
"""Each block kind's value, by its number in `Paragraphs.kinds`."""


def layout_digest(article: Article) -> str:
    """A hash of the paragraph boundaries and kinds of `article`.

    Another loader may cut the same text differently, and paragraph indexes are cached.
    """
    paragraphs = article.paragraphs
    digest = _blake2b(digest_size=16)
    if isinstance(paragraphs, Paragraphs):  # its columns: no paragraph is built
        digest.update(array("q", paragraphs.starts).tobytes())
        digest.update(array("q", paragraphs.ends).tobytes())
        digest.update(",".join(map(_KIND_VALUES.__getitem__, paragraphs.kinds)).encode())
        return digest.hexdigest()
    digest.update(array("q", map(attrgetter("start"), paragraphs)).tobytes())
    digest.update(array("q", map(attrgetter("end"), paragraphs)).tobytes())
    digest.update(",".join(map(attrgetter("kind"), paragraphs)).encode())
    return digest.hexdigest()


class _Body:
    """An entry being encoded: its header, then each line added, compressed as it comes.

    Compressed a line at a time: the whole body is never joined in memory (for a 30 MB book
    that was 16 MB more at the reader's peak), nor the parts into one file image.
    """

    def __init__(self, kind: str, article: Article) -> None:
        header = {
            "kind": kind,
            "code": code_fingerprint(),
            "layout": layout_digest(article),
            "text": article.text_sha256,
        }
        self._kind = kind
        self._compressor = zlib.compressobj(1)
        self._chunks = [self._compressor.compress(json.dumps(header).encode())]

    def add(self, line: bytes) -> None:
        """Append one body line."""
        compress = self._compressor.compress
        self._chunks += (compress(b"\n"), compress(line))

    def parts(self) -> list[bytes]:
        """MAGIC, the kind and checksum line, then zlib(header JSON line + the lines)."""
        self._chunks.append(self._compressor.flush())
        payload = b"".join(self._chunks)
        self._chunks = []
        checksum = _blake2b(payload, digest_size=16).hexdigest()
        return [MAGIC, f"{self._kind} {checksum}\n".encode(), payload]


def _encode(kind: str, lines: Iterable[bytes], article: Article) -> list[bytes]:
    """MAGIC, the kind and checksum line, then zlib(header JSON line + `lines`), as parts."""
    body = _Body(kind, article)
    for line in lines:
        body.add(line)
    return body.parts()


_READ_STEP = 256 * 1024
"""Compressed bytes decompressed at a time when reading quotes."""


def _decompressed_lines(payload: memoryview) -> Iterator[bytes]:
    """The lines of zlib-compressed `payload`, decompressed a step at a time.

    Reading a book's quotes never holds their whole decompressed text (and a split copy of it)
    at once: at 30 MB that was 32 MB at the peak of a reopening.
    """
    decompressor = zlib.decompressobj()
    pending = b""
    for start in range(0, len(payload), _READ_STEP):
        pending += decompressor.decompress(payload[start : start + _READ_STEP])
        *complete, pending = pending.split(b"\n")
        yield from complete
    pending += decompressor.flush()
    if not decompressor.eof:
        raise ValueError("truncated entry")
    yield pending


def _decode(kind: str, data: bytes, article: Article) -> Iterator[bytes] | None:
    """The body lines in `data` if it is whole and was made for `article` by this code."""
    if not data.startswith(MAGIC):
        return None
    view = memoryview(data)[len(MAGIC) :]
    newline = data.find(b"\n", len(MAGIC))
    if newline < 0:
        return None
    label, payload = bytes(view[: newline - len(MAGIC)]), view[newline - len(MAGIC) + 1 :]
    if label != f"{kind} {_blake2b(payload, digest_size=16).hexdigest()}".encode():
        return None
    if kind == WORDS:
        # A words file is a header, the vocabulary and one binary line (which may hold newlines).
        lines = iter(zlib.decompress(payload).split(b"\n", 2))
    else:
        lines = _decompressed_lines(payload)
    header = json.loads(next(lines))
    expected = {
        "kind": kind,
        "code": code_fingerprint(),
        "layout": layout_digest(article),
        "text": article.text_sha256,
    }
    return lines if header == expected else None


def _postings_lines(postings: Postings) -> list[bytes]:
    """The vocabulary as a JSON line, then the counts and the units as one line of uint32s."""
    counts, units = array("I"), array("I")
    for found in postings.values():
        counts.append(len(found))
        units.extend(found)
    return [json.dumps(list(postings)).encode(), counts.tobytes() + units.tobytes()]


def _postings_of(lines: list[bytes], article: Article) -> Postings | None:
    """The posting lists `_postings_lines` wrote, checked against `article`."""
    vocabulary = json.loads(lines[0])
    numbers = array("I")
    numbers.frombytes(lines[1])
    counts, units = numbers[: len(vocabulary)], numbers[len(vocabulary) :]
    if len(counts) != len(vocabulary) or sum(counts) != len(units):
        return None
    if units and max(units) >= len(article.paragraphs):
        return None
    postings: dict[str, array[int]] = {}
    position = 0
    for word, count in zip(vocabulary, counts, strict=True):
        postings[word] = units[position : position + count]
        position += count
    return postings


def extraction_and_entry(
    lines: Iterable[bytes], article: Article, evidence: bool = True
) -> tuple[Extraction, list[bytes]]:
    """The `Extraction` of `article` that `extraction_lines` wrote, and its cache entry.

    One pass over `lines`, each decoded and compressed as it comes: the reader reads the
    extraction child's answer through this without keeping the answer itself (for a 30 MB
    book, 17 MB of JSON held until the last quote was decoded and the entry written). The
    entry is for `ArticleCache.save_extraction_entry`. Raises as `decode_extraction` does.
    Without `evidence` the quotes are decoded without it (`decode_extraction`); the entry keeps it.
    """
    body = _Body(QUOTES, article)

    def kept(lines: Iterator[bytes]) -> Iterator[bytes]:
        for line in lines:
            body.add(line)
            yield line

    remaining = iter(lines)
    first = next(remaining, None)
    if first is None:
        raise ValueError("no speakers line")
    extraction = decode_extraction(kept(itertools.chain([first], remaining)), article, evidence)
    return extraction, body.parts()


def _write_atomically(path: Path, parts: Iterable[bytes]) -> None:
    """Write `parts` to a temporary file beside `path`, then rename it over `path`."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def cached_extraction(article: Article, cache: ArticleCache | None = None) -> Extraction:
    """The quotes and speakers of `article`: from the cache, or found now and then kept."""
    cache = cache or ArticleCache()
    extraction = cache.load_extraction(article)
    if extraction is not None:
        return extraction
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
    extraction = cached_extraction(article, cache)
    postings = cache.load_postings(article)
    index = SearchIndex(article, extraction, postings=postings)
    if postings is None:
        cache.save(article, postings=index.paragraph_postings())
    return index
