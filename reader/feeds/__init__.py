"""Feeds: RSS and Atom subscriptions whose entries are added to the library. No UI imports.

`feeds.yaml` in the library folder lists the feeds with their HTTP validators; `update_feed`
fetches one with a conditional request, parses it with feedparser (imported only there), and
adds each new entry, fetching the full page when the entry carries only a summary.
"""

from __future__ import annotations

from reader.feeds.store import Feed, FeedList, FeedsError
from reader.feeds.update import FeedReport, update_feed

__all__ = ["Feed", "FeedList", "FeedReport", "FeedsError", "update_feed"]
