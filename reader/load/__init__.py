"""Loaders: bytes from a file, URL or stdin to a clean `Article` (text, Markdown, HTML)."""

from __future__ import annotations

from reader.load.errors import LoadError
from reader.load.source import (
    MAX_BYTES,
    is_url,
    load_bytes,
    load_path,
    load_sample,
    load_stream,
    load_url,
    open_article,
)

__all__ = [
    "MAX_BYTES",
    "LoadError",
    "is_url",
    "load_bytes",
    "load_path",
    "load_sample",
    "load_stream",
    "load_url",
    "open_article",
]
