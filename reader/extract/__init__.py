"""Quote and speaker extraction: pure functions over an `Article`, no UI imports.

`extract(article)` finds every quotation (direct, partial, scare, title, nested, split across
its attribution or across paragraphs), reported speech without marks (kind `indirect`), and the
people and organisations who speak, with the evidence for each attribution. It is pure Python,
linear in the text size, and needs no model or network.

The names below load on first use: importing `reader.extract.model` (the result types, which
the UI needs at start-up) must not load the whole pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_exports

if TYPE_CHECKING:
    from reader.extract.model import Evidence, Extraction, Quote, QuoteKind, Span, Speaker
    from reader.extract.pipeline import extract
    from reader.extract.spans import MAX_QUOTE_CHARS, MAX_QUOTE_PARAGRAPHS

__all__ = [
    "MAX_QUOTE_CHARS",
    "MAX_QUOTE_PARAGRAPHS",
    "Evidence",
    "Extraction",
    "Quote",
    "QuoteKind",
    "Span",
    "Speaker",
    "extract",
]

_HOMES = {
    "MAX_QUOTE_CHARS": "reader.extract.spans",
    "MAX_QUOTE_PARAGRAPHS": "reader.extract.spans",
    "Evidence": "reader.extract.model",
    "Extraction": "reader.extract.model",
    "Quote": "reader.extract.model",
    "QuoteKind": "reader.extract.model",
    "Span": "reader.extract.model",
    "Speaker": "reader.extract.model",
    "extract": "reader.extract.pipeline",
}
"""Where each public name lives."""


__getattr__, __dir__ = lazy_exports(__name__, globals(), _HOMES)
