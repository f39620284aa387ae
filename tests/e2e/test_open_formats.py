"""What a newcomer sees on opening text, Markdown and HTML files in a real terminal (issue 14)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.terminal import Terminal, reader_command

HTML = """<!doctype html><html><head><title>Harbour town votes</title></head>
<body><article><h1>Harbour town votes</h1>
<p class="byline">By Jane Doe</p>
<p>The town council of Port Alden voted 7 to 2 on Tuesday night to rebuild the Mill Street
bridge, which was closed in October after the river rose higher than at any time in decades.</p>
<div class="ad inline">Sponsored: Get 50% off flood insurance today with SafeHome.</div>
<p>"We cannot ask people to drive forty minutes to reach a hospital that is four minutes
away," said the mayor after the vote, to applause from the public gallery.</p>
</article></body></html>"""

MARKDOWN = """# School budget

The council agreed three things:

- Schools get a new roof before the winter, paid from the reserve that the council set aside
  last year for repairs.
- Roads are resurfaced.
- Libraries stay open.

After the list, more prose.
"""

TEXT = (
    "Storm hits coast\nStorm hits coast\n\n"
    "Fishermen were warned three days before the worst of it arrived\n"
    "A storm hit the coast on Monday, and the river rose over its banks before noon.\n"
)


def screen_of(path: Path, wait: str) -> list[str]:
    """The rows of the reader's first screen on `path` at 80x24, stripped on the right."""
    with Terminal(reader_command(str(path)), cols=80, rows=24) as term:
        term.wait_for(wait)
        lines = [line.rstrip() for line in term.settle().split("\n")]
        term.send("q")
        assert term.wait_exit() == 0
    return lines


def test_markdown_list_shows_one_bullet_per_item_on_consecutive_rows(tmp_path: Path) -> None:
    path = tmp_path / "budget.md"
    path.write_text(MARKDOWN)
    lines = screen_of(path, "Libraries stay open")
    assert not any("• •" in line for line in lines)
    items = [n for n, line in enumerate(lines) if line.lstrip().startswith("•")]
    first_words = [lines[n].split("•", 1)[1].split()[0] for n in items]
    assert first_words == ["Schools", "Roads", "Libraries"]
    # the first item wraps onto a second row, hung under its first word; no blank row between
    assert items[1:] == [items[0] + 2, items[0] + 3]
    wrapped = lines[items[0] + 1]
    assert len(wrapped) - len(wrapped.lstrip()) == lines[items[0]].index("Schools")


def test_html_shows_its_byline_under_the_title_and_no_inline_ad(tmp_path: Path) -> None:
    path = tmp_path / "votes.html"
    path.write_text(HTML)
    lines = screen_of(path, "forty minutes")
    assert lines[0].strip() == "Harbour town votes"
    assert lines[2].strip() == "By Jane Doe"
    screen = "\n".join(lines)
    assert "Sponsored" not in screen
    assert screen.count("Jane Doe") == 1


def test_text_headline_shown_once_and_standfirst_on_its_own_row(tmp_path: Path) -> None:
    path = tmp_path / "t2"
    path.write_text(TEXT)
    lines = screen_of(path, "Monday")
    assert lines[0].strip() == "Storm hits coast"
    article_rows = lines[1:-2]  # under the title, above the status line and the key bar
    assert not any("Storm hits coast" in line for line in article_rows)
    standfirst = next(n for n, line in enumerate(lines) if "Fishermen were warned" in line)
    assert lines[standfirst].strip().endswith("the worst of it arrived")
    assert lines[standfirst + 1].strip() == ""
    assert lines[standfirst + 2].strip().startswith("A storm hit the coast")


DIALOGUE = (
    '"It is late," said Ada Brook. "Come in."\n\n'
    '"Not yet," said Tom Reed. "The rain has not stopped."\n\n'
    "They stood a while at the door and watched the street.\n"
)


def test_text_opening_with_dialogue_shows_its_first_line_in_the_article(tmp_path: Path) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text(DIALOGUE)
    lines = screen_of(path, "watched the street")
    assert "It is late" not in lines[0]
    article_rows = lines[1:-2]  # under the title, above the status line and the key bar
    first = next(n for n, line in enumerate(article_rows) if "It is late" in line)
    second = next(n for n, line in enumerate(article_rows) if "Not yet" in line)
    assert first < second
