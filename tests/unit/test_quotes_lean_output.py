"""`reader quotes` writes a book's quotes one by one, byte for byte as `json.dump` wrote them.

The listing used to build every quote's dict, then a dict and tuples per span to move the offsets
into the input, then one JSON document: on a 3 MB book about 40 MB more than the extraction. Now
the spans' points sit in two arrays (`InputOffsets`) and each quote is written as it is made
(`write_items`). Invented text throughout.
"""

from __future__ import annotations

import enum
import io
import textwrap
from typing import Any

import pytest
import yaml

from reader.load import load_bytes
from reader.load.input_offsets import InputOffsets, input_spans
from reader.serialize import write, write_items


class _Count(enum.IntEnum):
    TWO = 2


ITEMS: list[tuple[str, dict[str, Any], list[Any]]] = [
    ("no items", {"source": "a.txt", "offsets": "input"}, []),
    ("no head", {}, [{"start": 1}]),
    (
        "a quote as listed",
        {"source": "<stdin>", "offsets": "input"},
        [
            {
                "start": 3,
                "end": None,
                "text": 'Nobody "asked" us\\ — «ça va»\u2028',
                "speaker": None,
                "nested": True,
                "evidence": {"rule": "said-after", "cue_span": [4, 8], "mention_span": None},
                "segments": [[1, 2], [None, None]],
            },
            {"start": 9, "end": 12, "part": 2, "parts": 2},
        ],
    ),
    ("empty containers", {"source": None}, [{"segments": [], "evidence": {}}, [], {}]),
    ("a float and a boolean", {"score": 0.5, "ok": False}, [{"x": 1e300, "y": -0.0}, True]),
    ("a tuple and an int enum", {"n": _Count.TWO}, [{"span": (1, 2), "n": _Count.TWO}]),
    ("a key that is not a string", {}, [{1: "one", None: "none", "x": {2.5: True}}]),
    ("control characters", {"source": "a\tb\x1b[0m"}, [{"text": "\x00\x7f\ud7ff"}]),
]


@pytest.mark.parametrize(("case", "head", "items"), ITEMS, ids=[c[0] for c in ITEMS])
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_items_written_one_by_one_read_as_one_document(
    case: str, head: dict[str, Any], items: list[Any], fmt: str
) -> None:
    whole, streamed = io.StringIO(), io.StringIO()
    if fmt == "yaml" and "enum" in case:
        pytest.skip("YAML's safe dumper writes no enum")
    write({**head, "quotes": items}, fmt, whole)
    write_items(head, "quotes", iter(items), fmt, streamed)
    assert streamed.getvalue() == whole.getvalue(), case


def test_json_items_are_written_in_blocks_as_they_come() -> None:
    items = [{"text": f"quote {n}", "speaker": "Ada Roan " * 5} for n in range(3000)]
    out = io.StringIO()
    written_before_the_last: list[int] = []

    def one_by_one() -> Any:
        for number, item in enumerate(items):
            if number == len(items) - 1:
                written_before_the_last.append(len(out.getvalue()))
            yield item

    write_items({"source": "x"}, "quotes", one_by_one(), "json", out)
    assert written_before_the_last[0] > len(out.getvalue()) - 70_000  # blocks of 64 K at most
    whole = io.StringIO()
    write({"source": "x", "quotes": items}, "json", whole)
    assert out.getvalue() == whole.getvalue()


def test_yaml_items_keep_their_anchors_over_the_whole_document() -> None:
    shared = {"rule": "said-after"}
    items = [{"evidence": shared}, {"evidence": shared}]
    out = io.StringIO()
    write_items({"source": "x"}, "quotes", iter(items), "yaml", out)
    assert "&id001" in out.getvalue() and "*id001" in out.getvalue()
    assert yaml.safe_load(out.getvalue())["quotes"] == items


WRAPPED = textwrap.fill(
    "The harbour master said on Tuesday that the ferry would run again by spring, and that "
    'the  council had agreed to pay for the new pier. "We will rebuild it," she said, and the '
    "crowd cheered. Nobody else spoke for a long while after that, and the meeting ended.",
    50,
    replace_whitespace=False,
)
"""A hard-wrapped paragraph (the article joins its lines with spaces) with a double space."""


def test_a_point_inside_a_run_of_spaces_of_a_wrapped_paragraph_maps_to_the_runs_start() -> None:
    source = "Port news\n\n" + WRAPPED + "\n\n" + WRAPPED + "\n"
    article = load_bytes(source.encode("utf-8"), name="x", source="x")
    assert "\n" not in article.paragraphs[0].text  # joined: the input differs by line breaks
    run = article.text.index("  ")
    run_in_source = source.index("  ")
    spans = [(run, run + 1), (run + 1, run + 2), (run + 1, run + 5), (run - 3, run + 2)]
    assert input_spans(source, article, spans) == [
        (run_in_source, run_in_source + 1),
        (run_in_source, run_in_source + 1),  # the run's second space: the run's start
        (run_in_source, run_in_source + 5),
        (run_in_source - 3, run_in_source + 1),
    ]
    second = article.text.index("We will", article.paragraphs[1].start)
    ((start, end),) = [s for s in input_spans(source, article, [(second, second + 7)]) if s]
    assert source[start:end] == "We will" and start > source.index(WRAPPED, 20)


def test_a_span_never_added_is_refused_not_guessed() -> None:
    article = load_bytes(b'Port\n\nShe said "No way." Then left.\n', name="x", source="x")
    offsets = InputOffsets()
    offsets.add(10, 17)
    offsets.map('Port\n\nShe said "No way." Then left.\n', article)
    assert offsets.span(10, 17) == (16, 23)
    assert offsets.span(10, 10) == (16, 16)  # an empty span at an added start
    with pytest.raises(KeyError):
        offsets.span(11, 17)
