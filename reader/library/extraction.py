"""An article's quotes and speakers as the library keeps them: a small JSON file, plain lists.

`extraction-<hash12>.json` beside the text holds what the index needs (no evidence), so
`reindex` never extracts again. The index is built from the decoded lists themselves, not
from `Quote` and `Speaker` objects: at 10,000 articles building those objects cost more
than reading the JSON.

`load` and `save` read and write an article's file for `Library` (`reindex`, recovery, adds).
`prepare` is what an import's worker processes run (`batch.py`): extract one article and
write its text and this file into the folder the article will have. Only `meta.yaml`,
written later under the library's lock, makes the folder an article (`files.py`); a folder
left without it by a killed import is swept away.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.library.files import (
    ArticleMeta,
    LibraryFiles,
    new_meta,
    replace_file,
    text_file_name,
)

if TYPE_CHECKING:  # the model is not loaded to open a library (the library screen's start)
    from reader.document import Article
    from reader.extract.model import Extraction

VERSION = 1
"""Version of the JSON files; a file of another version is extracted again."""

SPOKEN = frozenset({"direct", "partial", "indirect"})
"""The quote kinds, as kept (`QuoteKind` values), that are something a person said (not scare
quotes or titles)."""


class CachedExtraction(NamedTuple):
    """The quotes and speakers of one article, as decoded from its JSON file."""

    quotes: list[list[Any]]
    """`[start, end, text, kind, paragraph, speaker id or None]`, in article order."""
    speakers: list[list[Any]]
    """`[id, name, aliases, organisation, quote count]`."""


def file_name(text_sha256: str) -> str:
    """The JSON file's name in the article's folder (it names the text it was made from)."""
    return f"extraction-{text_sha256[:12]}.json"


def encode(extraction: Extraction) -> bytes:
    """The JSON file's contents for `extraction`."""
    data = {
        "version": VERSION,
        "quotes": [
            [q.start, q.end, q.text, q.kind.value, q.paragraph, q.speaker]
            for q in extraction.quotes
        ],
        "speakers": [
            [s.id, s.name, list(s.aliases), s.organisation, s.quote_count]
            for s in extraction.speakers
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(blob: bytes | str) -> CachedExtraction | None:
    """The extraction in a JSON file's contents, or None when it is not one of this version."""
    try:
        data = json.loads(blob)
        if data.get("version") != VERSION:
            return None
        quotes, speakers = data["quotes"], data["speakers"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(quotes, list) or not isinstance(speakers, list):
        return None
    return CachedExtraction(quotes, speakers)


def path(files: LibraryFiles, meta: ArticleMeta) -> Path:
    """Where the article's JSON file is: in its folder, named for the text it was made from."""
    return files.folder(meta.id) / file_name(meta.text_sha256)


def save(files: LibraryFiles, meta: ArticleMeta, blob: bytes) -> None:
    """Write the article's JSON file and remove any made from an earlier text.

    Derived data: replaced atomically but not fsynced (a file lost to a power cut is extracted
    again); the text and the metadata are fsynced.
    """
    target = path(files, meta)
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, blob)
    for stale in target.parent.glob("extraction-*.json"):
        if stale != target:
            with contextlib.suppress(OSError):
                stale.unlink()


def load(files: LibraryFiles, meta: ArticleMeta) -> CachedExtraction:
    """The article's extraction: its JSON file when current, else extracted again and saved."""
    with contextlib.suppress(OSError):
        found = decode(path(files, meta).read_bytes())
        if found is not None:
            return found
    from reader.extract import extract

    blob = encode(extract(files.article(meta)))
    with contextlib.suppress(OSError):
        save(files, meta, blob)
    extraction = decode(blob)
    assert extraction is not None  # encoded by this program
    return extraction


def prepare(article: Article, articles_dir: Path | None, added: str) -> tuple[bytes, bool]:
    """Extract `article`; write its files ahead into its folder-to-be; the JSON, and whether.

    Run in an import's worker processes. The folder is the one a new article gets
    (`article_id`): its text, this JSON file, then its metadata as a new article `added`
    then (`LibraryFiles.write_ahead`, not yet `meta.yaml`). Under the lock the writer renames
    the metadata into place when the article is new, and writes the files itself when the
    article turns out to be an update kept under another id. Files are replaced atomically,
    not fsynced: the writer syncs once before its index commits.
    """
    from reader.extract import extract

    blob = encode(extract(article))
    if articles_dir is None:
        return blob, False
    sha = article.text_sha256
    files = LibraryFiles(articles_dir.parent)
    meta = new_meta(article, added)
    folder = files.folder(meta.id)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text_path = folder / text_file_name(sha)
        if not text_path.exists():
            replace_file(text_path, article.text.encode("utf-8"))
        replace_file(folder / file_name(sha), blob)
        files.write_ahead(meta)
    except OSError:
        return blob, False  # the writer writes what is missing
    return blob, True
