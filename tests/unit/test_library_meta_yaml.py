"""`meta.yaml` written without PyYAML's representer reads back as exactly what was written."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library.files import ArticleMeta, LibraryFiles, _direct_yaml, _dump, _yaml

META = ArticleMeta(
    id="0123456789ab",
    title="The dam",
    source="/home/ana/news/dam.txt",
    text_sha256="0" * 64,
    added="2026-12-05T18:49:50.459437Z",
)

TITLES = [
    ("a plain title", "The dam 5123"),
    ("a number", "2026"),
    ("a date", "2026-12-05"),
    ("a sexagesimal YAML 1.1 int", "12:30"),
    ("a YAML boolean", "Yes"),
    ("a YAML null", "null"),
    ("a tilde", "~"),
    ("a comment sign", "Dam # row"),
    ("a colon and space", "Dam: the row"),
    ("an apostrophe", "Kaya's dam"),
    ("a quote first", "'Dam' row"),
    ("double quotes", '"We will not stop"'),
    ("a leading space", " dam"),
    ("a trailing space", "dam "),
    ("a dash first", "- dam"),
    ("brackets and braces", "[dam] {row}"),
    ("an anchor and alias sign", "&dam *row"),
    ("a percent and at sign", "%dam @row"),
    ("markup-like text", "[bold]dam[/bold]"),
    ("diacritics", "Erdoğan über Ångström"),
    ("a zero-width space", "dam\u200brow"),
    ("a byte-order mark", "\ufeffdam"),
    ("a line break", "dam\nrow"),
    ("a tab", "dam\trow"),
    ("a C1 control", "dam\x85row"),
    ("an escape sequence", "dam\x1b[31mrow"),
    ("an emoji", "dam 🌊"),
    ("a private-use character", "dam\ue000"),
]


def _read(text: bytes) -> object:
    yaml, loader, _ = _yaml()
    return yaml.load(text.decode("utf-8"), Loader=loader)


@pytest.mark.parametrize("title", [t for _, t in TITLES], ids=[name for name, _ in TITLES])
def test_a_title_reads_back_exactly(title: str) -> None:
    data = _read(_dump(replace(META, title=title, read=True)))
    assert isinstance(data, dict)
    assert data["title"] == title and data["read"] is True and data["added"] == META.added


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=40))
def test_any_text_reads_back_exactly_or_is_left_to_pyyaml(title: str, source: str) -> None:
    data = {"id": "0123456789ab", "title": title, "source": source, "read": False}
    direct = _direct_yaml(data)
    if direct is not None:
        assert _read(direct) == data


def test_the_metadata_of_a_saved_article_is_read_back(tmp_path: Path) -> None:
    files = LibraryFiles(tmp_path)
    meta = replace(META, title="Kaya's 'dam': yes", url="https://example.test/a?b=1#c")
    files.save(meta, "Text.")
    assert files.meta(meta.id) == meta
