"""Visual mode: a selection made by keyboard in the article, as in vim (not a widget).

`v` starts it on the current sentence (`V` on the paragraph); `w`/`b` move its end a word,
`)`/`(` a sentence, `j`/`k` select the next/previous sentence, `o` swaps the ends, `p` takes
the whole paragraph, `y` copies, `esc` or `v` leaves. The keys are bound on the article's row
(`widgets.reading_body.ReadingBody`), which hands them to `VisualSelection`; the offsets are
computed by `reader.ui.selection`. `h` and `a` act on the selection (`notes_controller`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from reader.document import Article
from reader.ui.counts import counted
from reader.ui.notes_keys import SELECTION_LAYER_PRIORITY
from reader.ui.ports import Notify, Reading
from reader.ui.selection import (
    Selection,
    move_sentence,
    move_word,
    paragraph_range,
    sentence_at,
    step_sentence,
)
from reader.ui.widgets.article_view import ArticleView


def current_paragraph_range(article: Article, view: ArticleView) -> tuple[int, int] | None:
    """The range of the paragraph under the view's cursor (None for an empty article)."""
    paragraphs = article.paragraphs
    if not paragraphs:
        return None
    return paragraph_range(article, min(view.cursor, len(paragraphs) - 1))


class VisualSelection:
    """The visual-mode selection in the article, and the keys that move it."""

    def __init__(
        self,
        reading: Reading,
        *,
        view: ArticleView,
        focused: Callable[[], Widget | None],
        notify: Notify,
        copy: Callable[[str], None],
        keys_changed: Callable[[], None],
    ) -> None:
        self.reading = reading
        """The article selected in."""
        self.selection: Selection | None = None
        """The selection, or None outside visual mode."""
        self._view = view
        self._focused = focused
        self._notify = notify
        self._copy = copy
        self._keys_changed = keys_changed

    def enabled(self, action: str) -> bool:
        """Visual-mode keys (`action` is one of them) exist only in visual mode, on the article."""
        del action  # they are all enabled together
        return self.selection is not None and self._focused() is self._view

    def select(self, selection: Selection | None) -> None:
        """Show `selection` in the article (None: leave visual mode)."""
        self.selection = selection
        view = self._view
        if selection is None:
            view.clear_marks("selection")
        else:
            view.set_marks(
                "selection",
                [(selection.start, selection.end, "reverse")],
                priority=SELECTION_LAYER_PRIORITY,
            )
            if not view.is_offset_visible(selection.head):
                view.scroll_to_offset(selection.head, center=True)
        self._keys_changed()

    def toggle(self) -> None:
        """`v`: start visual mode on the current sentence (or leave it)."""
        if self.selection is not None:
            self.select(None)
            return
        article = self.reading.article
        if not article.paragraphs:
            return
        view = self._view
        view.focus()
        paragraph = article.paragraphs[min(view.cursor, len(article.paragraphs) - 1)]
        offset = paragraph.start
        if not view.is_offset_visible(offset) and paragraph.start < view.top_offset:
            offset = view.top_offset
        sentence = sentence_at(article, offset)
        if sentence is None:
            return
        self.select(Selection(*sentence))
        self._notify(
            "Visual mode: extend the selection, then h highlights or a adds a note.",
            title="Select",
            timeout=3,
        )

    def start_paragraph(self) -> None:
        """`V`: start visual mode on the whole current paragraph."""
        here = current_paragraph_range(self.reading.article, self._view)
        if here is not None:
            self._view.focus()
            self.select(Selection(*here))

    def word(self, forward: bool) -> None:
        """`w`/`b`: move the selection's moving end one word."""
        if self.selection is not None:
            self.select(move_word(self.selection, self.reading.article.text, forward))

    def sentence(self, forward: bool) -> None:
        """`)`/`(`: move the selection's moving end one sentence."""
        if self.selection is not None:
            self.select(move_sentence(self.selection, self.reading.article, forward))

    def step(self, forward: bool) -> None:
        """`j`/`k`: select the next (or previous) sentence instead."""
        if self.selection is not None:
            self.select(step_sentence(self.selection, self.reading.article, forward))

    def swap(self) -> None:
        """`o`: let the other end of the selection move."""
        if self.selection is not None:
            self.select(self.selection.swapped())

    def whole_paragraph(self) -> None:
        """`p`: select the whole paragraph the moving end is in."""
        if self.selection is None:
            return
        article = self.reading.article
        paragraph = article.paragraph_at(self.selection.head)
        index = paragraph.position if paragraph else self._view.cursor
        whole = paragraph_range(article, index)
        if whole is not None:
            self.select(Selection(*whole))

    def copy(self) -> None:
        """`y`: copy the selected text to the clipboard (OSC 52) and leave visual mode."""
        if self.selection is None:
            return
        text = self.reading.article.text[self.selection.start : self.selection.end]
        self._copy(text)
        self.select(None)
        self._notify(f"Copied the selection ({counted(len(text), 'character')}).", timeout=2)

    def cancel(self) -> None:
        """`esc` or `v`: leave visual mode without highlighting."""
        self.select(None)
