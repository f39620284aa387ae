"""Quote and speaker extraction: pure functions over an `Article`, no UI imports."""

from __future__ import annotations

from reader.document import Article
from reader.extract.model import Evidence, Extraction, Quote, QuoteKind, Span, Speaker

__all__ = ["Evidence", "Extraction", "Quote", "QuoteKind", "Span", "Speaker", "extract"]


def extract(article: Article) -> Extraction:
    """Find the quotes and speakers of `article`.

    Placeholder until the extractor lands: finds nothing, so every consumer can already be
    written against the final interface.
    """
    del article
    return Extraction()
