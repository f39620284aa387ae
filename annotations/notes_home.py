"""Where notes are kept: the notes directory, from `--notes-dir`, the environment or the default.

Apart from `annotations.location` (which finds an article's file there and imports the notes
index, YAML and rapidfuzz) so that the reader can name the directory right after its first
paint, for the first screen its notes left (`annotations.first_screen`), at no import cost.
"""

from __future__ import annotations

import os
from pathlib import Path

NOTES_DIR_ENV = "READER_NOTES_DIR"
"""Environment variable naming the notes directory (below `--notes-dir`, above the default)."""


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
