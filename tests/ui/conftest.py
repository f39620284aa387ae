"""Fixtures for the Pilot tests: small articles and hand-built extractions."""

from __future__ import annotations

import pytest

from reader.document import Article, Block, BlockKind, blocks_of, build_article
from reader.extract.model import Extraction, Quote, QuoteKind, Speaker
from reader.load import load_sample


def quote_of(article: Article, words: str, speaker: str | None) -> Quote:
    """A direct quote covering the first occurrence of `words` in the article."""
    start = article.text.index(words)
    paragraph = article.paragraph_at(start)
    assert paragraph is not None
    return Quote(
        start=start,
        end=start + len(words),
        text=words,
        kind=QuoteKind.DIRECT,
        paragraph=paragraph.position,
        speaker=speaker,
    )


@pytest.fixture
def sample() -> Article:
    """The built-in sample article."""
    return load_sample()


@pytest.fixture
def sample_extraction(sample: Article) -> Extraction:
    """Who said what in the sample, built by hand (the extractor is not what is tested here)."""
    quotes = (
        quote_of(sample, "We cannot ask people to drive forty minutes", "ines"),
        quote_of(sample, "undermined beyond repair", "tomasz"),
        quote_of(sample, "I support a bridge. Everyone in this room", "derek"),
        quote_of(sample, "Rivers at Risk", None),
        quote_of(sample, "People used to stop on their way to work", "margaret"),
        quote_of(sample, "Ask me again in April.", "ines"),
    )
    speakers = (
        Speaker("ines", "Ines Ferrante-Ruiz", quote_count=2, paragraphs=(1, 9)),
        Speaker("derek", "Derek Amsel", quote_count=1, paragraphs=(4,)),
        Speaker("margaret", "Margaret Olufemi", quote_count=1, paragraphs=(7,)),
        Speaker("tomasz", "Tomasz Wiśniewski", quote_count=1, paragraphs=(2,)),
        Speaker("authority", "the regional water authority", organisation=True),
    )
    return Extraction(quotes=quotes, speakers=speakers)


@pytest.fixture
def markdown_article() -> Article:
    """An article with headings, a list, a block quote and code, as the Markdown loader makes."""
    blocks = [
        Block("Introduction", BlockKind.HEADING, 2),
        Block(
            "Opening words of the piece, long enough to wrap over more than one line at "
            "eighty columns so that wrapping shows."
        ),
        Block("first point", BlockKind.LIST_ITEM, 1),
        Block("second point", BlockKind.LIST_ITEM, 1),
        Block("A quoted block of text.", BlockKind.BLOCKQUOTE),
        Block("def f():\n    return [bold]1[/bold]", BlockKind.CODE),
        Block("Findings", BlockKind.HEADING, 2),
        *blocks_of([f"Finding number {n} is described here." for n in range(1, 30)]),
        Block("Conclusion", BlockKind.HEADING, 2),
        Block("The last word."),
    ]
    return build_article(blocks, title="A Markdown Report", source="report.md", format="markdown")


def numbered_article(count: int, words: int = 30) -> Article:
    """`count` paragraphs, each starting with its number, for scrolling and scale tests."""
    texts = [
        f"Paragraph {n} " + " ".join(f"word{(n * 7 + i) % 97}" for i in range(words))
        for n in range(1, count + 1)
    ]
    return build_article(blocks_of(texts), title="Numbered", source="numbered.txt")


def no_extraction(article: Article) -> Extraction:
    """An extractor that finds nothing."""
    del article
    return Extraction()


@pytest.fixture(autouse=True)
def _lasting_flashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A flashed quote stays marked through the test: on a busy machine the 0.8 s a reader sees
    can pass between a key and the assertion that looks at the flash."""
    from reader.ui.widgets.article_view import ArticleView

    monkeypatch.setattr(ArticleView.flash, "__defaults__", (60.0,))
