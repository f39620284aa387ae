"""Markdown, HTML, the seed article and the built-in sample."""

from __future__ import annotations

from pathlib import Path

from reader.document import Article, BlockKind
from reader.load import load_bytes, load_path, load_sample
from reader.plain import plain_lines as plain_line_iterator


def plain_lines(article: Article) -> list[str]:
    """The article as `reader --plain` prints it at 78 columns."""
    return list(plain_line_iterator(article, 78))


MARKDOWN = b"""# Bridge to reopen

The **council** voted *yesterday* to [rebuild](https://example.org/bridge) the bridge.

## What happens next

- repair the piers
- raise the deck by a metre

> We will be ready by spring.

1. First step
2. Second step
"""

HTML = b"""<!doctype html><html><head><title>Bridge to reopen | The Alden Post</title>
<script>document.write("tracking")</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="ad">BUY NOW: cheap flights to anywhere!</div>
<article><h1>Bridge to reopen</h1>
<p>The town council of Port Alden voted on Tuesday night to rebuild the Mill Street bridge,
which was closed in October after the river rose higher than at any time in decades.</p>
<p>"We cannot ask people to drive forty minutes to reach a hospital that is four minutes
away," said the mayor after the vote, to applause from the public gallery.</p>
<h2>Costs</h2>
<p>The new span will cost eleven million pounds, according to the engineer's estimate, and
work could begin in January if the weather holds and the contracts are signed in time.</p>
</article>
<footer>Copyright 2026 The Alden Post. All rights reserved. Cookie settings.</footer>
</body></html>"""


def test_seed_article_has_its_title_once_and_eight_body_paragraphs(seed_path: Path) -> None:
    article = load_path(seed_path)
    assert article.title == "The military operation will not take place in Idlib"
    assert len(article.paragraphs) == 8
    assert all(article.title not in p.text for p in article.paragraphs)
    assert "\u00a0" in article.text
    assert article.paragraphs[-1].text.startswith("Slutsky promised")


def test_markdown_becomes_readable_text_with_the_first_heading_as_title() -> None:
    article = load_bytes(MARKDOWN, name="a.md", source="/tmp/a.md", suffix=".md")
    assert article.title == "Bridge to reopen"
    texts = [p.text for p in article.paragraphs]
    assert texts[0] == "The council voted yesterday to rebuild the bridge."
    assert article.paragraphs[1].kind is BlockKind.HEADING
    assert texts[1] == "What happens next"
    assert "• repair the piers" in texts
    assert "We will be ready by spring." in texts
    assert "2. Second step" in texts
    assert not any("**" in t or "](" in t for t in texts)
    assert [h.text for h in article.headings()] == ["What happens next"]


def test_html_main_text_is_extracted_without_boilerplate() -> None:
    article = load_bytes(HTML, name="a.html", source="/tmp/a.html", suffix=".html")
    assert article.title == "Bridge to reopen"
    assert article.format == "html"
    text = article.text
    assert "Mill Street bridge" in text
    assert "eleven million pounds" in text
    for junk in ("tracking", "BUY NOW", "Cookie settings", "color:red", "Sport"):
        assert junk not in text
    assert "Costs" in [h.text for h in article.headings()]


ARTICLE_WITH_BYLINE_AND_AD = b"""<!doctype html><html><head><title>Harbour town votes</title></head>
<body><article><h1>Harbour town votes</h1>
<p class="byline">By Jane Doe, Local Affairs Correspondent</p>
<p>The town council of Port Alden voted 7 to 2 on Tuesday night to rebuild the Mill Street
bridge, which was closed in October after the river rose higher than at any time in decades.</p>
<div class="ad inline">Sponsored: Get 50% off flood insurance today with SafeHome, the insurer
you can trust.</div>
<p>"We cannot ask people to drive forty minutes to reach a hospital that is four minutes
away," said the mayor after the vote, to applause from the public gallery.</p>
</article></body></html>"""


def test_html_inline_ad_inside_the_article_is_dropped() -> None:
    article = load_bytes(
        ARTICLE_WITH_BYLINE_AND_AD, name="a.html", source="/a.html", suffix=".html"
    )
    assert "Sponsored" not in article.text
    assert "Mill Street" in article.text
    assert "forty minutes" in article.text


def test_html_byline_goes_into_the_metadata_not_the_text() -> None:
    article = load_bytes(
        ARTICLE_WITH_BYLINE_AND_AD, name="a.html", source="/a.html", suffix=".html"
    )
    assert article.byline.startswith("Jane Doe")
    assert "Correspondent" in article.byline
    assert "Jane Doe" not in article.text
    assert plain_lines(article)[:4] == [
        "Harbour town votes",
        "==================",
        "",
        "By " + article.byline,
    ]


def test_text_without_a_byline_has_an_empty_one() -> None:
    assert load_bytes(b"Title\n\nBody text.", name="a", source="<stdin>").byline == ""


def test_markdown_list_reads_as_a_list_in_plain_text() -> None:
    data = b"# Budget\n\nThe council agreed:\n\n- Schools get a roof\n- Roads are mended\n\nDone.\n"
    article = load_bytes(data, name="a.md", source="/a.md", suffix=".md")
    assert plain_lines(article) == [
        "Budget",
        "======",
        "",
        "The council agreed:",
        "",
        "• Schools get a roof",
        "• Roads are mended",
        "",
        "Done.",
        "",
    ]


def test_html_is_recognised_without_a_suffix() -> None:
    article = load_bytes(HTML, name="<stdin>", source="<stdin>")
    assert article.format == "html"


def test_builtin_sample_is_a_news_article_with_quotes_in_mixed_styles() -> None:
    article = load_sample()
    assert article.title
    assert len(article.paragraphs) >= 8
    text = article.text
    for mark in ('"', "“", "”", "’’", "‘"):
        assert mark in text
