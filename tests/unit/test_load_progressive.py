"""A big text file opens as its first screens, then the whole: the first are a prefix of it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reader.load import open_article
from reader.load.progressive import HEAD_CHARS, PROGRESSIVE_BYTES, open_progressively

PARAGRAPH = (
    "The council met again on Thursday, and “nothing was decided”, said Ines Ferrante-Ruiz, "
    "who has chaired the bridge committee since the ’90s. Residents waited outside. "
)


def book(paragraphs: int, *, wrap: bool = False, crlf: bool = False) -> str:
    """A title and numbered paragraphs, about 200 bytes each."""
    body = [
        f"{n}. {PARAGRAPH}" if n % 50 == 0 else f"Part {n}: {PARAGRAPH}" for n in range(paragraphs)
    ]
    if wrap:
        body = ["\n".join(textwrap.wrap(p, 70)) for p in body]
    text = "The Long Testimony\n\n" + "\n\n".join(body) + "\n"
    return text.replace("\n", "\r\n") if crlf else text


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("one line a paragraph", book(4000)),
        ("hard-wrapped at 70 columns", book(4000, wrap=True)),
        ("CRLF line ends", book(4000, crlf=True)),
    ],
)
def test_the_first_screens_are_the_beginning_of_the_whole_article(
    tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / "book.txt"
    path.write_text(text, encoding="utf-8", newline="")
    assert path.stat().st_size >= PROGRESSIVE_BYTES, name
    opened = open_progressively(str(path))
    assert opened is not None, name
    preview, finish = opened
    whole = finish()
    assert whole == open_article(str(path)), name  # the same as opening it the usual way
    count = len(preview.paragraphs)
    assert 100 < count < len(whole.paragraphs), name  # many screens, not the whole book
    assert preview.title == whole.title == "The Long Testimony", name
    assert preview.paragraphs == whole.paragraphs[:count], name  # same texts, offsets, kinds
    assert len(preview.text) <= HEAD_CHARS, name


def test_other_files_open_the_usual_way(tmp_path: Path) -> None:
    big = book(4000)
    cases = {
        "small.txt": b"A title\n\nA short article.\n",
        "book.md": ("# Title\n\n" + big).encode(),
        "latin1.txt": big.replace("’", "'").replace("“", '"').replace("”", '"').encode("latin-1")
        + "café".encode("latin-1"),
        "bom.txt": "\ufeff".encode() + big.encode(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert open_progressively(str(tmp_path / name)) is None, name
    for target in (
        None,
        "-",
        "https://example.org/a",
        str(tmp_path / "missing.txt"),
        str(tmp_path),
    ):
        assert open_progressively(target) is None, target


def test_the_file_bytes_are_let_go_once_the_whole_article_is_made(tmp_path: Path) -> None:
    import gc
    import tracemalloc

    path = tmp_path / "book.txt"
    path.write_text(book(8000), encoding="utf-8")  # ~1.6 MB
    tracemalloc.start()
    try:
        opened = open_progressively(str(path))
        assert opened is not None
        _preview, finish = opened
        holding = tracemalloc.get_traced_memory()[0]
        whole = finish()
        assert len(whole.paragraphs) == 8000
        del whole
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # the reader keeps `finish` for its whole session: it must not keep the file's bytes
    assert holding - after > path.stat().st_size * 0.9
