"""Reading notes files: safe, strict YAML in, model values out, every error pointing at a line.

`parse` trusts nothing:
- only plain YAML data is accepted: `!!python/...` and every tag other than str, int, bool,
  null, map and seq is rejected; so are anchors and aliases (the billion-laughs file) and
  duplicate keys;
- plain scalars resolve by a small YAML 1.2-like table (`true`/`false`, `null`, decimal
  integers without a leading zero), so YAML 1.1 surprises (`no`, `0123`, `1.10`, unquoted
  timestamps) stay strings, and fields are type-checked afterwards;
- files over `MAX_FILE_BYTES` and files with git conflict markers are refused before parsing.

Every error is a `NotesFormatError` naming the file, line and column. Kept apart from writing
(`yaml_write`): the safety checks and the validator are the larger, riskier half.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from annotations import yaml_canonical_read
from annotations.conflict_markers import CONFLICT_MARKER
from annotations.model import (
    SCHEMA_VERSION,
    Annotation,
    Conflict,
    Document,
    NotesFile,
    Selector,
)
from annotations.yaml_write import conflict_key

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest notes file read (20 MiB, about 40,000 notes): bigger ones are refused unread."""

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL = _TAG + "str", _TAG + "int", _TAG + "bool", _TAG + "null"
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_ALLOWED_TAGS = frozenset((_STR, _INT, _BOOL, _NULL, _MAP, _SEQ))
_DECIMAL = re.compile(r"^-?(?:0|[1-9][0-9]*)$")


class NotesFormatError(Exception):
    """A notes file cannot be read; `str(error)` names the file, line and column."""

    def __init__(self, name: str, problem: str, line: int | None = None, column: int | None = None):
        self.name = name
        """The file (or a label such as `<ours>`)."""
        self.problem = problem
        """What is wrong, in words."""
        self.line = line
        """1-based line of the problem, when known."""
        self.column = column
        """1-based column of the problem, when known."""
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{name}: {where}{problem}")


class ConflictMarkersError(NotesFormatError):
    """The file holds git conflict markers (a merge without the reader's merge driver)."""


class NewerSchemaError(NotesFormatError):
    """The file was written by a newer reader with a schema this one cannot read."""


class _Resolver(yaml.resolver.BaseResolver):
    """Plain-scalar resolution without YAML 1.1 surprises: only bools, null and decimals."""


_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|false)$"), list("tf"))
_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:null|~|)$"), ["n", "~", ""])
_Resolver.add_implicit_resolver(_INT, _DECIMAL, list("-0123456789"))


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    class _Composer(_CParser, _Resolver):
        """libyaml parses and composes (fast); our resolver types the plain scalars."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - every PyYAML wheel ships libyaml

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Resolver,
    ):
        """The pure-Python parser, used where PyYAML was built without libyaml."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


def decode(data: bytes, name: str) -> str:
    """Check the size and decode UTF-8 (a BOM is tolerated), or raise `NotesFormatError`."""
    if len(data) > MAX_FILE_BYTES:
        raise NotesFormatError(
            name, f"file is {len(data)} bytes, over the {MAX_FILE_BYTES}-byte limit"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise NotesFormatError(name, "not valid UTF-8", line, column) from None


def parse_bytes(data: bytes, name: str) -> NotesFile:
    """Parse the bytes of a notes file (see `parse`)."""
    return parse(decode(data, name), name)


def parse_with_comments(data: bytes, name: str) -> tuple[NotesFile, tuple[int, ...]]:
    """Parse a notes file's bytes (see `parse`), with its hand-written comment lines."""
    notes, comments, _canonical_text = read_notes(data, name)
    return notes, comments


def read_notes(data: bytes, name: str) -> tuple[NotesFile, tuple[int, ...], bool]:
    """Parse a notes file's bytes: the notes, its comment lines, and whether it was canonical.

    Canonical text (exactly what the writer makes of the notes, `yaml_canonical_read`) is read
    in a third of a second for 10,000 notes; any other text is composed by libyaml (about a
    second), and its comments are found in the same pass, as composing twice would cost
    another second. Callers keep a parse of non-canonical text (`parsed_cache`).
    """
    text = decode(data, name)
    fast = _canonical(text, name)
    if fast is not None:
        return fast, (), True  # the writer's own text has no comments
    root = _checked_root(text, name)
    notes = _Validator(name).notes_file(root)
    return notes, _comment_lines_of(text, root), False


def parse(text: str, name: str) -> NotesFile:
    """Parse a notes file's text, checking everything; raise `NotesFormatError` if it is bad.

    `NewerSchemaError` is raised only when a newer-schema file cannot be understood; one
    that can is returned with its `schema`, and the store opens it read-only.
    """
    fast = _canonical(text, name)
    if fast is not None:
        return fast
    return _Validator(name).notes_file(_checked_root(text, name))


def _canonical(text: str, name: str) -> NotesFile | None:
    """The notes, when `text` is exactly what the writer makes of them (`yaml_canonical_read`).

    That text reads the same through the strict reader, which is only needed for the
    header and the tail; None for any other text (the strict reader then reads it all).
    """
    _refuse_markers(text, name)
    if len(text) > MAX_FILE_BYTES:
        return None

    def frame(outline: str) -> NotesFile | None:
        try:
            return _Validator(name).notes_file(_checked_root(outline, name))
        except NotesFormatError:
            return None

    return yaml_canonical_read.parse(text, frame)


def _refuse_markers(text: str, name: str) -> None:
    match = CONFLICT_MARKER.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise ConflictMarkersError(name, "git conflict markers (an unfinished merge)", line, 1)


def _checked_root(text: str, name: str) -> Node:
    _refuse_markers(text, name)
    root = compose(text, name)
    if root is None:
        raise NotesFormatError(name, "the file is empty", 1, 1)
    return root


def compose(text: str, name: str) -> Node | None:
    """Parse `text` into a YAML node tree, refusing aliases; None for an empty document."""
    if len(text) > MAX_FILE_BYTES:
        raise NotesFormatError(name, f"text is over the {MAX_FILE_BYTES}-byte limit")
    composer = _Composer(text)
    try:
        root: Node | None = composer.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if mark is None:
            raise NotesFormatError(name, problem) from None
        raise NotesFormatError(name, problem, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as error:
        raise NotesFormatError(name, str(error).splitlines()[0]) from None
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose is not None:
            dispose()
    if root is not None:
        _refuse_aliases(root, name)
    return root


def _refuse_aliases(root: Node, name: str) -> None:
    # Any tag but plain data is refused up front (`!!python/...`, `!!binary`, `!!timestamp`),
    # wherever it is, so no unknown field can smuggle one through. An alias composes to the
    # very node its anchor names, so meeting a node twice means an alias. Walked without
    # recursion so a deeply nested file cannot blow the stack.
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise NotesFormatError(
                name,
                "anchors and aliases are not allowed (anchor defined here)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace(_TAG, "!!")
            raise NotesFormatError(
                name,
                f"tag {tag} is not allowed (plain strings, numbers, lists and maps only)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)


@dataclass
class _Validator:
    """Turns a node tree into model values, raising errors that point at the node."""

    name: str

    def fail(self, node: Node, problem: str) -> NotesFormatError:
        return NotesFormatError(
            self.name, problem, node.start_mark.line + 1, node.start_mark.column + 1
        )

    def mapping(self, node: Node, what: str) -> dict[str, Node]:
        if not isinstance(node, MappingNode) or node.tag != _MAP:
            raise self.fail(node, f"{what} must be a mapping")
        result: dict[str, Node] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.tag != _STR:
                raise self.fail(key, f"keys of {what} must be strings")
            if key.value in result:
                raise self.fail(key, f"duplicate key {key.value!r} in {what}")
            result[key.value] = value
        return result

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode) or node.tag != _SEQ:
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def string(self, node: Node, what: str) -> str:
        if not isinstance(node, ScalarNode) or node.tag != _STR:
            raise self.fail(node, f"{what} must be a string")
        return str(node.value)

    def optional_string(self, node: Node | None, what: str) -> str | None:
        if node is None or (isinstance(node, ScalarNode) and node.tag == _NULL):
            return None
        return self.string(node, what)

    def integer(self, node: Node, what: str) -> int:
        if not isinstance(node, ScalarNode) or node.tag != _INT or not _DECIMAL.match(node.value):
            raise self.fail(node, f"{what} must be a whole number")
        return int(node.value)

    def strings(self, node: Node, what: str) -> tuple[str, ...]:
        return tuple(self.string(item, f"an item of {what}") for item in self.sequence(node, what))

    def plain(self, node: Node) -> Any:
        """Any value of an unknown field: plain data only."""
        if isinstance(node, ScalarNode):
            if node.tag == _STR:
                return node.value
            if node.tag == _INT and _DECIMAL.match(node.value):
                return int(node.value)
            if node.tag == _BOOL and node.value in ("true", "false"):
                return node.value == "true"
            if node.tag == _NULL:
                return None
            raise self.fail(node, f"unsupported tag {node.tag!r}")
        if isinstance(node, SequenceNode) and node.tag == _SEQ:
            return [self.plain(item) for item in node.value]
        if isinstance(node, MappingNode):
            return {key: self.plain(value) for key, value in self.mapping(node, "a map").items()}
        raise self.fail(node, f"unsupported tag {node.tag!r}")

    def required(self, fields: dict[str, Node], key: str, owner: Node, what: str) -> Node:
        if key not in fields:
            raise self.fail(owner, f"{what} has no {key!r}")
        return fields[key]

    def extras(self, fields: dict[str, Node], known: tuple[str, ...]) -> dict[str, Any]:
        return {k: self.plain(v) for k, v in sorted(fields.items()) if k not in known}

    def notes_file(self, root: Node) -> NotesFile:
        fields = self.mapping(root, "the file")
        schema = self.integer(self.required(fields, "schema", root, "the file"), "schema")
        try:
            return self._notes_file(root, fields, schema)
        except NotesFormatError as error:
            if schema > SCHEMA_VERSION:
                raise NewerSchemaError(
                    self.name,
                    f"written by a newer reader (schema {schema}, this one reads "
                    f"{SCHEMA_VERSION}): {error.problem}",
                    error.line,
                    error.column,
                ) from None
            raise

    def _notes_file(self, root: Node, fields: dict[str, Node], schema: int) -> NotesFile:
        if schema < 1:
            raise self.fail(fields["schema"], f"unknown schema {schema}")
        document = self.document(self.required(fields, "document", root, "the file"))
        annotations: list[Annotation] = []
        seen: dict[str, Node] = {}
        if "annotations" in fields:
            for item in self.sequence(fields["annotations"], "annotations"):
                annotation = self.annotation(item)
                if annotation.id in seen:
                    raise self.fail(item, f"duplicate annotation id {annotation.id!r}")
                seen[annotation.id] = item
                annotations.append(annotation)
        conflicts: list[Conflict] = []
        if "conflicts" in fields:
            conflicts = [self.conflict(item) for item in self.sequence(fields["conflicts"], "c")]
        return NotesFile(
            document=document,
            annotations=tuple(annotations),
            conflicts=tuple(sorted(conflicts, key=conflict_key)),
            schema=schema,
            extra=self.extras(fields, _FILE_KEYS),
        )

    def document(self, node: Node) -> Document:
        fields = self.mapping(node, "document")
        known = fields.get("known_text_sha256")
        return Document(
            id=self.string(self.required(fields, "id", node, "document"), "document id"),
            title=self.optional_string(fields.get("title"), "title") or "",
            url=self.optional_string(fields.get("url"), "url"),
            text_sha256=self.optional_string(fields.get("text_sha256"), "text_sha256") or "",
            known_text_sha256=tuple(sorted(self.strings(known, "known_text_sha256")))
            if known is not None
            else (),
            extra=self.extras(fields, _DOCUMENT_KEYS),
        )

    def annotation(self, node: Node) -> Annotation:
        fields = self.mapping(node, "an annotation")

        def text(key: str) -> str:
            return self.string(self.required(fields, key, node, "an annotation"), key)

        deleted = self.optional_string(fields.get("deleted"), "deleted")
        selector = None
        if "selector" in fields:
            selector = self.selector(fields["selector"])
        elif deleted is None:
            raise self.fail(node, "an annotation has no 'selector'")
        return Annotation(
            id=text("id"),
            created=text("created"),
            updated=text("updated"),
            author=text("author"),
            selector=selector,
            color=self.string(fields["color"], "color") if "color" in fields else "yellow",
            tags=self.strings(fields["tags"], "tags") if "tags" in fields else (),
            note=self.optional_string(fields.get("note"), "note") or "",
            deleted=deleted,
            extra=self.extras(fields, _ANNOTATION_KEYS),
        )

    def selector(self, node: Node) -> Selector:
        fields = self.mapping(node, "selector")
        exact = self.string(self.required(fields, "exact", node, "selector"), "exact")
        start = self.integer(self.required(fields, "start", node, "selector"), "start")
        end = self.integer(self.required(fields, "end", node, "selector"), "end")
        if not 0 <= start <= end:
            raise self.fail(node, f"bad offsets start={start} end={end}")
        return Selector(
            exact=exact,
            prefix=self.optional_string(fields.get("prefix"), "prefix") or "",
            suffix=self.optional_string(fields.get("suffix"), "suffix") or "",
            start=start,
            end=end,
        )

    def conflict(self, node: Node) -> Conflict:
        fields = self.mapping(node, "a conflict")

        def text(key: str) -> str:
            return self.string(self.required(fields, key, node, "a conflict"), key)

        value = self.required(fields, "value", node, "a conflict")
        return Conflict(
            id=text("id"),
            field=text("field"),
            value=self.plain(value),
            updated=text("updated"),
            author=text("author"),
        )


_FILE_KEYS = ("schema", "document", "annotations", "conflicts")
_DOCUMENT_KEYS = ("id", "title", "url", "text_sha256", "known_text_sha256")
_ANNOTATION_KEYS = (
    "id",
    "created",
    "updated",
    "author",
    "deleted",
    "color",
    "tags",
    "selector",
    "note",
)


def read_document(text: str, name: str) -> Document | None:
    """The `document:` header of a notes file, reading only the part before `annotations:`.

    Used to find an article's notes among many files quickly; None when unreadable.
    """
    head = text.split("\nannotations:", 1)[0]
    try:
        root = compose(head, name)
        if root is None:
            return None
        validator = _Validator(name)
        fields = validator.mapping(root, "the file")
        if "document" not in fields:
            return None
        return validator.document(fields["document"])
    except NotesFormatError:
        return None


_HASH = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)
"""A `#` that could start a YAML comment: at a line's start or after a blank."""


def _comment_lines_of(text: str, root: Node | None) -> tuple[int, ...]:
    """The line numbers (from 1) of `#` comments a person wrote in `text`, composed as `root`.

    The reader writes no comments, and PyYAML does not keep them, so a save drops them: the
    store warns first. A `#` inside a note or a quoted string is text, not a comment: only
    one outside every scalar counts.
    """
    hashes = [match.start() for match in _HASH.finditer(text)]
    if not hashes:
        return ()
    spans: list[tuple[int, int]] = []
    stack: list[Node] = [] if root is None else [root]
    while stack:
        node = stack.pop()
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        else:
            spans.append((node.start_mark.index, node.end_mark.index))
    spans.sort()
    starts = [start for start, _ in spans]
    lines: list[int] = []
    for index in hashes:
        at = bisect.bisect_right(starts, index) - 1
        if at >= 0 and spans[at][0] <= index < spans[at][1]:
            continue
        line = text.count("\n", 0, index) + 1
        if not lines or lines[-1] != line:
            lines.append(line)
    return tuple(lines)
