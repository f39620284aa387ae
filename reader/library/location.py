"""Where the library folder is: the option, else `$READER_LIBRARY_DIR`, else the data directory.

Its own module so that finding the folder loads nothing else (`reader said` opens the index
directly).
"""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_DIR_ENV = "READER_LIBRARY_DIR"
"""Environment variable naming the library folder (tests, or a folder inside the notes repo)."""


def library_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The library folder: `option`, else `$READER_LIBRARY_DIR`, else `<data dir>/reader/library`.

    The data directory is `$XDG_DATA_HOME` or `~/.local/share` on Linux (platformdirs).
    """
    if option:
        return Path(option).expanduser()
    env = os.environ.get(LIBRARY_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("reader", appauthor=False)) / "library"
