"""Search: literal highlights, ranked fuzzy results, history and palette scoring (no UI here).

The UI builds one `SearchIndex` per article (`build_index`, in a worker) and calls
`SearchIndex.search(query, scope=..., notes=..., is_cancelled=...)` on every keystroke from a
`@work(exclusive=True, thread=True)` worker; it returns `SearchResults` (literal matches with
their count, ranked hits) or None when the search was abandoned.

The names below load on first use, so the UI can take `SearchHistory` or `Scope` at start-up
without loading the index and rapidfuzz (they load when the index is first built).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_exports

# Eager: the function `fold` must shadow the submodule of the same name (and folding is cheap).
from reader.search.fold import FoldedText, fold, fold_cased, has_capitals

if TYPE_CHECKING:
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

_HOMES = {
    "HistoryCursor": "reader.search.history",
    "SearchHistory": "reader.search.history",
    "default_history_path": "reader.search.history",
    "load_history": "reader.search.history",
    "save_history": "reader.search.history",
    "NoteRecord": "reader.search.index",
    "SearchIndex": "reader.search.index",
    "SearchResults": "reader.search.index",
    "build_index": "reader.search.index",
    "LiteralMatch": "reader.search.literal",
    "LiteralMatches": "reader.search.literal",
    "find_literal": "reader.search.literal",
    "LabelMatch": "reader.search.palette",
    "rank_labels": "reader.search.palette",
    "Query": "reader.search.query",
    "Scope": "reader.search.query",
    "parse_query": "reader.search.query",
    "HitKind": "reader.search.rank",
    "SearchHit": "reader.search.rank",
    "Cancelled": "reader.search.terms",
}
"""Where each public name lives."""


__getattr__, __dir__ = lazy_exports(__name__, globals(), _HOMES)
