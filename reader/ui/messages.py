"""Messages that travel up: to the app for things no single widget owns, and the search bar's.

The search bar's messages live here, not in its module, so that the reader screen can route them
with `@on` while the bar (and the search modules it needs) load after the first paint; this
module loads before it anyway. `namespace="search_bar"` keeps their handler names
(`on_search_bar_query_changed`), and `SearchBar.QueryChanged` and the others name them there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.search.query import Scope
    from reader.search.rank import SearchHit
    from reader.ui.widgets.search_bar import SearchBar, SearchMode


class ReadingPositionChanged(Message):
    """The reading position moved; the app remembers it so it can be saved on exit."""

    def __init__(self, offset: int, paragraph: int) -> None:
        super().__init__()
        self.offset = offset
        """Article offset of the first text on screen."""
        self.paragraph = paragraph
        """Index of the current paragraph."""

    def can_replace(self, message: Message) -> bool:
        """Only the newest position matters."""
        return isinstance(message, ReadingPositionChanged)


class QueryChanged(Message, namespace="search_bar"):
    """The query or its scope changed: search again."""

    def __init__(self, bar: SearchBar, text: str, scope: Scope, mode: SearchMode) -> None:
        super().__init__()
        self.bar = bar
        """The bar."""
        self.text = text
        """The query as typed."""
        self.scope = scope
        """The scope chosen in the bar."""
        self.mode = mode
        """Searching or filtering."""

    @property
    def control(self) -> SearchBar:
        """The bar."""
        return self.bar


class ResultHighlighted(Message, namespace="search_bar"):
    """Another result was highlighted (ctrl+n / ctrl+p): preview it."""

    def __init__(self, bar: SearchBar, hit: SearchHit) -> None:
        super().__init__()
        self.bar = bar
        """The bar."""
        self.hit = hit
        """The highlighted result."""

    @property
    def control(self) -> SearchBar:
        """The bar."""
        return self.bar


class Submitted(Message, namespace="search_bar"):
    """`enter`: jump to the highlighted result (search) or keep the filter (filter)."""

    def __init__(
        self, bar: SearchBar, text: str, scope: Scope, mode: SearchMode, hit: SearchHit | None
    ) -> None:
        super().__init__()
        self.bar = bar
        """The bar."""
        self.text = text
        """The query as typed."""
        self.scope = scope
        """The scope chosen in the bar."""
        self.mode = mode
        """Searching or filtering."""
        self.hit = hit
        """The highlighted result, if there was one."""

    @property
    def control(self) -> SearchBar:
        """The bar."""
        return self.bar


class Cancelled(Message, namespace="search_bar"):
    """`escape`: close and go back to where the reader was."""

    def __init__(self, bar: SearchBar, mode: SearchMode) -> None:
        super().__init__()
        self.bar = bar
        """The bar."""
        self.mode = mode
        """Searching or filtering."""

    @property
    def control(self) -> SearchBar:
        """The bar."""
        return self.bar


SearchBarMessage = QueryChanged | ResultHighlighted | Submitted | Cancelled
"""Any of the search bar's messages (what the screen hands the search controller)."""
