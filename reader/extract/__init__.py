"""Quote and speaker extraction: pure functions over an `Article`, no UI imports.

`extract(article)` finds every quotation (direct, partial, scare, title, nested, split across
its attribution or across paragraphs), reported speech without marks (kind `indirect`), and the
people and organisations who speak, with the evidence for each attribution. It is pure Python,
linear in the text size, and needs no model or network.
"""

from __future__ import annotations

from reader.document import Article
from reader.extract.model import Evidence, Extraction, Quote, QuoteKind, Span, Speaker
from reader.extract.pipeline import run
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


def extract(article: Article) -> Extraction:
    """Find the quotes and speakers of `article` (quotes in article order, speakers by count)."""
    return run(article)
