"""The article pane: a Line-API view that wraps lazily and renders only the rows on screen.

`ArticleView` never builds a widget per paragraph. It asks `ArticleLayout` (cached per width)
which slice of the text each row shows and has `RowPainter` (`article_rows`) build a `Strip`
for the visible rows only, caching them until something that changes their look happens. Text
is always literal: rows are built from plain strings, so `[bold]` in an article is shown as
typed.

Decorations (quote tints, a selected speaker, search hits, notes highlights) are *mark layers*:
`set_marks("search", [(start, end, style), ...])` over article offsets. Layers are drawn in
priority order, so a later feature adds a layer without touching the view's internals; their
bookkeeping lives in `article_marks`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.document import Article
from reader.ui.layout import ArticleLayout
from reader.ui.widgets.article_marks import MarkLayers, MarkSpan, MarkStyle
from reader.ui.widgets.article_rows import GUTTER, RowPainter


class ViewPosition(NamedTuple):
    """Where the view is: what the status line shows and what is saved to resume."""

    paragraph: int
    """Index of the current paragraph."""
    fraction: float
    """How far down the article the view is, 0.0 to 1.0."""
    offset: int
    """Article offset of the first text on screen."""


class ViewPlace(NamedTuple):
    """Where the view is, exactly enough to come back to the same rows (`ArticleView.go_to`).

    An offset alone cannot: the title rows and the blank rows between paragraphs show no text,
    so going back to the offset of such a top row lands a row or three further down.
    """

    offset: int
    """Article offset of the first text on screen (used when the layout has changed)."""
    row: int
    """The top row, in the layout of `width` and `shown`."""
    cursor: int
    """Index of the current paragraph."""
    width: int
    """Text width of the layout `row` counts in."""
    shown: tuple[int, ...] | None
    """The paragraphs that layout showed (a filter), or None for all."""


class ArticleView(ScrollView, can_focus=True):
    """Shows an article: title heading, styled paragraph kinds, marks, the current paragraph."""

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--rule",
        "article-view--byline",
        "article-view--heading",
        "article-view--blockquote",
        "article-view--code",
        "article-view--verse",
        "article-view--bullet",
        "article-view--marker",
        "article-view--flash",
        "article-view--selected",
        "article-view--empty",
        "article-view--match",
        "article-view--match-current",
    }
    """Styles for the parts of an article; themes restyle them in `app.tcss`."""

    BINDINGS = [
        Binding("j,down", "line_down", "Line down", show=False, id="article.line_down"),
        Binding("k,up", "line_up", "Line up", show=False, id="article.line_up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("g,home", "top", "Top", show=False, id="article.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="article.bottom"),
        Binding(
            "right_square_bracket,J",
            "next_paragraph",
            "Next paragraph",
            show=False,
            id="article.next_paragraph",
        ),
        Binding(
            "left_square_bracket,K",
            "previous_paragraph",
            "Previous paragraph",
            show=False,
            id="article.previous_paragraph",
        ),
    ]

    cursor: reactive[int] = reactive(0, init=False, always_update=False)
    """Index of the current paragraph (marked in the gutter, copied by `y`)."""

    max_width: reactive[int] = reactive(76, init=False)
    """Widest the text may be, in cells; the text is centred when the pane is wider."""

    position: reactive[ViewPosition] = reactive(ViewPosition(0, 0.0, 0), init=False)
    """Where the view is, set as it moves (also posted as `PositionChanged`).

    A watcher of this attribute runs in the same call as the move, so what it shows (the
    status line) is drawn in the same frame as the text; the message reaches its handlers a
    frame later.
    """

    class PositionChanged(Message):
        """The reading position moved: a scroll, a jump or a new current paragraph."""

        def __init__(self, view: ArticleView, paragraph: int, fraction: float, offset: int) -> None:
            super().__init__()
            self.view = view
            """The view that moved."""
            self.paragraph = paragraph
            """Index of the current paragraph."""
            self.fraction = fraction
            """How far down the article the view is, 0.0 to 1.0."""
            self.offset = offset
            """Article offset of the first text on screen (what to save and resume)."""

        @property
        def control(self) -> ArticleView:
            """The view that moved."""
            return self.view

        def can_replace(self, message: Message) -> bool:
            """Only the newest position matters when scrolling fast."""
            return isinstance(message, ArticleView.PositionChanged)

    def __init__(
        self,
        article: Article,
        *,
        max_width: int = 76,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article = article
        """The article shown."""
        self.set_reactive(ArticleView.max_width, max(20, max_width))
        self._layouts: dict[tuple[int, tuple[int, ...] | None], ArticleLayout] = {}
        self._shown: tuple[int, ...] | None = None
        self._layout: ArticleLayout | None = None
        self._strips: dict[int, Strip] = {}
        self._marks = MarkLayers()
        self._painter = RowPainter(partial(self.get_component_rich_style, partial=True))
        self._base: Style | None = None
        self._want: tuple[int, bool] | None = None
        self._flash_timer: Timer | None = None
        self._keep_cursor = False

    # ----------------------------------------------------------------- public API

    @property
    def layout_ready(self) -> bool:
        """True once the view knows its width and has wrapped the article."""
        return self._layout is not None

    @property
    def top_offset(self) -> int:
        """Article offset of the first text row on screen."""
        if self._layout is None:
            return self._want[0] if self._want else 0
        return self._layout.offset_of_row(round(self.scroll_y))

    @property
    def fraction(self) -> float:
        """How far down the article the view is scrolled, 0.0 to 1.0."""
        if self.max_scroll_y <= 0:
            return 1.0
        return min(1.0, max(0.0, self.scroll_y / self.max_scroll_y))

    def is_offset_visible(self, offset: int, *, hidden_below: int = 0) -> bool:
        """True when the row showing article offset `offset` is on screen.

        `hidden_below` rows at the bottom of the pane do not count (the search results lie
        over them).
        """
        if self._layout is None:
            return False
        row = self._layout.row_of_offset(offset)
        top = round(self.scroll_y)
        return top <= row < top + self.scrollable_content_region.height - hidden_below

    @property
    def visible_range(self) -> tuple[int, int]:
        """Article offsets from the first text on screen to the end of the last."""
        layout = self._layout
        if layout is None:
            return (0, 0)
        top = round(self.scroll_y)
        for y in range(top + self.scrollable_content_region.height - 1, top - 1, -1):
            row = layout.row(y) if y < layout.row_count else None
            if row is not None and row.paragraph >= 0:
                return (self.top_offset, row.end)
        return (self.top_offset, self.top_offset)

    @property
    def shown_paragraphs(self) -> tuple[int, ...] | None:
        """The paragraphs a filter shows, or None when every paragraph is shown."""
        return self._shown

    def show_only(self, paragraphs: Sequence[int] | None) -> None:
        """Show only `paragraphs` (a filter, as `&` in less), or every paragraph with None.

        The first text on screen stays in place when it is still shown (else the next shown
        paragraph comes up), and the current paragraph moves to a shown one.
        """
        shown = None if paragraphs is None else tuple(sorted(set(paragraphs)))
        if shown == self._shown:
            return
        if self._layout is not None and self._want is None:
            self._want = (self.top_offset, False)
        self._shown = shown
        self._relayout()
        if self._layout is not None and shown:
            self._set_cursor(self._layout.nearest(self.cursor))

    def set_marks(self, layer: str, spans: Sequence[MarkSpan], *, priority: int = 0) -> None:
        """Replace the marks of `layer` (offsets into `Article.text`); an empty list clears it.

        Layers with a higher `priority` are drawn over lower ones; the built-in layers use
        `quotes` (0), `speaker` (10) and `flash` (100), so search hits and notes fit between.
        """
        changed = self._marks.set_marks(layer, spans, priority)
        if changed:
            self._repaint_text(changed)

    def clear_marks(self, layer: str) -> None:
        """Remove every mark of `layer`."""
        self.set_marks(layer, [])

    def set_markers(self, layer: str, markers: Sequence[tuple[int, str, MarkStyle]]) -> None:
        """Show a one-cell glyph in the right margin of the row showing each article offset.

        `markers` are (offset, glyph, style); an empty list clears the layer. Used for note
        markers: the glyph sits beside the row where a highlight with a note ends.
        """
        if self._marks.set_markers(layer, markers):
            self._invalidate()

    def markers(self, layer: str) -> list[tuple[int, str]]:
        """The (offset, glyph) markers of `layer`, by offset."""
        return self._marks.markers(layer)

    def marks(self, layer: str) -> list[MarkSpan]:
        """The marks currently in `layer`, sorted by start."""
        return self._marks.marks(layer)

    def flash(self, start: int, end: int, duration: float = 0.8) -> None:
        """Highlight `start:end` briefly, to show where a jump landed."""
        self.set_marks("flash", [(start, end, "article-view--flash")], priority=100)
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(duration, lambda: self.clear_marks("flash"))

    def replace_article(self, article: Article) -> None:
        """Show `article` in place of the one shown, which began with the same text.

        For a book whose first screens were shown before it was all read: the text on screen
        stays where it is, and the rest of the book becomes reachable.
        """
        keep = (self.top_offset, False) if self._layout is not None else self._want
        self.article = article
        self._layouts.clear()
        self._layout = None
        self._want = keep
        self._relayout()

    @property
    def place(self) -> ViewPlace:
        """Where the view is now, to come back to with `go_to`."""
        layout = self._layout
        width, shown = (layout.width, layout.shown) if layout is not None else (0, self._shown)
        return ViewPlace(self.top_offset, round(self.scroll_y), self.cursor, width, shown)

    def go_to(self, place: ViewPlace) -> None:
        """Show the same rows as at `place` with the same current paragraph (instant).

        After a resize or another filter the rows differ; then the text at its offset is shown
        at the top.
        """
        layout = self._layout
        if place.row == 0 or (
            layout is not None and (layout.width, layout.shown) == (place.width, place.shown)
        ):
            # The very top is the top whatever the wrapping: the headline sits above the first
            # paragraph's offset, so going back by offset would leave it scrolled off.
            self._scroll_to_row(place.row)
        else:
            self.scroll_to_offset(place.offset, center=False)
        self._set_cursor(self._shown_from(place.cursor))

    def scroll_to_offset(self, offset: int, *, center: bool = True) -> None:
        """Show article offset `offset`: centred, or on the top row; makes its paragraph current.

        Instant (never animated). Before the first layout the request is kept and applied then.
        """
        paragraph = self.article.paragraph_at(offset)
        if paragraph is not None:
            self._set_cursor(self._shown_from(paragraph.position))
        self._want = (offset, center)
        self._apply_want()

    def scroll_to_paragraph(self, index: int) -> None:
        """Put paragraph `index` near the top of the view (one row of context) and mark it."""
        if not self.article.paragraphs:
            return
        index = self._shown_from(max(0, min(index, len(self.article.paragraphs) - 1)))
        self._set_cursor(index)
        if self._layout is None:
            self._want = (self.article.paragraphs[index].start, False)
            return
        first, last = self._layout.paragraph_span(index)
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        if top <= first and last < top + height and self.scroll_y >= self.max_scroll_y:
            return  # at the end: the mark moves, the page cannot
        self._scroll_to_row(first - 1 if index else 0)

    # ----------------------------------------------------------------- actions

    def action_line_down(self) -> None:
        """Scroll one row down."""
        self._scroll_to_row(round(self.scroll_y) + 1)

    def action_line_up(self) -> None:
        """Scroll one row up."""
        self._scroll_to_row(round(self.scroll_y) - 1)

    def action_page_down(self) -> None:
        """Scroll a page down, keeping one row of the previous page."""
        self._scroll_to_row(round(self.scroll_y) + max(1, self._page() - 1))

    def action_page_up(self) -> None:
        """Scroll a page up, keeping one row of the previous page."""
        self._scroll_to_row(round(self.scroll_y) - max(1, self._page() - 1))

    def action_top(self) -> None:
        """Go to the start of the article."""
        self._scroll_to_row(0)
        self._set_cursor(0)

    def action_bottom(self) -> None:
        """Go to the end of the article."""
        if self._layout is not None:
            self._layout.complete()
            self._sync_size()
        self._scroll_to_row(self.virtual_size.height)
        if self.article.paragraphs:
            self._set_cursor(self._shown_from(len(self.article.paragraphs) - 1, -1))

    def action_next_paragraph(self) -> None:
        """Make the next paragraph current and bring it to the top."""
        self.scroll_to_paragraph(self.cursor + 1)

    def action_previous_paragraph(self) -> None:
        """Make the previous paragraph current and bring it to the top."""
        self.scroll_to_paragraph(self._shown_from(self.cursor - 1, -1))

    # ----------------------------------------------------------------- internals

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _apply_want(self, retry: bool = True) -> None:
        """Scroll to the wanted offset; once more after a refresh if the size was not ready."""
        layout = self._layout
        if self._want is None or layout is None:
            return
        offset, center = self._want
        row = layout.row_of_offset(offset)
        height = self.scrollable_content_region.height
        if not layout.is_complete and row + height >= layout.row_count:
            layout.complete()
            self._sync_size()
        target = max(0, min(row - height // 2 if center else row, layout.row_count - height))
        self._keep_cursor = True
        self.scroll_to(y=target, animate=False, immediate=True)
        if round(self.scroll_y) == target or not retry:
            self._want = None
        else:
            # The new virtual size is not applied until the next refresh: scroll again then.
            self.call_after_refresh(self._apply_want, False)
        self._post_position()

    def _scroll_to_row(self, row: int, *, retry: bool = True) -> None:
        self._want = None
        layout = self._layout
        if layout is not None and not layout.is_complete and row + self._page() >= layout.row_count:
            layout.complete()
            self._sync_size()
        limit = max(0, layout.row_count - self.scrollable_content_region.height) if layout else 0
        top = max(0, min(row, limit))
        self.scroll_to(y=top, animate=False, immediate=True)
        if retry and round(self.scroll_y) != top:
            # The new virtual size is not applied until the next refresh: scroll again then.
            self.call_after_refresh(self._scroll_to_row, top, retry=False)
        self._post_position()

    def _shown_from(self, index: int, step: int = 1) -> int:
        """Paragraph `index`, or under a filter the nearest shown one in direction `step`."""
        return self._layout.nearest(index, step) if self._layout is not None else index

    def _set_cursor(self, index: int) -> None:
        self._keep_cursor = True
        self.cursor = index
        self._post_position()

    def _text_width(self, width: int) -> int:
        return max(8, min(self.max_width, width - 2 * GUTTER))

    def _relayout(self) -> None:
        """Wrap for the current width, keeping the first text on screen in place."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        text_width = self._text_width(width)
        current = self._layout
        if current is not None and current.width == text_width and current.shown == self._shown:
            # A new height alone (the search results opening below) keeps every row as drawn:
            # Textual paints the resized region, and the rows cached stay right.
            if self.virtual_size.width != width:
                self.virtual_size = Size(width, current.row_count)
                self._invalidate()
            return
        if self._want is None and self._layout is not None and round(self.scroll_y) > 0:
            self._want = (self.top_offset, False)
        layout = self._layouts.get((text_width, self._shown))
        if layout is None:
            layout = ArticleLayout(self.article, text_width, self._shown)
            if len(self._layouts) > 4:
                self._layouts.clear()
            self._layouts[(text_width, self._shown)] = layout
        self._layout = layout
        self.virtual_size = Size(width, layout.row_count)
        self._invalidate()
        if not layout.is_complete:
            # Wrap the rest of a long article once the first screen is painted.
            self.call_after_refresh(self._complete_layout)
        self._apply_want()
        self._post_position()

    def _complete_layout(self) -> None:
        """Wrap the rest in slices of ~20 ms, so keys pressed meanwhile are not held up."""
        layout = self._layout
        if layout is None:
            return
        layout.extend_to(len(layout.paragraph_rows) + 1500)
        if layout.is_complete:
            self._sync_size()
        else:
            self.set_timer(0.005, self._complete_layout)

    def _sync_size(self) -> None:
        """Make the scrollable height match the layout (exact once wrapping is complete)."""
        layout = self._layout
        if layout is not None and self.virtual_size.height != layout.row_count:
            self.virtual_size = Size(self.virtual_size.width, layout.row_count)

    def _repaint_text(self, ranges: list[tuple[int, int]]) -> None:
        """Repaint the rows on screen that show any of `ranges` (sorted by start).

        The rows drawn off screen are forgotten (drawn again when scrolled to). A search
        keystroke changes the marks of a few rows: repainting every row wrote ~9 KB a key at
        120x40 (3 MB book, Dec 2026).
        """
        layout = self._layout
        if layout is None:
            self._invalidate()
            return
        top = round(self.scroll_y)
        bottom = min(layout.row_count, top + self.scrollable_content_region.height)
        starts = [start for start, _ in ranges]
        longest = max(end - start for start, end in ranges)
        stale: set[int] = set()
        for y in range(top, bottom):
            row = layout.row(y)
            if row.paragraph < 0:
                continue
            low = bisect_left(starts, row.start - longest)
            high = bisect_left(starts, row.end)
            if any(ranges[index][1] > row.start for index in range(low, high)):
                stale.add(y)
        self._strips = {
            y: strip for y, strip in self._strips.items() if top <= y < bottom and y not in stale
        }
        for y in sorted(stale):
            self.refresh_lines(y)

    def _invalidate(self) -> None:
        self._strips.clear()
        self.refresh()

    def _post_position(self) -> None:
        if self._layout is None:
            return
        position = ViewPosition(self.cursor, self.fraction, self.top_offset)
        self.position = position
        self.post_message(self.PositionChanged(self, *position))

    def on_focus(self, event: events.Focus) -> None:
        """Take the focus without repainting: the article looks the same focused or not."""
        self._focus_changed(event, focused=True)

    def on_blur(self, event: events.Blur) -> None:
        """Lose the focus without repainting (`/` and esc move it to the search bar and back)."""
        self._focus_changed(event, focused=False)

    def _focus_changed(self, event: events.Focus | events.Blur, *, focused: bool) -> None:
        # Textual's own handler repaints the widget whole on each focus change: every row of
        # the article, 7 KB of `/`'s frame at 120x40 and most of its time. This does what it
        # does but the repaint; a focus style (none here) would still repaint through CSS.
        event.prevent_default()
        self.has_focus = focused
        if self.parent is not None:
            self.parent.post_message(
                events.DescendantFocus(self) if focused else events.DescendantBlur(self)
            )

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap for the new width without losing the reading position."""
        del event
        self._relayout()

    def on_mount(self) -> None:
        """Lay out as soon as the view has a size."""
        super().on_mount()  # type: ignore[no-untyped-call]  # Textual leaves it unannotated
        self.call_after_refresh(self._relayout)

    def notify_style_update(self) -> None:
        """Forget rendered rows when the theme or CSS changes."""
        super().notify_style_update()
        self._painter.forget_styles()
        self._base = None
        self._strips.clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Refresh, and make the top paragraph current if the current one scrolled away."""
        super().watch_scroll_y(old_value, new_value)
        layout = self._layout
        if layout is None or not self.article.paragraphs:
            return
        if self._keep_cursor:
            self._keep_cursor = False
            self._post_position()
            return
        top = round(new_value)
        height = self.scrollable_content_region.height
        first, last = layout.paragraph_span(self.cursor)
        if last < top or first >= top + height:
            self.cursor = layout.paragraph_of_row(top)
        self._post_position()

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the gutter marker of the old and new current paragraphs."""
        del old, new
        self._invalidate()

    def watch_max_width(self) -> None:
        """Re-wrap for a new line width."""
        self._relayout()

    def _base_style(self) -> Style:
        """The view's own style (colours inherited from its ancestors), worked out once.

        `rich_style` walks every ancestor's styles; asked per row it was a fifth of a frame.
        Any CSS change reaches this view through `notify_style_update`, which clears it.
        """
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows in `crop`; the first frame wraps the article first, so it shows the text.

        Waiting for the view's first resize event put the text in the second frame.
        """
        if self._layout is None:
            self._relayout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Render screen row `y` (only ever called for rows on screen)."""
        row = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        strip = self._strips.get(row)
        if strip is None or strip.cell_length != width:
            strip = self._painter.paint(
                self.article,
                self._layout,
                self._marks,
                y=row,
                width=width,
                cursor=self.cursor,
                base=self._base_style(),
            )
            if len(self._strips) > 512:
                self._strips.clear()
            self._strips[row] = strip
        return strip
