r"""Text written into Markdown so that it reads as the same text, never as markup.

`reader export` puts article text and note fields (which collaborators write, through
`reader sync`) into Markdown. Whatever they hold must show as written in CommonMark, GitHub
and Obsidian: no HTML (`<script>`, `<img onerror=...>`), no links or images (`[x](...)`,
`![](https://...)`, bare `https://` or `www.` that renderers turn into links), no headings,
rules, block quotes, lists or code blocks from a line's start, no Obsidian tags, highlights,
comments or maths. Links in an export come only from the article's own URL (`link`).

The method: control characters are cleaned as in article text (`reader.load.clean`); every
punctuation character that has a meaning inside a line gets a backslash (CommonMark renders
`\*` as `*`); at a line's start, list and heading markers are escaped too, and indentation
is kept as no-break spaces, which open no code block. A URL scheme's colon is escaped
(`https\://`), which stops autolinking without changing the text shown.
"""

from __future__ import annotations

import re

from reader.load.clean import clean

_INLINE = re.compile(r"[\\`*_{}\[\]<>#|~&$=%^@]")
"""Punctuation with a meaning anywhere in a line: emphasis, code, links, HTML, entities,
tables, strike-through, Obsidian tags (#), highlights (==), comments (%%), maths ($) and
e-mail autolinks (@)."""

_SCHEME = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]{0,31}):(?=[^\s])")
"""`javascript:`, `https:`, `mailto:`...: the colon that makes a bare URL a link."""

_DOT = re.compile(r"(?<=\w)\.(?=[^\W\d_]{2})")
"""The dot of `www.example` or `example.com`: renderers that link bare domain names
(linkify) and `www.` autolinks (GitHub, Obsidian) need it."""

_LINE_START = re.compile(r"^([-+:]|\d{1,9}(?=[.)]))", re.MULTILINE)
"""List items (`- `, `+ `, `1. `, `1) `), setext and rule lines (`---`), definition lists."""

_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)

_URL = re.compile(r"https?://[^\s<>\x00-\x1f\x7f]+")
"""A web URL that can be written as an autolink `<...>`."""


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(1)
    return "\\" + marker if not marker[0].isdigit() else marker + "\\"


def _keep_indent(match: re.Match[str]) -> str:
    return match.group().replace("\t", "    ").replace(" ", "\u00a0")


def text(value: str) -> str:
    """`value` (one line or several) escaped so Markdown shows exactly its characters.

    Line breaks stay line breaks; blank lines separate paragraphs as in the original.
    """
    value = clean(value)
    value = _INLINE.sub(lambda m: "\\" + m.group(), value)
    value = _SCHEME.sub(r"\1\\:", value)
    value = _DOT.sub(r"\\.", value)
    value = _INDENT.sub(_keep_indent, value)
    value = _LINE_START.sub(_escape_line_start, value)
    return value


def one_line(value: str) -> str:
    """`value` on one line (runs of white space become one space), escaped as by `text`."""
    return text(" ".join(clean(value).split()))


def blockquote(value: str) -> str:
    """`value` as a Markdown block quote, each line escaped (`> ` before every line)."""
    lines = text(value).splitlines() or [""]
    return "\n".join("> " + line if line else ">" for line in lines)


def link(url: str) -> str:
    """The article's own URL as a link when it is a plain web address, else escaped text."""
    if _URL.fullmatch(url):
        return f"<{url}>"
    return one_line(url)
