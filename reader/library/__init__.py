"""The library: every article read, kept as files, indexed in SQLite, searchable across.

No UI imports: the commands and the library screen are built on `Library`. The names below
load on first use, so `reader said` (`reader.library.lookup`) loads neither YAML nor the
document and extraction models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_exports
from reader.library.location import LIBRARY_DIR_ENV, library_dir
from reader.library.rows import PersonRow, Said

if TYPE_CHECKING:
    from reader.library.files import ArticleMeta
    from reader.library.library import AddResult, ArticleRow, Library, LibraryError

__all__ = [
    "LIBRARY_DIR_ENV",
    "AddResult",
    "ArticleMeta",
    "ArticleRow",
    "Library",
    "LibraryError",
    "PersonRow",
    "Said",
    "library_dir",
]

_HOMES = {
    "ArticleMeta": "reader.library.files",
    "AddResult": "reader.library.library",
    "ArticleRow": "reader.library.library",
    "Library": "reader.library.library",
    "LibraryError": "reader.library.library",
}
"""Where each public name lives."""

__getattr__, __dir__ = lazy_exports(__name__, globals(), _HOMES)
