"""The fast notes writer and reader (`yaml_canonical_*`) against PyYAML and the strict reader.

The writer must give PyYAML's bytes for any notes (so files do not change when the reader
updates, and what it writes loads back unchanged), and the reader must accept only text that
the strict reader reads the same way: hostile strings in every field, and files edited by hand.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations import yaml_canonical_read, yaml_canonical_write, yaml_write
from annotations.model import Annotation, Conflict, Document, NotesFile, Selector
from annotations.yaml_read import NotesFormatError, _checked_root, _Validator, parse

DOC = Document(id="txt:0123456789abcdef", title="A title", text_sha256="ab" * 32)

HOSTILE = [
    ("empty", ""),
    ("plain words", "the mayor said"),
    ("single quote inside", "it's the council's"),
    ("single quotes around", "'quoted'"),
    ("double quotes", '"double" and “curly”'),
    ("colon space", "key: value"),
    ("colon at the end", "as follows:"),
    ("colon inside a word", "10:30 a.m."),
    ("hash after a space", "see #followup"),
    ("hash at the start", "#tag"),
    ("hash inside a word", "C#"),
    ("dash item", "- item"),
    ("dash word", "-word"),
    ("dash alone", "-"),
    ("question mark start", "?why"),
    ("question mark alone", "?"),
    ("document start", "---"),
    ("document end", "..."),
    ("dots word", "...and then"),
    ("yes", "yes"),
    ("No", "No"),
    ("on", "on"),
    ("null", "null"),
    ("tilde", "~"),
    ("a number", "123"),
    ("a leading zero", "0123"),
    ("a float", "1.10"),
    ("a hex", "0x1f"),
    ("sexagesimal", "1:20"),
    ("infinity", ".inf"),
    ("a date", "2026-12-01"),
    ("a time stamp", "2026-12-01T09:00:00.000Z"),
    ("merge key", "<<"),
    ("equals", "="),
    ("upper-case id", "01JQ3Z7K8X4M2N6P0R5S7T9V1W"),
    ("upper-case word that is a bool", "FALSE"),
    ("leading space", " leading"),
    ("trailing space", "trailing "),
    ("only spaces", "   "),
    ("tab inside", "a\tb"),
    ("tab at the start", "\tindented"),
    ("newline", "line one\nline two"),
    ("final newline", "line\n"),
    ("two final newlines", "line\n\n"),
    ("only a newline", "\n"),
    ("leading newline", "\nafter"),
    ("indented second line", "a\n  b"),
    ("space before a newline", "a \nb"),
    ("blank lines", "a\n\n\nb"),
    ("carriage return", "a\r\nb"),
    ("line separator", "a\u2028b"),
    ("next line", "a\x85b"),
    ("byte order mark", "\ufeffbom"),
    ("control character", "bell\x07"),
    ("escape", "\x1b[31mred"),
    ("unicode", "café 日本語 Ελληνικά עברית 🧵👩‍🔬"),
    ("non-breaking space", "a\xa0b"),
    ("brackets", "[a] {b}, c"),
    ("indicator start", "&anchor *alias !tag |pipe >fold %pct @at `tick"),
    ("conflict marker", "<<<<<<< HEAD"),
    ("yaml in a note", "key: value\n- item\n# not a comment\n---\n...\n"),
    ("last plane character", "\U0010fffd"),
]


def annotation(index: int, text: str, **fields: object) -> Annotation:
    values: dict[str, object] = {
        "id": f"01JQ3Z7K8X4M2N6P0R5S7T9V{index:02d}",
        "created": "2026-12-01T09:00:00.000Z",
        "updated": "2026-12-02T10:00:00.000Z",
        "author": "alice",
        "selector": Selector(text or "x", text, text, 3, 9),
        "tags": (text,) if text else (),
        "note": text,
    }
    values.update(fields)
    return Annotation(**values)  # type: ignore[arg-type]


def strict(text: str) -> NotesFile:
    """The strict reader alone (composing and validating the whole text)."""
    return _Validator("f").notes_file(_checked_root(text, "f"))


def frame(text: str) -> NotesFile | None:
    try:
        return strict(text)
    except NotesFormatError:
        return None


def check(notes: NotesFile) -> None:
    """Writer equals PyYAML; the text loads back unchanged; the fast reader takes it back."""
    written = yaml_canonical_write.dump(notes)
    assert written == yaml_write.dump(notes)
    assert yaml.safe_load(written) == yaml_write.notes_data(notes)
    assert strict(written) == notes
    assert parse(written, "f") == notes


@pytest.mark.parametrize(("case", "text"), HOSTILE, ids=[case for case, _ in HOSTILE])
def test_a_hostile_string_in_every_field_is_written_as_pyyaml_writes_it(
    case: str, text: str
) -> None:
    one = annotation(1, text, author=text or "a", color=text or "yellow")
    last = annotation(2, text)
    check(NotesFile(document=replace(DOC, title=text), annotations=(one, last)))


OWN = [(case, text) for case, text in HOSTILE if not any(c in text for c in "\r\x85\u2028")]
"""Strings the fast writer writes itself: the others (line breaks other than LF, and a tag
with a line break) are written by PyYAML whole, and read back by the strict reader."""


@pytest.mark.parametrize(("case", "text"), OWN, ids=[case for case, _ in OWN])
def test_the_fast_reader_takes_back_whatever_the_writer_wrote(case: str, text: str) -> None:
    one = annotation(1, text, tags=("t",))
    notes = NotesFile(document=DOC, annotations=(one, annotation(2, "x")))
    assert yaml_canonical_read.parse(yaml_canonical_write.dump(notes), frame) == notes


def test_tombstones_conflicts_and_unknown_fields_are_written_as_pyyaml_writes_them() -> None:
    tombstone = annotation(3, "gone").tombstone("2026-12-03T00:00:00.000Z")
    newer = annotation(4, "newer field", extra={"rating": 5, "z": ["a: b", None]})
    ends_kept = annotation(5, "ends with\n\n")
    check(
        NotesFile(
            document=replace(DOC, known_text_sha256=("cd" * 32,), extra={"lang": "en"}),
            annotations=(annotation(1, "a"), tombstone, newer, ends_kept),
            conflicts=(Conflict(ends_kept.id, "note", "other\n", "2026-12-01T00:00:00.000Z", "b"),),
            extra={"zz": {"k": "v"}},
        )
    )


def test_a_kept_final_newline_on_the_last_note_ends_the_document_as_pyyaml_does() -> None:
    # PyYAML writes a `...` end marker after a trailing `|+` block that ends the document.
    notes = NotesFile(document=DOC, annotations=(annotation(1, "a"), annotation(2, "b\n\n")))
    assert yaml_canonical_write.dump(notes).endswith("\n...\n")
    check(notes)


def test_no_annotations_and_only_tombstones() -> None:
    check(NotesFile(document=DOC))
    check(NotesFile(document=DOC, annotations=(annotation(1, "x").tombstone("2026-12-04"),)))


HOSTILE_CHARS = st.sampled_from(
    [*list(" \n\t\r'\"#:-?,[]{}&*!|>%@`.~=<\\"), "\u2028", "\x85", "\ufeff", "é", "日", "🧵"]
)
TEXTS = st.text(alphabet=st.one_of(HOSTILE_CHARS, st.characters(codec="utf-8")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=4), tags=st.lists(TEXTS, max_size=3))
def test_any_text_is_written_as_pyyaml_writes_it(texts: list[str], tags: list[str]) -> None:
    annotations = [
        annotation(
            index,
            text,
            author=text or "a",
            tags=tuple(tags),
            selector=Selector(text, texts[0], texts[-1], 0, len(text)),
        )
        for index, text in enumerate(texts)
    ]
    check(NotesFile(document=DOC, annotations=tuple(annotations)))


BASE = yaml_canonical_write.dump(
    NotesFile(
        document=DOC,
        annotations=(
            annotation(1, "one line", tags=("topic", "x")),
            annotation(2, "two\nlines\n", tags=("t",)),
            annotation(3, "it's: odd"),
        ),
    )
)


@settings(max_examples=400, deadline=None)
@given(
    at=st.integers(min_value=0, max_value=len(BASE)),
    cut=st.integers(min_value=0, max_value=3),
    insert=st.text(alphabet=HOSTILE_CHARS, max_size=3),
)
def test_an_edited_file_is_read_as_the_strict_reader_reads_it_or_left_to_it(
    at: int, cut: int, insert: str
) -> None:
    edited = BASE[:at] + insert + BASE[at + cut :]
    fast = yaml_canonical_read.parse(edited, frame)
    if fast is not None:
        assert fast == strict(edited)


HAND_EDITED = [
    ("items in another order", BASE.replace("V01\n", "V09\n", 1)),
    ("a comment line", BASE.replace("annotations:\n", "annotations:\n# mine\n", 1)),
    ("a comment after a value", BASE.replace("author: alice", "author: alice # me", 1)),
    (
        "keys in another order",
        BASE.replace(
            "  created: '2026-12-01T09:00:00.000Z'\n  updated: '2026-12-02T10:00:00.000Z'\n",
            "  updated: '2026-12-02T10:00:00.000Z'\n  created: '2026-12-01T09:00:00.000Z'\n",
            1,
        ),
    ),
    ("a quoted plain value", BASE.replace("author: alice", "author: 'alice'", 1)),
    ("a double-quoted value", BASE.replace("author: alice", 'author: "alice"', 1)),
    ("four-space indents", BASE.replace("\n  created:", "\n    created:", 1)),
    ("an unknown escape", BASE.replace("author: alice", 'author: "al\\qice"', 1)),
    ("an unclosed quote", BASE.replace("author: alice", 'author: "alice', 1)),
    ("a flow mapping", BASE.replace("author: alice", "author: {a: 1}", 1)),
    ("an alias", BASE.replace("author: alice", "author: &a alice", 1)),
    ("windows line ends", BASE.replace("\n", "\r\n")),
    ("no final newline", BASE[:-1]),
]


@pytest.mark.parametrize(("case", "text"), HAND_EDITED, ids=[case for case, _ in HAND_EDITED])
def test_hand_edited_files_are_left_to_the_strict_reader(case: str, text: str) -> None:
    assert yaml_canonical_read.parse(text, frame) is None


def test_a_git_merged_file_is_canonical_and_read_fast() -> None:
    from annotations.merge import merge

    base = strict(BASE)
    ours = base.with_annotation(annotation(7, "ours"))
    theirs = base.with_annotation(
        replace(annotation(1, "theirs"), updated="2026-12-09T00:00:00.000Z")
    )
    merged = yaml_canonical_write.dump(merge(base, ours, theirs))
    assert yaml_canonical_read.parse(merged, frame) == strict(merged)
