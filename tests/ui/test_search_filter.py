"""Filter mode in the article view: only some paragraphs shown, moving among them, clearing."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.document import Article
from reader.ui.widgets.article_view import ArticleView
from tests.ui.conftest import numbered_article
from tests.ui.screen_text import screen_text


class ViewApp(App[None]):
    """Just an article view, to drive it alone."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        """The view, filling the screen."""
        yield ArticleView(self.article, max_width=60)

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)


def paragraph_numbers(app: App[None]) -> list[int]:
    """The paragraph numbers on screen (each numbered paragraph starts with `Paragraph n`)."""
    return [
        int(word)
        for line in screen_text(app).split("\n")
        for previous, word in zip(line.split(), line.split()[1:], strict=False)
        if previous == "Paragraph"
    ]


async def test_only_the_chosen_paragraphs_show_and_j_k_move_among_them() -> None:
    article = numbered_article(400, words=8)
    app = ViewApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [9, 99, 199, 299, 399]  # paragraphs 10, 100, 200, 300, 400
        app.view.show_only(shown)
        await pilot.pause()
        assert paragraph_numbers(app) == [10, 100, 200, 300, 400]
        assert app.view.cursor == 9
        app.view.focus()
        await pilot.press("J")
        assert app.view.cursor == 99
        await pilot.press("J", "K")
        assert app.view.cursor == 99
        await pilot.press("G")
        assert app.view.cursor == 399


async def test_a_jump_to_a_hidden_paragraph_lands_on_the_next_one_shown() -> None:
    article = numbered_article(400, words=8)
    app = ViewApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.view.show_only([9, 299])
        await pilot.pause()
        app.view.scroll_to_offset(article.paragraphs[150].start)
        await pilot.pause()
        assert app.view.cursor == 299


async def test_an_empty_filter_says_so_and_clearing_shows_everything_from_where_you_were() -> None:
    article = numbered_article(400, words=8)
    app = ViewApp(article)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.view.show_only([])
        await pilot.pause()
        assert "(no paragraph matches)" in screen_text(app)
        app.view.show_only([249])
        await pilot.pause()
        app.view.show_only(None)
        await pilot.pause()
        assert app.view.shown_paragraphs is None
        assert paragraph_numbers(app)[0] == 250  # the paragraph filtered to stays on top
        assert len(paragraph_numbers(app)) > 3
