"""Open an article from a path, a URL, stdin or the built-in sample, with clear errors.

Every failure a user can cause (missing file, directory, permissions, binary or huge input, no
network) becomes a `LoadError` with a one-line message; the CLI prints it and exits with 2.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from reader.document import Article, build_article
from reader.load.clean import clean, utf8_has_controls
from reader.load.decode import decode
from reader.load.errors import LoadError

MAX_BYTES = 64 * 1024 * 1024
"""Largest input accepted (64 MiB): ample for any book, small enough to never exhaust memory."""

URL_TIMEOUT = 15.0
"""Seconds to wait for a web server before giving up."""

SAMPLE_NAME = "sample.txt"
"""The built-in sample article, shipped in `reader/data/`."""

_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html|<head|<body|<article|<p\b)", re.I)
_URL = re.compile(r"^https?://", re.I)


def is_url(target: str) -> bool:
    """True when `target` is an http(s) URL rather than a path."""
    return bool(_URL.match(target))


def open_article(target: str | None, *, stdin: BinaryIO | None = None) -> Article:
    """Open `target`: None for the sample, `-` for stdin, a URL, or a file path."""
    if target is None:
        return load_sample()
    if target == "-":
        if stdin is None:
            raise LoadError("no standard input to read")
        return load_stream(stdin, name="<stdin>")
    if is_url(target):
        return load_url(target)
    return load_path(Path(target))


def load_sample() -> Article:
    """Return the built-in sample article."""
    # Beside this package, as installed (importlib.resources would add ~3 ms to every start).
    data = (Path(__file__).resolve().parent.parent / "data" / SAMPLE_NAME).read_bytes()
    return load_bytes(data, name="<sample>", source="<sample>")


def load_path(path: Path) -> Article:
    """Read and parse the file at `path`."""
    name = str(path)
    try:
        if path.is_dir():
            raise LoadError(f"{name}: is a directory, not an article")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(f"{name}: too large ({_mib(size)}; the limit is {_mib(MAX_BYTES)})")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise LoadError(f"{name}: no such file") from None
    except PermissionError:
        raise LoadError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise LoadError(f"{name}: is a directory, not an article") from None
    except OSError as error:
        raise LoadError(f"{name}: cannot read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise LoadError(f"{name}: too large (the limit is {_mib(MAX_BYTES)})")
    return load_bytes(data, name=name, source=str(path.resolve()), suffix=path.suffix.lower())


def load_stream(stream: BinaryIO, *, name: str) -> Article:
    """Read a whole binary stream (stdin) and parse it."""
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise LoadError(f"{name}: cannot read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise LoadError(f"{name}: too large (the limit is {_mib(MAX_BYTES)})")
    return load_bytes(data, name=name, source=name)


def load_url(url: str) -> Article:
    """Fetch `url` and parse the page (HTML) or text it returns."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "reader/0.1 (terminal reader)"})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        raise LoadError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise LoadError(f"{url}: cannot fetch ({_reason(error.reason)})") from None
    except (TimeoutError, OSError) as error:
        raise LoadError(f"{url}: cannot fetch ({_reason(error)})") from None
    if len(data) > MAX_BYTES:
        raise LoadError(f"{url}: too large (the limit is {_mib(MAX_BYTES)})")
    suffix = ".txt" if "text/plain" in content_type else ".md" if "markdown" in content_type else ""
    return load_bytes(data, name=url, source=url, suffix=suffix, url=url)


def load_bytes(
    data: bytes, *, name: str, source: str, suffix: str = "", url: str | None = None
) -> Article:
    """Decode and parse raw bytes; `suffix` (`.md`, `.html`...) picks the format when given."""
    from reader.load.text import blocks_from_text, split_title

    text, encoding = decode(data, name=name)
    fmt = format_of(suffix, data)
    controls = encoding != "utf-8" or utf8_has_controls(data)
    # The bytes are not read again: let them go (freed here when the caller handed them over,
    # as the reader's progressive opening does: 30 MB less at a 30 MB book's peak).
    del data
    text = clean(text, controls=controls)
    byline = ""
    if fmt == "html":
        from reader.load.html import blocks_from_html

        title, blocks, byline = blocks_from_html(text)
    elif fmt == "markdown":
        from reader.load.markdown import blocks_from_markdown, split_heading_title

        title, blocks = split_heading_title(blocks_from_markdown(text))
    else:
        title, blocks = split_title(blocks_from_text(text))
    # The blocks hold the words now: the text goes before `build_article` joins them again,
    # or a book would be in memory three times at once (a 30 MB book: 60 MB each, UCS-2).
    del text
    if not title and source not in ("<stdin>", "<sample>") and not url:
        title = title_from_source(source)
    return build_article(blocks, title=title, source=source, format=fmt, url=url, byline=byline)


def title_from_source(source: str) -> str:
    """The title of an article that has no headline: its file name, `_` read as spaces."""
    return Path(source).stem.replace("_", " ")


def format_of(suffix: str, data: bytes) -> str:
    """`text`, `markdown` or `html`: by the file's suffix, else by sniffing its first bytes."""
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in (".txt", ".text"):
        return "text"
    head = data[:4096]
    if _HTML_START.match(head):
        return "html"
    first = head.lstrip().split(b"\n", 1)[0]
    if first.startswith(b"# ") and (b"\n## " in data[:65536] or b"](" in data[:65536]):
        return "markdown"
    return "text"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB" if size >= 1024 * 1024 else f"{size} bytes"


def _reason(reason: object) -> str:
    text = str(reason)
    if isinstance(reason, OSError) and reason.strerror:
        text = reason.strerror
    return text or "network unreachable"
