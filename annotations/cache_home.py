"""The notes caches' directory and their sealed entries, light enough to read before a paint.

The parsed notes (`parsed_cache`) and the notes' first screens (`first_screen`) are kept in
the reader's cache directory as sealed JSON: a magic line, the BLAKE2 digest of the payload,
the payload. Nothing read from a cache is ever executed; an entry whose digest does not match
(damaged, truncated, foreign) reads as nothing. This module imports nothing but the standard
library's json and hashlib, so the reader can look at an entry before its first paint.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "READER_NOTES_CACHE_DIR"
"""Environment variable naming the cache directory (tests; `off` turns the cache off)."""


def cache_root() -> Path | None:
    """The reader's cache directory, or None when `READER_NOTES_CACHE_DIR=off`."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env == "off":
        return None
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader", appauthor=False))


def seal(magic: bytes, payload: bytes) -> bytes:
    """An entry: `magic`, the BLAKE2 digest of the JSON `payload`, and the payload."""
    digest = hashlib.blake2b(payload, digest_size=16).hexdigest().encode("ascii")
    return magic + digest + b"\n" + payload


def unseal(magic: bytes, data: bytes) -> Any:
    """The JSON value of an entry made by `seal(magic, ...)`; None when it is not one intact.

    Raises `ValueError` for a digest-matching payload that is not JSON (never made here).
    """
    if not data.startswith(magic):
        return None
    digest, _, payload = data[len(magic) :].partition(b"\n")
    if hashlib.blake2b(payload, digest_size=16).hexdigest().encode("ascii") != digest:
        return None
    return json.loads(payload)
