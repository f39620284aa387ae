"""Writing notes files: canonical, diff-friendly YAML from the model.

`dump` is deterministic: a fixed key order, no line folding, `|` block scalars for multi-line
notes (and every note, even one line), UTF-8 kept as is, LF line ends, a final newline and no
file-level time stamp. Loading what `dump` wrote and dumping it again gives the same bytes,
and editing one word of a note changes one line of the file. Kept apart from reading
(`yaml_read`), which shares nothing with it but the model and `conflict_key`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from annotations.model import Annotation, Conflict, Document, NotesFile, Selector

_STR = "tag:yaml.org,2002:str"

_DumperBase: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_DumperBase):  # type: ignore[valid-type,misc]
    """The safe dumper with `|` blocks for multi-line strings."""


_LINE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # A block scalar only where it reads back verbatim; the emitter itself falls back to a
    # double-quoted string when the text cannot be a block (trailing spaces, a tab at a line
    # start...), which round-trips too.
    if "\n" in data and not any(c in data for c in _LINE_BREAKS):
        return dumper.represent_scalar(_STR, data, style="|")
    return dumper.represent_str(data)


_Dumper.add_representer(str, _represent_str)


class _Block(str):
    """A string always written as a `|` block where YAML allows (notes, even one line)."""

    __slots__ = ()


def _represent_block(dumper: yaml.SafeDumper, data: _Block) -> yaml.ScalarNode:
    if any(c in data for c in _LINE_BREAKS):
        return dumper.represent_str(str(data))
    return dumper.represent_scalar(_STR, str(data), style="|")


_Dumper.add_representer(_Block, _represent_block)


def conflict_key(conflict: Conflict) -> tuple[str, str, str, str, str]:
    """The order conflicts are written in (stable whichever side merged)."""
    value = json.dumps(conflict.value, sort_keys=True, ensure_ascii=False)
    return (conflict.id, conflict.field, conflict.updated, conflict.author, value)


def document_data(document: Document) -> dict[str, Any]:
    """The `document:` mapping in canonical key order."""
    data: dict[str, Any] = {"id": document.id, "title": document.title}
    if document.url is not None:
        data["url"] = document.url
    data["text_sha256"] = document.text_sha256
    if document.known_text_sha256:
        data["known_text_sha256"] = list(document.known_text_sha256)
    data.update(_extra(document.extra))
    return data


def selector_data(selector: Selector) -> dict[str, Any]:
    """A selector as a mapping in canonical key order."""
    return {
        "exact": selector.exact,
        "prefix": selector.prefix,
        "suffix": selector.suffix,
        "start": selector.start,
        "end": selector.end,
    }


def annotation_data(annotation: Annotation) -> dict[str, Any]:
    """An annotation (or tombstone) as a mapping in canonical key order."""
    data: dict[str, Any] = {
        "id": annotation.id,
        "created": annotation.created,
        "updated": annotation.updated,
        "author": annotation.author,
    }
    if annotation.deleted is not None:
        data["deleted"] = annotation.deleted
    else:
        data["color"] = annotation.color
        data["tags"] = list(annotation.tags)
    if annotation.selector is not None:
        data["selector"] = selector_data(annotation.selector)
    if annotation.deleted is None:
        # A note is a block even on one line, so adding a line to it is a pure addition.
        data["note"] = _Block(annotation.note) if annotation.note else ""
    data.update(_extra(annotation.extra))
    return data


def conflict_data(conflict: Conflict) -> dict[str, Any]:
    """A recorded conflict as a mapping in canonical key order."""
    return {
        "id": conflict.id,
        "field": conflict.field,
        "value": conflict.value,
        "updated": conflict.updated,
        "author": conflict.author,
    }


def notes_data(notes: NotesFile) -> dict[str, Any]:
    """The whole file as plain data in canonical order."""
    data: dict[str, Any] = {
        "schema": notes.schema,
        "document": document_data(notes.document),
        "annotations": [annotation_data(a) for a in notes.annotations],
    }
    if notes.conflicts:
        data["conflicts"] = [conflict_data(c) for c in sorted(notes.conflicts, key=conflict_key)]
    data.update(_extra(notes.extra))
    return data


def _extra(extra: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    for key in sorted(extra):
        yield key, extra[key]


def dump_data(data: Any) -> str:
    """Dump plain data the canonical way (block style, `|` notes, no folding, Unicode)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        default_flow_style=False,
        sort_keys=False,
        width=1 << 30,
        indent=2,
        line_break="\n",
    )


def dump(notes: NotesFile) -> str:
    """The canonical text of a notes file."""
    return dump_data(notes_data(notes))


def dump_bytes(notes: NotesFile) -> bytes:
    """The canonical UTF-8 bytes of a notes file."""
    return dump(notes).encode("utf-8")
