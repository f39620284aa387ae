"""HTTP for feeds: conditional GETs with a timeout and a size limit (standard library only)."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

TIMEOUT = 15.0
"""Seconds to wait for a server."""

MAX_FEED_BYTES = 10 * 1024 * 1024
"""Largest feed accepted."""

MAX_PAGE_BYTES = 5 * 1024 * 1024
"""Largest article page fetched for an entry that carries only a summary."""

USER_AGENT = "reader/0.1 (terminal reader; feeds)"


class FetchError(Exception):
    """A fetch failed: the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Response:
    """What a server answered."""

    status: int
    """200, or 304 when nothing changed."""
    body: bytes
    """The body (empty for 304)."""
    etag: str | None = None
    """The ETag header."""
    modified: str | None = None
    """The Last-Modified header."""
    content_type: str = ""
    """The Content-Type header."""


def fetch(
    url: str,
    *,
    etag: str | None = None,
    modified: str | None = None,
    limit: int = MAX_FEED_BYTES,
    timeout: float = TIMEOUT,
) -> Response:
    """GET `url`, conditionally when validators are given; raise `FetchError` on failure."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FetchError(f"{url}: too large ({int(length)} bytes; the limit is {limit})")
            body = response.read(limit + 1)
            if len(body) > limit:
                raise FetchError(f"{url}: too large (the limit is {limit} bytes)")
            return Response(
                response.status,
                body,
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
                response.headers.get("Content-Type", ""),
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Response(304, b"", etag, modified)
        raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: cannot fetch ({_reason(error.reason)})") from None
    except (TimeoutError, OSError) as error:
        raise FetchError(f"{url}: cannot fetch ({_reason(error)})") from None


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or "network unreachable"
