"""The library: every article read, kept as files, indexed in SQLite, searchable across.

No UI imports: the commands and the library screen are built on `Library`
(`reader.library.library`). This package re-exports only its light parts, so that `reader
said` (`reader.library.lookup`) loads neither YAML nor the document and extraction models;
the rest is imported from its own module where it is used.
"""

from __future__ import annotations

from reader.library.location import LIBRARY_DIR_ENV, library_dir
from reader.library.rows import PersonRow, Said

__all__ = ["LIBRARY_DIR_ENV", "PersonRow", "Said", "library_dir"]
