"""The evaluation adapter scores what `reader quotes` shows: a headline's quotes are titles."""

from __future__ import annotations

from benchmarks.quotes_adapter import extract_text, extract_text_all

TEXT = (
    "Union cries 'betrayal' over port cuts\n\n"
    'Union leader Ada Roan said the cuts were "a betrayal of every dock worker."\n\n'
    '"We will strike," she said.'
)


def test_a_quote_in_the_headline_is_not_reported_as_speech() -> None:
    reported = extract_text(TEXT)["quotes"]
    assert [q["text"] for q in reported] == ["a betrayal of every dock worker.", "We will strike,"]
    assert all(q["start"] > TEXT.index("\n\n") for q in reported)


def test_the_headline_quote_is_listed_as_a_title_with_the_rest() -> None:
    listed = extract_text_all(TEXT)["quotes"]
    assert (listed[0]["text"], listed[0]["kind"]) == ("betrayal", "title")
    assert [q["speaker"] for q in listed][1:] == ["Ada Roan", "Ada Roan"]
