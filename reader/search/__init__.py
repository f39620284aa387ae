"""Search: literal highlights, ranked fuzzy results, history and palette scoring (no UI here).

The UI builds one `SearchIndex` per article (`reader.search.index.build_index`, in a worker)
and calls `SearchIndex.search(query, scope=..., notes=..., is_cancelled=...)` on every
keystroke from a `@work(exclusive=True, thread=True)` worker; it returns `SearchResults`
(literal matches with their count, ranked hits) or None when the search was abandoned.

The package re-exports its light parts: folding, queries, literal matching and history, which
the UI needs at start-up. The ranking engine imports rapidfuzz, so it is not re-exported here:
import it from its module when it is needed (`reader.search.index` for `SearchIndex`,
`build_index`, `NoteRecord`, `SearchResults`; `reader.search.rank` for `SearchHit`, `HitKind`;
`reader.search.terms` for `Cancelled`; `reader.search.palette` for `rank_labels`).
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
from reader.search.literal import LiteralMatch, LiteralMatches, find_literal
from reader.search.query import Query, Scope, parse_query

__all__ = [
    "FoldedText",
    "HistoryCursor",
    "LiteralMatch",
    "LiteralMatches",
    "Query",
    "Scope",
    "SearchHistory",
    "default_history_path",
    "find_literal",
    "fold",
    "fold_cased",
    "has_capitals",
    "load_history",
    "parse_query",
    "save_history",
]
