"""What the notes put on an article's first screen, kept so the reader shows it before loading.

Opening an article whose notes file holds 10,000 notes, the reader drew the text at once but
its notes 0.5-0.8 s later (2.7x the first paint on the sample, 3.9x on a 3 MB book,
`benchmarks/bench_notes_scale.py`): reading the parsed notes back, anchoring them and ordering
them takes the notes worker about 0.3 s of CPU while the interface lays out the article.
A screen needs little of that: how many notes there are, the Notes pane's first rows, and
the highlights on the rows shown. `FirstScreen` is that, made from the notes once they are
loaded and anchored (`first_screen`), and `FirstScreenCache` keeps it beside the parsed cache:
the next open reads a few KB, shows them in its first frame, and loads everything in the
background as before; the full view then replaces it, identical on screen. This side, the
reading, imports only the standard library (json, hashlib), so it costs the first frame a
few milliseconds; the making and writing are in `first_screen_keep`.

An entry is only ever a picture of one notes file's bytes in one article text, so it is used
only when both are unchanged:

* the notes file: its path, and its size, mtime_ns, ctime_ns, inode and device as when the
  entry was written, after the writer checked that the file then held exactly the bytes the
  notes were read from or saved as (their SHA-256). Any write, rename or `git pull` changes
  the ctime, so notes others synced are never hidden by a stale entry; the notes directory's
  own mtime_ns and inode are kept too (a new notes file there may become the article's);
* the article: its text's SHA-256 when the whole text is there; for a book whose first
  screens are shown before the rest is read, the source file's path and identity. Either
  way the text of the highlights' region must hash the same;
* the format (`FORMAT`, in the directory and the entry) and a BLAKE2 digest of the payload;
  anything else, a damaged or truncated entry included, is a miss and is removed.

Bounded: the first `ROWS` rows (at most `ROW_CHARS` characters of note text), the highlights
and note markers of the first `REGION_CHARS` characters only, one entry per article and
notes directory, in `$XDG_CACHE_HOME/reader/first-screen-v<FORMAT>/` (beside the parsed
cache) of at most `MAX_BYTES`, least recently used first. Safe to delete at any time. Only
notes files of `first_screen_keep.MIN_BYTES` or more get an entry: a smaller one loads in a
few milliseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.cache_home import cache_root, unseal

if TYPE_CHECKING:  # the reader reads entries right after its first paint: only what that needs
    from reader.document import Article

FORMAT = 1
"""Version of the entry layout; bump it when the payload or its meaning changes."""
MAGIC = b"reader-notes-first-screen\n"
"""First bytes of every entry."""
ROWS = 100
"""Notes pane rows kept: more than the tallest terminal shows."""
ROW_CHARS = 64 * 1024
"""Most characters of passages and notes kept for those rows (long notes: fewer rows)."""
REGION_CHARS = 32 * 1024
"""Highlights kept from the start of the text: many screens (a 120x60 screen shows ~7 K)."""
MAX_PIECES = 40_000
"""More highlight pieces than this in the region (never, in practice): no entry."""
MAX_BYTES = 16 * 1024 * 1024
"""Most bytes the entries may hold (a few KB to a few hundred each); least recently used go."""

Identity = tuple[int, ...]
"""A file's (size, mtime_ns, ctime_ns, inode, device); a directory's (mtime_ns, inode)."""


@dataclass(frozen=True, slots=True)
class FirstRow:
    """One Notes pane row as it was drawn: the note's passage, text, look and merge losers."""

    id: str
    """The annotation's id."""
    quote: str
    """The highlighted passage (for an orphan: the passage as it was)."""
    note: str
    """The note text, possibly empty."""
    tags: tuple[str, ...]
    """The note's tags."""
    colour: str
    """The colour name in the file (the UI maps it to a tint)."""
    orphan: bool
    """True when the passage is no longer in the article."""
    fuzzy: bool
    """True when the passage was found only approximately."""
    conflicts: tuple[str, ...]
    """Values of this note that lost a merge, as the pane lists them."""


@dataclass(frozen=True, slots=True)
class FirstScreen:
    """The notes as the first screen shows them (see the module docstring)."""

    count: int
    """How many live notes the pane lists, orphans included."""
    orphans: int
    """How many of them are orphans (listed last)."""
    rows: tuple[FirstRow, ...]
    """The pane's first rows, in its order."""
    region_end: int
    """Highlights and markers are those of `text[:region_end]`, complete there."""
    pieces: tuple[tuple[int, int, str, bool], ...]
    """The highlights drawn in the region: (start, end, colour, noted), not overlapping. Where
    notes overlap, the one the article view draws on top (the last in the pane's order)."""
    markers: tuple[int, ...]
    """Offsets in the region where a note's passage ends (the margin's note marker)."""


# -- the cache --------------------------------------------------------------------------------


def file_identity(path: Path) -> Identity | None:
    """(size, mtime_ns, ctime_ns, inode, device) of the file at `path`, or None."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


def directory_identity(path: Path) -> Identity | None:
    """(mtime_ns, inode) of the directory at `path` (a file added or removed changes it)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_ino)


def region_hash(text: str, end: int) -> str:
    """A digest of `text[:end]`, the text the kept highlights lie in."""
    return hashlib.blake2b(text[:end].encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class ArticleKey:
    """What identifies the article's text when the entry is looked for (see the module)."""

    text: str
    """The text shown: the whole article's, or a book's first screens (a prefix of it)."""
    source: str
    """Where the article came from (a path, a URL, `<stdin>`)."""
    text_sha256: str | None
    """The whole text's SHA-256; None for a book's first screens (the rest is unread)."""
    source_identity: Identity | None
    """The source file's identity when it is a file, else None."""


class FirstScreenCache:
    """First screens of big notes files, by article and notes directory; failures are misses."""

    def __init__(self, root: Path | None, max_bytes: int = MAX_BYTES) -> None:
        self.root = root
        """The reader's cache directory; None turns the cache off."""
        self.max_bytes = max_bytes
        """The size bound of this format's directory."""

    @classmethod
    def default(cls) -> FirstScreenCache:
        """The cache in the user's cache directory (`cache_home.cache_root`)."""
        return cls(cache_root())

    @property
    def directory(self) -> Path | None:
        """Where this format's entries are."""
        return None if self.root is None else self.root / f"first-screen-v{FORMAT}"

    def path_of(self, source: str, notes_dir: Path) -> Path | None:
        """The entry of the article from `source` with notes in `notes_dir`."""
        directory = self.directory
        if directory is None:
            return None
        key = f"{notes_dir}\0{source}".encode("utf-8", "surrogatepass")
        return directory / (hashlib.blake2b(key, digest_size=16).hexdigest() + ".json")

    def get(self, article: ArticleKey, notes_dir: Path) -> FirstScreen | None:
        """The first screen kept for this article's notes in `notes_dir`, if still true.

        A damaged or stale entry is removed (the next load writes a true one).
        """
        path = self.path_of(article.source, notes_dir)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            found = _decode(data, article, notes_dir)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            found = None
        if found is None:
            with contextlib.suppress(OSError):
                path.unlink()
        return found


def _decode(data: bytes, article: ArticleKey, notes_dir: Path) -> FirstScreen | None:
    value: Any = unseal(MAGIC, data)
    if not isinstance(value, dict) or value["format"] != FORMAT:
        return None
    if value["notes_dir"] != str(notes_dir) or value["source"] != article.source:
        return None
    if article.text_sha256 is not None:
        if value["text_sha256"] != article.text_sha256:
            return None
    elif article.source_identity is None or value["source_identity"] != list(
        article.source_identity
    ):
        return None  # a book's first screens: the same file, unchanged
    region_end = int(value["region_end"])
    if region_end > len(article.text) or value["region_sha"] != region_hash(
        article.text, region_end
    ):
        return None
    notes_path = Path(value["notes_path"])
    if value["notes_identity"] != list(file_identity(notes_path) or ()):
        return None
    if value["folder_identity"] != list(directory_identity(notes_path.parent) or ()):
        return None
    rows = tuple(
        FirstRow(
            id=str(row[0]),
            quote=str(row[1]),
            note=str(row[2]),
            tags=tuple(str(tag) for tag in row[3]),
            colour=str(row[4]),
            orphan=bool(row[5]),
            fuzzy=bool(row[6]),
            conflicts=tuple(str(item) for item in row[7]),
        )
        for row in value["rows"]
    )
    pieces = tuple(
        (int(start), int(end), str(colour), bool(noted))
        for start, end, colour, noted in value["pieces"]
    )
    count, orphans = int(value["count"]), int(value["orphans"])
    if not 0 <= orphans <= count or len(rows) > min(count, ROWS):
        return None
    if any(not 0 <= start < end <= region_end for start, end, _, _ in pieces):
        return None
    markers = tuple(int(offset) for offset in value["markers"])
    if any(not 0 <= offset < region_end for offset in markers):
        return None
    return FirstScreen(count, orphans, rows, region_end, pieces, markers)


def article_key(article: Article, *, whole: bool) -> ArticleKey:
    """`article` as entries are keyed: `whole` is False for a book's first screens."""
    source = article.source
    identity = None if not source or source.startswith("<") else file_identity(Path(source))
    return ArticleKey(article.text, source, article.text_sha256 if whole else None, identity)
