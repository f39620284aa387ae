"""The last searches per article, for up/down in the search bar; saved as JSON if asked.

Articles are keyed by `Article.text_sha256`, so the history follows the text whatever path
or URL it was opened from.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HISTORY_LIMIT = 50
"""Searches kept per article."""
ARTICLES_LIMIT = 200
"""Articles kept in the file; the least recently searched are forgotten first."""


def default_history_path() -> Path:
    """Where the history lives: `search-history.json` in the user's state directory."""
    from platformdirs import user_state_path

    return user_state_path("reader") / "search-history.json"


@dataclass
class SearchHistory:
    """The last searches of each article, newest last."""

    limit: int = HISTORY_LIMIT
    """Searches kept per article."""
    _entries: dict[str, list[str]] = field(default_factory=dict)

    def add(self, article: str, query: str) -> None:
        """Remember `query` for `article` (moving a repeated query to the newest place)."""
        query = query.strip()
        if not query:
            return
        entries = self._entries.pop(article, [])
        if query in entries:
            entries.remove(query)
        entries.append(query)
        del entries[: -self.limit]
        self._entries[article] = entries  # re-inserted: most recently searched article last
        while len(self._entries) > ARTICLES_LIMIT:
            del self._entries[next(iter(self._entries))]

    def entries(self, article: str) -> list[str]:
        """The searches of `article`, oldest first."""
        return list(self._entries.get(article, ()))

    def cursor(self, article: str) -> HistoryCursor:
        """A cursor for stepping through `article`'s searches with up and down."""
        return HistoryCursor(tuple(self.entries(article)))

    def to_json(self) -> str:
        """The history as JSON text."""
        return json.dumps({"version": 1, "articles": self._entries}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, limit: int = HISTORY_LIMIT) -> SearchHistory:
        """Read a history written by `to_json`; anything malformed is ignored."""
        history = cls(limit)
        try:
            data = json.loads(text)
            articles = data.get("articles", {}) if isinstance(data, dict) else {}
        except ValueError:
            return history
        for article, queries in articles.items() if isinstance(articles, dict) else ():
            if isinstance(article, str) and isinstance(queries, list):
                for query in queries:
                    if isinstance(query, str):
                        history.add(article, query)
        return history


def load_history(path: Path | None = None, limit: int = HISTORY_LIMIT) -> SearchHistory:
    """Read the history file (an empty history when it is missing or unreadable)."""
    path = path or default_history_path()
    try:
        return SearchHistory.from_json(path.read_text(encoding="utf-8"), limit)
    except (OSError, ValueError):  # missing, unreadable, or not UTF-8
        return SearchHistory(limit)


def save_history(history: SearchHistory, path: Path | None = None) -> None:
    """Write the history file atomically (a crash never leaves half a file)."""
    path = path or default_history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".search-history-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(history.to_json())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class HistoryCursor:
    """Up/down through past searches, as in a shell; keeps what was being typed."""

    entries: tuple[str, ...]
    """The searches, oldest first."""
    _position: int | None = None
    _draft: str = ""

    def older(self, current: str) -> str:
        """The search before the one shown (up); `current` is kept to come back to."""
        if not self.entries:
            return current
        if self._position is None:
            self._draft = current
            self._position = len(self.entries)
        self._position = max(0, self._position - 1)
        return self.entries[self._position]

    def newer(self, current: str) -> str:
        """The search after the one shown (down); past the newest, what was being typed."""
        if self._position is None:
            return current
        self._position += 1
        if self._position >= len(self.entries):
            self._position = None
            return self._draft
        return self.entries[self._position]
