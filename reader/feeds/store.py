"""The list of feeds, `<library>/feeds.yaml`: URL, title, HTTP validators, last result.

Written atomically under a lock, like the notes: a process killed while saving leaves the old
list or the new one, and two processes never save at once.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from annotations.safe_files import atomic_write, file_lock

FEEDS_NAME = "feeds.yaml"
"""The feed list's file name in the library folder."""

_HTTP = re.compile(r"^https?://[^\s/]+", re.I)


class FeedsError(Exception):
    """A feed command cannot be done (one line for the CLI)."""


@dataclass
class Feed:
    """One subscription."""

    url: str
    """The feed's address."""
    title: str = ""
    """Its title, once fetched."""
    etag: str | None = None
    """The last response's ETag, sent back as If-None-Match."""
    modified: str | None = None
    """The last response's Last-Modified, sent back as If-Modified-Since."""
    updated: str | None = None
    """When it was last fetched, ISO 8601 UTC."""
    error: str | None = None
    """Why the last update failed, if it did."""
    articles: int = 0
    """How many articles it has added."""
    seen: list[str] = field(default_factory=list)
    """Guids of the entries already handled (newest last, capped), so none is fetched twice."""


SEEN_LIMIT = 2000
"""Guids remembered per feed: more than any feed keeps at once."""


class FeedList:
    """The feeds of one library folder."""

    def __init__(self, root: Path) -> None:
        self.path = root / FEEDS_NAME
        """The feed list's file."""

    def load(self) -> list[Feed]:
        """Every feed; an unreadable list is an error, never overwritten."""
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise FeedsError(f"{self.path}: cannot read the feed list ({error})") from None
        if data is None:
            return []
        if not isinstance(data, dict) or not isinstance(data.get("feeds"), list):
            raise FeedsError(f"{self.path}: not a feed list (expected 'feeds:')")
        return [_feed(item) for item in data["feeds"] if isinstance(item, dict) and "url" in item]

    def save(self, feeds: list[Feed]) -> None:
        """Write the list atomically."""
        data = {"feeds": [_plain(feed) for feed in feeds]}
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        atomic_write(self.path, text.encode("utf-8"))

    def add(self, url: str) -> Feed:
        """Subscribe to `url` (an http or https address); adding it twice changes nothing."""
        if not _HTTP.match(url):
            raise FeedsError(f"{url}: not an http(s) address")
        with file_lock(self.path, 30):
            feeds = self.load()
            for feed in feeds:
                if feed.url == url:
                    return feed
            feed = Feed(url)
            feeds.append(feed)
            self.save(feeds)
        return feed

    def record(self, result: Feed) -> None:
        """Save what an update learnt about one feed, keeping the others as they are on disk."""
        with file_lock(self.path, 30):
            feeds = self.load()
            for index, feed in enumerate(feeds):
                if feed.url == result.url:
                    result.seen = result.seen[-SEEN_LIMIT:]
                    feeds[index] = result
                    break
            self.save(feeds)


def _plain(feed: Feed) -> dict[str, Any]:
    return {k: v for k, v in asdict(feed).items() if v not in (None, "", [])}


def _feed(data: dict[str, Any]) -> Feed:
    return Feed(
        url=str(data["url"]),
        title=str(data.get("title", "")),
        etag=_opt(data.get("etag")),
        modified=_opt(data.get("modified")),
        updated=_opt(data.get("updated")),
        error=_opt(data.get("error")),
        articles=int(data.get("articles", 0) or 0),
        seen=[str(s) for s in data.get("seen", []) or []],
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
