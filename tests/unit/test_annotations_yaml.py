"""Notes files on disk: strict safe reading, canonical diff-friendly writing, exact round trips."""

from __future__ import annotations

import difflib
from dataclasses import replace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.model import (
    SCHEMA_VERSION,
    Annotation,
    Conflict,
    Document,
    NotesFile,
    Selector,
)
from annotations.yaml_io import (
    MAX_FILE_BYTES,
    ConflictMarkersError,
    NewerSchemaError,
    NotesFormatError,
    dump,
    parse,
    parse_bytes,
    split_conflict,
)

DOC = Document(
    id="url:3f9a1c2e7b4d5a60",
    title="How Git Works",
    url="https://example.org/git",
    text_sha256="5e" * 32,
)


def note(ident: str = "01JQ3Z7K8X4M2N6P0R5S7T9V1W", text: str = "", **fields: object) -> Annotation:
    values: dict[str, object] = {
        "id": ident,
        "created": "2025-03-01T12:00:00.000Z",
        "updated": "2025-03-02T08:15:00.000Z",
        "author": "alice",
        "selector": Selector("content-addressed", "the object database is ", ", which", 10, 27),
        "note": text,
    }
    values.update(fields)
    return Annotation(**values)  # type: ignore[arg-type]


def file_with(*annotations: Annotation, **fields: object) -> NotesFile:
    return NotesFile(document=DOC, annotations=annotations, **fields)  # type: ignore[arg-type]


HEADER = "schema: 1\ndocument:\n  id: txt:0123456789abcdef\n  title: T\n  text_sha256: ab\n"


def one(body: str) -> str:
    """A file with one annotation whose fields are `body` (indented under `- `)."""
    return HEADER + "annotations:\n- " + body.replace("\n", "\n  ").rstrip() + "\n"


GOOD = (
    "id: A1\ncreated: '2025-01-01T00:00:00.000Z'\nupdated: '2025-01-01T00:00:00.000Z'\n"
    "author: bob\nselector:\n  exact: x\n  start: 0\n  end: 1\n"
)

# Files that must be refused, with a clue the message must contain.
REFUSED = [
    ("python object tag", one(GOOD + "note: !!python/object/apply:os.system [ls]"), "!!python"),
    (
        "python name tag at top level",
        "!!python/name:os.system\n",
        "!!python/name:os.system",
    ),
    ("alias bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", "aliases are not allowed"),
    ("recursive alias", "a: &a [1, *a]\n", "aliases are not allowed"),
    ("anchor on a note", one(GOOD + "note: &n hi\ncolor: *n"), "aliases are not allowed"),
    ("duplicate top-level key", HEADER + "schema: 1\n", "duplicate key 'schema'"),
    ("duplicate annotation key", one(GOOD + "note: a\nnote: b"), "duplicate key 'note'"),
    ("duplicate annotation id", one(GOOD) + "- " + GOOD.replace("\n", "\n  "), "duplicate"),
    ("explicit timestamp", one(GOOD + "note: !!timestamp 2025-01-01"), "!!timestamp"),
    ("binary", one(GOOD + "note: !!binary aGVsbG8="), "!!binary"),
    ("not a mapping", "- just\n- a list\n", "must be a mapping"),
    ("no schema", "document: {id: x}\n", "no 'schema'"),
    ("schema as text", "schema: one\ndocument: {id: x}\n", "schema must be a whole number"),
    ("octal-looking offset", one(GOOD.replace("start: 0", "start: 0123")), "whole number"),
    ("note as a number", one(GOOD + "note: 12"), "note must be a string"),
    ("tags as a string", one(GOOD + "tags: idea"), "tags must be a list"),
    ("missing selector", one(GOOD.split("selector")[0]), "no 'selector'"),
    ("negative offsets", one(GOOD.replace("end: 1", "end: -4")), "bad offsets"),
    ("syntax error", HEADER + "annotations: [\n", "line"),
    ("empty file", "", "empty"),
    ("tab indentation", "schema: 1\ndocument:\n\tid: x\n", "line"),
]


@pytest.mark.parametrize(("case", "text", "clue"), REFUSED, ids=[c[0] for c in REFUSED])
def test_unsafe_or_malformed_files_are_refused_with_file_line_and_column(
    case: str, text: str, clue: str
) -> None:
    with pytest.raises(NotesFormatError) as caught:
        parse(text, "notes/x.notes.yaml")
    message = str(caught.value)
    assert message.startswith("notes/x.notes.yaml: "), message
    assert clue in message, message
    if case != "empty file":
        assert caught.value.line is not None and caught.value.column is not None


def test_the_error_points_at_the_offending_line() -> None:
    text = one(GOOD + "note: !!python/object/apply:os.system [ls]")
    with pytest.raises(NotesFormatError) as caught:
        parse(text, "f")
    line = text.splitlines()[caught.value.line - 1]  # type: ignore[operator]
    assert "!!python" in line


def test_billion_laughs_is_refused_before_anything_expands() -> None:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        levels.append(f"a{i}: &a{i} [{refs}]")
    text = "\n".join(levels) + "\n"
    with pytest.raises(NotesFormatError, match="aliases are not allowed") as caught:
        parse(text, "bomb.yaml")
    assert caught.value.line == 1  # refused at the first reuse, not after expanding


def test_files_over_the_size_limit_are_refused_unread() -> None:
    data = b"schema: 1\n" + b"#" * MAX_FILE_BYTES
    with pytest.raises(NotesFormatError, match="limit"):
        parse_bytes(data, "big.yaml")


def test_invalid_utf8_names_its_position() -> None:
    data = one(GOOD + "note: caf\u00e9").encode("latin-1")
    with pytest.raises(NotesFormatError, match="not valid UTF-8") as caught:
        parse_bytes(data, "f")
    assert caught.value.line == data.count(b"\n")


# YAML 1.1 surprises that must stay strings, as written.
SURPRISES = [
    ("no", "no"),
    ("yes", "yes"),
    ("off", "off"),
    ("0123", "0123"),
    ("1.10", "1.10"),
    ("1e3", "1e3"),
    ("0x1F", "0x1F"),
    ("2025-03-01", "2025-03-01"),
    ("2025-03-01T12:00:00Z", "2025-03-01T12:00:00Z"),
    ("12:30:00", "12:30:00"),
    ("~x", "~x"),
    (".inf", ".inf"),
    ("NULL", "NULL"),
    ("True", "True"),
]


@pytest.mark.parametrize(("plain", "expected"), SURPRISES, ids=[s[0] for s in SURPRISES])
def test_yaml_1_1_surprises_stay_strings(plain: str, expected: str) -> None:
    notes = parse(one(GOOD + f"note: {plain}\ncolor: {plain}\ntags: [{plain}]"), "f")
    annotation = notes.annotations[0]
    assert annotation.note == expected
    assert annotation.color == expected
    assert annotation.tags == (expected,)


@pytest.mark.parametrize(("plain", "expected"), SURPRISES, ids=[s[0] for s in SURPRISES])
def test_strings_that_look_like_other_types_read_back_as_strings_anywhere(
    plain: str, expected: str
) -> None:
    text = dump(file_with(note(text=plain, color=plain, tags=(plain,))))
    again = parse(text, "f").annotations[0]
    assert (again.note, again.color, again.tags) == (expected, expected, (expected,))
    # Any YAML 1.1 reader (PyYAML's own safe loader) sees the same strings.
    plain_yaml = yaml.safe_load(text)["annotations"][0]
    assert (plain_yaml["note"], plain_yaml["color"], plain_yaml["tags"]) == (
        expected,
        expected,
        [expected],
    )


def test_unquoted_timestamps_in_times_stay_text() -> None:
    body = GOOD.replace("'2025-01-01T00:00:00.000Z'", "2025-01-01T00:00:00.000Z")
    annotation = parse(one(body), "f").annotations[0]
    assert annotation.created == "2025-01-01T00:00:00.000Z"


# Notes whose text is tricky to keep exactly.
NOTES = [
    ("empty", ""),
    ("multi-line", "Content addressing explains it.\nCompare with Mercurial.\n"),
    ("no final newline", "line one\nline two"),
    ("several final newlines", "text\n\n\n"),
    ("leading blank line", "\nafter a blank"),
    ("indented first line", "    code block\nnext"),
    ("trailing spaces", "space at end   \nand tab\t\n"),
    ("tab at line start", "\tindented with a tab\nx"),
    ("unicode", "café, 日本語, Ελληνικά, עברית, emoji 🧵👩‍🔬, ZWJ\u200d, RTL mark\u200f\n"),
    ("carriage returns", "windows\r\nline\r\n"),
    ("unicode line separators", "a\u2028b\u2029c\x85d"),
    ("control characters", "bell\x07 nul\x00 esc\x1b"),
    ("byte order mark", "\ufeffbom"),
    ("yaml syntax", "key: value\n- item\n# not a comment\n---\n...\n"),
    ("quotes", "'single' \"double\" `back`"),
    ("conflict-marker-like", "<<<<<<< not a marker when indented in a block\n"),
    ("very long line", "word " * 2000),
    ("only spaces", "   "),
    ("surrogate-free astral", "\U0001f600\U00010348"),
]


@pytest.mark.parametrize(("case", "text"), NOTES, ids=[n[0] for n in NOTES])
def test_tricky_notes_round_trip_exactly_and_resave_byte_identical(case: str, text: str) -> None:
    original = file_with(note(text=text, tags=(text[:10] or "t",)))
    dumped = dump(original)
    loaded = parse(dumped, "f")
    assert loaded == original
    assert dump(loaded) == dumped


def test_a_file_with_markers_in_a_note_block_is_not_taken_for_a_conflict() -> None:
    text = dump(file_with(note(text="<<<<<<< HEAD\nquoted markers\n>>>>>>> x\n")))
    assert parse(text, "f").annotations[0].note.startswith("<<<<<<<")


@settings(max_examples=200, deadline=None)
@given(
    notes=st.lists(
        st.tuples(st.text(), st.text(min_size=1), st.lists(st.text(min_size=1), max_size=3)),
        min_size=1,
        max_size=4,
    ),
    title=st.text(),
)
def test_any_unicode_round_trips_exactly(
    notes: list[tuple[str, str, list[str]]], title: str
) -> None:
    annotations = [
        note(
            f"01JQ3Z7K8X4M2N6P0R5S7T9V{i:02d}",
            text=text,
            tags=tuple(tags),
            selector=Selector(exact, exact[:3], exact[-3:], 5, 5 + len(exact)),
            author=exact,
        )
        for i, (text, exact, tags) in enumerate(notes)
    ]
    original = NotesFile(document=replace(DOC, title=title), annotations=tuple(annotations))
    dumped = dump(original)
    loaded = parse(dumped, "f")
    assert loaded == original
    assert dump(loaded) == dumped


SAMPLE = file_with(
    note(
        "01JQ3Z7K8X4M2N6P0R5S7T9V1W",
        text="Content addressing explains why renames are cheap.\n"
        "Compare with Mercurial — café, 日本語 fine.\n",
        tags=("idea", "git"),
    ),
    note("01JQ40ABCDEFGHJKMNPQRSTVWX", text="short", color="green"),
    Annotation(
        id="01JQ41ABCDEFGHJKMNPQRSTVWX",
        created="2025-03-01T12:00:00.000Z",
        updated="2025-03-01T12:00:00.000Z",
        author="bob",
        deleted="2025-03-03T09:00:00.000Z",
    ),
    conflicts=(
        Conflict("01JQ40ABCDEFGHJKMNPQRSTVWX", "color", "pink", "2025-03-01T10:00:00.000Z", "bob"),
    ),
)


def test_the_canonical_layout() -> None:
    text = dump(SAMPLE)
    assert text.startswith("schema: 1\ndocument:\n  id: url:3f9a1c2e7b4d5a60\n")
    assert "  note: |\n    Content addressing explains why renames are cheap.\n" in text
    assert "    Compare with Mercurial — café, 日本語 fine.\n" in text  # Unicode as is
    assert "  note: |-\n    short\n" in text  # a note is a block even on one line
    assert "created: '2025-03-01T12:00:00.000Z'" in text  # a time is a quoted string
    assert "deleted: '2025-03-03T09:00:00.000Z'" in text
    assert "saved" not in text  # no file-level time stamp
    assert text.endswith("\n") and "\r" not in text
    section = text.split("\nconflicts:")[0]
    keys = [line for line in section.splitlines() if line.startswith("- id")]
    assert len(keys) == 3
    first = text.index("- id: 01JQ3Z7K")
    order = ["created:", "updated:", "author:", "color:", "tags:", "selector:", "note:"]
    positions = [text.index(key, first) for key in order]
    assert positions == sorted(positions)


def test_annotations_are_written_sorted_by_id_whatever_order_they_were_given() -> None:
    a, b = note("01B"), note("01A")
    assert dump(file_with(a, b)) == dump(file_with(b, a))
    assert dump(file_with(a, b)).index("id: 01A") < dump(file_with(a, b)).index("id: 01B")


def test_editing_one_word_of_a_note_changes_one_line() -> None:
    long_note = " ".join(f"word{i}" for i in range(400)) + "\nsecond paragraph line\n"
    before = dump(file_with(note(text=long_note), note("01Z", text="other")))
    edited = long_note.replace("word123", "changed")
    after = dump(file_with(note(text=edited), note("01Z", text="other")))
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(changed) == 2, changed  # one line out, one line in


def test_adding_a_line_to_a_one_line_note_only_adds_lines() -> None:
    before = dump(file_with(note(text="first thought")))
    after = dump(file_with(note(text="first thought\nsecond thought")))
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff == ["+    second thought"], diff


def test_unknown_fields_from_a_newer_minor_version_are_kept() -> None:
    text = one(GOOD + "future_field: {a: [1, true, null]}") + "extension: x\n"
    loaded = parse(text, "f")
    assert loaded.annotations[0].extra == {"future_field": {"a": [1, True, None]}}
    assert loaded.extra == {"extension": "x"}
    again = parse(dump(loaded), "f")
    assert again == loaded


def test_conflict_markers_are_detected_before_parsing() -> None:
    text = HEADER + "annotations:\n<<<<<<< HEAD\n- id: a\n=======\n- id: b\n>>>>>>> other\n"
    with pytest.raises(ConflictMarkersError) as caught:
        parse(text, "f")
    assert caught.value.line == 7


def test_split_conflict_gives_each_side_and_the_diff3_base() -> None:
    text = "common\n<<<<<<< ours\nmine\n||||||| base\norig\n=======\ntheirs\n>>>>>>> b\nend\n"
    sides = split_conflict(text)
    assert sides.ours == "common\nmine\nend\n"
    assert sides.theirs == "common\ntheirs\nend\n"
    assert sides.base == "common\norig\nend\n"
    assert split_conflict("a\n<<<<<<< x\nb\n=======\nc\n>>>>>>> y\n").base is None


def test_a_newer_schema_that_cannot_be_understood_says_so() -> None:
    text = f"schema: {SCHEMA_VERSION + 1}\ndocument: [changed]\n"
    with pytest.raises(NewerSchemaError, match="newer reader"):
        parse(text, "f")


def test_a_newer_schema_that_can_be_read_is_returned_with_its_version() -> None:
    text = one(GOOD).replace("schema: 1", f"schema: {SCHEMA_VERSION + 1}")
    assert parse(text, "f").schema == SCHEMA_VERSION + 1
