"""A long text is extracted a window at a time: the same quotes, a working set of one window."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from reader.document import Article
from reader.extract import pipeline
from reader.extract.model import Extraction
from reader.load import load_bytes

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "tests" / "data" / "extract" / "articles").glob("*.txt"))


def _joined(copies: int = 1) -> Article:
    """The development set's articles joined into one text, `copies` times over."""
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES] * copies
    data = "\n\n".join(texts).encode("utf-8")
    return load_bytes(data, name="dev-set.txt", source="dev set joined")


def _said(extraction: Extraction) -> list[tuple[object, ...]]:
    """Each quote as a reader sees it: where, its kind, its speaker (id, name), why (shown)."""
    names = {s.id: s.name for s in extraction.speakers}
    return [
        (
            q.start,
            q.end,
            q.kind,
            q.speaker,
            names.get(q.speaker or ""),
            repr(q.evidence),
            q.segments,
        )
        for q in extraction.quotes
    ]


def test_a_text_in_many_windows_has_the_quotes_of_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = _joined()
    whole = pipeline.run(article)
    monkeypatch.setattr(pipeline, "WINDOW_TEXT", 1_500)
    windows = pipeline.Windows(article)
    batches = list(windows.quotes())
    assert len(batches) > 10  # cut into many windows, each handed on as it was done
    windowed = pipeline.run(article)
    assert _said(windowed) == _said(whole)
    assert windowed.speakers == whole.speakers


def _peak_while_extracting(article: Article) -> int:
    """Bytes traced at the peak while the quotes are found window by window and let go."""
    tracemalloc.start()
    try:
        windows = pipeline.Windows(article)
        for _batch in windows.quotes():
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_the_working_set_is_a_windows_not_the_whole_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = _joined(copies=24)  # about 0.6 M characters
    monkeypatch.setattr(pipeline, "WINDOW_TEXT", 10**12)
    whole = _peak_while_extracting(article)
    monkeypatch.setattr(pipeline, "WINDOW_TEXT", 50_000)
    windowed = _peak_while_extracting(article)
    # what stays is the speaker table; the tokens, items and quote spans are one window's
    assert windowed < whole / 3, (windowed, whole)


def test_a_speaker_first_met_by_a_shorter_name_keeps_the_whole_texts_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # met as "Ortega" in the first windows, named in full only in the last one; the quotes
    # between are enough for the first one to be built and handed on before
    early = '"We will wait," Ortega said.'
    between = "\n\n".join(f'"Item {n} is settled," said Tom Baker.' for n in range(80))
    late = '"We waited long enough," said Maria Ortega, the union leader.'
    text = "\n\n".join(["Talks", early, between, late]).encode()
    article = load_bytes(text, name="talks.txt", source="talks.txt")
    whole = pipeline.run(article)
    assert {s.id for s in whole.speakers} == {"maria-ortega", "tom-baker"}
    monkeypatch.setattr(pipeline, "WINDOW_TEXT", 300)
    windows = pipeline.Windows(article)
    batches = list(windows.quotes())
    first_quote = min(q.start for batch in batches for q in batch)
    assert all(q.start != first_quote for q in batches[-1])  # "Ortega"'s went before the end
    windowed = pipeline.run(article)
    assert [q.speaker for q in windowed.quotes] == [q.speaker for q in whole.quotes]
    assert windowed.speakers == whole.speakers
