"""Search: literal highlights, ranked fuzzy results, history and palette scoring (no UI here).

The UI builds one `SearchIndex` per article (`build_index`, in a worker) and calls
`SearchIndex.search(query, scope=..., notes=..., is_cancelled=...)` on every keystroke from a
`@work(exclusive=True, thread=True)` worker; it returns `SearchResults` (literal matches with
their count, ranked hits) or None when the search was abandoned.
"""

from __future__ import annotations

from reader.search.fold import FoldedText, fold, fold_cased, has_capitals
from reader.search.history import (
    HistoryCursor,
    SearchHistory,
    default_history_path,
    load_history,
    save_history,
)
from reader.search.index import NoteRecord, SearchIndex, SearchResults, build_index
from reader.search.literal import LiteralMatch, LiteralMatches, find_literal
from reader.search.palette import LabelMatch, rank_labels
from reader.search.query import Query, Scope, parse_query
from reader.search.rank import HitKind, SearchHit
from reader.search.terms import Cancelled

__all__ = [
    "Cancelled",
    "FoldedText",
    "HistoryCursor",
    "HitKind",
    "LabelMatch",
    "LiteralMatch",
    "LiteralMatches",
    "NoteRecord",
    "Query",
    "Scope",
    "SearchHistory",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "build_index",
    "default_history_path",
    "find_literal",
    "fold",
    "fold_cased",
    "has_capitals",
    "load_history",
    "parse_query",
    "rank_labels",
    "save_history",
]
