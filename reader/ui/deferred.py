"""The one place the UI imports what the first paint must not wait for.

Everything else in `reader.ui` is imported at the top of its module. What is here loads on first
use, after the article is on screen, because importing it before would delay the first paint
(figures: `python -X importtime`, cumulative, on top of `reader.ui.app`, this VM, Dec 2026):

* the notes (`annotations.store` ~100 ms with YAML, `annotations.sync` ~75 ms, `annotations.anchor`
  ~30 ms, `annotations.merge` ~25 ms): opened in a worker once the article is painted;
* the search index (`reader.search.index` ~50 ms, with rapidfuzz) and the palette's label ranking
  (rapidfuzz): built when the bar first opens, scored when the palette is first typed into;
* the search bar and its controller (~15 ms), mounted just after the first paint;
* the note editor and confirmation dialogs (~11 ms, Textual's TextArea), shown on demand;
* the extraction's model (~5 ms): the extraction runs after the first paint;
* the search history (~10 ms), read on the first search and saved on the way out.

Each accessor imports its module when called (holding `IMPORT_LOCK`: one import at a time
across threads) and returns the one name the caller needs, typed, so the callers stay checked
by mypy. A test (`tests/ui/test_first_paint_imports.py`) checks that
importing the app loads none of them.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotations.anchor import Placement
    from annotations.first_screen import ArticleKey, FirstScreenCache
    from annotations.model import Selector
    from annotations.store import NotesStore, StoreError
    from annotations.sync import SyncReport
    from reader.document import Article
    from reader.extract.model import Extraction
    from reader.library.library import Library
    from reader.library.search import LibrarySearch
    from reader.search.history import SearchHistory
    from reader.search.index import NoteRecord, SearchIndex, SearchResults
    from reader.search.palette import LabelMatch
    from reader.search.rank import HitKind
    from reader.ui.screens.note_editor import ConfirmDialog, NoteEdit, NoteEditor
    from reader.ui.search_controller import SearchController
    from reader.ui.widgets.search_bar import SearchBar

IMPORT_LOCK = threading.RLock()
"""Held by every import here, and by the reader's other imports off the main thread.

The first paint is followed by imports in several threads at once: the search bar in the UI
thread, the library lookup, the notes and the extraction in workers. In CPython 3.11, two
threads importing parts of one package whose `__init__` imports its submodules (`reader.search`,
`reader.extract`) can meet halfway: one gets "cannot import name … from partially initialized
module", the package is dropped from `sys.modules`, and the other fails with `KeyError`. The
reader crashed so once in a pty run of the 3 MB book, and in 2 of 40 runs of a script starting
two such imports together (`tests/ui/test_deferred_imports.py` checks the lock). One import at
a time costs nothing measurable: each of these modules loads once per process.
"""


# ----------------------------------------------------------------- notes


def notes_store() -> type[NotesStore]:
    """`annotations.store.NotesStore` (opened in a worker after the first paint)."""
    with IMPORT_LOCK:
        from annotations.store import NotesStore

    return NotesStore


def first_screen_cache() -> FirstScreenCache:
    """The notes' first screens kept from the last open (`annotations.first_screen`)."""
    with IMPORT_LOCK:
        from annotations.first_screen import FirstScreenCache

    return FirstScreenCache.default()


def notes_home(option: str | None) -> Path:
    """`annotations.notes_home.notes_dir`: the notes directory, without the store's imports."""
    with IMPORT_LOCK:
        from annotations.notes_home import notes_dir

    return notes_dir(option)


def article_key(article: Article, *, whole: bool) -> ArticleKey:
    """`annotations.first_screen.article_key`: the article as first screens are kept by."""
    with IMPORT_LOCK:
        from annotations.first_screen import article_key as key

    return key(article, whole=whole)


def store_error() -> type[StoreError]:
    """`annotations.store.StoreError`, what a refused or failed notes change raises."""
    with IMPORT_LOCK:
        from annotations.store import StoreError

    return StoreError


def anchor(selector: Selector, text: str) -> Placement:
    """`annotations.anchor.anchor`: where a note's passage is in `text`."""
    with IMPORT_LOCK:
        from annotations.anchor import anchor as place

    return place(selector, text)


def conflict_value_text(value: object) -> str:
    """`annotations.merge.value_text`: a conflicting value as the Notes pane lists it."""
    with IMPORT_LOCK:
        from annotations.merge import value_text

    return value_text(value)


def needs_merge_driver(notes_dir: Path) -> bool:
    """`annotations.repository.needs_driver`: a git notes directory without the merge driver."""
    with IMPORT_LOCK:
        from annotations.repository import needs_driver

    return needs_driver(notes_dir)


def register_merge_driver(notes_dir: Path) -> None:
    """`annotations.repository.register_driver`, in this clone of the notes repository."""
    with IMPORT_LOCK:
        from annotations.repository import register_driver

    register_driver(notes_dir)


def sync_error() -> type[Exception]:
    """`annotations.repository.SyncError`, what a failed git step raises."""
    with IMPORT_LOCK:
        from annotations.repository import SyncError

    return SyncError


def notes_directory(option: str | None) -> Path:
    """`annotations.store.notes_dir`: where notes are kept (`--notes-dir`, env, default)."""
    with IMPORT_LOCK:
        from annotations.store import notes_dir

    return notes_dir(option)


def is_notes_repository(notes_dir: Path) -> bool:
    """`annotations.sync.is_repository`."""
    with IMPORT_LOCK:
        from annotations.sync import is_repository

    return is_repository(notes_dir)


def sync_notes(notes_dir: Path) -> SyncReport:
    """`annotations.sync.sync` in batch mode (never waits for a password)."""
    with IMPORT_LOCK:
        from annotations.sync import sync

    return sync(notes_dir, batch=True)


def note_editor() -> type[NoteEditor]:
    """The modal note editor (with Textual's TextArea)."""
    with IMPORT_LOCK:
        from reader.ui.screens.note_editor import NoteEditor

    return NoteEditor


def note_edit() -> type[NoteEdit]:
    """What the note editor answers."""
    with IMPORT_LOCK:
        from reader.ui.screens.note_editor import NoteEdit

    return NoteEdit


def confirm_dialog() -> type[ConfirmDialog]:
    """A yes/no modal dialog (in the note editor's module)."""
    with IMPORT_LOCK:
        from reader.ui.screens.note_editor import ConfirmDialog

    return ConfirmDialog


# ----------------------------------------------------------------- extraction


def extraction_type() -> type[Extraction]:
    """`reader.extract.model.Extraction`, what an extraction worker returns."""
    with IMPORT_LOCK:
        from reader.extract.model import Extraction

    return Extraction


# ----------------------------------------------------------------- search


def search_controller() -> type[SearchController]:
    """The search flow (with the search bar's module), made on the first search key."""
    with IMPORT_LOCK:
        from reader.ui.search_controller import SearchController

    return SearchController


def search_bar() -> type[SearchBar]:
    """The search bar, mounted just after the first paint."""
    with IMPORT_LOCK:
        from reader.ui.widgets.search_bar import SearchBar

    return SearchBar


def is_search_input(widget: object) -> bool:
    """Whether `widget` is the search bar's input (never before the bar's module is loaded)."""
    module = sys.modules.get("reader.ui.widgets.search_bar")
    return module is not None and isinstance(widget, module.SearchInput)


def build_index(
    article: Article,
    extraction: Extraction | None = None,
    *,
    is_cancelled: Callable[[], bool] | None = None,
) -> SearchIndex | None:
    """`reader.search.index.build_index`, importing the index (and rapidfuzz) on first use."""
    with IMPORT_LOCK:
        from reader.search.index import build_index as build

    return build(article, extraction, is_cancelled=is_cancelled)


def search_results() -> type[SearchResults]:
    """`reader.search.index.SearchResults`."""
    with IMPORT_LOCK:
        from reader.search.index import SearchResults

    return SearchResults


def hit_kind() -> type[HitKind]:
    """`reader.search.rank.HitKind` (with rapidfuzz), once there are results to show."""
    with IMPORT_LOCK:
        from reader.search.rank import HitKind

    return HitKind


def note_record() -> type[NoteRecord]:
    """`reader.search.index.NoteRecord`, a note as search sees it."""
    with IMPORT_LOCK:
        from reader.search.index import NoteRecord

    return NoteRecord


def rank_labels(query: str, labels: list[str], *, limit: int) -> list[LabelMatch]:
    """`reader.search.palette.rank_labels` (rapidfuzz), for the command palette."""
    with IMPORT_LOCK:
        from reader.search.palette import rank_labels as rank

    return rank(query, labels, limit=limit)


def new_search_history() -> SearchHistory:
    """An empty search history (when the app was given no saved one)."""
    with IMPORT_LOCK:
        from reader.search.history import SearchHistory

    return SearchHistory()


def load_search_history() -> SearchHistory:
    """The saved searches."""
    with IMPORT_LOCK:
        from reader.search.history import load_history

    return load_history()


def save_search_history(history: SearchHistory) -> None:
    """Save the searches."""
    with IMPORT_LOCK:
        from reader.search.history import save_history

    save_history(history)


# ----------------------------------------------------------------- the library


def library_holds(article: Article) -> bool | None:
    """Whether the library keeps `article`; None when its index cannot be read as it is.

    Read only, through `reader.library.lookup` (sqlite3, ~5 ms): nothing is created. Asked in a
    thread after the first paint (`library.keep: ask`).
    """
    with IMPORT_LOCK:
        import sqlite3

        from reader.library.location import library_dir
        from reader.library.lookup import article_id_of, open_index

    root = library_dir()
    if not root.exists():
        return False
    db = open_index(root)
    if db is None:  # being written, or from another version: do not guess
        return None
    try:
        return article_id_of(db, article.url, article.text_sha256) is not None
    except sqlite3.Error:
        return None
    finally:
        db.close()


def keep_in_library(article: Article, extraction: Extraction | None) -> tuple[str, bool] | str:
    """Add `article` to the library: (its id, whether it was updated), or the error, one line.

    `reader.library.library` loads YAML and the document store (~20 ms): only when the user
    keeps an article, or the reader closes with `library.keep: always`.
    """
    with IMPORT_LOCK:
        from reader.library.library import Library, LibraryError, load_writer

        load_writer()  # what adding imports lazily, under the lock too

    try:
        library = Library.open()
        try:
            result = library.add(article, extraction=extraction)
        finally:
            library.close()
    except (LibraryError, OSError) as error:
        return str(error)
    return result.id, result.updated


def prepare_library_screen() -> None:
    """Import what the library screen's filter, search and Speakers view use, under the lock.

    Called on the UI thread just after the library screen's first paint, before its threads
    start: its first paint reads the index alone (`reader.ui.screens.library`).
    """
    with IMPORT_LOCK:
        import reader.library.lookup
        import reader.library.search
        import reader.search.fold  # noqa: F401 - loaded now, used through fold_text


def fold_text(text: str) -> str:
    """`text` with case and diacritics folded, as the library screen's filter matches."""
    with IMPORT_LOCK:
        from reader.search.fold import fold

    return fold(text)


def library_search(library: Library) -> LibrarySearch:
    """A library-wide search over `library` with a connection of its own (for a worker thread)."""
    with IMPORT_LOCK:
        from reader.library.lookup import connect_for_threads
        from reader.library.search import LibrarySearch

    return LibrarySearch(library, connect_for_threads(library.index_path))
