"""Where the reader left each article, keyed by the text's SHA-256 rather than its path.

Kept in the platform state directory (`~/.local/state/reader/positions.json` on Linux, or
under `$XDG_STATE_HOME`), apart from notes: it is per machine and disposable. A moved or renamed
file keeps its place because the key is the text, not where it was opened from. Writes are
atomic (temporary file then rename); a damaged file is treated as empty, never an error.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "reader"
"""Directory name under the platform state directory."""
MAX_ENTRIES = 500
"""Positions kept; the least recently read are forgotten first."""


@dataclass(frozen=True, slots=True)
class Position:
    """A reading position in one article."""

    offset: int
    """Offset in `Article.text` of the first text that was on screen."""
    paragraph: int
    """Index of the current paragraph."""
    saved_at: float = 0.0
    """When it was saved (seconds since the epoch)."""


def positions_path() -> Path:
    """Where positions are stored (honours `XDG_STATE_HOME` on Linux)."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "positions.json"


def _read(path: Path) -> dict[str, dict[str, float]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    import json  # only once there is a file: a first start has none, and json costs ~3 ms

    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def load_position(text_sha256: str, path: Path | None = None) -> Position | None:
    """The saved position for the article with `text_sha256`, or None."""
    entry = _read(path or positions_path()).get(text_sha256)
    if not isinstance(entry, dict):
        return None
    try:
        return Position(
            offset=max(0, int(entry["offset"])),
            paragraph=max(0, int(entry.get("paragraph", 0))),
            saved_at=float(entry.get("saved_at", 0.0)),
        )
    except (KeyError, TypeError, ValueError):
        return None


def save_position(text_sha256: str, position: Position, path: Path | None = None) -> None:
    """Remember `position` for the article with `text_sha256` (errors are ignored)."""
    path = path or positions_path()
    entries = _read(path)
    entries[text_sha256] = {
        "offset": position.offset,
        "paragraph": position.paragraph,
        "saved_at": position.saved_at or time.time(),
    }
    if len(entries) > MAX_ENTRIES:
        newest = sorted(
            entries.items(),
            key=lambda item: (
                float(item[1].get("saved_at", 0.0)) if isinstance(item[1], dict) else 0.0
            ),
            reverse=True,
        )
        entries = dict(newest[:MAX_ENTRIES])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".positions-")
        import json

        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(entries, stream)
        os.replace(temporary, path)
    except OSError:
        return
