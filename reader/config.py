"""The user's settings: theme, line width, key overrides and side panes, from a YAML file.

The file lives in the platform config directory (`~/.config/reader/config.yaml` on Linux, or
under `$XDG_CONFIG_HOME`). A missing file means defaults; a broken one means defaults plus one
message saying what was wrong, never a crash. No UI imports: the app turns this into a theme
and a Textual keymap.

Example::

    theme: textual-light
    line_width: 72
    side_panes: false
    sync_notes_on_quit: true
    library:
      keep: ask          # ask | always | never: keep articles opened with `reader FILE`
    keys:
      article.line_down: j,down,ctrl+n
      app.quit: q,ctrl+q
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "reader"
"""Directory name under the platform config and state directories."""

DEFAULT_THEME = "textual-dark"
"""Theme used when none is configured."""
DEFAULT_LINE_WIDTH = 76
"""Widest line of text, in cells, when none is configured."""
MIN_LINE_WIDTH = 20
"""Narrowest line width accepted."""
MAX_LINE_WIDTH = 400
"""Widest line width accepted."""
LIBRARY_KEEP = ("ask", "always", "never")
"""What `reader FILE` may do with an article not in the library (`library.keep`)."""


@dataclass(frozen=True)
class Config:
    """Settings for the reading UI."""

    theme: str = DEFAULT_THEME
    """Name of a Textual theme (`textual-dark`, `textual-light`, `nord`, ...)."""
    line_width: int = DEFAULT_LINE_WIDTH
    """Maximum width of the text column, in cells; the column is centred."""
    side_panes: bool = True
    """Show the side panes beside the article when the terminal is wide enough."""
    sync_notes_on_quit: bool = False
    """Run `reader sync` on the notes directory after quitting, when it is a git repository."""
    keys: dict[str, str] = field(default_factory=dict)
    """Key overrides: binding id to comma-separated keys (Textual keymap)."""
    library_keep: str = "ask"
    """`library.keep`: `ask` (one hint, and "Keep in library" in the palette), `always` (kept
    when the reader closes) or `never` (only the palette's "Keep in library" keeps it)."""
    path: Path | None = None
    """The file these settings came from, if any."""
    problems: tuple[str, ...] = ()
    """What was wrong with the file (each setting concerned fell back to its default)."""


def config_path() -> Path:
    """Where the config file is (honours `XDG_CONFIG_HOME` on Linux)."""
    override = os.environ.get("READER_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.yaml"


def load_config(path: Path | None = None) -> Config:
    """Read the config file; defaults (with `problems` filled in) when it is missing or bad."""
    path = path or config_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=None)
    except (OSError, UnicodeDecodeError) as error:
        return Config(path=path, problems=(f"cannot read it ({error})",))
    import yaml  # only when there is a file to read: keeps start-up fast

    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return Config(path=path, problems=(f"it is not valid YAML{where}",))
    if data is None:
        return Config(path=path)
    if not isinstance(data, dict):
        return Config(path=path, problems=("it should be a mapping of settings",))
    return _parse(data, path)


def _parse(data: dict[Any, Any], path: Path) -> Config:
    problems: list[str] = []
    theme = data.get("theme", DEFAULT_THEME)
    if not isinstance(theme, str) or not theme.strip():
        problems.append("theme must be a theme name")
        theme = DEFAULT_THEME
    width = data.get("line_width", DEFAULT_LINE_WIDTH)
    if (
        isinstance(width, bool)
        or not isinstance(width, int)
        or not MIN_LINE_WIDTH <= width <= MAX_LINE_WIDTH
    ):
        problems.append(
            f"line_width must be a whole number from {MIN_LINE_WIDTH} to {MAX_LINE_WIDTH}"
        )
        width = DEFAULT_LINE_WIDTH
    side_panes = data.get("side_panes", True)
    if not isinstance(side_panes, bool):
        problems.append("side_panes must be true or false")
        side_panes = True
    sync_on_quit = data.get("sync_notes_on_quit", False)
    if not isinstance(sync_on_quit, bool):
        problems.append("sync_notes_on_quit must be true or false")
        sync_on_quit = False
    library_keep = _library_keep(data.get("library", {}), problems)
    keys_raw = data.get("keys", {}) or {}
    keys: dict[str, str] = {}
    if not isinstance(keys_raw, dict):
        problems.append("keys must map binding ids to keys")
    else:
        for binding_id, value in keys_raw.items():
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = ",".join(value)
            if not isinstance(binding_id, str) or not isinstance(value, str) or not value:
                problems.append(f"keys.{binding_id} must be keys such as 'j,down'")
                continue
            keys[binding_id] = ",".join(part.strip() for part in value.split(","))
    known = {"theme", "line_width", "side_panes", "sync_notes_on_quit", "keys", "library"}
    problems.extend(f"unknown setting {key!r}" for key in data if key not in known)
    return Config(
        theme=theme.strip(),
        line_width=width,
        side_panes=side_panes,
        sync_notes_on_quit=sync_on_quit,
        keys=keys,
        library_keep=library_keep,
        path=path,
        problems=tuple(problems),
    )


def _library_keep(section: object, problems: list[str]) -> str:
    """`library.keep` from the `library` section (the default, `ask`, when absent or wrong)."""
    if section is None:
        return "ask"
    if not isinstance(section, dict):
        problems.append("library must be a mapping such as {keep: ask}")
        return "ask"
    problems.extend(f"unknown setting 'library.{key}'" for key in section if key != "keep")
    keep = section.get("keep", "ask")
    if keep not in LIBRARY_KEEP:
        problems.append("library.keep must be ask, always or never")
        return "ask"
    return str(keep)
