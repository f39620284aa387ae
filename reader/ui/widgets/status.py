"""The status line: title, position (paragraph n/N and percentage) and what extraction found."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    """One row under the article: title on the left, position and counts on the right."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    title: reactive[str] = reactive("")
    """The article's title."""
    paragraph: reactive[int] = reactive(0)
    """Zero-based index of the current paragraph."""
    paragraphs: reactive[int] = reactive(0)
    """How many paragraphs the article has."""
    percent: reactive[int] = reactive(0)
    """How far down the article the view is, 0 to 100."""
    complete: reactive[bool] = reactive(True)
    """False while only the first screens of a book are read: its length is not known yet."""
    counts: reactive[str] = reactive("")
    """What extraction found (`12 quotes · 5 speakers`), or that it is still working."""
    speaker: reactive[str] = reactive("")
    """The selected speaker, when one is selected."""
    search: reactive[str] = reactive("")
    """The search `n`/`N` step through and the filter in force (`/bridge 3/12 (n/N)`)."""

    def render(self) -> Table:
        """Title on the left (cut with an ellipsis), position and counts on the right."""
        if not self.complete:
            position = f"¶ {self.paragraph + 1}/…"
        elif self.paragraphs:
            position = f"¶ {self.paragraph + 1}/{self.paragraphs}  {self.percent}%"
        else:
            position = "empty"
        right = Text(no_wrap=True, end="")
        if self.search:
            right.append(f"{self.search}  ", "bold")
        if self.speaker:
            right.append(f"▸ {self.speaker}  ", "bold")
        if self.counts:
            right.append(self.counts + "  ", "dim")
        right.append(position + " ")
        # A grid sizes itself to the width it is rendered at, so a resize never cuts the
        # position off; the title gives way first.
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(Text(" " + (self.title or "(untitled)"), style="bold", end=""), right)
        return grid
