"""Merge two versions of a notes file by annotation id, with or without their common base.

Used by the store (a file changed on disk while the app was open: base = what was loaded,
ours = memory, theirs = disk), by conflict-marker recovery (the two halves git left, plus
the base when git wrote one) and by the git merge driver (git's %O, %A, %B).

Rules, per annotation id:
- added on one side: kept; added on both: merged field by field as below;
- an edit beats a delete; a delete of an unchanged note wins (its tombstone is kept); without
  a base, a live note wins over a tombstone only if it was edited after the version that
  was deleted (`updated` later than the tombstone's);
- fields changed on one side only take that side's value; `tags` merge as sets (additions
  from both sides kept, removals from either side applied);
- the same field changed differently on both sides keeps the value of the side with the
  larger `(updated, author, sha256 of the value)`, and the other value is recorded in
  `conflicts` for the UI to offer.

`merge(base, a, b)` and `merge(base, b, a)` return equal values (so the same bytes): merge
and rebase, or either clone merging first, agree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from annotations.model import Annotation, Conflict, Document, NotesFile
from annotations.yaml_io import conflict_key, selector_data

T = TypeVar("T")


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(field: str, annotation: Annotation) -> Any:
    """A field's value as plain data (what a conflict records)."""
    if field == "selector":
        return None if annotation.selector is None else selector_data(annotation.selector)
    if field == "tags":
        return list(annotation.tags)
    if field.startswith("extra."):
        return annotation.extra.get(field[6:])
    return getattr(annotation, field)


_FIELDS = ("created", "color", "selector", "note")


def merge(base: NotesFile | None, ours: NotesFile, theirs: NotesFile) -> NotesFile:
    """Merge `ours` and `theirs` (see the module docstring); symmetric in the two sides."""
    base_by_id = {a.id: a for a in base.annotations} if base else {}
    ours_by_id = {a.id: a for a in ours.annotations}
    theirs_by_id = {a.id: a for a in theirs.annotations}
    merged: list[Annotation] = []
    conflicts: ConflictSet = {}
    for annotation_id in sorted(ours_by_id.keys() | theirs_by_id.keys()):
        result = merge_annotation(
            base_by_id.get(annotation_id),
            ours_by_id.get(annotation_id),
            theirs_by_id.get(annotation_id),
            conflicts,
        )
        if result is not None:
            merged.append(result)
    _merge_recorded(base, ours, theirs, conflicts)
    return NotesFile(
        document=merge_document(base.document if base else None, ours.document, theirs.document),
        annotations=tuple(merged),
        conflicts=tuple(conflicts[k] for k in sorted(conflicts)),
        schema=max(ours.schema, theirs.schema),
        extra=_merge_mapping(
            base.extra if base else None, dict(ours.extra), dict(theirs.extra), _digest
        ),
    )


ConflictSet = dict[tuple[str, str, str, str, str], Conflict]
"""Recorded conflicts by their canonical key, so duplicates from both sides collapse."""


def _record(conflicts: ConflictSet, conflict: Conflict) -> None:
    conflicts[conflict_key(conflict)] = conflict


def _merge_recorded(
    base: NotesFile | None, ours: NotesFile, theirs: NotesFile, conflicts: ConflictSet
) -> None:
    """Merge the recorded conflicts of both sides as a three-way set.

    A recorded conflict stays when both sides keep it or one side added it; one that was in
    the base and that a side dismissed stays dismissed (a plain union would bring it back).
    """
    in_base = {conflict_key(c) for c in base.conflicts} if base else set()
    in_ours = {conflict_key(c): c for c in ours.conflicts}
    in_theirs = {conflict_key(c): c for c in theirs.conflicts}
    for key, conflict in (*in_ours.items(), *in_theirs.items()):
        if key in in_base and not (key in in_ours and key in in_theirs):
            continue
        conflicts[key] = conflict


def merge_annotation(
    base: Annotation | None,
    ours: Annotation | None,
    theirs: Annotation | None,
    conflicts: ConflictSet,
) -> Annotation | None:
    """Merge one annotation's versions; None when it is gone (removed without a tombstone)."""
    if ours is None or theirs is None:
        present = ours if ours is not None else theirs
        if present is None:
            return None
        # Missing on one side: added there (keep), or removed outright there: keep the other
        # side only if it changed since the base (an edit beats a delete).
        if base is None or present != base:
            return present
        return None
    if ours == theirs:
        return ours
    if base is not None:
        if ours == base:
            return theirs
        if theirs == base:
            return ours
    if ours.is_deleted and theirs.is_deleted:
        return max(ours, theirs, key=lambda a: (a.deleted or "", a.updated, a.author, a.id))
    if ours.is_deleted or theirs.is_deleted:
        tomb, live = (ours, theirs) if ours.is_deleted else (theirs, ours)
        if base is not None and not base.is_deleted:
            return tomb if live == base else live
        return live if live.updated > tomb.updated else tomb
    if base is not None and base.is_deleted:
        base = None
    return _merge_fields(base, ours, theirs, conflicts)


def _merge_fields(
    base: Annotation | None, ours: Annotation, theirs: Annotation, conflicts: ConflictSet
) -> Annotation:
    values: dict[str, Any] = {}
    for field in _FIELDS:
        values[field] = _merge_value(
            field,
            getattr(base, field) if base else _MISSING,
            ours,
            theirs,
            conflicts,
        )
    values["tags"] = _merge_tags(base.tags if base else None, ours.tags, theirs.tags)
    extra: dict[str, Any] = {}
    for key in sorted(ours.extra.keys() | theirs.extra.keys()):
        base_value = base.extra.get(key, _MISSING) if base else _MISSING
        value = _merge_value(f"extra.{key}", base_value, ours, theirs, conflicts)
        if value is not _MISSING and value is not None:
            extra[key] = value
    latest = max(ours, theirs, key=lambda a: (a.updated, a.author))
    return replace(
        ours,
        created=values["created"],
        updated=latest.updated,
        author=latest.author,
        color=values["color"],
        selector=values["selector"],
        note=values["note"],
        tags=values["tags"],
        extra=extra,
    )


class _Missing:
    """No base value (a two-way merge)."""


_MISSING: Any = _Missing()


def _value(field: str, annotation: Annotation) -> Any:
    if field.startswith("extra."):
        return annotation.extra.get(field[6:], _MISSING)
    return getattr(annotation, field)


def _merge_value(
    field: str, base: Any, ours: Annotation, theirs: Annotation, conflicts: ConflictSet
) -> Any:
    mine, other = _value(field, ours), _value(field, theirs)
    if mine == other:
        return mine
    if base is not _MISSING and mine == base:
        return other
    if base is not _MISSING and other == base:
        return mine

    def rank(side: Annotation) -> tuple[str, str, str]:
        return (side.updated, side.author, _digest(_plain(field, side)))

    winner, loser = (ours, theirs) if rank(ours) > rank(theirs) else (theirs, ours)
    _record(
        conflicts,
        Conflict(
            id=ours.id,
            field=field,
            value=_plain(field, loser),
            updated=loser.updated,
            author=loser.author,
        ),
    )
    return _value(field, winner)


def _merge_tags(
    base: tuple[str, ...] | None, ours: tuple[str, ...], theirs: tuple[str, ...]
) -> tuple[str, ...]:
    both = set(ours) | set(theirs)
    if base is None:
        return tuple(sorted(both))
    # A tag on one side only was added there (keep) or removed on the other (drop).
    kept = {t for t in both if (t in ours and t in theirs) or t not in base}
    return tuple(sorted(kept))


def _pick(base: Any, ours: T, theirs: T, key: Callable[[T], Any]) -> T:
    """Three-way choice of one value; `base` is `_MISSING` in a two-way merge."""
    if ours == theirs or (base is not _MISSING and theirs == base):
        return ours
    if base is not _MISSING and ours == base:
        return theirs
    return max(ours, theirs, key=key)


def merge_document(base: Document | None, ours: Document, theirs: Document) -> Document:
    """Merge the document headers: per field by the usual rule, known hashes united."""

    def field(name: str) -> Any:
        return _pick(
            getattr(base, name) if base else _MISSING,
            getattr(ours, name),
            getattr(theirs, name),
            lambda v: _digest(v),
        )

    text_sha256 = field("text_sha256")
    known = set(ours.known_text_sha256) | set(theirs.known_text_sha256)
    known |= {ours.text_sha256, theirs.text_sha256}
    known.discard(text_sha256)
    known.discard("")
    return Document(
        id=field("id"),
        title=field("title"),
        url=field("url"),
        text_sha256=text_sha256,
        known_text_sha256=tuple(sorted(known)),
        extra=_merge_mapping(base.extra if base else None, ours.extra, theirs.extra, _digest),
    )


def _merge_mapping(base: Any, ours: Any, theirs: Any, key: Callable[[Any], Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in sorted(set(ours) | set(theirs)):
        value = _pick(
            base.get(name, _MISSING) if base is not None else _MISSING,
            ours.get(name, _MISSING),
            theirs.get(name, _MISSING),
            lambda v: "" if v is _MISSING else key(v),
        )
        if value is not _MISSING:
            result[name] = value
    return result


def value_text(value: Any) -> str:
    """A field's value in words, for messages: a passage's text, tags joined, else as is."""
    if isinstance(value, dict):
        return str(value.get("exact", value))
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def kept_text(annotation: Annotation, field: str) -> str:
    """The value of `field` the merge kept in `annotation`, in words (see `value_text`)."""
    return value_text(_plain(field, annotation))
