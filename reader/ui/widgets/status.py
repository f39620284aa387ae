"""The status line: title, position (paragraph n/N and percentage) and what extraction found."""

from __future__ import annotations

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
    hint: reactive[str] = reactive("")
    """A passing hint, shown in the title's place while set (a toast would hide the counts)."""

    def render(self) -> Text:
        """Title on the left (cut with an ellipsis), position and counts on the right.

        Laid out by hand to the width it is drawn at, so a resize never cuts the position off
        (the title gives way first). Redrawn on every key that moves the view: a Rich table
        here took as long as the whole article pane.
        """
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
        right.append(position)
        width = self.size.width
        room = width - right.cell_len - 1  # a space between the title and the rest
        if self.hint:
            title = Text(" " + self.hint, style="italic", end="")
        else:
            title = Text(" " + (self.title or "(untitled)"), style="bold", end="")
        if room <= 0:
            right.truncate(width, overflow="ellipsis")  # narrower than the position: keep its start
            return right
        title.truncate(room, overflow="ellipsis", pad=True)
        line = Text(no_wrap=True, end="")
        return line.append_text(title).append(" ").append_text(right)
