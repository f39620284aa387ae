"""Merging two versions of a notes file by annotation id: nothing lost, same bytes either way."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.merge import merge
from annotations.model import Annotation, Document, NotesFile, Selector
from annotations.yaml_io import dump

DOC = Document(id="txt:0123456789abcdef", title="T", text_sha256="aa")


def note(ident: str, updated: str = "2025-01-01T00:00:00.000Z", **fields: object) -> Annotation:
    values: dict[str, object] = {
        "id": ident,
        "created": "2025-01-01T00:00:00.000Z",
        "updated": updated,
        "author": "alice",
        "selector": Selector("passage", "", "", 0, 7),
        "note": f"note {ident}",
    }
    values.update(fields)
    return Annotation(**values)  # type: ignore[arg-type]


def notes(*annotations: Annotation, document: Document = DOC) -> NotesFile:
    return NotesFile(document=document, annotations=annotations)


def both_ways(base: NotesFile | None, ours: NotesFile, theirs: NotesFile) -> NotesFile:
    one, other = merge(base, ours, theirs), merge(base, theirs, ours)
    assert dump(one) == dump(other)  # symmetric: merge and rebase agree
    return one


LATER = "2025-02-01T00:00:00.000Z"
LATEST = "2025-03-01T00:00:00.000Z"


def test_additions_on_both_sides_are_all_kept() -> None:
    base = notes(note("01A"))
    ours = notes(note("01A"), *[note(f"01B{i:02d}") for i in range(50)])
    theirs = notes(note("01A"), *[note(f"01C{i:02d}") for i in range(50)])
    merged = both_ways(base, ours, theirs)
    assert len(merged.live) == 101


def test_different_fields_edited_on_each_side_are_both_kept() -> None:
    base = notes(note("01A"))
    ours = notes(note("01A", LATER, note="edited text"))
    theirs = notes(note("01A", LATEST, color="green", author="bob"))
    merged = both_ways(base, ours, theirs).get("01A")
    assert merged is not None
    assert (merged.note, merged.color) == ("edited text", "green")
    assert merged.updated == LATEST


def test_same_field_edited_on_both_sides_keeps_one_and_records_the_other() -> None:
    base = notes(note("01A"))
    ours = notes(note("01A", LATER, note="alice's words"))
    theirs = notes(note("01A", LATEST, note="bob's words", author="bob"))
    merged = both_ways(base, ours, theirs)
    assert merged.get("01A").note == "bob's words"  # type: ignore[union-attr]
    assert [(c.field, c.value, c.author) for c in merged.conflicts] == [
        ("note", "alice's words", "alice")
    ]


def test_a_dismissed_conflict_stays_dismissed_when_the_other_side_changed_too() -> None:
    base = notes(note("01A"))
    ours = notes(note("01A", LATER, note="alice's words"))
    theirs = notes(note("01A", LATEST, note="bob's words", author="bob"))
    recorded = both_ways(base, ours, theirs)
    assert recorded.conflicts
    dismissed = replace(recorded, conflicts=())
    elsewhere = replace(recorded, annotations=(*recorded.annotations, note("01Z")))
    merged = both_ways(recorded, dismissed, elsewhere)
    assert merged.conflicts == ()
    assert merged.get("01Z") is not None


def test_an_edit_beats_a_delete() -> None:
    base = notes(note("01A"))
    deleted = notes(note("01A").tombstone(LATEST))
    edited = notes(note("01A", LATER, note="still wanted"))
    merged = both_ways(base, deleted, edited)
    assert merged.get("01A").note == "still wanted"  # type: ignore[union-attr]


def test_a_delete_of_an_untouched_note_wins() -> None:
    base = notes(note("01A"), note("01B"))
    deleted = notes(note("01A").tombstone(LATER), note("01B"))
    untouched = notes(note("01A"), note("01B", LATER, note="other edit"))
    merged = both_ways(base, deleted, untouched)
    assert merged.get("01A").is_deleted  # type: ignore[union-attr]
    assert merged.get("01B").note == "other edit"  # type: ignore[union-attr]


def test_without_a_base_a_tombstone_wins_only_over_the_version_it_deleted() -> None:
    original = note("01A")
    assert both_ways(None, notes(original.tombstone(LATER)), notes(original)).get("01A").is_deleted  # type: ignore[union-attr]
    edited = replace(original, updated=LATEST, note="edited after")
    assert (
        not both_ways(None, notes(original.tombstone(LATER)), notes(edited)).get("01A").is_deleted
    )  # type: ignore[union-attr]


def test_tags_merge_as_sets() -> None:
    base = notes(note("01A", tags=("keep", "drop")))
    ours = notes(note("01A", LATER, tags=("keep", "drop", "ours")))
    theirs = notes(note("01A", LATEST, tags=("keep", "theirs")))
    assert both_ways(base, ours, theirs).get("01A").tags == ("keep", "ours", "theirs")  # type: ignore[union-attr]


def test_known_text_hashes_are_united() -> None:
    ours = notes(document=replace(DOC, known_text_sha256=("bb",)))
    theirs = notes(document=replace(DOC, known_text_sha256=("cc",)))
    assert both_ways(notes(), ours, theirs).document.known_text_sha256 == ("bb", "cc")


fields = st.fixed_dictionaries(
    {
        "note": st.sampled_from(["", "a", "b\nc", "ü"]),
        "color": st.sampled_from(["yellow", "green"]),
        "tags": st.lists(st.sampled_from(["x", "y", "z"]), max_size=3).map(tuple),
        "updated": st.sampled_from([LATER, LATEST]),
        "author": st.sampled_from(["alice", "bob"]),
    }
)
versions = st.one_of(st.none(), st.just("deleted"), fields)


def build(ident: str, version: object) -> Annotation | None:
    if version is None:
        return None
    if version == "deleted":
        return note(ident).tombstone(LATEST)
    return note(ident, **version)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(versions, versions, versions), min_size=1, max_size=5), st.booleans())
def test_merging_is_symmetric_and_loses_no_live_note(
    rows: list[tuple[object, object, object]], with_base: bool
) -> None:
    base, ours, theirs = [], [], []
    for i, (b, o, t) in enumerate(rows):
        ident = f"01{i:02d}"
        for side, version in ((base, b), (ours, o), (theirs, t)):
            built = build(ident, version)
            if built is not None:
                side.append(built)
    merged = both_ways(notes(*base) if with_base else None, notes(*ours), notes(*theirs))
    for annotation in (*ours, *theirs):
        kept = merged.get(annotation.id)
        if annotation.is_deleted:
            continue
        base_version = next((b for b in base if b.id == annotation.id), None) if with_base else None
        if annotation != base_version:  # an edit (or an addition) is never lost
            assert kept is not None and not kept.is_deleted, (annotation, kept)
