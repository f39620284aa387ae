"""The search index of the article being read: built in a worker when a search first wants it.

A 3 MB book's index takes a second and tens of MB, so a reader who never searches never pays for
it: `SearchIndexLoader.start` builds it in a thread worker when the bar first opens, and while
only the first screens of a book are there it waits for the whole text (`article_completed`).
The extraction's quotes join the index once extraction has finished (`ready`). It is not a
widget; the `SearchController` owns one and is told when the index is built or failed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from reader.extract.collector import freeze_article, thaw_article
from reader.ui.deferred import build_index
from reader.ui.ports import CallFromThread, Reading, RunWorker

if TYPE_CHECKING:
    from reader.search.index import SearchIndex


class SearchIndexLoader:
    """Builds the index once, in a worker, and hands it over on the UI thread."""

    def __init__(
        self,
        source: Reading,
        *,
        run_worker: RunWorker,
        call_from_thread: CallFromThread,
        built: Callable[[], None],
        failed: Callable[[], None],
    ) -> None:
        self.source = source
        """The article indexed, and its extraction."""
        self.index: SearchIndex | None = None
        """The search index, once built."""
        self.failed = False
        """True when building the index failed (search is then unavailable)."""
        self._run_worker = run_worker
        self._call_from_thread = call_from_thread
        self._built = built
        self._failed = failed
        self._started = False
        self._wanted = False
        self._frozen = False

    def start(self) -> None:
        """Build the index in a worker, unless it is built or being built.

        While only the first screens of a book are there, the index waits for the whole text
        (`article_completed`); a query typed meanwhile runs once it is built.
        """
        if self._started:
            return
        if self.source.pending:
            self._wanted = True
            return
        self._started = True
        self._run_worker(
            self._build,
            name="search-index",
            description="build the search index",
            group="search-index",
            thread=True,
            exit_on_error=False,  # a search failure must not end the reading session
        )

    def article_completed(self) -> None:
        """The whole book has been read: build the index if a search asked for it meanwhile."""
        if self._wanted:
            self.start()

    def _build(self) -> None:
        worker = get_current_worker()
        try:
            index = build_index(
                self.source.article,
                self.source.extraction,
                is_cancelled=lambda: worker.is_cancelled,
            )
        except Exception:
            if not worker.is_cancelled:
                self._call_from_thread(self._build_failed)
            raise
        if index is not None and not worker.is_cancelled:
            freeze_article()
            self._frozen = True
            self._call_from_thread(self._build_done, index)

    def _build_failed(self) -> None:
        self.failed = True
        self._failed()

    def _build_done(self, index: SearchIndex) -> None:
        self.index = index
        self._built()

    def close(self) -> None:
        """The article is closed: what was frozen with its index is collectable again."""
        if self._frozen:
            self._frozen = False
            thaw_article()

    def ready(self) -> SearchIndex | None:
        """The index, with the extraction's quotes once extraction has finished."""
        index = self.index
        extraction = self.source.extraction
        if index is not None and extraction is not None and index.extraction is not extraction:
            index = self.index = index.with_extraction(extraction)
        return index
