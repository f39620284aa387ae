"""Side panes: speakers, quotes and contents; jumping, selecting a speaker, n/N, ) and (."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from reader.document import Article
from reader.extract.model import Extraction
from reader.ui.app import ReaderApp
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.panes import ContentsPane, QuotesPane, SpeakersPane
from tests.ui.conftest import no_extraction
from tests.ui.screen_text import screen_lines, screen_text


def reader_app(article: Article, extraction: Extraction) -> ReaderApp:
    return ReaderApp(article, extractor=lambda _article: extraction)


async def settle(pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause(0.05)  # type: ignore[attr-defined]


def focused_pane(app: ReaderApp) -> str | None:
    return app.focused.id if app.focused else None


def status_line(app: ReaderApp) -> str:
    return screen_lines(app)[-2]


async def test_speakers_pane_lists_speakers_by_quote_count_and_marks_organisations(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "2 Speakers (5)" in text
        names = ["Ines Ferrante-Ruiz", "Derek Amsel", "Margaret Olufemi", "Tomasz Wiśniewski"]
        rows = [
            next(i for i, line in enumerate(screen_lines(app)) if name in line) for name in names
        ]
        assert rows[0] < min(rows[1:])  # the most quoted speaker comes first
        assert any("2 Ines Ferrante-Ruiz" in line for line in screen_lines(app))
        assert any("the regional water authority [org]" in line for line in screen_lines(app))


async def test_a_long_speaker_name_keeps_to_one_row_and_ends_in_an_ellipsis(
    sample: Article, sample_extraction: Extraction
) -> None:
    long_name = "the deputy head of the regional water authority's flood planning board"
    speakers = tuple(
        replace(s, name=long_name) if s.id == "authority" else s for s in sample_extraction.speakers
    )
    app = reader_app(sample, replace(sample_extraction, speakers=speakers))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        row = next(i for i, line in enumerate(lines) if "the deputy head of" in line)
        assert lines[row].rstrip(" │").endswith("…")
        assert "board" not in lines[row + 1]  # the rest of the name does not wrap below


async def test_quotes_pane_lists_speaker_and_start_of_each_quote_in_article_order(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert "3 Quotes (6)" in screen_text(app)
        order = [
            "Ines Ferrante-Ruiz: We cannot ask",
            "Tomasz Wiśniewski: undermined",
            "Derek Amsel: I support a bridge",
            "unattributed: Rivers at Risk",
            "Margaret Olufemi: People used",
        ]
        rows = [next(i for i, line in enumerate(lines) if text in line) for text in order]
        assert rows == sorted(rows)


async def test_panes_say_they_are_working_until_extraction_finishes(sample: Article) -> None:
    release = threading.Event()

    def slow_extractor(article: Article) -> Extraction:
        release.wait(5)
        return Extraction()

    app = ReaderApp(sample, extractor=slow_extractor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert sample.title in screen_text(app)  # the article is readable at once
        assert "finding speakers…" in screen_text(app)
        release.set()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "no speakers found" in screen_text(app)
        assert "0 quotes · 0 speakers" in status_line(app)


async def test_enter_on_a_quote_jumps_to_it_and_flashes_it(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert focused_pane(app) == "quotes"
        assert "3 Quotes" in screen_text(app)  # the overlay opened
        await pilot.press("end", "enter")
        await settle(pilot)
        quote = sample_extraction.quotes[-1]
        assert focused_pane(app) == "article"
        assert "again in April." in screen_text(app)
        assert "3 Quotes" not in screen_text(app)  # the overlay closed
        view = app.screen.query_one(ArticleView)
        assert view.marks("flash") == [(quote.start, quote.end, "article-view--flash")]


async def test_selecting_a_speaker_highlights_their_quotes_and_n_steps_through_them(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")  # Ines, the most quoted, is highlighted first
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        ines = [q for q in sample_extraction.quotes if q.speaker == "ines"]
        assert [(s, e) for s, e, _ in view.marks("speaker")] == [(q.start, q.end) for q in ines]
        assert "Ines Ferrante-Ruiz" in status_line(app)
        assert "We cannot ask people" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert "again in April." in screen_text(app)
        assert view.marks("flash")[0][0] == ines[1].start
        await pilot.press("N")
        await settle(pilot)
        assert view.marks("flash")[0][0] == ines[0].start
        await pilot.press("escape")
        await settle(pilot)
        assert view.marks("speaker") == []
        assert "Ines" not in status_line(app)


async def test_parentheses_step_through_every_quote_in_order(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        starts = []
        for _ in range(len(sample_extraction.quotes)):
            await pilot.press("right_parenthesis")
            await settle(pilot)
            starts.append(view.marks("flash")[0][0])
        assert starts == [q.start for q in sample_extraction.quotes]
        await pilot.press("left_parenthesis")
        await settle(pilot)
        assert view.marks("flash")[0][0] == sample_extraction.quotes[-2].start


async def test_quotes_are_tinted_in_their_speakers_colour(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        colours = {style.color.name for _, _, style in view.marks("quotes") if style.color}
        assert len(colours) == 4  # four attributed speakers, four colours
        row = next(y for y, line in enumerate(screen_lines(app)) if "We cannot ask people" in line)
        strip = view.render_line(row)
        tinted = "".join(
            s.text
            for s in strip
            if s.style and s.style.color and s.style.color.name == screen.quotes.colours["ines"]
        )
        assert tinted.startswith("We cannot ask people")


async def test_contents_pane_lists_headings_and_enter_jumps_to_one(
    markdown_article: Article,
) -> None:
    app = ReaderApp(markdown_article, extractor=no_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "4 Contents (3)" in screen_text(app)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("end", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        top_rows = screen_lines(app)[:3]
        assert any("Conclusion" in row for row in top_rows) or "The last word." in screen_text(app)
        assert view.cursor == markdown_article.headings()[-1].position


@pytest.mark.slow
async def test_tab_cycles_panes_and_number_keys_focus_them(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert focused_pane(app) == "article"
        await pilot.press("tab")
        await settle(pilot)
        assert focused_pane(app) == "speakers"
        await pilot.press("tab")
        await settle(pilot)
        assert focused_pane(app) == "quotes"
        await pilot.press("tab")
        await settle(pilot)
        assert focused_pane(app) == "notes"
        await pilot.press("tab")
        await settle(pilot)
        assert focused_pane(app) == "article"
        await pilot.press("shift+tab")
        await settle(pilot)
        assert focused_pane(app) == "notes"
        await pilot.press("escape")
        await settle(pilot)
        assert focused_pane(app) == "article"
        await pilot.press("2")
        await settle(pilot)
        assert focused_pane(app) == "speakers"
        await pilot.press("1")
        await settle(pilot)
        assert focused_pane(app) == "article"


async def test_at_80_columns_the_article_fills_the_screen_until_panes_are_opened(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Speakers" not in screen_text(app)
        await pilot.press("tab")
        await settle(pilot)
        assert "2 Speakers" in screen_text(app)
        assert "3 Quotes" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Speakers" not in screen_text(app)


async def test_at_120_columns_panes_sit_beside_the_article_and_s_hides_them(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "2 Speakers" in screen_text(app)
        assert sample.title in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert "2 Speakers" not in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert "2 Speakers" in screen_text(app)


async def test_nothing_overflows_at_60_by_20(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert len(lines) == 20 and all(len(line) == 60 for line in lines)
        assert sample.title[:30] in screen_text(app)
        assert "¶ 1/" in lines[-2]
        await pilot.press("tab")
        await settle(pilot)
        assert "Speakers" in screen_text(app)
        await pilot.press("escape", "G")
        await settle(pilot)
        assert "100%" in screen_lines(app)[-2]


async def test_pane_widgets_post_their_own_messages(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    seen: list[object] = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("3", "down", "enter")
        await settle(pilot)
        await pilot.press("2", "down", "enter")
        await settle(pilot)
    kinds = {type(message) for message in seen}
    assert QuotesPane.QuoteSelected in kinds
    assert SpeakersPane.SpeakerSelected in kinds
    assert ContentsPane.HeadingSelected not in kinds


def _many_quotes(count: int) -> tuple[Article, Extraction]:
    """An article of `count` one-quote paragraphs, and its extraction (no extractor run)."""
    from reader.document import blocks_of, build_article
    from reader.extract.model import Quote, QuoteKind, Speaker

    article = build_article(
        blocks_of([f'"Bridge {n} opens soon," said Ana Ruiz.' for n in range(count)]),
        title="Many",
        source="<test>",
    )
    quotes = tuple(
        Quote(p.start + 1, p.start + 1 + len(f"Bridge {p.position} opens soon,"),
              f"Bridge {p.position} opens soon,", QuoteKind.DIRECT, p.position, "ana")
        for p in article.paragraphs
    )  # fmt: skip
    return article, Extraction(quotes, (Speaker("ana", "Ana Ruiz", quote_count=count),))


async def test_a_book_of_quotes_lists_its_first_at_once_and_all_of_them_soon() -> None:
    article, extraction = _many_quotes(2000)
    app = reader_app(article, extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(QuotesPane)
        assert "3 Quotes (2000)" in screen_text(app)
        assert "Ana Ruiz: Bridge 0 opens soon" in screen_text(app)
        for _ in range(200):
            if pane.option_count == 2000:
                break
            await pilot.pause(0.02)
        assert [pane.get_option_at_index(i).id for i in (0, 1999)] == ["q0", "q1999"]


async def test_listing_other_quotes_meanwhile_drops_the_rest_of_the_earlier_list() -> None:
    article, extraction = _many_quotes(2000)
    app = reader_app(article, extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(QuotesPane)
        pane.show(extraction, {})
        pane.show(extraction, {}, quotes=[5, 1500])  # e.g. one speaker's quotes
        await pilot.pause(0.5)
        assert [option.id for option in pane.options] == ["q5", "q1500"]


async def test_y_in_the_quotes_pane_copies_the_quote_under_its_cursor(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "j", "j", "y")  # the third quote: Derek Amsel's
        await settle(pilot)
        assert app.clipboard == sample_extraction.quotes[2].text
        assert focused_pane(app) == "quotes"  # copying does not leave the pane


async def test_the_quotes_pane_cursor_follows_parentheses(
    sample: Article, sample_extraction: Extraction
) -> None:
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(QuotesPane)

        def under_cursor() -> str | None:
            return (
                None if pane.highlighted is None else pane.get_option_at_index(pane.highlighted).id
            )

        for number in range(3):
            await pilot.press("right_parenthesis")
            await settle(pilot)
            assert under_cursor() == f"q{number}"
        await pilot.press("left_parenthesis")
        await settle(pilot)
        assert under_cursor() == "q1"
        await pilot.press("3", "y")  # and y there copies the quote the article shows
        await settle(pilot)
        assert app.clipboard == sample_extraction.quotes[1].text


async def test_4_on_a_text_without_headings_says_there_are_no_contents(
    sample: Article, sample_extraction: Extraction
) -> None:
    assert not sample.headings()
    app = reader_app(sample, sample_extraction)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert focused_pane(app) == "article"
        assert "No contents: this text has no" in screen_text(app)  # a toast, wrapped


async def test_names_in_the_speakers_pane_line_up_when_a_count_has_four_digits(
    sample: Article, sample_extraction: Extraction
) -> None:
    many = replace(sample_extraction.speakers[0], quote_count=1234)
    speakers = (many, *sample_extraction.speakers[1:])
    app = reader_app(sample, replace(sample_extraction, speakers=speakers))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await settle(pilot)
        names = [speaker.name for speaker in speakers]
        rows = [next(row for row in screen_lines(app) if name in row) for name in names]
        assert "1234 Ines Ferrante-Ruiz" in rows[0]
        assert len({row.index(name) for row, name in zip(rows, names, strict=True)}) == 1
