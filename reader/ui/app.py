"""The reader application: shows an article and lets the user move through it by keyboard."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from reader.document import Article


class ReaderApp(App[None]):
    """A minimal article view: title and paragraphs, scrolled by keyboard."""

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("j", "scroll_down", "Down", show=False, id="line_down"),
        Binding("k", "scroll_up", "Up", show=False, id="line_up"),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        """Title, then the paragraphs as literal text (never markup)."""
        with VerticalScroll(id="article"):
            yield Static(Text(self.article.title or "(untitled)", style="bold"), id="title")
            if self.article.is_empty:
                yield Static(Text("This article is empty."))
            for paragraph in self.article.paragraphs:
                yield Static(Text(paragraph.text + "\n"))
        yield Footer()

    def action_scroll_down(self) -> None:
        """Scroll one line down."""
        self.query_one("#article", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        """Scroll one line up."""
        self.query_one("#article", VerticalScroll).scroll_up(animate=False)


def run_app(article: Article) -> int:
    """Run the reader on `article` until the user quits; return the exit code."""
    ReaderApp(article).run()
    return 0
