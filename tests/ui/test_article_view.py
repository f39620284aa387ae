"""The article pane: literal text, wrapping, kinds, moving by line, page, paragraph and end."""

from __future__ import annotations

import pytest
from rich.style import Style

from reader.document import Article, blocks_of, build_article
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.status import StatusLine
from tests.ui.conftest import no_extraction, numbered_article
from tests.ui.screen_text import screen_lines, screen_text


def article_rows(app: ReaderApp) -> list[str]:
    """The rows of the article pane only (above the status line and footer)."""
    view = app.screen.query_one(ArticleView)
    width = view.scrollable_content_region.width  # without the scrollbar
    rows = screen_lines(app)[: view.size.height]
    return [line[:width].replace("▌", " ").rstrip() for line in rows]


def status_line(app: ReaderApp) -> str:
    return screen_lines(app)[-2]


async def test_markup_in_the_article_is_shown_as_typed() -> None:
    article = build_article(
        blocks_of(["Press [bold red]this[/] and [link=x]that[/link] now."]),
        title="Brackets [b]kept[/b]",
        source="x.txt",
    )
    app = ReaderApp(article, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Press [bold red]this[/] and [link=x]that[/link] now." in text
        assert "Brackets [b]kept[/b]" in text


async def test_title_is_a_heading_with_a_rule_and_paragraphs_wrap_within_the_width(
    sample: Article,
) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = article_rows(app)
        assert rows[0].strip() == sample.title
        assert set(rows[1].strip()) == {"━"}
        assert all(len(row) <= 80 for row in rows)
        assert "The town council of Port Alden" in rows[3]


async def test_the_text_column_is_centred_and_its_width_configurable(sample: Article) -> None:
    from reader.config import Config

    app = ReaderApp(sample, extractor=no_extraction, config=Config(line_width=40, side_panes=False))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        rows = [row for row in article_rows(app)[3:] if row.strip()]
        indents = {len(row) - len(row.lstrip()) for row in rows}
        widths = [len(row.strip()) for row in rows]
        assert max(widths) <= 40
        assert min(indents) >= 35  # (120 - 40) / 2 minus the gutter marker


async def test_j_k_move_one_line_and_space_b_a_page(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = article_rows(app)
        await pilot.press("j")
        assert article_rows(app)[0] == first[1]
        await pilot.press("k")
        assert article_rows(app) == first
        await pilot.press("down", "down")
        assert article_rows(app)[0] == first[2]
        await pilot.press("up", "up", "space")
        paged = article_rows(app)
        assert paged[0] == first[-1]  # the last row of the old page stays in view
        await pilot.press("b")
        assert article_rows(app) == first
        await pilot.press("pagedown")
        assert article_rows(app) == paged


async def test_g_and_shift_g_go_to_the_ends(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        assert 'again in April."' in screen_text(app)
        assert "100%" in status_line(app)
        assert f"¶ {len(sample.paragraphs)}/{len(sample.paragraphs)}" in status_line(app)
        await pilot.press("g")
        assert article_rows(app)[0].strip() == sample.title
        assert "¶ 1/" in status_line(app)
        await pilot.press("end")
        assert "100%" in status_line(app)
        await pilot.press("home")
        assert "0%" in status_line(app)


async def test_the_status_line_moves_in_the_same_frame_as_the_text() -> None:
    # The position reaches the status line while the key is handled, before anything is
    # drawn, so the screen never shows the new text beside the old position (a frame later).
    app = ReaderApp(numbered_article(400), extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        status = app.screen.query_one(StatusLine)
        view.action_bottom()  # no pause: no message has been handled, no frame drawn
        assert (status.paragraph, status.percent) == (399, 100)
        view.action_top()
        assert (status.paragraph, status.percent) == (0, 0)
        view.action_next_paragraph()
        assert status.paragraph == 1


async def test_brackets_and_shift_j_k_step_paragraphs_and_mark_the_current_one(
    sample: Article,
) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        marked = [row for row in screen_lines(app) if row.startswith("▌")]
        assert marked and '"We cannot ask people' in marked[0]
        assert "¶ 2/" in status_line(app)
        await pilot.press("J", "J")
        assert "¶ 4/" in status_line(app)
        await pilot.press("K", "left_square_bracket")
        assert "¶ 2/" in status_line(app)
        marked = [row for row in screen_lines(app) if row.startswith("▌")]
        assert '"We cannot ask people' in marked[0]


async def test_paragraph_kinds_are_styled_and_code_keeps_its_lines(
    markdown_article: Article,
) -> None:
    app = ReaderApp(markdown_article, extractor=no_extraction)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "• first point" in text
        assert "▎ A quoted block of text." in text
        assert "def f():" in text
        assert "      return [bold]1[/bold]" in text  # indented code line, literal


@pytest.mark.slow
async def test_resizing_rewraps_and_keeps_the_reading_position() -> None:
    article = numbered_article(300)
    app = ReaderApp(article, extractor=no_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(40):
            await pilot.press("right_square_bracket")
        assert "Paragraph 41 " in article_rows(app)[1]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert any("Paragraph 41 " in row for row in article_rows(app)[:3])
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert any("Paragraph 41 " in row for row in article_rows(app)[:3])
        assert all(len(line) <= 60 for line in screen_lines(app))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert any("Paragraph 41 " in row for row in article_rows(app)[:3])


async def test_a_book_of_twenty_thousand_paragraphs_is_not_a_widget_per_paragraph() -> None:
    article = numbered_article(20_000, words=60)
    app = ReaderApp(article, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert not view.children
        assert len(list(app.screen.walk_children())) < 40
        await pilot.press("G")
        assert "Paragraph 20000 " in screen_text(app)
        await pilot.press("g", "space", "space")
        assert "Paragraph 1 " not in screen_text(app)


async def test_marks_layers_style_article_offsets_and_can_be_cleared(sample: Article) -> None:
    app = ReaderApp(sample, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        start = sample.text.index("Port Alden")
        view.set_marks("search", [(start, start + len("Port Alden"), Style(reverse=True))])
        await pilot.pause()
        strip = view.render_line(3)
        marked = "".join(s.text for s in strip if s.style and s.style.reverse)
        assert marked == "Port Alden"
        # A layer of its own: the app's "notes" layer is redrawn when the notes finish loading.
        view.set_marks("test-notes", [(start, start + 4, "underline")], priority=5)
        await pilot.pause()
        strip = view.render_line(3)
        underlined = "".join(s.text for s in strip if s.style and s.style.underline)
        assert underlined == "Port"
        view.clear_marks("search")
        await pilot.pause()
        assert not any(s.style and s.style.reverse for s in view.render_line(3))
        assert view.marks("test-notes") == [(start, start + 4, "underline")]


async def test_scroll_to_offset_centres_and_posts_the_new_position() -> None:
    article = numbered_article(200)
    app = ReaderApp(article, extractor=no_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        target = article.paragraphs[120]
        view.scroll_to_offset(target.start, center=True)
        await pilot.pause()
        rows = article_rows(app)
        index = next(i for i, row in enumerate(rows) if "Paragraph 121 " in row)
        assert 5 <= index <= 15
        assert view.cursor == 120
        assert "¶ 121/200" in status_line(app)
        assert app.last_position.paragraph == 120
