"""Painting one screen row of the article as a `Strip` of exactly the view's width.

A row is the gutter marker, then the title, the rule, the byline, or a slice of a paragraph cut
at its marks (and a note marker in the margin). `RowPainter` is the drawing half of
`ArticleView` (which decides which rows to paint and caches the strips). Text is always literal:
segments are built from plain strings, so `[bold]` in an article is shown as typed. Styles named
`article-view--*` come from the view's CSS and are worked out once per name until the theme or
CSS changes (`forget_styles`).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.document import Article, BlockKind
from reader.ui.layout import BLANK, BYLINE, NARROW_ONLY, RULE, TITLE, ArticleLayout
from reader.ui.widgets.article_marks import MarkLayers, MarkStyle

GUTTER = 2
"""Columns left of the text for the current-paragraph marker."""

KIND_STYLES = {
    BlockKind.HEADING: "article-view--heading",
    BlockKind.BLOCKQUOTE: "article-view--blockquote",
    BlockKind.CODE: "article-view--code",
    BlockKind.VERSE: "article-view--verse",
}
"""The component style of each kind of block that is not a plain paragraph."""


class RowPainter:
    """Builds the strip of one row of an article laid out by `ArticleLayout` (not a widget)."""

    def __init__(self, component_style: Callable[[str], Style]) -> None:
        self._component_style = component_style
        self._styles: dict[str, Style] = {}

    def forget_styles(self) -> None:
        """The theme or CSS changed: work the styles out again."""
        self._styles.clear()

    def style(self, name: str) -> Style:
        """The style called `name`: a component class of the view, or a Rich style string."""
        style = self._styles.get(name)
        if style is None:
            if name.startswith("article-view--"):
                style = self._component_style(name)
            else:
                try:
                    style = Style.parse(name)
                except Exception:  # a bad style from a plug-in must not break rendering
                    style = Style()
            self._styles[name] = style
        return style

    def mark_style(self, style: MarkStyle) -> Style:
        """A mark's style, given as a `Style` or by name."""
        return style if isinstance(style, Style) else self.style(style)

    def paint(
        self,
        article: Article,
        layout: ArticleLayout | None,
        marks: MarkLayers,
        *,
        y: int,
        width: int,
        cursor: int,
        base: Style,
    ) -> Strip:
        """Row `y` of `layout`, `width` cells wide, the paragraph `cursor` marked in the gutter."""
        if layout is None or y >= layout.row_count:
            return Strip.blank(width, base)
        text_width = layout.width
        left = max(GUTTER, (width - text_width) // 2)
        row = layout.row(y)
        segments: list[Segment] = []
        if row.paragraph == cursor and row.paragraph >= 0:
            marker = self.style("article-view--marker")
            segments.append(Segment(" " * (left - GUTTER), base))
            segments.append(Segment("▌", base + marker))
            segments.append(Segment(" " * (GUTTER - 1), base))
        else:
            segments.append(Segment(" " * left, base))
        if row.paragraph == TITLE:
            title = article.title[row.start : row.end]
            segments.append(Segment(title, base + self.style("article-view--title")))
        elif row.paragraph == RULE:
            title_width = max((end - start for start, end in layout.title_rows), default=0)
            rule = "━" * min(text_width, title_width)
            segments.append(Segment(rule, base + self.style("article-view--rule")))
        elif row.paragraph == BYLINE:
            byline = layout.byline[row.start : row.end]
            segments.append(Segment(byline, base + self.style("article-view--byline")))
        elif row.paragraph == BLANK:
            if not (not layout.order and y == layout.row_count - 1):
                return Strip.blank(width, base)
            notice = "(this article is empty)" if article.is_empty else "(no paragraph matches)"
            segments.append(Segment(notice, base + self.style("article-view--empty")))
        else:
            kind_style = KIND_STYLES.get(article.paragraphs[row.paragraph].kind)
            body = base + self.style(kind_style) if kind_style else base
            if row.prefix:
                segments.append(Segment(row.prefix, base + self.style("article-view--bullet")))
            segments += marks.segments(article.text, row.start, row.end, body, self.mark_style)
            note_marker = marks.row_marker(row.start, row.end) if marks.has_markers else None
            used = sum(segment.cell_length for segment in segments)
            column = left + text_width + 1
            if note_marker is not None and used <= column < width:
                glyph, glyph_style = note_marker
                segments.append(Segment(" " * (column - used), base))
                segments.append(Segment(glyph[:1], base + self.mark_style(glyph_style)))
        # Count cells once here (text known to be one cell per character is just its length),
        # so Textual never measures the row again.
        used = 0
        for segment in segments:
            text = segment.text
            used += len(text) if NARROW_ONLY.fullmatch(text) else cell_len(text)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
            return Strip(segments, width)
        return Strip(segments, used).crop(0, width)
