"""Updating a feed: fetch it conditionally, parse it, add each new entry to the library.

An entry is new unless its guid was seen before, or its URL, guid or text is already in the
library. Its text is the entry's full content when the feed carries it (at least
`FULL_TEXT_CHARS` characters of text); otherwise the entry's page is fetched and its main text
extracted by the HTML loader (trafilatura), which drops menus and adverts. A page that cannot
be fetched is reported and skipped; the feed's other entries go on.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from reader.document import Article
from reader.feeds.fetch import MAX_PAGE_BYTES, TIMEOUT, FetchError, fetch
from reader.feeds.store import Feed
from reader.library.library import Library, LibraryError
from reader.load import LoadError
from reader.load.source import load_bytes

FULL_TEXT_CHARS = 800
"""Below this many characters of text an entry is taken for a summary and its page fetched."""

_TAG = re.compile(r"<[^>]*>")


class FeedError(Exception):
    """The feed itself could not be updated (one line for the user)."""


@dataclass
class FeedReport:
    """What one update did."""

    url: str
    """The feed."""
    added: list[str] = field(default_factory=list)
    """Ids of the articles added."""
    duplicates: int = 0
    """Entries dropped as already in the library (by guid, URL or text)."""
    not_modified: bool = False
    """True when the server answered 304 Not Modified."""
    problems: list[str] = field(default_factory=list)
    """One line per entry that could not be added."""


def update_feed(
    library: Library,
    feed: Feed,
    *,
    timeout: float = TIMEOUT,
    progress: Callable[[int, int], None] | None = None,
) -> FeedReport:
    """Fetch `feed` and add its new entries; `feed` is updated in place (validators, seen).

    Raises `FeedError` when the feed cannot be fetched or parsed.
    """
    import feedparser  # only when updating feeds: never on the way to the reader's first paint

    report = FeedReport(feed.url)
    try:
        response = fetch(feed.url, etag=feed.etag, modified=feed.modified, timeout=timeout)
    except FetchError as error:
        raise FeedError(str(error)) from None
    feed.updated = _now()
    if response.status == 304:
        report.not_modified = True
        return report
    parsed: Any = feedparser.parse(response.body)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", "not a feed")
        raise FeedError(f"{feed.url}: not a valid feed ({_one_line(reason)})")
    feed.title = str(parsed.feed.get("title", "") or feed.title)
    entries = list(parsed.entries)
    seen = set(feed.seen)
    for done, entry in enumerate(entries, 1):
        _add_entry(library, feed, entry, seen, report, timeout)
        if progress is not None:
            progress(done, len(entries))
    feed.etag, feed.modified = response.etag, response.modified
    feed.articles += len(report.added)
    return report


def _add_entry(
    library: Library,
    feed: Feed,
    entry: Any,
    seen: set[str],
    report: FeedReport,
    timeout: float,
) -> None:
    link = str(entry.get("link", "") or "") or None
    guid = str(entry.get("id", "") or link or entry.get("title", ""))
    if guid in seen or library.find(guid=guid) or (link and library.find(url=link)):
        report.duplicates += 1
        _seen(feed, seen, guid)
        return
    try:
        article = _entry_article(entry, link, timeout)
    except (FetchError, LoadError) as error:
        report.problems.append(_one_line(error))
        return
    if article.is_empty:
        report.problems.append(f"{link or guid}: no text")
        return
    if library.find(text_sha256=article.text_sha256):
        report.duplicates += 1
        _seen(feed, seen, guid)
        return
    if not article.title:
        article = replace(article, title=str(entry.get("title", "")))
    try:
        result = library.add(article, published=_published(entry), feed=feed.url, guid=guid)
    except LibraryError as error:
        report.problems.append(_one_line(error))
        return
    report.added.append(result.id)
    _seen(feed, seen, guid)


def _entry_article(entry: Any, link: str | None, timeout: float) -> Article:
    """The entry's article: its full content, else its fetched page, else its summary."""
    content = "".join(str(part.get("value", "")) for part in entry.get("content", []) or [])
    if len(_TAG.sub("", content).strip()) >= FULL_TEXT_CHARS or (content and not link):
        return _html_article(content, link)
    if link:
        page = fetch(link, limit=MAX_PAGE_BYTES, timeout=timeout)
        suffix = ".txt" if "text/plain" in page.content_type else ".html"
        return load_bytes(page.body, name=link, source=link, suffix=suffix, url=link)
    return _html_article(str(entry.get("summary", "")), link)


def _html_article(html: str, link: str | None) -> Article:
    page = f"<html><body><article>{html}</article></body></html>"
    return load_bytes(
        page.encode("utf-8"),
        name=link or "<feed>",
        source=link or "<feed>",
        suffix=".html",
        url=link,
    )


def _seen(feed: Feed, seen: set[str], guid: str) -> None:
    if guid not in seen:
        seen.add(guid)
        feed.seen.append(guid)


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:300]
