"""The scroll height of a long article before it is fully wrapped is close to the real one."""

from __future__ import annotations

import random

import pytest

from reader.document import blocks_of, build_article
from reader.load import load_bytes
from reader.ui.layout import ArticleLayout


def _book(paragraphs: int = 3000) -> list[str]:
    rng = random.Random(7)
    words = [
        "the",
        "council",
        "said",
        "a",
        "bridge",
        "would",
        "be",
        "rebuilt",
        "by",
        "spring",
        "while",
        "residents",
        "waited",
    ]
    return [
        " ".join(rng.choice(words) for _ in range(rng.randint(3, 120))).capitalize() + "."
        for _ in range(paragraphs)
    ]


@pytest.mark.parametrize("width", [30, 76, 140])
def test_the_estimated_height_is_within_a_tenth_of_the_wrapped_height(width: int) -> None:
    article = build_article(blocks_of(_book()), title="A long book", source="<test>")
    layout = ArticleLayout(article, width)
    layout.extend_to(100)  # the first screens are wrapped, the rest estimated
    estimate = layout.row_count
    layout.complete()
    assert abs(estimate - layout.row_count) <= layout.row_count / 10


def test_a_filtered_layout_estimates_only_the_paragraphs_shown() -> None:
    article = build_article(blocks_of(_book()), title="A long book", source="<test>")
    shown = list(range(0, len(article.paragraphs), 10))
    layout = ArticleLayout(article, 76, shown)
    estimate = layout.row_count
    layout.complete()
    assert abs(estimate - layout.row_count) <= layout.row_count / 10
    assert layout.row_count < ArticleLayout(article, 76).row_count / 5


def _shown_rows(layout: ArticleLayout) -> list[str]:
    """Each laid-out row as the reader draws it: prefix, then the text (blank rows empty)."""
    layout.complete()
    rows = []
    for y in range(layout.row_count):
        row = layout.row(y)
        text = layout.article.text[row.start : row.end] if row.paragraph >= 0 else ""
        rows.append(row.prefix + text if row.paragraph >= 0 else "")
    return rows


def test_a_plain_text_list_keeps_its_own_markers_and_sits_on_consecutive_rows() -> None:
    article = load_bytes(
        b"Plan\n\nThe plan has three parts:\n- repair the piers\n- raise the deck\n"
        b"- open by spring\n",
        name="plan",
        source="<stdin>",
    )
    assert _shown_rows(ArticleLayout(article, 40))[3:] == [
        "The plan has three parts:",
        "",
        "- repair the piers",
        "- raise the deck",
        "- open by spring",
    ]


def test_a_numbered_item_wraps_under_its_first_word() -> None:
    article = load_bytes(
        b"Steps:\n\n1. publish the full report on the website of the ministry\n2. hold a hearing\n",
        name="steps",
        source="<stdin>",
        suffix=".md",
    )
    assert _shown_rows(ArticleLayout(article, 30)) == [
        "Steps:",
        "",
        "1. publish the full report",
        "   on the website of the",
        "   ministry",
        "2. hold a hearing",
    ]


def test_a_books_layout_keeps_a_few_bytes_a_row_and_the_same_rows() -> None:
    import tracemalloc

    article = build_article(blocks_of(_book(3000)), title="Book", source="book.txt")
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        layout = ArticleLayout(article, 60)
        layout.complete()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    rows = layout.row_count
    assert rows > 10_000
    assert kept / rows < 40  # tuples of ints in lists took ~150 bytes a row
    # and the rows read back as wrapped: each paragraph's rows tile its text
    for index in (0, 1234, 2999):
        paragraph = article.paragraphs[index]
        first, last = layout.paragraph_span(index)
        shown = [layout.row(y) for y in range(first, last + 1)]
        assert shown[0].start == paragraph.start and shown[-1].end == paragraph.end
        assert all(row.paragraph == index for row in shown)
        assert layout.row_of_offset(shown[-1].start) == last


def test_the_first_screen_of_a_book_wraps_only_the_paragraphs_it_can_show() -> None:
    article = build_article(blocks_of(_book()), title="A long book", source="<test>")
    layout = ArticleLayout(article, 76)
    first_screen = [layout.row(y) for y in range(40)]  # 120x40: the rows the first frame draws
    # Every paragraph takes at least two rows (its text and a blank one): twenty reach row 39.
    assert len(layout.paragraph_rows) <= 40
    whole = ArticleLayout(article, 76)
    whole.complete()
    assert first_screen == [whole.row(y) for y in range(40)]


def test_a_short_article_is_wrapped_whole_for_its_first_screen() -> None:
    article = build_article(blocks_of(_book(60)), title="An article", source="<test>")
    layout = ArticleLayout(article, 76)
    layout.row(10)  # a row of its first paragraphs
    assert layout.is_complete  # its first frame has its exact height, as before
