"""Value types of a notes file: annotations, their selectors, the document they belong to.

Everything here is frozen and plain (strings, ints, tuples), so the store, the merge and the
UI can share values across threads, compare them field by field and dump them canonically.

Times are strings in one fixed-width UTC format (`2026-11-25T04:30:12.345Z`): they sort
chronologically as text, survive YAML untouched (the loader never turns them into datetimes)
and re-dump byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import subprocess
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SCHEMA_VERSION = 1
"""The schema this code writes; files with a larger `schema` are opened read-only."""

DEFAULT_COLOR = "yellow"
"""The highlight colour of a new annotation."""

COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "orange")
"""Colours the UI offers; files may hold others (kept as written)."""

_ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id(now_ms: int | None = None) -> str:
    """A new ULID: 26 Crockford base32 characters, sorting by creation time, no coordination.

    48 bits of milliseconds then 80 random bits, so ids made on two laptops never collide and
    sorting the annotations by id lists them in the order they were created.
    """
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    value = (ms << 80) | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_ULID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def utc_now() -> str:
    """The current time as a fixed-width UTC string with milliseconds."""
    return format_time(datetime.now(UTC))


def format_time(moment: datetime) -> str:
    """Format an aware datetime in the notes-file time format (`YYYY-MM-DDTHH:MM:SS.mmmZ`)."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass(frozen=True, slots=True)
class Selector:
    """Where an annotation points: a W3C text-quote selector plus a text-position selector.

    `exact` with `prefix`/`suffix` (up to `CONTEXT_CHARS` of context each side) finds the
    passage again after the text changed; `start`/`end` (code points into `Article.text`) are
    a hint that makes the unchanged case instant.
    """

    exact: str
    """The highlighted passage, verbatim."""
    prefix: str = ""
    """The text just before the passage (may be empty at the start of the article)."""
    suffix: str = ""
    """The text just after the passage (may be empty at the end)."""
    start: int = 0
    """Offset of the passage's first character in the text it was made on."""
    end: int = 0
    """Offset just past its last character."""


CONTEXT_CHARS = 32
"""Characters of prefix and suffix stored with a selector (as Hypothesis does)."""


def selector_for(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Selector:
    """The selector of `text[start:end]`, with `context` characters of prefix and suffix."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad span {start}-{end} for a text of {len(text)} characters")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


@dataclass(frozen=True, slots=True)
class Annotation:
    """One highlight, with an optional note and tags; or the tombstone of a deleted one.

    A tombstone (`deleted` set) keeps only the id, the times and the author, so a deletion
    syncs through git like any other change instead of the note coming back from the other
    side; its `updated` is that of the version that was deleted, which lets a merge tell an
    edit the deleter never saw (it wins) from the version they deleted.
    """

    id: str
    """Stable unique id (a ULID); the list in a file is sorted by it."""
    created: str
    """When the annotation was made (UTC)."""
    updated: str
    """When its content last changed (UTC); a merge's tie-break."""
    author: str
    """Who made the last change: git `user.name`, else the login name."""
    selector: Selector | None = None
    """The passage it highlights; None only for a tombstone."""
    color: str = DEFAULT_COLOR
    """Highlight colour name."""
    tags: tuple[str, ...] = ()
    """Tags, sorted and without duplicates."""
    note: str = ""
    """The note, any Unicode, any number of lines; empty for a bare highlight."""
    deleted: str | None = None
    """When it was deleted (UTC), for a tombstone; else None."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Fields written by a newer version of the reader, kept and written back as they were."""

    def __post_init__(self) -> None:
        tags = tuple(sorted(set(self.tags)))
        if tags != self.tags:
            object.__setattr__(self, "tags", tags)

    @property
    def is_deleted(self) -> bool:
        """True for a tombstone."""
        return self.deleted is not None

    def tombstone(self, when: str) -> Annotation:
        """The tombstone that replaces this annotation when it is deleted at `when`."""
        return Annotation(
            id=self.id,
            created=self.created,
            updated=self.updated,
            author=self.author,
            deleted=when,
        )


@dataclass(frozen=True, slots=True)
class Conflict:
    """A value that lost a merge: the same field edited on two sides, one value was kept.

    Kept in the file so no edit is silently lost and the UI can offer the other value.
    """

    id: str
    """The annotation whose field clashed."""
    field: str
    """The field name (`note`, `color`, `tags`, `selector` ...)."""
    value: Any
    """The value that was not kept, as it would be written in the file."""
    updated: str
    """The `updated` time of the side that lost."""
    author: str
    """The author of the side that lost."""


@dataclass(frozen=True, slots=True)
class Document:
    """Which article a notes file belongs to, independent of the path it was opened from."""

    id: str
    """`url:` + 16 hex of the normalised URL's SHA-256, else `txt:` + 16 hex of the text's."""
    title: str = ""
    """The article's title when the file was made (for people; not used to match)."""
    url: str | None = None
    """The source URL, when the article came from the web."""
    text_sha256: str = ""
    """SHA-256 of the article text the file was created for."""
    known_text_sha256: tuple[str, ...] = ()
    """Other texts of the same article notes were made on (edited versions), sorted."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Unknown header fields, kept and written back."""

    def matches_text(self, text_sha256: str) -> bool:
        """True when notes in this file were made on the text with this hash."""
        return text_sha256 == self.text_sha256 or text_sha256 in self.known_text_sha256


@dataclass(frozen=True, slots=True)
class NotesFile:
    """The whole content of one notes file."""

    document: Document
    """The article the notes belong to."""
    annotations: tuple[Annotation, ...] = ()
    """All annotations and tombstones, sorted by id, ids unique."""
    conflicts: tuple[Conflict, ...] = ()
    """Values that lost a merge (see `Conflict`), sorted."""
    schema: int = SCHEMA_VERSION
    """The schema version the file was written with."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Unknown top-level fields, kept and written back."""

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.annotations, key=lambda a: a.id))
        ids = [a.id for a in ordered]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate annotation ids")
        if ordered != self.annotations:
            object.__setattr__(self, "annotations", ordered)

    @property
    def live(self) -> tuple[Annotation, ...]:
        """The annotations that are not deleted, sorted by id."""
        return tuple(a for a in self.annotations if not a.is_deleted)

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation (or tombstone) with this id, or None."""
        for annotation in self.annotations:
            if annotation.id == annotation_id:
                return annotation
        return None

    def with_annotation(self, annotation: Annotation) -> NotesFile:
        """A copy with `annotation` added, or replacing the one with the same id."""
        others = [a for a in self.annotations if a.id != annotation.id]
        return replace(self, annotations=(*others, annotation))


def normalise_url(url: str) -> str:
    """The URL as it identifies an article.

    Lower-case scheme and host, no fragment, no tracking parameters (`utm_*`, `fbclid`,
    `gclid`), no trailing slash.
    """
    parts = urlsplit(url.strip())
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in {"fbclid", "gclid"}
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""),
    )


def document_id(url: str | None, text_sha256: str) -> str:
    """The document id for an article with this URL (if any) and text hash."""
    if url:
        digest = hashlib.sha256(normalise_url(url).encode("utf-8")).hexdigest()
        return "url:" + digest[:16]
    return "txt:" + text_sha256[:16]


def slugify(title: str, limit: int = 60) -> str:
    """A file-name-safe, readable slug of `title` (Unicode letters kept), or `untitled`."""
    text = unicodedata.normalize("NFKC", title).lower()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug or "untitled"


def default_author() -> str:
    """Who is writing: git `user.name`, else the login name, else `unknown`.

    Looked up once per process (git is asked with a short timeout).
    """
    if _AUTHOR:
        return _AUTHOR[0]
    name = ""
    try:
        result = subprocess.run(
            ["git", "config", "--get", "user.name"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        )
        name = result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        try:
            import getpass

            name = getpass.getuser()
        except (OSError, KeyError, ImportError):
            name = os.environ.get("USER", "")
    _AUTHOR.append(name or "unknown")
    return _AUTHOR[0]


_AUTHOR: list[str] = []
