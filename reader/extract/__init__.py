"""Quote and speaker extraction: pure functions over an `Article`, no UI imports.

`extract(article)` finds every quotation (direct, partial, scare, title, nested, split across
its attribution or across paragraphs), reported speech without marks (kind `indirect`), and the
people and organisations who speak, with the evidence for each attribution. It is pure Python,
linear in the text size, and needs no model or network.

The result types are re-exported plainly. The pipeline itself (some twenty rule modules) is
the one heavy part: `extract` below imports it on its first call, so the UI can take the result
types at start-up without loading the extractor before its first paint. The quote-span limits
live in `reader.extract.spans`: re-exported here, they cost every cache hit's first frame
2.8-3.0 ms of imports (`python -X importtime`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.extract.model import Evidence, Extraction, Quote, QuoteKind, Span, Speaker

if TYPE_CHECKING:
    from reader.document import Article

__all__ = [
    "Evidence",
    "Extraction",
    "Quote",
    "QuoteKind",
    "Span",
    "Speaker",
    "extract",
]


def extract(article: Article) -> Extraction:
    """Find the quotes and speakers of `article`: see `reader.extract.pipeline.extract`.

    The only deferred import of the package: the pipeline loads here, on the first call.
    """
    from reader.extract.pipeline import extract as run_pipeline

    return run_pipeline(article)
