"""The library on disk, the source of truth: one folder per article, its text and its metadata.

```
<library>/articles/<id>/meta.yaml            id, title, source, url, dates, text hash, read
<library>/articles/<id>/text-<hash12>.txt    the article's text, paragraphs split by a blank line
```

A save writes the text under a name carrying its hash, then replaces `meta.yaml` atomically
(temporary file, fsync, rename): the metadata is the commit point. A process killed at any
moment leaves the old metadata naming the old text, which is still there, or the new metadata
naming the new text; a folder without `meta.yaml` is no article and is swept away later.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.library.location import LIBRARY_DIR_ENV, library_dir

if TYPE_CHECKING:  # YAML and the document model load when a file is read or written, not
    # to open a library: the library screen lists articles from the index alone.
    from types import ModuleType

    from reader.document import Article

__all__ = [
    "LIBRARY_DIR_ENV",
    "ArticleMeta",
    "LibraryFiles",
    "article_id",
    "library_dir",
    "new_meta",
    "replace_file",
    "stamps",
    "text_file_name",
    "timestamp",
]


@functools.cache
def _yaml() -> tuple[ModuleType, Any, Any]:
    """PyYAML, with its C (libyaml) safe loader and dumper when it has them.

    Ten times faster than the Python ones, same results.
    """
    import yaml

    return (
        yaml,
        getattr(yaml, "CSafeLoader", yaml.SafeLoader),
        getattr(yaml, "CSafeDumper", yaml.SafeDumper),
    )


META_NAME = "meta.yaml"
"""The metadata file of each article."""

AHEAD_NAME = ".meta.yaml.ahead.tmp"
"""The metadata an import's worker process wrote ahead for a new article (`write_ahead`).

The writer renames it to `meta.yaml` under the library's lock (`commit_ahead`), so that
the YAML is made in the workers, not in the one process that writes; a killed import leaves
it in a folder without `meta.yaml`, which is swept away (as is any `.*.tmp`)."""


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What `meta.yaml` holds about one article."""

    id: str
    """The article's id in the library (12 hex digits of its URL's or text's hash)."""
    title: str
    """The headline."""
    source: str
    """Where it was read from: a path, a URL or `<stdin>`."""
    text_sha256: str
    """SHA-256 of the text: names the text file, finds the article's notes."""
    added: str
    """When it was first added, ISO 8601 UTC."""
    url: str | None = None
    """Its web address, when it came from the web."""
    published: str | None = None
    """When it was published, when a feed or the page said."""
    read: bool = False
    """True once opened in the reader."""
    format: str = "text"
    """The loader that read it (`text`, `markdown`, `html`)."""
    byline: str = ""
    """Who wrote it, if known."""
    feed: str | None = None
    """The feed it came from, if any."""
    guid: str | None = None
    """The feed entry's guid, if any."""

    @property
    def text_name(self) -> str:
        """The text file's name in the article's folder."""
        return text_file_name(self.text_sha256)

    @property
    def date(self) -> str:
        """The date to sort and show by: published when known, else added."""
        return self.published or self.added


def timestamp() -> str:
    """The time now, ISO 8601 UTC to the microsecond: reindex replays adds in this order."""
    import datetime

    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stamps() -> Iterator[str]:
    """Times as `timestamp` gives them, each later than the one before.

    By a microsecond at least: an import stamps its articles in order with them.
    """
    import datetime

    last = None
    while True:
        now = datetime.datetime.now(datetime.UTC)
        if last is not None and now <= last:
            now = last + datetime.timedelta(microseconds=1)
        last = now
        yield now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_meta(article: Article, added: str) -> ArticleMeta:
    """The metadata of `article` added as a new article at `added`, from no feed."""
    sha = article.text_sha256
    return ArticleMeta(
        id=article_id(article.url, sha),
        title=article.title,
        source=article.source,
        text_sha256=sha,
        added=added,
        url=article.url,
        format=article.format,
        byline=article.byline,
    )


def text_file_name(text_sha256: str) -> str:
    """The name of the text file of the text with this hash."""
    return f"text-{text_sha256[:12]}.txt"


def article_id(url: str | None, text_sha256: str) -> str:
    """A new article's id: from its URL when it has one, else from its text."""
    basis = url if url else text_sha256
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]


class LibraryFiles:
    """Reads and writes the article folders under `root/articles`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        """The library folder."""
        self.articles = root / "articles"
        """Where the article folders are."""

    def folder(self, article_id: str) -> Path:
        """The folder of article `article_id`."""
        return self.articles / article_id

    def save(self, meta: ArticleMeta, text: str, *, durable: bool = True) -> None:
        """Write the text, then commit by replacing the metadata (see the module docstring).

        `durable=False` skips the fsyncs (the renames stay atomic, which is all a killed
        process needs); a batch then makes everything durable with one `os.sync()` before it
        commits its index transaction, instead of four fsyncs per article.
        """
        from annotations.safe_files import atomic_write

        write = atomic_write if durable else replace_file
        folder = self.folder(meta.id)
        folder.mkdir(parents=True, exist_ok=True)
        text_path = folder / meta.text_name
        if not text_path.exists():
            write(text_path, text.encode("utf-8"))
        write(folder / META_NAME, _dump(meta))
        for stale in folder.glob("text-*.txt"):
            if stale.name != meta.text_name:
                with contextlib.suppress(OSError):
                    stale.unlink()

    def write_ahead(self, meta: ArticleMeta) -> None:
        """Write the metadata of a new article to `AHEAD_NAME` in its folder, atomically."""
        replace_file(self.folder(meta.id) / AHEAD_NAME, _dump(meta))

    def commit_ahead(self, meta: ArticleMeta) -> bool:
        """Make the metadata written ahead `meta.yaml`; False when it or the text is missing.

        The caller holds the library's lock and passes the same `meta` as was written ahead.
        Not fsynced: a batch syncs once before its index commits (`save`'s `durable`).
        """
        folder = self.folder(meta.id)
        if not (folder / meta.text_name).is_file():
            return False
        try:
            (folder / AHEAD_NAME).replace(folder / META_NAME)
        except OSError:
            return False
        return True

    def drop_ahead(self, article_id: str) -> None:
        """Remove metadata written ahead that will not be used (the article was an update)."""
        with contextlib.suppress(OSError):
            (self.folder(article_id) / AHEAD_NAME).unlink()

    def save_meta(self, meta: ArticleMeta) -> None:
        """Replace only the metadata (read/unread), atomically."""
        from annotations.safe_files import atomic_write

        atomic_write(self.folder(meta.id) / META_NAME, _dump(meta))

    def meta(self, article_id: str) -> ArticleMeta | None:
        """The metadata of `article_id`, or None when it is not (or not wholly) in the library."""
        path = self.folder(article_id) / META_NAME
        yaml, loader, _ = _yaml()
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None
        meta = _meta_from(data)
        if meta is None or not (path.parent / meta.text_name).is_file():
            return None
        return meta

    def text(self, meta: ArticleMeta) -> str:
        """The article's text."""
        return (self.folder(meta.id) / meta.text_name).read_text(encoding="utf-8")

    def article(self, meta: ArticleMeta) -> Article:
        """The article rebuilt from its files (paragraph kinds are not kept: all body text)."""
        from reader.document import PARAGRAPH_SEPARATOR, Block, BlockKind, build_article

        text = self.text(meta)
        blocks = [Block(p, BlockKind.BODY) for p in text.split(PARAGRAPH_SEPARATOR)]
        article = build_article(
            blocks,
            title=meta.title,
            source=meta.source,
            format=meta.format,
            url=meta.url,
            byline=meta.byline,
        )
        return replace(article, known_sha256=meta.text_sha256)

    def ids(self) -> Iterator[str]:
        """The ids of every article folder (some may be incomplete: check `meta`)."""
        try:
            entries = sorted(os.scandir(self.articles), key=lambda e: e.name)
        except FileNotFoundError:
            return
        for entry in entries:
            if entry.is_dir() and not entry.name.startswith("."):
                yield entry.name

    def sweep(self, article_id: str) -> None:
        """Remove what killed writers left: a folder without metadata, temporary files."""
        folder = self.folder(article_id)
        if folder.is_dir() and not (folder / META_NAME).exists():
            shutil.rmtree(folder, ignore_errors=True)
            return
        for temporary in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                temporary.unlink()

    def remove(self, article_id: str) -> None:
        """Delete an article's folder."""
        shutil.rmtree(self.folder(article_id), ignore_errors=True)


def replace_file(path: Path, data: bytes) -> None:
    """Replace `path` atomically (temporary file and rename), without fsync.

    Enough for a killed process, not for a power cut: for derived files, or a batch that
    syncs once.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def _dump(meta: ArticleMeta) -> bytes:
    """`meta.yaml`'s contents: written directly when every value allows, else by PyYAML.

    PyYAML's representer is Python, 0.2 ms a file, paid for every article an import adds.
    """
    data = {k: v for k, v in asdict(meta).items() if v is not None and v != ""}
    direct = _direct_yaml(data)
    if direct is not None:
        return direct
    yaml, _, dumper = _yaml()
    text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8")


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]|[A-Za-z]")
"""Strings safe as plain YAML scalars: letters, digits and inner spaces, starting with a letter
(no number, date or time in YAML 1.1 starts so; the words YAML reads otherwise are `_SPECIAL`)."""

_SPECIAL = frozenset(["y", "n", "yes", "no", "true", "false", "on", "off", "null"])
"""Plain words YAML 1.1 reads as booleans or null, whatever their case."""


def _direct_yaml(data: dict[str, str | bool]) -> bytes | None:
    """`data` (string keys, string or bool values) as a YAML mapping, or None.

    None when a value is not printable on one line (PyYAML then chooses how to write it).

    A string is written plain when `_PLAIN` and not `_SPECIAL`, else single-quoted (a quote
    doubled), a style that YAML reads as that exact string, as PyYAML writes what it quotes.
    """
    lines = []
    for key, value in data.items():
        if isinstance(value, bool):
            shown = "true" if value else "false"
        elif not value.isprintable():  # control characters, line breaks, lone surrogates, BOM
            return None
        elif _PLAIN.fullmatch(value) and value.lower() not in _SPECIAL:
            shown = value
        else:
            shown = "'" + value.replace("'", "''") + "'"
        lines.append(f"{key}: {shown}\n")
    return "".join(lines).encode("utf-8")


def _meta_from(data: Any) -> ArticleMeta | None:
    if not isinstance(data, dict):
        return None
    try:
        return ArticleMeta(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            source=str(data.get("source", "")),
            text_sha256=str(data["text_sha256"]),
            added=str(data["added"]),
            url=_opt(data.get("url")),
            published=_opt(data.get("published")),
            read=bool(data.get("read", False)),
            format=str(data.get("format", "text")),
            byline=str(data.get("byline", "")),
            feed=_opt(data.get("feed")),
            guid=_opt(data.get("guid")),
        )
    except KeyError:
        return None


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
