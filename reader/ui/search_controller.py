"""What searching means on the reader screen: the index, the workers, highlights, n/N, filtering.

`ReaderScreen` owns one `SearchController` and hands it the search bar's messages. The
controller never sees the screen: it is given the widgets it drives (the article view, the
status line, a way to find the bar once mounted), the `Reading` state (the article and its
extraction), and small typed ports (`ports.RunWorker`, `ports.CallFromThread`, `ports.Notify`,
callables for focus and for mounting the panes), so it cannot reach back into the screen.

It runs every search in an exclusive thread worker (a new keystroke cancels the stale one, and a
stale result is dropped by its generation number), then sets attributes on the widgets: the
article view's `search` mark layers and paragraph filter, the bar's results and counter, the
status line. The index is built in a worker when the bar first opens (`search_index_loader`; a
3 MB book's index takes a second and tens of MB: a reader who never searches never pays for it);
what is typed meanwhile runs once it is ready.

The rule for `n`/`N`: they step through the matches of the last search confirmed with `enter`
while its highlights are on; selecting a speaker ends that search, so whichever was chosen last
wins, and `esc` in the article clears the search first, then the speaker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.worker import get_current_worker

from reader.search.history import SearchHistory
from reader.search.query import Scope, parse_query
from reader.ui import deferred
from reader.ui.counts import counted
from reader.ui.ports import CallFromThread, Notify, Reading, RunWorker
from reader.ui.search_index_loader import SearchIndexLoader
from reader.ui.typeahead import Typeahead
from reader.ui.widgets.article_marks import MarkSpan
from reader.ui.widgets.article_view import ArticleView, ViewPlace
from reader.ui.widgets.search_bar import SearchBar, SearchMode
from reader.ui.widgets.status import StatusLine

if TYPE_CHECKING:
    # The index, ranking and rapidfuzz load in the index worker, after the first paint.
    from reader.search.index import NoteRecord, SearchIndex, SearchResults
    from reader.search.literal import LiteralMatch, LiteralMatches
    from reader.search.rank import SearchHit
    from reader.ui.messages import SearchBarMessage

MATCH_STYLE = "article-view--match"
"""Every literal match on screen."""
CURRENT_STYLE = "article-view--match-current"
"""The current match (the one `enter` jumps to and `n`/`N` move)."""
MATCH_PRIORITY = 50
"""Search marks sit above quote tints (0) and the speaker (10), under the flash (100)."""
MARGIN = 4000
"""Characters highlighted beyond each end of the screen, so a small scroll needs no new marks."""


@dataclass
class _Origin:
    """Where the reader was when the bar opened, to go back there on `esc`."""

    place: ViewPlace
    active: LiteralMatches | None
    current: LiteralMatch | None
    current_spans: tuple[tuple[int, int], ...]
    active_hits: tuple[SearchHit, ...]
    hit_number: int
    active_query: str
    filter_text: str
    filter_paragraphs: tuple[int, ...] | None


class SearchController:
    """Search, filter and n/N for one reader screen (not a widget: the screen delegates to it)."""

    def __init__(
        self,
        source: Reading,
        *,
        view: ArticleView,
        status: StatusLine,
        bar: Callable[[], SearchBar | None],
        focused: Callable[[], Widget | None],
        focus_article: Callable[[], None],
        notify: Notify,
        run_worker: RunWorker,
        call_from_thread: CallFromThread,
        mount_panes: Callable[[], bool],
        typeahead: Typeahead | None = None,
        notes: Callable[[], Sequence[NoteRecord]] = tuple,
        history: Callable[[], SearchHistory] | None = None,
    ) -> None:
        self.source = source
        """The article searched, and its extraction."""
        self.view = view
        """The article pane, searched and marked."""
        self.status = status
        """The status line, where n/N and the filter are named."""
        self.run_worker = run_worker
        """Starts the search workers."""
        self.call_from_thread = call_from_thread
        """Hands a worker's answer back to the UI thread."""
        self.indexer = SearchIndexLoader(
            source,
            run_worker=run_worker,
            call_from_thread=call_from_thread,
            built=self._index_built,
            failed=self._index_failed,
        )
        """The index, built when a search first wants it."""
        self.mount_panes = mount_panes
        """Mounts the side panes and the bar; True while they are not ready yet."""
        self.typeahead = typeahead
        """Holds the keys typed after `/` while the bar mounts, for the bar."""
        self.results: SearchResults | None = None
        """The latest results for the query in the bar."""
        self.active: LiteralMatches | None = None
        """The literal matches `n`/`N` step through (a search confirmed with `enter`)."""
        self.current: LiteralMatch | None = None
        """The current literal match (styled apart)."""
        self.active_hits: tuple[SearchHit, ...] = ()
        """Without a literal match, the ranked results `n`/`N` step through instead."""
        self.active_query = ""
        """The search `n`/`N` follow, as typed."""
        self.filter_text = ""
        """The filter in force (`&`), or empty."""
        self.filter_paragraphs: tuple[int, ...] | None = None
        """Paragraphs shown by the filter, or None when every paragraph is shown."""
        self.notes: Callable[[], Sequence[NoteRecord]] = notes
        """Where the notes to search (`#`) and offer in the palette come from."""
        self._origin: _Origin | None = None
        self._generation = 0
        self._pending: tuple[str, Scope, SearchMode] | None = None
        self._current_spans: tuple[tuple[int, int], ...] = ()
        self._hit_number = 0
        self._marked: tuple[LiteralMatches, int, int] | None = None  # and the range marked
        self._history = history
        self._own_history = SearchHistory()
        self._bar = bar
        self._focused = focused
        self._focus_article = focus_article
        self._notify = notify

    @property
    def history(self) -> SearchHistory:
        """Past searches per article: the app's (which it loads and saves), else our own."""
        return self._history() if self._history is not None else self._own_history

    # ----------------------------------------------------------------- widgets

    @property
    def bar(self) -> SearchBar:
        """The search bar (mounted by the time the bar is opened)."""
        bar = self._bar()
        assert bar is not None, "the search bar is used before it is mounted"
        return bar

    @property
    def _key(self) -> str:
        return self.source.article.text_sha256

    # ----------------------------------------------------------------- the index

    def start(self) -> None:
        """Build the index in a worker, unless it is built or being built."""
        self.indexer.start()

    def close(self) -> None:
        """The reader screen is going: let go of what the index holds out of the collector."""
        self.indexer.close()

    def article_completed(self) -> None:
        """The whole book has been read: build the index if a search asked for it meanwhile."""
        self.indexer.article_completed()

    def _index_failed(self) -> None:
        self._notify("Search is unavailable for this article.", severity="warning")
        if self.bar.is_open:
            self.bar.set_info("search unavailable")

    def _index_built(self) -> None:
        if self._pending is not None and self.bar.is_open:
            text, scope, mode = self._pending
            self._pending = None
            self._run(text, scope, mode)

    # ----------------------------------------------------------------- the bar

    def open(self, mode: SearchMode) -> None:
        """Open the bar to search (`/`) or filter (`&`), remembering where the reader is."""
        if self.mount_panes():  # the bar is not mounted yet: open it once it is
            if self.typeahead is not None:
                self.typeahead.hold()  # what is typed meanwhile is the query, not the article's
            self.view.call_after_refresh(self.open, mode)
            return
        view = self.view
        self._origin = _Origin(
            view.place,
            self.active,
            self.current,
            self._current_spans,
            self.active_hits,
            self._hit_number,
            self.active_query,
            self.filter_text,
            self.filter_paragraphs,
        )
        self.results = None
        self.bar.open(mode, self.history.cursor(self._key), self.filter_text * (mode == "filter"))
        if self.typeahead is not None:
            self.typeahead.release()  # the bar has the focus: the keys held are its own
        # The index is built by a thread that shares the interpreter with the UI: it starts
        # after the bar's frame, so that frame does not wait on it.
        self.view.call_after_refresh(self.start)

    def handle(self, message: SearchBarMessage) -> None:
        """React to a message from the search bar."""
        if isinstance(message, SearchBar.QueryChanged):
            self._run(message.text, message.scope, message.mode)
        elif isinstance(message, SearchBar.ResultHighlighted):
            self._preview(message.hit)
        elif isinstance(message, SearchBar.Submitted):
            self._submit(message.text, message.scope, message.mode, message.hit)
        elif isinstance(message, SearchBar.Cancelled):
            self._cancel(message.mode)

    def _run(self, text: str, scope: Scope, mode: SearchMode) -> None:
        """Search (or filter) for `text` in a worker; a newer keystroke cancels this one."""
        self._generation += 1
        index = self.indexer.ready()
        if index is None:
            self._pending = (text, scope, mode)
            self.bar.set_info("search unavailable" if self.indexer.failed else "indexing…")
            self.bar.answered()
            return
        if not text.strip():
            self._show(self._generation, None, None)
            return
        if mode == "filter":
            job = partial(self._filter_job, index, text, scope, self._generation)
        else:
            notes = tuple(self.notes())  # read on this thread, where the notes change
            job = partial(self._search_job, index, text, scope, notes, self._generation)
        self.run_worker(
            job,
            name="search",
            description=f"{mode} for {text!r}",  # the default repr would print the index
            group="search",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _search_job(
        self,
        index: SearchIndex,
        text: str,
        scope: Scope,
        notes: tuple[NoteRecord, ...],
        generation: int,
    ) -> None:
        worker = get_current_worker()
        results = index.search(
            text, scope=scope, notes=notes, is_cancelled=lambda: worker.is_cancelled
        )
        if results is not None and not worker.is_cancelled:
            self.call_from_thread(self._show, generation, results, None)

    def _filter_job(self, index: SearchIndex, text: str, scope: Scope, generation: int) -> None:
        worker = get_current_worker()
        shown = index.filter_paragraphs(text, scope=scope, is_cancelled=lambda: worker.is_cancelled)
        if shown is None or worker.is_cancelled:
            return
        parsed = parse_query(text, scope)
        results = deferred.search_results()(parsed, index.literal(parsed), ())
        self.call_from_thread(self._show, generation, results, shown)

    def _show(
        self, generation: int, results: SearchResults | None, shown: tuple[int, ...] | None
    ) -> None:
        """Show the results of search `generation` unless a newer one was started."""
        if generation != self._generation or not self.bar.is_open:
            return
        self.results = results
        bar = self.bar
        bar.answered()  # the frame held since the keystroke is drawn once these changes are in
        if bar.mode == "filter":
            self._set_filter(bar.input.value if shown is not None else "", shown)
            count = len(shown) if shown is not None else 0
            bar.set_info(f"{count} ¶" if results is not None else "")
            self.current, self._current_spans = None, ()
            self._mark()
            return
        bar.show_results(results.hits if results else ())
        selected = bar.results.selected
        if selected is not None:
            self._preview(selected)
        else:
            self.current, self._current_spans = None, ()
            self._go_back_to_origin()
            self._mark()
            bar.set_info(self._counter() if results else "", self._scope())

    def _preview(self, hit: SearchHit) -> None:
        """Make `hit` current: its literal match (or matched words) styled apart and on screen."""
        self.current = self._match_in(hit)
        if self.current is not None:
            self._current_spans = ((self.current.start, self.current.end),)
            target = self.current.start
        else:
            self._current_spans = hit.spans or ((hit.match_start, hit.match_end),)
            target = hit.match_start
        # The results list lies over the article's last rows while the bar is open.
        hidden = self.bar.results.rows if self.bar.is_open else 0
        if not self.view.is_offset_visible(target, hidden_below=hidden):
            self.view.scroll_to_offset(target, center=True)
        self._mark()
        self.bar.set_info(self._counter(), self._scope())

    def _match_in(self, hit: SearchHit) -> LiteralMatch | None:
        """The literal match inside `hit`, nearest its best words, if there is one."""
        literal = self.results.literal if self.results else None
        if literal is None or not literal.count:
            return None
        for start in (hit.match_start, hit.start):
            match = literal.next_after(start, wrap=False)
            if match is not None and match.start < hit.end:
                return match
        return None

    def _scope(self) -> Scope | None:
        """Where the latest results looked (a `@name` or `#` prefix overrides the bar)."""
        return self.results.query.scope if self.results else None

    def _counter(self) -> str:
        """`12/340`; without a literal match, how many close results there are."""
        results = self.results
        if results is None:
            return ""
        literal = results.literal
        if literal.count:
            position = self.current.ordinal + 1 if self.current else 0
            if position:
                return f"{position}/{literal.count}"
            return counted(literal.count, "match", "matches")
        if results.hits:
            chosen = (self.bar.results.highlighted or 0) + 1
            if not results.query.literal:  # `@name` or `#` alone: nothing to match exactly
                return f"{chosen}/{len(results.hits)} results"
            return f"no exact match · {chosen}/{len(results.hits)} close"
        return "not found"

    def _submit(self, text: str, scope: Scope, mode: SearchMode, hit: SearchHit | None) -> None:
        """`enter`: jump to the chosen result and keep its matches for n/N (or keep the filter)."""
        bar = self.bar
        self._generation += 1  # a search still running is stale now
        if mode == "filter":
            self._submit_filter(text, scope)
            return
        self.history.add(self._key, text)
        results = self.results
        index = self.indexer.ready()
        if index is not None and text.strip() and (results is None or results.query.raw != text):
            # Enter pressed before the worker answered: search here, once.
            results = self.results = index.search(text, scope=scope, notes=self.notes())
            hit = results.hits[0] if results and results.hits else None
        bar.close()
        self._focus_article()
        if results is None or (hit is None and not results.literal.count):
            if text.strip():
                self._notify(f"Not found: {text}", timeout=3)
            self._cancel_to_origin()
            return
        literal = results.literal
        self.active = literal if literal.count else None
        self.active_hits = () if literal.count else results.hits
        self._hit_number = results.hits.index(hit) if hit in results.hits else 0
        self.active_query = text
        if hit is not None:
            self._preview(hit)
            target = self.current.start if self.current else hit.match_start
        else:
            self.current = literal.next_after(self._origin.place.offset if self._origin else 0)
            assert self.current is not None
            self._current_spans = ((self.current.start, self.current.end),)
            target = self.current.start
        self.view.scroll_to_offset(target, center=True)
        self._origin = None
        self._mark()
        self._status()

    def _submit_filter(self, text: str, scope: Scope) -> None:
        self.bar.close()
        self._focus_article()
        if not text.strip():
            self._set_filter("", None)
        elif self.filter_text != text or self.filter_paragraphs is None:
            index = self.indexer.ready()
            if index is not None:
                shown = index.filter_paragraphs(text, scope=scope)
                self._set_filter(text, shown)
        self._restore_search()
        self._origin = None
        self._mark()
        self._status()

    @property
    def bar_focused(self) -> bool:
        """True while the bar is open with the focus in it (where esc closes it)."""
        focused = self._focused()  # (the bar may not be mounted yet: no query for it)
        return focused is not None and any(
            isinstance(node, SearchBar) and node.is_open for node in focused.ancestors_with_self
        )

    def cancel(self) -> None:
        """Close the bar and go back to where the reader was, at once (esc in the bar)."""
        self._cancel(self.bar.mode)

    def _cancel(self, mode: SearchMode) -> None:
        """`esc` in the bar: close it and go back to where the reader was."""
        self._generation += 1
        self.bar.close()
        self._focus_article()
        self._cancel_to_origin()

    def _cancel_to_origin(self) -> None:
        origin = self._origin
        if origin is not None:
            self._restore_search()
            if (origin.filter_text, origin.filter_paragraphs) != (
                self.filter_text,
                self.filter_paragraphs,
            ):
                self._set_filter(origin.filter_text, origin.filter_paragraphs)
            self._go_back_to_origin()
        self.results = None
        self._origin = None
        self._mark()

    def _restore_search(self) -> None:
        """Put back the search n/N followed before the bar opened."""
        origin = self._origin
        if origin is not None:
            self.active, self.current = origin.active, origin.current
            self._current_spans = origin.current_spans
            self.active_hits, self._hit_number = origin.active_hits, origin.hit_number
            self.active_query = origin.active_query

    def _go_back_to_origin(self) -> None:
        origin = self._origin
        if origin is None:
            return
        self.view.go_to(origin.place)

    # ----------------------------------------------------------------- after the bar

    def step(self, direction: int) -> bool:
        """`n` (1) or `N` (-1): the next or previous match of the active search; False if none.

        Without a literal match (a typo), `n`/`N` step through the ranked results instead.
        """
        literal = self.active
        if literal is None or not literal.count:
            return self._step_hits(direction)
        view = self.view
        current = self.current
        if current is not None and view.is_offset_visible(current.start):
            anchor = current.start
        else:
            anchor = view.top_offset - 1 if direction > 0 else view.top_offset
        match = literal.next_after(anchor + 1) if direction > 0 else literal.previous_before(anchor)
        if match is None:
            return True
        if current is not None and (
            (direction > 0 and match.start <= current.start)
            or (direction < 0 and match.start >= current.start)
        ):
            self._notify("Search wrapped around.", timeout=2)
        self.current = match
        self._current_spans = ((match.start, match.end),)
        if not view.is_offset_visible(match.start):
            view.scroll_to_offset(match.start, center=True)
        self._mark()
        self._status()
        return True

    def _step_hits(self, direction: int) -> bool:
        hits = self.active_hits
        if not hits:
            return False
        self._hit_number = (self._hit_number + direction) % len(hits)
        hit = hits[self._hit_number]
        self.current = None
        self._current_spans = hit.spans or ((hit.match_start, hit.match_end),)
        if not self.view.is_offset_visible(hit.match_start):
            self.view.scroll_to_offset(hit.match_start, center=True)
        self._mark()
        self._status()
        return True

    def back(self) -> bool:
        """`esc` in the article: clear the filter, else the search; False when neither is on."""
        if self.filter_paragraphs is not None:
            self._set_filter("", None)
            self._status()
            return True
        if self.searching:
            self.end_search()
            return True
        return False

    def end_search(self) -> None:
        """Forget the active search (its highlights and n/N), e.g. when a speaker is selected."""
        if not self.searching and not self._current_spans:
            return
        self.active = None
        self.current = None
        self.active_hits = ()
        self._current_spans = ()
        self._mark()
        self._status()

    @property
    def searching(self) -> bool:
        """True while a search confirmed with `enter` is what `n`/`N` follow."""
        return self.active is not None or bool(self.active_hits)

    def view_moved(self) -> None:
        """The article scrolled: highlight the matches now on screen."""
        bar = self._bar()
        if self.searching or (bar is not None and bar.is_open):
            self._mark()

    # ----------------------------------------------------------------- showing

    def _literal_shown(self) -> LiteralMatches | None:
        if self.bar.is_open:
            return self.results.literal if self.results else None
        return self.active

    def _mark(self) -> None:
        """Highlight the literal matches on screen (and a margin), the current one apart."""
        view = self.view
        literal = self._literal_shown()
        if literal is None or not literal.count:
            view.clear_marks("search")
            self._marked = None
        else:
            start, end = view.visible_range
            marked = self._marked
            # The marks reach MARGIN beyond the screen: a scroll that stays within them (or a
            # shorter article pane when the results list opens) keeps them and the rows drawn.
            if (
                marked is None
                or marked[0] is not literal
                or not marked[1] <= start <= end <= marked[2]
            ):
                low, high = max(0, start - MARGIN), min(len(self.source.article.text), end + MARGIN)
                self._marked = (literal, low, high)
                spans: list[MarkSpan] = [
                    (a, b, MATCH_STYLE) for a, b in literal.spans_between(low, high)
                ]
                view.set_marks("search", spans, priority=MATCH_PRIORITY)
        current: list[MarkSpan] = [(a, b, CURRENT_STYLE) for a, b in self._current_spans]
        if current != view.marks("search-current"):
            view.set_marks("search-current", current, priority=MATCH_PRIORITY + 1)

    def _status(self) -> None:
        """Say in the status line what n/N step through, and the filter in force."""
        parts: list[str] = []
        if self.filter_paragraphs is not None:
            parts.append(f"&{self.filter_text} ({len(self.filter_paragraphs)} ¶)")
        literal = self.active
        if literal is not None and literal.count:
            position = self.current.ordinal + 1 if self.current else 0
            parts.append(f"/{self.active_query} {position}/{literal.count} (n/N)")
        elif self.active_hits:
            number, total = self._hit_number + 1, len(self.active_hits)
            parts.append(f"/{self.active_query} result {number}/{total} (n/N)")
        self.status.search = "  ".join(parts)

    def _set_filter(self, text: str, shown: tuple[int, ...] | None) -> None:
        self.filter_text = text if shown is not None else ""
        self.filter_paragraphs = shown
        self.view.show_only(shown)
        self._marked = None
