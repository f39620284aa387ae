"""Where notes files are: the notes directory, file names, and finding an article's file.

An article's notes are found by identity, never by path: the file name carries a short id of
the source URL or of the text hash, and failing that the `document:` header of each file is
read (a known URL, a known text hash, or the same title with most passages still present).
"""

from __future__ import annotations

import os
from pathlib import Path

from annotations.model import Document, document_id, normalise_url, slugify
from annotations.yaml_io import NotesFormatError, parse_bytes, read_document
from reader.document import Article

NOTES_SUFFIX = ".notes.yaml"
"""Suffix of every notes file (what `.gitattributes` should match)."""

NOTES_DIR_ENV = "READER_NOTES_DIR"
"""Environment variable naming the notes directory (below `--notes-dir`, above the default)."""

HEADER_BYTES = 16 * 1024
"""How much of each file is read when searching the directory for an article's notes."""


def notes_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The notes directory: `option`, else `$READER_NOTES_DIR`, else the platform default.

    `option` is `--notes-dir`. The default is `$XDG_DATA_HOME/reader/notes` when
    XDG_DATA_HOME is set, `~/.local/share/reader/notes` on Linux, the Application Support or
    AppData folder elsewhere.
    """
    if option:
        return Path(option).expanduser()
    env = os.environ.get(NOTES_DIR_ENV)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "reader" / "notes"
    import platformdirs

    return platformdirs.user_data_path("reader", appauthor=False) / "notes"


def _short(doc_id: str) -> str:
    return doc_id.split(":", 1)[-1][:8]


def file_name(document: Document) -> str:
    """The file name for a document: slug of the title, `--`, 8 hex of its id."""
    return f"{slugify(document.title)}--{_short(document.id)}{NOTES_SUFFIX}"


def find_notes_file(article: Article, directory: Path) -> Path | None:
    """The notes file for `article` in `directory`, found by identity, not by path.

    By file name first (the id of the source URL, or of the text), then by reading the
    `document:` header of every notes file: same normalised URL, or the same text hash
    (current or a known earlier one); last, for an edited text without a URL, a file with
    the same title whose passages are largely still in the text (`_passages_found`).
    """
    if not directory.is_dir():
        return None
    ids = [document_id(article.url, article.text_sha256)]
    if article.url:
        ids.append(document_id(None, article.text_sha256))
    for doc_id in ids:
        matches = sorted(directory.glob(f"*--{_short(doc_id)}{NOTES_SUFFIX}"))
        if matches:
            return matches[0]
    url = normalise_url(article.url) if article.url else None
    same_title: list[Path] = []
    for path in sorted(directory.glob(f"*{NOTES_SUFFIX}")):
        try:
            with path.open("rb") as handle:
                head = handle.read(HEADER_BYTES).decode("utf-8", errors="replace")
        except OSError:
            continue
        document = read_document(head, str(path))
        if document is None:
            continue
        if (url and document.url and normalise_url(document.url) == url) or (
            document.matches_text(article.text_sha256)
        ):
            return path
        if article.title and document.title == article.title and not (url and document.url):
            same_title.append(path)
    for path in same_title:
        if _passages_found(path, article.text):
            return path
    return None


def _passages_found(path: Path, text: str) -> bool:
    """True when the file's notes belong to an edited version of `text`.

    The last resort for an article without a URL whose text changed (its hash is new): a
    file with the same title is taken when at least a third of its passages are still in the
    text verbatim; the next save records the new hash, so later opens match at once.
    """
    try:
        notes = parse_bytes(path.read_bytes(), str(path))
    except (OSError, NotesFormatError):
        return False
    passages = [a.selector.exact for a in notes.live if a.selector is not None]
    found = sum(1 for passage in passages if passage and passage in text)
    return bool(passages) and found * 3 >= len(passages)
