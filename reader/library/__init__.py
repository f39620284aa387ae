"""The library: every article read, kept as files, indexed in SQLite, searchable across.

No UI imports: the commands and the library screen are built on `Library`.
"""

from __future__ import annotations

from reader.library.files import LIBRARY_DIR_ENV, ArticleMeta, library_dir
from reader.library.library import (
    AddResult,
    ArticleRow,
    Library,
    LibraryError,
    PersonRow,
    Said,
)

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
