"""`reader export` Markdown shows hostile titles, passages and notes as text, never as markup.

The oracle is a real renderer: markdown-it in its GitHub-like mode (HTML allowed, bare URLs
and domains linked, tables, strike-through) with front matter. What it renders from the
export must hold no element the export did not mean to write, and show each note's text
exactly as it was written.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.cli import main
from reader.commands import markdown_text

URL = "https://example.org/news/harbour-bridge"

HOSTILE_NOTES = [
    ("html image", "<img src=x onerror=alert(1)>"),
    ("script", "<script>alert(2)</script>"),
    ("javascript link", "[click me](javascript:alert(3))"),
    ("remote image", "![tracker](https://evil.example/pixel.png)"),
    ("bare url", "see https://evil.example/login or www.evil.example"),
    ("bare domain", "mail admin@evil.example or visit evil.example"),
    ("heading", "# Not a heading"),
    ("rule and setext", "a line\n---\nanother\n==="),
    ("block quote", "> not a quote"),
    ("list", "- not a list\n1. nor this\n+ nor this"),
    ("indented code", "para\n\n    not code"),
    ("fence", "```\nnot a fence\n```"),
    ("emphasis", "*not* _emphasised_ **at all** ~~struck~~"),
    ("table", "| a | b |\n|---|---|\n| 1 | 2 |"),
    ("html entity", "&lt;b&gt; and &amp;"),
    ("obsidian", "#tag ==highlight== %%comment%% $x^2$ [[wiki link]] ![[embed]]"),
    ("backslash", "a \\*starred\\* word and a trailing backslash\\"),
]


class _Elements(HTMLParser):
    """The elements and attributes of rendered HTML, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(markdown: str) -> _Elements:
    html = MarkdownIt("gfm-like").use(front_matter_plugin).render(markdown)
    elements = _Elements()
    elements.feed(html)
    return elements


@pytest.mark.parametrize(("case", "note"), HOSTILE_NOTES, ids=[c for c, _ in HOSTILE_NOTES])
def test_a_note_renders_as_exactly_its_text(case: str, note: str) -> None:
    rendered = render(markdown_text.text(note))
    assert {tag for tag, _ in rendered.tags} <= {"p"}, f"{case}: {rendered.tags}"
    shown = "".join(rendered.text).replace("\u00a0", " ")
    words = [line.strip() for line in note.splitlines() if line.strip()]
    assert [line.strip() for line in shown.splitlines() if line.strip()] == words


def test_the_whole_export_has_only_its_own_markup_and_one_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.md"
    article.write_text(
        "# <script>alert(0)</script> Harbour *votes* [here](javascript:x)\n\n"
        "The council voted on Tuesday to rebuild the bridge.\n\n"
        "# Second heading inside\n\n"
        '"We cannot wait," said the mayor after the vote.\n',
        encoding="utf-8",
    )
    notes_dir = tmp_path / "notes"
    for case, note in HOSTILE_NOTES:
        added = main(["notes", "add", str(article), "--quote", "the vote", "--note", note,
                      "--tag", f"{case}<x>", "--notes-dir", str(notes_dir)])  # fmt: skip
        assert added == 0
    capsys.readouterr()
    code = main(["export", str(article), "--notes-dir", str(notes_dir)])
    markdown, _ = capsys.readouterr()
    assert code == 0
    rendered = render(markdown)
    allowed = {"h1", "h2", "p", "blockquote", "ul", "li", "strong", "pre", "code", "br"}
    unexpected = [(tag, attrs) for tag, attrs in rendered.tags if tag not in allowed | {"a"}]
    assert not unexpected
    links = [attrs.get("href") for tag, attrs in rendered.tags if tag == "a"]
    assert links == []  # a file has no URL of its own: no link at all
    assert [tag for tag, _ in rendered.tags].count("h1") == 1
    # `pre`/`code` only for the front matter block, which the plugin renders apart.
    assert "<script>" in "".join(rendered.text)  # the title's HTML is shown as text


def test_the_article_url_is_the_only_link() -> None:
    assert markdown_text.link(URL) == f"<{URL}>"
    assert markdown_text.link("javascript:alert(1)") == "javascript\\:alert(1)"
    rendered = render(f"Source: {markdown_text.link(URL)}\n\n{markdown_text.text('www.x.org')}")
    assert [attrs.get("href") for tag, attrs in rendered.tags if tag == "a"] == [URL]
